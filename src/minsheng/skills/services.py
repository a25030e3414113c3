"""Writes of the skills context: training providers and courses, and the checks every write
shares.

Every function takes keyword arguments with the acting user first, validates, writes in one
transaction and appends its audit event in that same transaction. Enrolment and the waiting
list are in `enrolment_services`; attendance, assessment, certificates and skill levels in
`progress_services`; subsidies in `subsidy_services`.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.errors import Conflict, NotFound, PermissionDenied
from minsheng.core.identity import parse_credit_code
from minsheng.core.models import Role, User
from minsheng.core.regions import region_tree
from minsheng.core.skill_levels import SkillLevel
from minsheng.occupations import selectors as occupation_selectors
from minsheng.registry.models import Person
from minsheng.skills.levels import SkillsError, focus_area_of
from minsheng.skills.models import (
    Course,
    CourseStatus,
    ProviderKind,
    TrainingProvider,
)

SKILLS_STAFF = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.CASEWORKER})
MAXIMUM_HOURS = 3000
MAXIMUM_CAPACITY = 1000
MAXIMUM_COST = Decimal(100_000)


record = audit.record_object  # the app's audited changes to its rows


def today() -> datetime.date:
    return timezone.localdate()


def require_skills_staff(actor: User) -> None:
    if actor is None or actor.role not in SKILLS_STAFF:
        raise PermissionDenied("not_skills_staff", _("Your role cannot do this."))


def require_region(actor: User, code: str, *, field: str = "region_code") -> str:
    """A region of China within the actor's responsibility."""
    code = (code or "").strip()
    if code not in region_tree() or code == "100000":
        raise SkillsError(
            "unknown_region",
            _("Unknown region: use a 6-digit administrative division code of China."),
            field=field,
        )
    if not actor.can_see_region(code):
        raise SkillsError(
            "region_out_of_scope",
            _("This region lies outside the area you are responsible for."),
            field=field,
        )
    return code


def require_course_manager(actor: User, course: Course) -> None:
    """Staff of the course's region run it; to everybody else it is not theirs to change."""
    require_skills_staff(actor)
    if not actor.can_see_region(course.region_id):
        raise NotFound("course_not_found", _("No such course."))


def require_person_visible(actor: User, person: Person) -> None:
    """The person themselves, or staff of the person's region."""
    if actor.role == Role.CITIZEN and person.account_id == actor.pk:
        return
    if actor.role in SKILLS_STAFF and actor.can_see_region(person.region_id):
        return
    raise NotFound("person_not_found", _("No such person."))


def require_date(day, *, field: str, not_after: datetime.date | None = None) -> datetime.date:
    if not isinstance(day, datetime.date):
        raise SkillsError("date_required", _("Enter the date."), field=field)
    if day > (not_after or today()):
        raise SkillsError("date_in_future", _("The date cannot be in the future."), field=field)
    return day


def require_text(value: str, *, field: str, code: str, message, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise SkillsError(code, message, field=field)
    return text[:limit]


# Providers ---------------------------------------------------------------------------------


def register_provider(
    *,
    actor: User,
    name: str,
    kind: str,
    credit_code: str,
    region_code: str,
    accreditation_number: str,
    accredited_from: datetime.date,
    accredited_until: datetime.date | None = None,
    address: str = "",
) -> TrainingProvider:
    require_skills_staff(actor)
    name = require_text(
        name, field="name", code="name_required", message=_("Enter the provider's name."), limit=200
    )
    if kind not in ProviderKind.values:
        raise SkillsError("unknown_provider_kind", _("Choose the kind of provider."), field="kind")
    credit_code = parse_credit_code(credit_code, field="credit_code")
    region_code = require_region(actor, region_code)
    accreditation_number = require_text(
        accreditation_number,
        field="accreditation_number",
        code="accreditation_required",
        message=_("Enter the number of the provider's accreditation."),
        limit=64,
    )
    if not isinstance(accredited_from, datetime.date):
        raise SkillsError("date_required", _("Enter the date."), field="accredited_from")
    if accredited_until is not None and accredited_until < accredited_from:
        raise SkillsError(
            "accreditation_ends_before_start",
            _("The accreditation cannot end before it starts."),
            field="accredited_until",
        )
    provider = TrainingProvider(
        name=name,
        kind=kind,
        credit_code=credit_code,
        region_id=region_code,
        province_code=region_tree().province_of(region_code),
        address=(address or "").strip(),
        accreditation_number=accreditation_number,
        accredited_from=accredited_from,
        accredited_until=accredited_until,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            provider.save()
            record(
                actor,
                "provider_registered",
                provider,
                region_code,
                after={"name": name, "kind": kind, "accreditation": accreditation_number},
            )
    except IntegrityError:
        raise Conflict(
            "provider_exists",
            _("A provider with this Unified Social Credit Code is already registered."),
            field="credit_code",
        ) from None
    return provider


# Courses -----------------------------------------------------------------------------------


def clean_occupation(code: str, day: datetime.date) -> str:
    code = (code or "").strip()
    if not code or not occupation_selectors.is_code_in_force(code, as_of=day):
        raise SkillsError(
            "unknown_occupation",
            _("Unknown occupation code; use a code of the classification such as 4-04-05-05."),
            field="occupation_code",
        )
    return code


def bounded_int(value, *, field: str, low: int, high: int, message) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SkillsError(f"invalid_{field}", message, field=field)
    return value


def clean_cost(value) -> Decimal:
    try:
        cost = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise SkillsError("invalid_cost", _("Enter the fee in yuan."), field="cost") from None
    if not 0 <= cost <= MAXIMUM_COST:
        raise SkillsError(
            "cost_out_of_range", _("The fee must lie between 0 and 100,000 yuan."), field="cost"
        )
    return cost


def add_course(
    *,
    actor: User,
    provider: TrainingProvider,
    title: str,
    occupation_code: str,
    target_level: int,
    hours: int,
    starts_on: datetime.date,
    ends_on: datetime.date,
    place: str,
    region_code: str,
    capacity: int,
    cost,
    description: str = "",
) -> Course:
    """A course of an accredited provider; its focus area follows from the occupation."""
    require_skills_staff(actor)
    title = require_text(
        title, field="title", code="title_required", message=_("Enter the course title."), limit=120
    )
    if not isinstance(starts_on, datetime.date):
        raise SkillsError("date_required", _("Enter the date."), field="starts_on")
    if not isinstance(ends_on, datetime.date):
        raise SkillsError("date_required", _("Enter the date."), field="ends_on")
    if ends_on < starts_on:
        raise SkillsError(
            "course_ends_before_start",
            _("The course cannot end before it starts."),
            field="ends_on",
        )
    occupation_code = clean_occupation(occupation_code, starts_on)
    if target_level not in SkillLevel.values:
        raise SkillsError("unknown_skill_level", _("Unknown skill level."), field="target_level")
    hours = bounded_int(
        hours,
        field="hours",
        low=1,
        high=MAXIMUM_HOURS,
        message=_("Enter the course's hours (1 to 3,000)."),
    )
    capacity = bounded_int(
        capacity,
        field="capacity",
        low=1,
        high=MAXIMUM_CAPACITY,
        message=_("Enter how many people the course takes (1 to 1,000)."),
    )
    cost = clean_cost(cost)
    place = require_text(
        place,
        field="place",
        code="place_required",
        message=_("Enter where the course takes place."),
        limit=200,
    )
    region_code = require_region(actor, region_code)
    if not (provider.accredited_on(starts_on) and provider.accredited_on(ends_on)):
        raise SkillsError(
            "provider_not_accredited",
            _("The provider's accreditation does not cover the course's dates."),
            field="provider_id",
        )
    course = Course(
        provider=provider,
        title=title,
        occupation_code=occupation_code,
        target_level=target_level,
        hours=hours,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place,
        region_id=region_code,
        province_code=region_tree().province_of(region_code),
        capacity=capacity,
        cost=cost,
        focus_area=focus_area_of(occupation_code, starts_on),
        description=(description or "").strip(),
        created_by=actor,
    )
    with transaction.atomic():
        course.save()
        record(
            actor,
            "course_added",
            course,
            region_code,
            after={
                "provider": provider.pk,
                "title": title,
                "occupation_code": occupation_code,
                "target_level": target_level,
                "starts_on": starts_on,
                "capacity": capacity,
                "cost": cost,
                "focus_area": course.focus_area,
            },
        )
    return course


def set_course_status(*, actor: User, course: Course, status: str, reason: str = "") -> Course:
    """Close enrolment early, reopen it, or cancel the course (saying why)."""
    require_course_manager(actor, course)
    if status not in CourseStatus.values:
        raise SkillsError("unknown_status", _("Choose the course's status."), field="status")
    if course.status == CourseStatus.CANCELLED:
        raise Conflict("course_cancelled", _("A cancelled course cannot be changed."))
    reason = (reason or "").strip()
    if status == CourseStatus.CANCELLED and not reason:
        raise SkillsError("reason_required", _("Say why the course is cancelled."), field="reason")
    before = course.status
    with transaction.atomic():
        Course.objects.filter(pk=course.pk).update(status=status)
        course.status = status
        record(
            actor,
            "course_status_changed",
            course,
            course.region_id,
            before={"status": before},
            after={"status": status},
            reason=reason,
        )
    return course
