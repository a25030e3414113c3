"""POST /api/v1/insurance/pension/estimate: one person's retirement month and pension with every
step explained. Any holder of a token may estimate; nothing is stored.

A refused input answers 400 with the usual error body (`code`, `message`, `messages`, `field`);
a payload of the wrong shape answers 422.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Field, Router, Schema

from minsheng.insurance.engine.months import Months
from minsheng.insurance.pension_estimates import PensionEstimate, estimate_pension

router = Router(tags=["insurance"])

MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


class PensionEstimateIn(Schema):
    birth_month: str = Field(..., pattern=MONTH, examples=["1967-05"])
    category: str = Field(..., description="male, female_cadre or female_worker")
    province_code: str = Field(..., description="province (or any region within it)")
    contribution_months: int = Field(..., description="months contributed so far")
    planned_months: int = Field(0, description="months still to contribute before retirement")
    deemed_months: int = Field(0, description="deemed contribution months")
    average_index: Decimal = Field(..., description="average contribution index Ī")
    transitional_index: Decimal | None = Field(None, description="index of the deemed years")
    account_balance: Decimal = Field(..., description="individual account balance, yuan")
    retirement_month: str | None = Field(
        None, pattern=MONTH, description="early or late retirement month; none: statutory"
    )
    as_of: datetime.date | None = Field(None, description="rules as known on; default today")


class PeriodOut(Schema):
    months: int
    years: int
    remainder_months: int


class ExplainedInputOut(Schema):
    symbol: str
    description: str
    value: str


class StepOut(Schema):
    code: str
    label: str
    formula: str
    inputs: list[ExplainedInputOut]
    value: str
    parameter: str
    reference: str


class PensionEstimateOut(Schema):
    as_of: datetime.date
    province_code: str
    province_name: str
    statutory_age: PeriodOut
    statutory_month: str
    earliest_month: str
    latest_month: str
    retirement_month: str
    age_at_retirement: PeriodOut
    minimum_year: int
    minimum_contribution: PeriodOut
    total_contribution: PeriodOut
    minimum_met: bool
    pension_base: Decimal
    divisor: Decimal
    basic_pension: Decimal
    account_pension: Decimal
    transitional_pension: Decimal
    total_pension: Decimal
    steps: list[StepOut]


def first_day(month: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(f"{month}-01") if month else None


def period(months: Months) -> dict:
    return {"months": months.count, "years": months.years, "remainder_months": months.remainder}


def estimate_out(estimate: PensionEstimate) -> dict:
    result = estimate.result
    return {
        "as_of": estimate.as_of,
        "province_code": estimate.province_code,
        "province_name": estimate.province_name,
        "statutory_age": period(result.statutory_age),
        "statutory_month": str(result.statutory_month),
        "earliest_month": str(result.earliest_month),
        "latest_month": str(result.latest_month),
        "retirement_month": str(result.retirement_month),
        "age_at_retirement": period(result.age_at_retirement),
        "minimum_year": result.minimum_year,
        "minimum_contribution": period(result.minimum_contribution),
        "total_contribution": period(result.total_contribution),
        "minimum_met": result.minimum_met,
        "pension_base": result.pension_base,
        "divisor": result.divisor,
        "basic_pension": result.basic,
        "account_pension": result.account,
        "transitional_pension": result.transitional,
        "total_pension": result.total,
        "steps": [
            {**vars(step), "inputs": [vars(item) for item in step.inputs]}
            for step in estimate.steps
        ],
    }


@router.post("/insurance/pension/estimate", response=PensionEstimateOut)
def pension_estimate(request, payload: PensionEstimateIn):
    """Statutory and chosen retirement month, minimum-years check and monthly pension (basic,
    individual-account, transitional) with the formula, inputs and legal reference of each
    figure."""
    data = payload.dict()
    estimate = estimate_pension(
        **data
        | {
            "birth_month": first_day(data["birth_month"]),
            "retirement_month": first_day(data["retirement_month"]),
            "as_of": data["as_of"] or timezone.localdate(),
        }
    )
    return estimate_out(estimate)
