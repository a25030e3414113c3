"""The single-person engine: bad input is a typed refusal with a clear message, rules come from
the rules object (never the code), and every step of the explanation carries its figures."""

import dataclasses
import datetime
from decimal import Decimal

import pytest

from minsheng.insurance.engine.errors import PensionInputError, Refusal
from minsheng.insurance.engine.months import Months, YearMonth, month_index, month_of
from minsheng.insurance.engine.pension import PensionInputs, compute_pension
from minsheng.insurance.engine.rules import DivisorRule
from minsheng.insurance.pension_rules import pension_rules

AS_OF = datetime.date(2025, 6, 1)
RULES = pension_rules(AS_OF)


def person(**changes) -> PensionInputs:
    """A Beijing man born 1967-05 with 25 years, index 1, 100,000 yuan in his account."""
    values = {
        "birth_month": month_index(1967, 5),
        "category": "male",
        "province": "110000",
        "contribution_months": 276,
        "planned_months": 24,
        "deemed_months": 0,
        "average_index": Decimal(1),
        "account_balance": Decimal(100000),
    }
    return PensionInputs(**values | changes)


def refusal_of(candidate: PensionInputs, rules=RULES) -> PensionInputError:
    with pytest.raises(PensionInputError) as refused:
        compute_pension(candidate, rules, month_of(AS_OF))
    return refused.value


def test_a_birth_date_150_years_back_is_refused_as_too_old():
    refused = refusal_of(person(birth_month=month_index(1875, 5)))
    assert refused.refusal == Refusal.TOO_OLD
    assert refused.field == "birth_month"
    assert "older than 120 years" in str(refused)


def test_a_birth_in_the_future_is_refused():
    refused = refusal_of(person(birth_month=month_index(2026, 1)))
    assert refused.refusal == Refusal.BIRTH_IN_FUTURE
    assert "2026-01" in str(refused)


def test_negative_contribution_months_are_refused():
    assert refusal_of(person(deemed_months=-12)).refusal == Refusal.NEGATIVE_MONTHS
    assert refusal_of(person(planned_months=-1)).field == "contribution_months"


def test_a_negative_balance_is_refused():
    assert refusal_of(person(account_balance=Decimal("-0.01"))).refusal == Refusal.NEGATIVE_BALANCE


@pytest.mark.parametrize("index", ["-0.1", "3.0001", "12"])
def test_an_index_outside_zero_to_the_contribution_ceiling_is_refused(index):
    refused = refusal_of(person(average_index=Decimal(index)))
    assert refused.refusal == Refusal.INDEX_OUT_OF_RANGE
    assert refused.field == "average_index"
    assert refused.details["maximum"] == RULES.max_index


def test_an_index_of_the_deemed_years_outside_the_range_names_its_field():
    refused = refusal_of(person(transitional_index=Decimal(4)))
    assert refused.field == "transitional_index"


def test_an_unknown_category_is_refused_first():
    refused = refusal_of(person(category="retired", birth_month=month_index(1800, 1)))
    assert refused.refusal == Refusal.UNKNOWN_CATEGORY
    assert "male, female_cadre, female_worker" in str(refused)


def test_more_precise_input_than_the_fen_or_four_decimals_is_refused_not_rounded():
    assert refusal_of(person(average_index=Decimal("1.00001"))).refusal == Refusal.TOO_PRECISE
    refused = refusal_of(person(account_balance=Decimal("100.001")))
    assert refused.field == "account_balance"
    assert refusal_of(person(average_index=Decimal("NaN"))).refusal == Refusal.TOO_PRECISE
    assert refusal_of(person(account_balance=Decimal("1E+40"))).refusal == Refusal.TOO_PRECISE


def test_early_retirement_below_the_original_age_is_refused_with_the_window():
    # Statutory 2028-01 (60y8m); 3 years earlier would be 57y8m, below 60: earliest 2027-05.
    refused = refusal_of(person(retirement_offset_months=-9))
    assert refused.refusal == Refusal.RETIREMENT_OUTSIDE_WINDOW
    assert refused.details["earliest"] == YearMonth(month_index(2027, 5))
    assert refused.details["latest"] == YearMonth(month_index(2031, 1))


def test_late_retirement_beyond_three_years_is_refused():
    assert refusal_of(person(retirement_offset_months=37)).refusal == (
        Refusal.RETIREMENT_OUTSIDE_WINDOW
    )


def test_early_retirement_needs_the_minimum_contribution_years():
    refused = refusal_of(
        person(contribution_months=100, planned_months=0, retirement_offset_months=-8)
    )
    assert refused.refusal == Refusal.EARLY_WITHOUT_MINIMUM
    assert refused.details["required"] == Months(180)


def test_retiring_at_the_statutory_age_short_of_the_minimum_is_computed_but_not_eligible():
    result = compute_pension(
        person(contribution_months=100, planned_months=0), RULES, month_of(AS_OF)
    )
    assert not result.minimum_met
    assert result.shortfall == Months(80)


def test_contributions_longer_than_a_working_life_are_refused():
    # Retiring at 60y8m, at most 44y8m of contributions fit after the age of 16.
    refused = refusal_of(person(contribution_months=500, planned_months=37))
    assert refused.refusal == Refusal.MONTHS_EXCEED_WORKING_LIFE


def test_a_province_without_a_published_pension_base_is_refused():
    refused = refusal_of(person(province="440000"))
    assert refused.refusal == Refusal.NO_PENSION_BASE
    assert refused.field == "province_code"


def test_deemed_years_need_the_provinces_transitional_coefficient():
    rules = dataclasses.replace(
        RULES,
        pension_bases={"440000": ((month_index(2024, 1), Decimal(10000)),)},
        transitional_rates={},
    )
    refused = refusal_of(person(province="440000", deemed_months=24), rules)
    assert refused.refusal == Refusal.NO_TRANSITIONAL_RATE
    # Without deemed years the coefficient is not needed.
    assert compute_pension(person(province="440000"), rules, month_of(AS_OF)).transitional == 0


def test_an_age_the_divisor_table_lacks_is_refused():
    short_table = DivisorRule(by_age={60: 139}, linear_between_ages=True, decimal_places=1)
    rules = dataclasses.replace(RULES, divisor_rules=((month_index(2006, 1), short_table),))
    refused = refusal_of(person(), rules)
    assert refused.refusal == Refusal.AGE_OUTSIDE_DIVISOR_TABLE
    assert refused.details["age"] == Months(728)


def test_the_rules_object_decides_every_figure():
    """A different rate in the rules is a different pension: nothing is fixed in the code."""
    doubled = dataclasses.replace(RULES, basic_rate=RULES.basic_rate * 2)
    usual = compute_pension(person(), RULES, month_of(AS_OF))
    assert compute_pension(person(), doubled, month_of(AS_OF)).basic == usual.basic * 2


def test_every_step_names_its_parameter_and_legal_reference():
    result = compute_pension(person(deemed_months=12), RULES, month_of(AS_OF))
    codes = [step.code for step in result.steps]
    assert codes == [
        "statutory_age",
        "statutory_month",
        "retirement_window",
        "retirement_month",
        "minimum_years",
        "contribution_years",
        "pension_base",
        "basic_pension",
        "account_divisor",
        "account_pension",
        "transitional_pension",
        "total",
    ]
    basic = next(step for step in result.steps if step.code == "basic_pension")
    assert basic.formula == "C × (1 + Ī) ÷ 2 × N × r"
    assert dict(basic.inputs)["C"] == Decimal(12049)
    assert basic.parameter == "insurance.pension.basic_pension_rate"
    assert "国发〔2005〕38号" in basic.reference
    schedule = next(step for step in result.steps if step.code == "statutory_age")
    assert "2024年9月13日" in schedule.reference
    assert dict(schedule.inputs)["n"] == 28


def test_a_retirement_still_ahead_uses_the_latest_pension_base_and_a_past_one_its_own():
    ahead = compute_pension(person(), RULES, month_of(AS_OF))
    assert ahead.retirement_month.year == 2028 and ahead.pension_base == Decimal(12049)
    # A man born 1964-06 retired in 2024-06: the 2024 base applies.
    past = compute_pension(
        person(birth_month=month_index(1964, 6), planned_months=0), RULES, month_of(AS_OF)
    )
    assert past.retirement_month == YearMonth(month_index(2024, 6))
    assert past.pension_base == Decimal(11883)
    # Before 2025 the divisor counts completed years: 60 → 139.
    assert past.divisor == Decimal(139)
