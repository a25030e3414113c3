"""JSON API of certificates (issue, revoke, public verification), people's skill levels,
training subsidies (decide, pay) and the shortage link.

The verification endpoint needs no token, so that an employer can check a certificate number;
it answers with the holder's surname only, and is rate-limited per client address
(`VERIFY_RATE`, in Django's cache: per process with the default local-memory cache, so a
deployment with several processes sets a shared cache, and NINJA_NUM_PROXIES behind a proxy so
that the address is not taken from a header the client controls).
"""

import datetime

from django.utils import timezone
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate
from ninja.throttling import AnonRateThrottle

from minsheng.core.masking import mask_identity_number
from minsheng.registry.selectors import person_get
from minsheng.skills import progress_services, selectors, shortage, subsidy_services
from minsheng.skills.api_schemas import (
    CertificateIn,
    CertificateOut,
    EnrolmentOut,
    PaymentOut,
    PersonSkillsOut,
    RevokeIn,
    ShortageLinkOut,
    ShortageOut,
    SkillLevelIn,
    SkillLevelOut,
    SubsidyDecideIn,
    SubsidyOut,
    SubsidyPayIn,
    VerificationOut,
)

router = Router(tags=["skills"])
VERIFY_RATE = "30/m"


# Certificates ------------------------------------------------------------------------------


@router.get(
    "/skills/certificates/verify/{number}",
    response=VerificationOut,
    auth=None,
    throttle=[AnonRateThrottle(VERIFY_RATE)],
)
def certificate_verify(request, number: str):
    """Public: check a certificate number (with or without hyphens). Shows the holder's
    surname only, the occupation, level, date of issue, issuer and whether it was revoked."""
    return selectors.verify_certificate(number=number)


@router.post("/skills/enrolments/{enrolment_id}/certificate", response={201: CertificateOut})
def certificate_issue(request, enrolment_id: int, payload: CertificateIn):
    """Issue the course's certificate: refused, with the reason, without a passed assessment
    or when the level breaks the ordering rules."""
    enrolment = selectors.enrolment_get(actor=request.auth, enrolment_id=enrolment_id)
    certificate = progress_services.issue_certificate(
        actor=request.auth, enrolment=enrolment, issued_on=payload.issued_on
    )
    return Status(201, selectors.certificate_get(actor=request.auth, certificate_id=certificate.pk))


@router.get("/skills/certificates", response=list[CertificateOut])
@paginate(PageNumberPagination)
def certificate_list(request, course_id: int | None = None):
    course = None
    if course_id is not None:
        course = selectors.course_get(actor=request.auth, course_id=course_id)
    return selectors.certificate_list(actor=request.auth, course=course)


@router.get("/skills/certificates/{certificate_id}", response=CertificateOut)
def certificate_detail(request, certificate_id: int):
    return selectors.certificate_get(actor=request.auth, certificate_id=certificate_id)


@router.post("/skills/certificates/{certificate_id}/revoke", response=CertificateOut)
def certificate_revoke(request, certificate_id: int, payload: RevokeIn):
    certificate = selectors.certificate_get(actor=request.auth, certificate_id=certificate_id)
    progress_services.revoke_certificate(
        actor=request.auth, certificate=certificate, reason=payload.reason, on=payload.revoked_on
    )
    return selectors.certificate_get(actor=request.auth, certificate_id=certificate_id)


# People's skills ---------------------------------------------------------------------------


@router.get("/skills/people/{person_id}", response=PersonSkillsOut)
def person_skills(request, person_id: int):
    """A person's current levels, level history, enrolments, certificates and subsidies."""
    found = selectors.person_skills(actor=request.auth, person_id=person_id)
    return {
        "person_id": found.person.pk,
        "person_name": found.person.name,
        "current_levels": found.current_levels,
        "level_history": found.level_history,
        "enrolments": found.enrolments,
        "certificates": found.certificates,
        "subsidies": found.subsidies,
    }


@router.get("/skills/people/{person_id}/enrolments", response=list[EnrolmentOut])
@paginate(PageNumberPagination)
def person_enrolments(request, person_id: int):
    return selectors.person_enrolments(actor=request.auth, person_id=person_id)


@router.post("/skills/people/{person_id}/levels", response={201: SkillLevelOut})
def person_level_record(request, person_id: int, payload: SkillLevelIn):
    """A level from an enterprise's evaluation or a vocational school (certificates give
    theirs when issued)."""
    person = person_get(actor=request.auth, person_id=person_id)
    return Status(
        201,
        progress_services.record_skill_level(actor=request.auth, person=person, **payload.dict()),
    )


# Subsidies ---------------------------------------------------------------------------------


@router.get("/skills/subsidies", response=list[SubsidyOut])
@paginate(PageNumberPagination)
def subsidy_list(request, course_id: int | None = None, decision: str = ""):
    course = None
    if course_id is not None:
        course = selectors.course_get(actor=request.auth, course_id=course_id)
    return selectors.subsidy_list(actor=request.auth, course=course, decision=decision)


@router.get("/skills/subsidies/{application_id}", response=SubsidyOut)
def subsidy_detail(request, application_id: int):
    return selectors.subsidy_get(actor=request.auth, application_id=application_id)


@router.post("/skills/enrolments/{enrolment_id}/subsidy", response={201: SubsidyOut})
def subsidy_decide(request, enrolment_id: int, payload: SubsidyDecideIn):
    """Decide the training subsidy; the answer lists each condition, met or not."""
    enrolment = selectors.enrolment_get(actor=request.auth, enrolment_id=enrolment_id)
    return Status(
        201,
        subsidy_services.decide_subsidy(
            actor=request.auth, enrolment=enrolment, on=payload.decided_on
        ),
    )


@router.post("/skills/courses/{course_id}/subsidies", response={201: list[SubsidyOut]})
def subsidy_decide_course(request, course_id: int, payload: SubsidyDecideIn):
    """Decide for everyone who completed the course and has no decision yet."""
    course = selectors.course_get(actor=request.auth, course_id=course_id)
    return Status(
        201,
        subsidy_services.decide_course_subsidies(
            actor=request.auth, course=course, on=payload.decided_on
        ),
    )


@router.post("/skills/subsidies/{application_id}/pay", response={201: PaymentOut})
def subsidy_pay(request, application_id: int, payload: SubsidyPayIn):
    """Pay a granted subsidy (supervisors); a second payment for the same course is refused."""
    application = selectors.subsidy_get(actor=request.auth, application_id=application_id)
    return Status(
        201,
        subsidy_services.pay_subsidy(
            actor=request.auth,
            application=application,
            paid_on=payload.paid_on,
            voucher=payload.voucher,
        ),
    )


# Shortage link -----------------------------------------------------------------------------


@router.get("/skills/shortages", response=list[ShortageOut])
def shortage_list(request, region_code: str, as_of: datetime.date | None = None, limit: int = 20):
    """Occupations of the region by gap (open vacancies' headcount − people on the ledger
    wishing them), largest first."""
    return shortage.occupation_shortages(
        actor=request.auth,
        region_code=region_code,
        as_of=as_of or timezone.localdate(),
        limit=min(max(limit, 1), 100),
    )


@router.get("/skills/shortages/{occupation_code}", response=ShortageLinkOut)
def shortage_detail(
    request, occupation_code: str, region_code: str, as_of: datetime.date | None = None
):
    """For one occupation: its shortage, the open courses leading to it in the region's city,
    and (staff) the people on the ledger of the region who wish to work in it."""
    link = shortage.shortage_link(
        actor=request.auth,
        occupation_code=occupation_code,
        region_code=region_code,
        as_of=as_of or timezone.localdate(),
    )
    return {
        "shortage": link.shortage,
        "region_code": link.region_code,
        "course_region_code": link.course_region_code,
        "courses": link.courses,
        "candidates": [
            {
                "person_id": c.person.pk,
                "person_name": c.person.name,
                "identity_number_masked": mask_identity_number(c.person.identity_number),
                "region_code": c.person.region_id,
                "expected_monthly_pay": c.expected_monthly_pay,
                "on_ledger_since": c.on_ledger_since,
                "enrolled_course_ids": list(c.enrolled_course_ids),
            }
            for c in link.candidates
        ],
    }
