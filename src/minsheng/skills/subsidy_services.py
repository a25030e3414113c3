"""Writes of training subsidies: decisions (with each condition of the rule) and payments.

Staff of the person's or the course's region decide; supervisors and administrators pay.
A person is paid at most once for a course: the service refuses a second payment with the
reason, and a unique constraint on the payments keeps it so whatever writes them.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import Conflict, NotFound, PermissionDenied
from minsheng.core.models import Role, User
from minsheng.skills.levels import SkillsError
from minsheng.skills.models import (
    Course,
    Enrolment,
    EnrolmentStatus,
    SubsidyApplication,
    SubsidyDecision,
    SubsidyPayment,
)
from minsheng.skills.services import SKILLS_STAFF, record, require_date, today
from minsheng.skills.subsidy_rules import assess_subsidy

SUBSIDY_PAYERS = frozenset({Role.ADMIN, Role.SUPERVISOR})


def require_subsidy_staff(actor: User, enrolment: Enrolment) -> None:
    if actor is None or actor.role not in SKILLS_STAFF:
        raise PermissionDenied("not_skills_staff", _("Your role cannot do this."))
    if not (
        actor.can_see_region(enrolment.region_id)
        or actor.can_see_region(enrolment.course.region_id)
    ):
        raise NotFound("enrolment_not_found", _("No such enrolment."))


def already_paid(payment: SubsidyPayment) -> Conflict:
    return Conflict(
        "subsidy_already_paid",
        _("This person was already paid a training subsidy for this course (on %(day)s)."),
        params={"day": payment.paid_on.isoformat()},
    )


def decide_subsidy(
    *, actor: User, enrolment: Enrolment, on: datetime.date | None = None
) -> SubsidyApplication:
    """Decide, condition by condition; a refused decision may be taken again later."""
    require_subsidy_staff(actor, enrolment)
    on = require_date(on or today(), field="decided_on")
    granted = enrolment.subsidy_applications.filter(decision=SubsidyDecision.GRANTED)
    if granted.exists():
        raise Conflict(
            "subsidy_already_granted",
            _("A training subsidy has already been granted for this enrolment."),
        )
    assessment = assess_subsidy(enrolment, on)
    decision = SubsidyDecision.GRANTED if assessment.eligible else SubsidyDecision.REFUSED
    application = SubsidyApplication(
        person=enrolment.person,
        enrolment=enrolment,
        course=enrolment.course,
        decision=decision,
        amount=assessment.amount,
        group=assessment.group,
        level=enrolment.course.target_level,
        conditions=[condition.as_dict() for condition in assessment.conditions],
        rule=assessment.rule,
        decided_on=on,
        decided_by=actor,
        region_id=enrolment.region_id,
        province_code=enrolment.province_code,
    )
    try:
        with transaction.atomic():
            application.save()
            record(
                actor,
                "subsidy_decided",
                application,
                enrolment.region_id,
                after={
                    "enrolment": enrolment.pk,
                    "decision": decision,
                    "amount": assessment.amount,
                    "group": assessment.group,
                    "conditions": application.conditions,
                },
            )
    except IntegrityError:
        raise Conflict(
            "subsidy_already_granted",
            _("A training subsidy has already been granted for this enrolment."),
        ) from None
    return application


def decide_course_subsidies(
    *, actor: User, course: Course, on: datetime.date | None = None
) -> list[SubsidyApplication]:
    """A decision for everyone who completed the course and has none yet (refusals included)."""
    if actor is None or actor.role not in SKILLS_STAFF:
        raise PermissionDenied("not_skills_staff", _("Your role cannot do this."))
    undecided = (
        Enrolment.objects.for_actor(actor)
        .filter(course=course, status=EnrolmentStatus.COMPLETED, subsidy_applications__isnull=True)
        .select_related("course", "person")
        .order_by("pk")
    )
    with transaction.atomic():
        return [decide_subsidy(actor=actor, enrolment=e, on=on) for e in undecided]


def pay_subsidy(
    *,
    actor: User,
    application: SubsidyApplication,
    paid_on: datetime.date | None = None,
    voucher: str = "",
) -> SubsidyPayment:
    if actor is None or actor.role not in SUBSIDY_PAYERS:
        raise PermissionDenied(
            "not_subsidy_payer", _("Only supervisors and administrators pay subsidies.")
        )
    if not (
        actor.can_see_region(application.region_id)
        or actor.can_see_region(application.course.region_id)
    ):
        raise NotFound("subsidy_not_found", _("No such subsidy application."))
    if application.decision != SubsidyDecision.GRANTED:
        raise Conflict("subsidy_not_granted", _("Only a granted subsidy can be paid."))
    previous = SubsidyPayment.objects.filter(
        person=application.person_id, course=application.course_id
    ).first()
    if previous is not None:
        raise already_paid(previous)
    paid_on = require_date(paid_on or today(), field="paid_on")
    if paid_on < application.decided_on:
        raise SkillsError(
            "paid_before_decision",
            _("A subsidy cannot be paid before it was decided."),
            field="paid_on",
        )
    payment = SubsidyPayment(
        application=application,
        person_id=application.person_id,
        course_id=application.course_id,
        amount=application.amount,
        paid_on=paid_on,
        voucher=(voucher or "").strip()[:64],
        paid_by=actor,
        region_id=application.region_id,
        province_code=application.province_code,
    )
    try:
        with transaction.atomic():
            payment.save()
            record(
                actor,
                "subsidy_paid",
                payment,
                application.region_id,
                after={
                    "application": application.pk,
                    "person": application.person_id,
                    "course": application.course_id,
                    "amount": application.amount,
                    "paid_on": paid_on,
                },
            )
    except IntegrityError:
        previous = SubsidyPayment.objects.filter(
            person=application.person_id, course=application.course_id
        ).first()
        raise (
            already_paid(previous)
            if previous
            else Conflict("subsidy_already_paid", _("This subsidy has already been paid."))
        ) from None
    return payment
