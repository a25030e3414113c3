"""Writes of enrolment: places on a course, the waiting list, dropping out and promotion.

Conventions as in `skills.services`. A caseworker's enrolment is a service to the person: it
is recorded as the "training opportunity" of their 1131 (also when the course is full and the
person goes on the waiting list: the opportunity was offered). People may enrol themselves;
that records no service. When someone holding a place drops out, the first on the waiting list
takes the place, and everyone behind moves up one.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.assistance import services as assistance_services
from minsheng.assistance.models import Channel, ServiceKind
from minsheng.core.errors import Conflict
from minsheng.core.models import User
from minsheng.registry.models import Person
from minsheng.skills.levels import SkillsError
from minsheng.skills.models import (
    HOLDS_A_PLACE,
    Course,
    CourseStatus,
    EnrolledVia,
    Enrolment,
    EnrolmentStatus,
)
from minsheng.skills.services import (
    SKILLS_STAFF,
    record,
    require_date,
    require_person_visible,
    require_skills_staff,
    require_text,
    today,
)


def places_taken(course: Course) -> int:
    return course.enrolments.filter(status__in=HOLDS_A_PLACE).count()


def check_open_for_enrolment(course: Course, on: datetime.date) -> None:
    if course.status != CourseStatus.OPEN:
        raise SkillsError(
            "enrolment_closed", _("This course is not open for enrolment."), field="course_id"
        )
    if on > course.starts_on:
        raise SkillsError(
            "course_started",
            _("Enrolment closed when the course started on %(day)s."),
            field="course_id",
            params={"day": course.starts_on.isoformat()},
        )


def enrol(
    *,
    actor: User,
    course: Course,
    person: Person,
    on: datetime.date | None = None,
    channel: str = Channel.IN_PERSON,
) -> Enrolment:
    """A place on the course, or the next place on its waiting list when the course is full."""
    require_person_visible(actor, person)
    by_staff = actor.role in SKILLS_STAFF
    on = require_date(on or today(), field="enrolled_on")
    check_open_for_enrolment(course, on)
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        existing = locked.enrolments.filter(person=person).first()
        if existing is not None:
            raise already_enrolled(existing)
        full = places_taken(locked) >= locked.capacity
        position = None
        if full:
            last = locked.enrolments.filter(status=EnrolmentStatus.WAITING).order_by(
                "-waiting_position"
            )
            position = (last.values_list("waiting_position", flat=True).first() or 0) + 1
        enrolment = Enrolment.objects.create(
            course=locked,
            person=person,
            status=EnrolmentStatus.WAITING if full else EnrolmentStatus.ENROLLED,
            waiting_position=position,
            enrolled_on=on,
            enrolled_by=actor,
            via=EnrolledVia.CASEWORKER if by_staff else EnrolledVia.SELF,
            region_id=person.region_id,
            province_code=person.province_code,
        )
        if by_staff:
            service = assistance_services.record_service(
                actor=actor,
                person=person,
                kind=ServiceKind.TRAINING_OPPORTUNITY,
                delivered_on=on,
                channel=channel,
                content=f"{course.title}（{course.provider.name}，{course.starts_on.isoformat()}）",
            )
            enrolment.service_record_id = service.pk
            enrolment.save(update_fields=["service_record_id"])
        record(
            actor,
            "enrolled",
            enrolment,
            person.region_id,
            after={
                "course": course.pk,
                "person": person.pk,
                "status": enrolment.status,
                "waiting_position": position,
                "via": enrolment.via,
            },
        )
    return enrolment


def already_enrolled(existing: Enrolment) -> Conflict:
    if existing.status == EnrolmentStatus.DROPPED:
        return Conflict(
            "dropped_before",
            _("The person dropped out of this course and cannot enrol in it again."),
            field="person_id",
        )
    return Conflict(
        "already_enrolled",
        _("The person is already enrolled in this course or on its waiting list."),
        field="person_id",
    )


def enrol_many(
    *,
    actor: User,
    course: Course,
    people: list[Person],
    on: datetime.date | None = None,
    channel: str = Channel.IN_PERSON,
) -> list[Enrolment]:
    """Several people at once (from the shortage link); all or none."""
    require_skills_staff(actor)
    with transaction.atomic():
        return [
            enrol(actor=actor, course=course, person=person, on=on, channel=channel)
            for person in people
        ]


@dataclass(frozen=True)
class DropOutcome:
    enrolment: Enrolment
    promoted: Enrolment | None  # who moved up from the waiting list into the freed place


def require_enrolment_actor(actor: User, enrolment: Enrolment) -> None:
    """The person, staff of the person's region, or staff running the course."""
    if actor.role in SKILLS_STAFF and actor.can_see_region(enrolment.course.region_id):
        return
    require_person_visible(actor, enrolment.person)


def drop(
    *, actor: User, enrolment: Enrolment, reason: str, on: datetime.date | None = None
) -> DropOutcome:
    """The person leaves the course (or its waiting list); the first waiting moves up."""
    require_enrolment_actor(actor, enrolment)
    reason = require_text(
        reason,
        field="reason",
        code="reason_required",
        message=_("Say why the person drops out."),
        limit=500,
    )
    on = require_date(on or today(), field="dropped_on")
    if enrolment.status not in (
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.ATTENDED,
        EnrolmentStatus.WAITING,
    ):
        raise Conflict("cannot_drop", _("A completed or dropped enrolment cannot be dropped."))
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=enrolment.course_id)
        held_a_place = enrolment.status != EnrolmentStatus.WAITING
        position = enrolment.waiting_position
        before = enrolment.status
        Enrolment.objects.filter(pk=enrolment.pk).update(
            status=EnrolmentStatus.DROPPED,
            waiting_position=None,
            dropped_on=on,
            drop_reason=reason,
            updated_at=timezone.now(),
        )
        enrolment.refresh_from_db()
        record(
            actor,
            "enrolment_dropped",
            enrolment,
            enrolment.region_id,
            before={"status": before},
            after={"status": enrolment.status},
            reason=reason,
        )
        if position is not None:
            close_waiting_gap(course, position)
        promoted = promote_first_waiting(actor, course, on) if held_a_place else None
    return DropOutcome(enrolment, promoted)


def close_waiting_gap(course: Course, position: int) -> None:
    """Everyone behind `position` moves one up, front first (positions stay unique)."""
    behind = course.enrolments.filter(
        status=EnrolmentStatus.WAITING, waiting_position__gt=position
    ).order_by("waiting_position")
    for waiting in behind:
        Enrolment.objects.filter(pk=waiting.pk).update(
            waiting_position=waiting.waiting_position - 1
        )


def promote_first_waiting(actor: User, course: Course, on: datetime.date) -> Enrolment | None:
    """The first on the waiting list takes the freed place, while the course has not ended."""
    if on > course.ends_on or places_taken(course) >= course.capacity:
        return None
    first = (
        course.enrolments.filter(status=EnrolmentStatus.WAITING)
        .order_by("waiting_position")
        .first()
    )
    if first is None:
        return None
    Enrolment.objects.filter(pk=first.pk).update(
        status=EnrolmentStatus.ENROLLED, waiting_position=None, updated_at=timezone.now()
    )
    close_waiting_gap(course, first.waiting_position)
    first.refresh_from_db()
    record(
        actor,
        "enrolment_promoted",
        first,
        first.region_id,
        after={"status": first.status, "course": course.pk, "on": on},
    )
    return first
