"""The calculator's entry point: plain inputs in, figures and every step in words out; refusals
as typed errors naming their field, in Chinese and in English."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from minsheng.insurance.pension_estimates import PensionEstimateError, estimate_pension

AS_OF = datetime.date(2025, 6, 1)


def estimate(**changes):
    """The Beijing man born 1965-03 of the golden cases (35 years, index 1.2)."""
    values = {
        "birth_month": datetime.date(1965, 3, 1),
        "category": "male",
        "province_code": "110000",
        "contribution_months": 348,
        "planned_months": 12,
        "deemed_months": 60,
        "average_index": Decimal("1.2"),
        "transitional_index": Decimal(1),
        "account_balance": Decimal(150000),
        "as_of": AS_OF,
    }
    return estimate_pension(**values | changes)


def refusal(**changes) -> PensionEstimateError:
    with pytest.raises(PensionEstimateError) as refused:
        estimate(**changes)
    return refused.value


@pytest.mark.usefixtures("in_english")
def test_the_estimate_explains_every_figure_in_words():
    result = estimate()
    assert result.result.total == Decimal("6325.14")
    assert result.province_name == "北京市"
    steps = {step.code: step for step in result.steps}
    assert steps["statutory_age"].value == "60 years 1 month"
    assert steps["retirement_month"].value == "2025-04"
    assert steps["minimum_years"].value == "met"
    basic = steps["basic_pension"]
    assert basic.label == "Basic pension"
    assert [(i.symbol, i.value) for i in basic.inputs] == [
        ("C", "12049"),
        ("Ī", "1.2"),
        ("N", "35 years"),
        ("r", "0.01"),
    ]
    assert basic.inputs[0].description == "pension base (yuan a month)"
    assert basic.value == "4638.87"
    category = dict((i.symbol, i.value) for i in steps["statutory_age"].inputs)["category"]
    assert category == "Man (original retirement age 60)"
    assert steps["account_divisor"].inputs[1].description == "months divisor"
    assert result.minimum_text == "15 years"


def test_a_region_below_the_province_uses_the_provinces_rules():
    assert estimate(province_code="110105").province_code == "110000"


def test_a_chosen_month_is_early_or_late_retirement():
    late = estimate(retirement_month=datetime.date(2026, 4, 1))
    assert str(late.result.retirement_month) == "2026-04"
    assert late.result.age_at_retirement.count == 61 * 12 + 1
    # A later retirement reads a smaller divisor: 61y1m → 132 − 7 × 1 ÷ 12 = 131.4
    assert late.result.divisor == Decimal("131.4")


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"birth_month": datetime.date(1875, 3, 1)}, "too_old", "birth_month"),
        ({"birth_month": datetime.date(2030, 1, 1)}, "birth_in_future", "birth_month"),
        ({"contribution_months": -12}, "negative_months", "contribution_months"),
        ({"average_index": Decimal("3.5")}, "index_out_of_range", "average_index"),
        ({"category": "retired"}, "unknown_category", "category"),
        ({"account_balance": Decimal(-1)}, "negative_balance", "account_balance"),
        ({"province_code": "440000"}, "no_pension_base", "province_code"),
        ({"province_code": "999999"}, "unknown_province", "province_code"),
        ({"retirement_month": datetime.date(2021, 1, 1)}, "retirement_outside_window",
         "retirement_month"),
        ({"as_of": datetime.date(2024, 6, 1)}, "rules_not_in_force", "as_of"),
    ],
)  # fmt: skip
def test_bad_input_is_a_typed_refusal_naming_its_field(changes, code, field):
    refused = refusal(**changes)
    assert (refused.code, refused.field) == (code, field)
    assert refused.status == 400
    assert set(refused.messages()) == {"zh-hans", "en"}


def test_refusal_messages_carry_their_figures():
    with translation.override("en"):
        too_old = refusal(birth_month=datetime.date(1875, 3, 1))
        window = refusal(retirement_month=datetime.date(2021, 1, 1))
        province = refusal(province_code="440000")
    assert too_old.message_in("en") == (
        "A birth month that makes the person older than 120 years is taken for an entry error."
    )
    assert window.message_in("en") == (
        "Retirement in 2021-01 is not possible: flexible retirement allows 2025-03 to 2028-04."
    )
    assert "广东省" in province.message_in("en")
