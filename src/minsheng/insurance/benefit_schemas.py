"""Shapes of the unemployment-benefit and personal-pension API. Money is a decimal string;
people appear with masked identity numbers only; conditions come with their explanation in
the language of the request."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from minsheng.core.masking import mask_identity_number
from minsheng.insurance.personal_pension_selectors import explained


def person_masked(row) -> str:
    return mask_identity_number(row.person.identity_number)


class ConditionOut(Schema):
    code: str
    met: bool
    text: str


class ClaimIn(Schema):
    lost_job_on: datetime.date
    reason: str = Field(..., description="contract_expired, redundancy, dismissed, resigned, …")
    seeking_work: bool = Field(False, description="the claimant states they look for work")
    identity_number: str = Field("", description="staff: the claimant; citizens: empty")


class ClaimOut(Schema):
    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    identity_number_masked: str
    region_code: str = Field(..., alias="region_id")
    province_code: str
    lost_job_on: datetime.date
    reason: str
    seeking_work: bool
    filed_on: datetime.date
    status: str
    decided_on: datetime.date | None
    contribution_months: int | None
    carried_months: int
    months: int
    first_month: str | None
    minimum_wage: Decimal | None
    share: Decimal | None
    monthly_amount: Decimal | None
    stopped_on: datetime.date | None
    previous_claim_id: int | None

    @staticmethod
    def resolve_identity_number_masked(claim) -> str:
        return person_masked(claim)

    @staticmethod
    def resolve_first_month(claim) -> str | None:
        return f"{claim.first_month:%Y-%m}" if claim.first_month else None


class BenefitPaymentOut(Schema):
    id: int
    claim_id: int
    month: str
    amount: Decimal
    paid_on: datetime.date

    @staticmethod
    def resolve_month(payment) -> str:
        return f"{payment.month:%Y-%m}"


class ClaimDetailOut(Schema):
    claim: ClaimOut
    conditions: list[ConditionOut]
    months_paid: int
    months_left: int
    paid_total: Decimal
    payments: list[BenefitPaymentOut]


class PayBenefitsIn(Schema):
    month: str = Field(..., description="YYYY-MM")


class PaymentRunOut(Schema):
    month: str
    paid: int
    already_paid: int
    not_payable: int
    stopped: int
    total: Decimal

    @staticmethod
    def resolve_month(run) -> str:
        return f"{run.month:%Y-%m}"


class AccountIn(Schema):
    identity_number: str = Field("", description="staff: the person; citizens: empty")


class AccountOut(Schema):
    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    identity_number_masked: str
    region_code: str = Field(..., alias="region_id")
    province_code: str
    opened_on: datetime.date

    @staticmethod
    def resolve_identity_number_masked(account) -> str:
        return person_masked(account)


class ContributionIn(Schema):
    amount: Decimal
    paid_on: datetime.date | None = None


class ContributionOut(Schema):
    id: int
    account_id: int
    amount: Decimal
    paid_on: datetime.date
    year: int


class WithdrawalIn(Schema):
    amount: Decimal
    retirement_category: str = Field("", description="male, female_cadre or female_worker")
    attested: list[str] = Field(
        [], description="clerks: total_incapacity, emigration, medical_costs, …"
    )
    evidence: str = ""


class WithdrawalOut(Schema):
    id: int
    account_id: int
    requested_on: datetime.date
    amount: Decimal
    status: str
    tax_rate: Decimal | None
    tax: Decimal
    net_amount: Decimal
    conditions: list[ConditionOut]

    @staticmethod
    def resolve_conditions(withdrawal) -> list[dict]:
        return [
            {"code": c.code, "met": c.met, "text": c.text}
            for c in map(explained, withdrawal.conditions)
        ]


class YearOut(Schema):
    year: int
    contributed: Decimal
    cap: Decimal
    room: Decimal
    deduction: Decimal


class AccountDetailOut(Schema):
    account: AccountOut
    balance: Decimal
    years: list[YearOut]
