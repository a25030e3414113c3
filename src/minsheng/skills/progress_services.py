"""Writes of a participant's progress: attendance, completion, assessment, certificates and
skill levels. Conventions as in `skills.services` (actor first, one transaction, audited).

A certificate is issued only on a passed assessment, and only when the level it gives obeys
the ordering rules (`skills.levels`); every refusal says which rule. Revoking a certificate
revokes the skill level it gave.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import parameters
from minsheng.core.errors import Conflict, NotFound
from minsheng.core.models import User
from minsheng.core.skill_levels import SkillLevel
from minsheng.registry.models import Person
from minsheng.skills import certificate_numbers
from minsheng.skills.levels import SkillsError, current_level, refuse_level_step
from minsheng.skills.models import (
    AssessmentResult,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    ObtainedBy,
    PersonSkillLevel,
)
from minsheng.skills.services import (
    SKILLS_STAFF,
    clean_occupation,
    record,
    require_course_manager,
    require_date,
    require_person_visible,
    require_skills_staff,
    require_text,
    today,
)

NUMBER_ATTEMPTS = 5


def clean_decimal(value, *, field: str, low: Decimal, high: Decimal, message) -> Decimal:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise SkillsError(f"invalid_{field}", message, field=field) from None
    if not low <= number <= high:
        raise SkillsError(f"invalid_{field}", message, field=field)
    return number


def require_attending(enrolment: Enrolment) -> None:
    if enrolment.status not in (EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED):
        raise Conflict(
            "not_attending",
            _(
                "This can be recorded only for a person who holds a place on the course and has "
                "not completed it."
            ),
        )


def record_attendance(
    *, actor: User, enrolment: Enrolment, hours, on: datetime.date | None = None
) -> Enrolment:
    """Hours the person attended (one session or a week), added to their total."""
    course = enrolment.course
    require_course_manager(actor, course)
    require_attending(enrolment)
    hours = clean_decimal(
        hours,
        field="hours",
        low=Decimal("0.5"),
        high=Decimal(course.hours),
        message=_("Enter the hours attended."),
    )
    on = require_date(on or today(), field="on")
    if on < course.starts_on:
        raise SkillsError(
            "before_course_start", _("The course had not started on that day."), field="on"
        )
    total = enrolment.attendance_hours + hours
    if total > course.hours:
        raise SkillsError(
            "attendance_beyond_course_hours",
            _("That makes %(total)s hours attended, more than the course's %(hours)s hours."),
            field="hours",
            params={"total": total, "hours": course.hours},
        )
    with transaction.atomic():
        Enrolment.objects.filter(pk=enrolment.pk).update(
            attendance_hours=total, status=EnrolmentStatus.ATTENDED, updated_at=timezone.now()
        )
        enrolment.refresh_from_db()
        record(
            actor,
            "attendance_recorded",
            enrolment,
            enrolment.region_id,
            after={"hours": hours, "total": total, "on": on},
        )
    return enrolment


def record_completion(
    *, actor: User, enrolment: Enrolment, completed_on: datetime.date | None = None
) -> Enrolment:
    """The person completed the course: enough of its hours attended (a parameter)."""
    course = enrolment.course
    require_course_manager(actor, course)
    require_attending(enrolment)
    completed_on = require_date(completed_on or today(), field="completed_on")
    if completed_on < course.starts_on:
        raise SkillsError(
            "before_course_start",
            _("The course had not started on that day."),
            field="completed_on",
        )
    share = Decimal(str(parameters.value("skills.minimum_attendance_share", completed_on)))
    needed = (share * course.hours).quantize(Decimal("0.1"))
    if enrolment.attendance_hours < needed:
        raise SkillsError(
            "attendance_too_low",
            _(
                "%(attended)s of the course's %(hours)s hours attended; completing it needs at "
                "least %(needed)s."
            ),
            field="completed_on",
            params={
                "attended": enrolment.attendance_hours,
                "hours": course.hours,
                "needed": needed,
            },
        )
    with transaction.atomic():
        Enrolment.objects.filter(pk=enrolment.pk).update(
            status=EnrolmentStatus.COMPLETED, completed_on=completed_on, updated_at=timezone.now()
        )
        enrolment.refresh_from_db()
        record(
            actor,
            "course_completed",
            enrolment,
            enrolment.region_id,
            after={"completed_on": completed_on, "hours": enrolment.attendance_hours},
        )
    return enrolment


def record_assessment(
    *, actor: User, enrolment: Enrolment, score, assessed_on: datetime.date | None = None
) -> Enrolment:
    """The assessment's score out of 100; the pass mark is a parameter. A failed one may be
    taken again; a passed one stands."""
    require_course_manager(actor, enrolment.course)
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise SkillsError(
            "not_completed",
            _("The person must complete the course before the assessment is recorded."),
            field="score",
        )
    if enrolment.assessment_result == AssessmentResult.PASS:
        raise Conflict("already_passed", _("The person has already passed this assessment."))
    score = clean_decimal(
        score,
        field="score",
        low=Decimal(0),
        high=Decimal(100),
        message=_("Enter the score, from 0 to 100."),
    )
    assessed_on = require_date(assessed_on or today(), field="assessed_on")
    if assessed_on < enrolment.completed_on:
        raise SkillsError(
            "assessed_before_completion",
            _("The assessment cannot come before the course was completed."),
            field="assessed_on",
        )
    passed = score >= parameters.value("skills.assessment_pass_score", assessed_on)
    result = AssessmentResult.PASS if passed else AssessmentResult.FAIL
    before = {"result": enrolment.assessment_result, "score": enrolment.assessment_score}
    with transaction.atomic():
        Enrolment.objects.filter(pk=enrolment.pk).update(
            assessment_result=result,
            assessment_score=score,
            assessed_on=assessed_on,
            updated_at=timezone.now(),
        )
        enrolment.refresh_from_db()
        record(
            actor,
            "assessment_recorded",
            enrolment,
            enrolment.region_id,
            before=before,
            after={"result": result, "score": score, "assessed_on": assessed_on},
        )
    return enrolment


def refuse_without_pass(enrolment: Enrolment) -> None:
    if enrolment.assessment_result == AssessmentResult.PASS:
        return
    if enrolment.assessment_result == AssessmentResult.FAIL:
        message = _("No certificate: the person failed this course's assessment (score %(score)s).")
        raise SkillsError(
            "assessment_failed",
            message,
            field="enrolment_id",
            params={"score": enrolment.assessment_score},
        )
    raise SkillsError(
        "assessment_not_passed",
        _("No certificate: the person has not passed this course's assessment."),
        field="enrolment_id",
    )


def unused_number(issued_on: datetime.date, region_code: str) -> str:
    for _attempt in range(NUMBER_ATTEMPTS):
        number = certificate_numbers.new_number(issued_on=issued_on, region_code=region_code)
        if not Certificate.objects.filter(number=number).exists():
            return number
    raise Conflict("certificate_number_exhausted", _("Please try again."))


def issue_certificate(
    *, actor: User, enrolment: Enrolment, issued_on: datetime.date | None = None
) -> Certificate:
    """The course's level in its occupation, for a passed assessment within the level rules."""
    course = enrolment.course
    require_course_manager(actor, course)
    refuse_without_pass(enrolment)
    if enrolment.certificates.filter(revoked_on__isnull=True).exists():
        raise Conflict("certificate_exists", _("A certificate has already been issued for this."))
    issued_on = require_date(issued_on or today(), field="issued_on")
    if issued_on < enrolment.assessed_on:
        raise SkillsError(
            "issued_before_assessment",
            _("A certificate cannot be issued before the assessment."),
            field="issued_on",
        )
    provider = course.provider
    if not provider.accredited_on(issued_on):
        raise SkillsError(
            "provider_not_accredited",
            _("The provider's accreditation is not valid on the day of issue."),
            field="issued_on",
        )
    person = enrolment.person
    refuse_level_step(
        current=current_level(person, course.occupation_code, issued_on),
        target=course.target_level,
        on=issued_on,
    )
    certificate = Certificate(
        number=unused_number(issued_on, provider.region_id),
        person=person,
        enrolment=enrolment,
        course=course,
        occupation_code=course.occupation_code,
        level=course.target_level,
        issued_on=issued_on,
        issuer=provider,
        issued_by=actor,
        region_id=person.region_id,
        province_code=person.province_code,
    )
    try:
        with transaction.atomic():
            certificate.save()
            PersonSkillLevel.objects.create(
                person=person,
                occupation_code=course.occupation_code,
                level=course.target_level,
                obtained_by=ObtainedBy.CERTIFICATE,
                obtained_on=issued_on,
                evaluated_by=provider.name,
                certificate=certificate,
                region_id=person.region_id,
                province_code=person.province_code,
                recorded_by=actor,
            )
            record(
                actor,
                "certificate_issued",
                certificate,
                person.region_id,
                after={
                    "number": certificate.number,
                    "person": person.pk,
                    "enrolment": enrolment.pk,
                    "occupation_code": course.occupation_code,
                    "level": course.target_level,
                    "issued_on": issued_on,
                },
            )
    except IntegrityError:
        raise Conflict(
            "certificate_exists", _("A certificate has already been issued for this.")
        ) from None
    return certificate


def revoke_certificate(
    *, actor: User, certificate: Certificate, reason: str, on: datetime.date | None = None
) -> Certificate:
    """Staff of the issuer's region revoke it, saying why; the level it gave goes with it."""
    require_skills_staff(actor)
    if not actor.can_see_region(certificate.issuer.region_id):
        raise NotFound("certificate_not_found", _("No such certificate."))
    if certificate.revoked_on is not None:
        raise Conflict("already_revoked", _("This certificate has already been revoked."))
    reason = require_text(
        reason,
        field="reason",
        code="reason_required",
        message=_("Say why the certificate is revoked."),
        limit=500,
    )
    on = require_date(on or today(), field="on")
    if on < certificate.issued_on:
        raise SkillsError(
            "revoked_before_issue",
            _("A certificate cannot be revoked before it was issued."),
            field="on",
        )
    with transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(
            revoked_on=on, revoked_reason=reason, revoked_by=actor
        )
        PersonSkillLevel.objects.filter(certificate=certificate).update(revoked_on=on)
        certificate.refresh_from_db()
        record(
            actor,
            "certificate_revoked",
            certificate,
            certificate.region_id,
            after={"number": certificate.number, "revoked_on": on},
            reason=reason,
        )
    return certificate


def record_skill_level(
    *,
    actor: User,
    person: Person,
    occupation_code: str,
    level: int,
    obtained_by: str,
    obtained_on: datetime.date,
    evaluated_by: str,
) -> PersonSkillLevel:
    """A level from an enterprise's own evaluation or a vocational school, within the rules.

    Levels from certificates are recorded by `issue_certificate`, never here.
    """
    require_person_visible(actor, person)
    if actor.role not in SKILLS_STAFF:
        raise NotFound("person_not_found", _("No such person."))
    if obtained_by not in (ObtainedBy.ENTERPRISE_EVALUATION, ObtainedBy.VOCATIONAL_SCHOOL):
        raise SkillsError(
            "unknown_obtained_by",
            _("Choose how the level was obtained: enterprise evaluation or vocational school."),
            field="obtained_by",
        )
    if level not in SkillLevel.values:
        raise SkillsError("unknown_skill_level", _("Unknown skill level."), field="level")
    obtained_on = require_date(obtained_on, field="obtained_on")
    # Checked against today's classification: older levels are recorded under current codes.
    occupation_code = clean_occupation(occupation_code, today())
    evaluated_by = require_text(
        evaluated_by,
        field="evaluated_by",
        code="evaluator_required",
        message=_("Enter the enterprise or school that evaluated the person."),
        limit=200,
    )
    refuse_level_step(
        current=current_level(person, occupation_code, obtained_on), target=level, on=obtained_on
    )
    try:
        with transaction.atomic():
            row = PersonSkillLevel.objects.create(
                person=person,
                occupation_code=occupation_code,
                level=level,
                obtained_by=obtained_by,
                obtained_on=obtained_on,
                evaluated_by=evaluated_by,
                region_id=person.region_id,
                province_code=person.province_code,
                recorded_by=actor,
            )
            record(
                actor,
                "skill_level_recorded",
                row,
                person.region_id,
                after={
                    "person": person.pk,
                    "occupation_code": occupation_code,
                    "level": level,
                    "obtained_by": obtained_by,
                    "obtained_on": obtained_on,
                },
            )
    except IntegrityError:
        raise Conflict(
            "level_already_recorded",
            _("The person already holds this level in this occupation."),
            field="level",
        ) from None
    return row
