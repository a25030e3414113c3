"""A pension estimate for one person: the entry point of the citizens' calculator and its API.

`estimate_pension` takes plain inputs (birth month, category, province, contribution months,
index, balance, an optional retirement month) so that a page can later fill them from the
person's own contribution records. It returns the engine's figures and every step in words.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import DomainError
from minsheng.core.parameters import ParameterError
from minsheng.core.regions import region_tree
from minsheng.insurance.engine.errors import PensionInputError
from minsheng.insurance.engine.months import month_of
from minsheng.insurance.engine.pension import PensionInputs, PensionResult, compute_pension
from minsheng.insurance.engine.retirement import retirement_window
from minsheng.insurance.pension_explain import (
    MESSAGES,
    STEP_LABELS,
    SYMBOLS,
    message_params,
    months_text,
    province_text,
    value_text,
)
from minsheng.insurance.pension_rules import pension_rules


class PensionEstimateError(DomainError):
    """An estimate refused for a stated reason (the input, or a rule not published yet)."""


@dataclass(frozen=True)
class ExplainedInput:
    symbol: str
    description: str
    value: str


@dataclass(frozen=True)
class ExplainedStep:
    code: str
    label: str
    formula: str
    inputs: tuple[ExplainedInput, ...]
    value: str
    parameter: str
    reference: str


@dataclass(frozen=True)
class PensionEstimate:
    result: PensionResult
    steps: tuple[ExplainedStep, ...]
    province_code: str
    province_name: str
    as_of: datetime.date

    @property
    def statutory_age_text(self) -> str:
        return months_text(self.result.statutory_age)

    @property
    def window_text(self) -> str:
        return value_text((self.result.earliest_month, self.result.latest_month))

    @property
    def minimum_text(self) -> str:
        return months_text(self.result.minimum_contribution)

    @property
    def shortfall_text(self) -> str:
        return months_text(self.result.shortfall)


def estimate_pension(
    *,
    birth_month: datetime.date,
    category: str,
    province_code: str,
    contribution_months: int,
    planned_months: int = 0,
    deemed_months: int = 0,
    average_index: Decimal,
    account_balance: Decimal,
    transitional_index: Decimal | None = None,
    retirement_month: datetime.date | None = None,
    as_of: datetime.date,
) -> PensionEstimate:
    """Retirement month and monthly pension as the rules stand on `as_of`. `birth_month` and
    `retirement_month` count by their month (the day is ignored); no `retirement_month` means
    the statutory one. Refusals raise PensionEstimateError."""
    rules = rules_on(as_of)
    province = province_of(province_code)
    try:
        offset = 0
        if retirement_month is not None:
            window = retirement_window(rules, category, month_of(birth_month))
            offset = month_of(retirement_month) - window.statutory_month
        person = PensionInputs(
            birth_month=month_of(birth_month),
            category=category,
            province=province,
            contribution_months=contribution_months,
            planned_months=planned_months,
            deemed_months=deemed_months,
            average_index=Decimal(average_index),
            account_balance=Decimal(account_balance),
            transitional_index=None if transitional_index is None else Decimal(transitional_index),
            retirement_offset_months=offset,
        )
        result = compute_pension(person, rules, month_of(as_of))
    except PensionInputError as refused:
        raise PensionEstimateError(
            refused.code,
            MESSAGES[refused.refusal],
            field=refused.field,
            params=message_params(refused.details),
        ) from None
    return PensionEstimate(
        result=result,
        steps=tuple(explained(step, rules) for step in result.steps),
        province_code=province,
        province_name=province_text(province),
        as_of=as_of,
    )


def rules_on(day: datetime.date):
    try:
        return pension_rules(day)
    except ParameterError:
        raise PensionEstimateError(
            "rules_not_in_force",
            _("The pension rules in force on %(day)s are not known to the platform."),
            field="as_of",
            params={"day": day.isoformat()},
        ) from None


def province_of(code: str) -> str:
    province = region_tree().province_of(code) if code else None
    if province is None:
        raise PensionEstimateError(
            "unknown_province",
            _("Unknown province or region code %(code)s."),
            field="province_code",
            params={"code": code},
        )
    return province


def symbol_text(symbol: str) -> str:
    """What a symbol stands for; `D(60)` is the divisor table's value at a whole age."""
    if symbol.startswith("D("):
        return str(SYMBOLS["D"])
    return str(SYMBOLS.get(symbol, ""))


def explained(step, rules) -> ExplainedStep:
    return ExplainedStep(
        code=step.code,
        label=str(STEP_LABELS.get(step.code, step.code)),
        formula=step.formula,
        inputs=tuple(
            ExplainedInput(
                symbol=symbol,
                description=symbol_text(symbol),
                value=value_text(value, symbol=symbol, rules=rules),
            )
            for symbol, value in step.inputs
        ),
        value=value_text(step.value),
        parameter=step.parameter,
        reference=step.reference,
    )
