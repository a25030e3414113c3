"""The pension engine's rules, read from the dated parameters under `rules/insurance/pension/`
(and the contribution band's ceiling and the minimum working age under
`rules/insurance/contribution/`).

Rules that a person's birth decides (the retirement-age schedule, flexible retirement, the
plausibility limits) are those in force on the day of the computation; rules that the month of
retirement decides (pension base, transitional coefficient, divisor rule, minimum years) are
handed over with their whole history, and the engine reads them at that month.
"""

import datetime
from decimal import Decimal
from functools import lru_cache

from minsheng.core import parameters
from minsheng.core.regions import region_tree
from minsheng.insurance.engine.months import month_of, parse_month
from minsheng.insurance.engine.rules import (
    NATIONAL,
    Category,
    DivisorRule,
    PensionRules,
    RetirementSchedule,
)

PENSION = "insurance.pension."
SCHEDULE = PENSION + "retirement_age"
FLEXIBLE = PENSION + "flexible_retirement"
MINIMUM_YEARS = PENSION + "minimum_contribution_years"
DIVISOR = PENSION + "account_divisor"
BASIC_RATE = PENSION + "basic_pension_rate"
PENSION_BASE = PENSION + "pension_base"
TRANSITIONAL_RATE = PENSION + "transitional_rate"
MAX_AGE = PENSION + "estimate_max_age"
MAX_INDEX = "insurance.contribution.base_ceiling_share"
WORKING_AGE = "insurance.contribution.minimum_age"

# Which parameter each explained step rests on.
STEP_PARAMETERS = {
    "statutory_age": SCHEDULE,
    "statutory_month": SCHEDULE,
    "retirement_window": FLEXIBLE,
    "retirement_month": FLEXIBLE,
    "minimum_years": MINIMUM_YEARS,
    "pension_base": PENSION_BASE,
    "basic_pension": BASIC_RATE,
    "account_divisor": DIVISOR,
    "account_pension": DIVISOR,
    "transitional_pension": TRANSITIONAL_RATE,
}


def decimal(value) -> Decimal:
    return Decimal(str(value))


def schedules(day: datetime.date) -> dict[Category, RetirementSchedule]:
    by_category = parameters.value(SCHEDULE, day)
    return {
        Category(code): RetirementSchedule(
            original_age_months=int(entry["original_age_years"]) * 12,
            first_affected_birth_month=parse_month(entry["first_affected_birth_month"]),
            step_months=int(entry["step_months"]),
            cap_months=int(entry["cap_months"]),
        )
        for code, entry in by_category.items()
    }


def divisor_rules() -> tuple:
    history = []
    for start, value in parameters.parameter(DIVISOR).values:
        rule = DivisorRule(
            by_age={int(age): int(months) for age, months in value["by_age"].items()},
            linear_between_ages=value["months_between_ages"] == "linear",
            decimal_places=int(value["decimal_places"]),
        )
        history.append((month_of(start), rule))
    return tuple(history)


def regional_histories(name: str) -> dict[str, tuple]:
    """{region code: ((first month, value), …)} from a region-keyed parameter."""
    histories: dict[str, list] = {}
    for start, by_region in parameters.parameter(name).values:
        for code, value in by_region.items():
            histories.setdefault(code, []).append((month_of(start), decimal(value)))
    return {code: tuple(history) for code, history in histories.items()}


def minimum_months_by_year() -> tuple[tuple[int, int], ...]:
    return tuple(
        (start.year, int(decimal(years) * 12))
        for start, years in parameters.parameter(MINIMUM_YEARS).values
    )


@lru_cache(maxsize=32)
def pension_rules(day: datetime.date) -> PensionRules:
    """The rules as known on `day`; a ParameterError when one is not in force yet."""
    flexible = parameters.value(FLEXIBLE, day)
    names = (*STEP_PARAMETERS.values(), MAX_AGE)
    return PensionRules(
        schedules=schedules(day),
        early_max_months=int(flexible["early_max_months"]),
        late_max_months=int(flexible["late_max_months"]),
        early_not_below_original_age=bool(flexible["early_not_below_original_age"]),
        minimum_months_by_year=minimum_months_by_year(),
        divisor_rules=divisor_rules(),
        basic_rate=decimal(parameters.value(BASIC_RATE, day)),
        pension_bases=regional_histories(PENSION_BASE),
        transitional_rates=regional_histories(TRANSITIONAL_RATE),
        max_age_months=int(parameters.value(MAX_AGE, day)) * 12,
        max_index=decimal(parameters.value(MAX_INDEX, day)),
        minimum_working_age_months=int(parameters.value(WORKING_AGE, day)) * 12,
        references={name: parameters.parameter(name).reference for name in names},
        parameter_names=STEP_PARAMETERS,
    )


def provinces_with_pension_base(day: datetime.date) -> list[str]:
    """Province codes whose pension base is known on `day` (all of them under a national one)."""
    rules = pension_rules(day)
    month = month_of(day)
    known = {
        code
        for code, history in rules.pension_bases.items()
        if any(start <= month for start, _ in history)
    }
    if NATIONAL in known:
        return sorted(region_tree().children.get(NATIONAL, []))
    return sorted(known)
