"""The personal-pension rules against the golden cases written from the law
(tests/insurance/golden/personal_pension.yaml): the cap, the deduction, the 3% tax; and the
conditions in force by date."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from tests.insurance.factories import make_person

from minsheng.insurance import personal_pension_services as services
from minsheng.insurance.calculations import InsuranceError
from minsheng.insurance.personal_pension_rules import (
    WithdrawalFacts,
    check_withdrawal,
    statutory_retirement_month,
    withdrawal_tax,
    withdrawal_tax_rate,
    year_deduction,
)

GOLDEN = yaml.safe_load(
    (Path(__file__).parent / "golden" / "personal_pension.yaml").read_text(encoding="utf-8")
)
DAY = datetime.date(2026, 6, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("case", GOLDEN["cap"], ids=lambda case: case["name"])
def test_cap(case):
    account = services.open_personal_pension(
        actor=None, person=make_person(), opened_on=datetime.date(2026, 1, 2), today=DAY
    )
    pay = {"actor": None, "account": account, "paid_on": datetime.date(2026, 3, 1), "today": DAY}
    if Decimal(case["paid"]):
        services.contribute_personal_pension(amount=case["paid"], **pay)
    if case["accepted"]:
        services.contribute_personal_pension(amount=case["payment"], **pay)
        return
    with pytest.raises(InsuranceError) as refused:
        services.contribute_personal_pension(amount=case["payment"], **pay)
    assert refused.value.params["room"] == Decimal(case["room"])


@pytest.mark.parametrize("case", GOLDEN["deduction"], ids=lambda case: case["name"])
def test_deduction(case):
    assert year_deduction(Decimal(case["paid"]), DAY) == Decimal(case["deduction"])


@pytest.mark.parametrize("case", GOLDEN["withdrawal"], ids=lambda case: case["name"])
def test_withdrawal_tax(case):
    amount = Decimal(case["amount"])
    tax = withdrawal_tax(amount, withdrawal_tax_rate(DAY))
    assert (tax, amount - tax) == (Decimal(case["tax"]), Decimal(case["net"]))


def codes(day):
    facts = WithdrawalFacts(datetime.date(1990, 1, 1), "male", [])
    return [condition["code"] for condition in check_withdrawal(facts, day)]


def test_the_2025_conditions_apply_from_2025_09_01():
    original = ["pension_age", "total_incapacity", "emigration"]
    assert codes(datetime.date(2025, 8, 31)) == original
    assert set(codes(datetime.date(2025, 9, 1))) == {
        *original, "medical_costs", "unemployment_benefit", "minimum_living_allowance",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("born", "category", "month"),
    [
        (datetime.date(1967, 5, 20), "male", "2028-01"),  # 60y8m (DOMAIN.md)
        (datetime.date(1974, 10, 1), "female_cadre", "2031-01"),  # 56y3m
        (datetime.date(1963, 5, 1), "male", "2023-05"),  # before the reform: 60
    ],
)
def test_the_pension_age_is_the_engines_statutory_month(born, category, month):
    assert str(statutory_retirement_month(born, category, DAY)) == month
