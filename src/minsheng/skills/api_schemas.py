"""Shapes of the skills API. People appear with masked identity numbers only."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from minsheng.core.masking import mask_identity_number
from minsheng.core.skill_levels import SkillLevel
from minsheng.registry.occupations import occupation_name
from minsheng.skills.certificate_numbers import grouped
from minsheng.skills.explain import condition_rows


def level_label(level: int | None) -> str:
    return str(SkillLevel(level).label) if level else ""


class ProviderIn(Schema):
    name: str
    kind: str = Field(..., description="vocational_school, enterprise or training_organisation")
    credit_code: str
    region_code: str
    accreditation_number: str
    accredited_from: datetime.date
    accredited_until: datetime.date | None = None
    address: str = ""


class ProviderOut(Schema):
    id: int
    name: str
    kind: str
    credit_code: str
    region_code: str = Field(..., alias="region_id")
    address: str
    accreditation_number: str
    accredited_from: datetime.date
    accredited_until: datetime.date | None


class CourseIn(Schema):
    provider_id: int
    title: str
    occupation_code: str = Field(..., description="an occupation of the classification")
    target_level: int = Field(..., description="1 apprentice … 8 chief technician")
    hours: int
    starts_on: datetime.date
    ends_on: datetime.date
    place: str
    region_code: str
    capacity: int
    cost: Decimal = Field(..., description="fee per person, yuan")
    description: str = ""


class CourseStatusIn(Schema):
    status: str = Field(..., description="open, closed or cancelled")
    reason: str = ""


class CourseOut(Schema):
    id: int
    provider_id: int
    provider_name: str = Field(..., alias="provider.name")
    title: str
    occupation_code: str
    occupation_name: str
    target_level: int
    target_level_name: str
    hours: int
    starts_on: datetime.date
    ends_on: datetime.date
    place: str
    region_code: str = Field(..., alias="region_id")
    capacity: int
    places_taken: int = 0
    waiting: int = 0
    cost: Decimal
    focus_area: str
    status: str
    description: str

    @staticmethod
    def resolve_occupation_name(course) -> str:
        return occupation_name(course.occupation_code)

    @staticmethod
    def resolve_target_level_name(course) -> str:
        return level_label(course.target_level)


class EnrolmentIn(Schema):
    """Staff name the person; a citizen leaves `person_id` out to enrol themselves."""

    person_id: int | None = None
    channel: str = Field("in_person", description="how the caseworker offered it (1131)")
    enrolled_on: datetime.date | None = None


class BulkEnrolmentIn(Schema):
    person_ids: list[int] = Field(..., min_length=1, max_length=200)
    channel: str = "in_person"
    enrolled_on: datetime.date | None = None


class EnrolmentOut(Schema):
    id: int
    course_id: int
    course_title: str = Field(..., alias="course.title")
    person_id: int
    person_name: str = Field(..., alias="person.name")
    identity_number_masked: str
    status: str
    waiting_position: int | None
    enrolled_on: datetime.date
    via: str
    attendance_hours: Decimal
    completed_on: datetime.date | None
    assessment_result: str
    assessment_score: Decimal | None
    assessed_on: datetime.date | None
    dropped_on: datetime.date | None
    drop_reason: str
    service_record_id: int | None

    @staticmethod
    def resolve_identity_number_masked(enrolment) -> str:
        return mask_identity_number(enrolment.person.identity_number)


class CourseDetailOut(Schema):
    course: CourseOut
    places_taken: int
    places_left: int
    participants: list[EnrolmentOut]
    waiting_list: list[EnrolmentOut]
    dropped: list[EnrolmentOut]


class DropIn(Schema):
    reason: str
    dropped_on: datetime.date | None = None


class DropOut(Schema):
    enrolment: EnrolmentOut
    promoted: EnrolmentOut | None


class AttendanceIn(Schema):
    hours: Decimal
    on: datetime.date | None = None


class CompletionIn(Schema):
    completed_on: datetime.date | None = None


class AssessmentIn(Schema):
    score: Decimal = Field(..., description="out of 100")
    assessed_on: datetime.date | None = None


class CertificateIn(Schema):
    issued_on: datetime.date | None = None


class RevokeIn(Schema):
    reason: str
    revoked_on: datetime.date | None = None


class CertificateOut(Schema):
    id: int
    number: str
    person_id: int
    person_name: str = Field(..., alias="person.name")
    course_id: int | None
    occupation_code: str
    occupation_name: str
    level: int
    level_name: str
    issued_on: datetime.date
    issuer_id: int
    issuer_name: str = Field(..., alias="issuer.name")
    revoked_on: datetime.date | None
    revoked_reason: str

    @staticmethod
    def resolve_number(certificate) -> str:
        return grouped(certificate.number)

    @staticmethod
    def resolve_occupation_name(certificate) -> str:
        return occupation_name(certificate.occupation_code)

    @staticmethod
    def resolve_level_name(certificate) -> str:
        return level_label(certificate.level)


class VerificationOut(Schema):
    """Everything the public verification says: the holder appears as a surname only."""

    number: str
    holder: str
    occupation_code: str
    occupation_name: str
    level: int
    level_name: str
    issued_on: datetime.date
    issuer: str
    valid: bool
    revoked_on: datetime.date | None


class SkillLevelIn(Schema):
    occupation_code: str
    level: int
    obtained_by: str = Field(..., description="enterprise_evaluation or vocational_school")
    obtained_on: datetime.date
    evaluated_by: str


class SkillLevelOut(Schema):
    id: int
    occupation_code: str
    occupation_name: str
    level: int
    level_name: str
    obtained_by: str
    obtained_on: datetime.date
    evaluated_by: str
    certificate_number: str | None
    revoked_on: datetime.date | None

    @staticmethod
    def resolve_occupation_name(row) -> str:
        return occupation_name(row.occupation_code)

    @staticmethod
    def resolve_level_name(row) -> str:
        return level_label(row.level)

    @staticmethod
    def resolve_certificate_number(row) -> str | None:
        return grouped(row.certificate.number) if row.certificate_id else None


class ConditionOut(Schema):
    code: str
    label: str
    met: bool
    explanation: str


class SubsidyDecideIn(Schema):
    decided_on: datetime.date | None = None


class SubsidyPayIn(Schema):
    paid_on: datetime.date | None = None
    voucher: str = ""


class SubsidyOut(Schema):
    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    enrolment_id: int
    course_id: int
    course_title: str = Field(..., alias="course.title")
    decision: str
    amount: Decimal | None
    group: str
    level: int
    decided_on: datetime.date
    conditions: list[ConditionOut]
    rule: dict
    paid_on: datetime.date | None
    paid_amount: Decimal | None

    @staticmethod
    def resolve_conditions(application) -> list[dict]:
        return [vars(row) for row in condition_rows(application.conditions)]

    @staticmethod
    def resolve_paid_on(application) -> datetime.date | None:
        payment = getattr(application, "payment", None)
        return payment.paid_on if payment else None

    @staticmethod
    def resolve_paid_amount(application) -> Decimal | None:
        payment = getattr(application, "payment", None)
        return payment.amount if payment else None


class PaymentOut(Schema):
    id: int
    application_id: int
    person_id: int
    course_id: int
    amount: Decimal
    paid_on: datetime.date
    voucher: str


class PersonSkillsOut(Schema):
    person_id: int
    person_name: str
    current_levels: list[SkillLevelOut]
    level_history: list[SkillLevelOut]
    enrolments: list[EnrolmentOut]
    certificates: list[CertificateOut]
    subsidies: list[SubsidyOut]


class ShortageOut(Schema):
    occupation_code: str
    occupation_name: str
    demand: int
    seekers: int
    gap: int
    ratio: float | None


class CandidateOut(Schema):
    person_id: int
    person_name: str
    identity_number_masked: str
    region_code: str
    expected_monthly_pay: int | None
    on_ledger_since: datetime.date
    enrolled_course_ids: list[int]


class ShortageLinkOut(Schema):
    shortage: ShortageOut
    region_code: str
    course_region_code: str
    courses: list[CourseOut]
    candidates: list[CandidateOut]
