"""Every golden case under tests/insurance/golden/ (written from the law and published worked
examples), checked against the single-person engine and the batch engine alike."""

import datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
import yaml

from minsheng.core.regions import region_tree
from minsheng.insurance import calculations
from minsheng.insurance.engine.batch import (
    FEN,
    compute_batch,
    divisor_batch,
    minimum_months_batch,
    people_from,
)
from minsheng.insurance.engine.months import month_of, parse_month
from minsheng.insurance.engine.pension import PensionInputs, account_divisor, compute_pension
from minsheng.insurance.engine.retirement import retirement_window
from minsheng.insurance.engine.rules import CATEGORIES, in_force, minimum_months
from minsheng.insurance.pension_estimates import estimate_pension
from minsheng.insurance.pension_rules import pension_rules

GOLDEN = Path(__file__).parent / "golden"
RULES_DAY = datetime.date(2025, 6, 1)


def cases(kind: str) -> list:
    found = []
    for path in sorted(GOLDEN.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if document["kind"] == kind:
            found.extend(
                pytest.param(case, id=f"{path.stem}: {case['name']}") for case in document["cases"]
            )
    return found


def months(text: str) -> int:
    """`60y8m` → 728."""
    years, _, rest = str(text).partition("y")
    return int(years) * 12 + int(rest.rstrip("m") or 0)


def month(text) -> int:
    return parse_month(str(text)[:7])


def test_every_golden_file_has_a_known_kind():
    kinds = {yaml.safe_load(p.read_text(encoding="utf-8"))["kind"] for p in GOLDEN.glob("*.yaml")}
    # unemployment and personal_pension: test_unemployment_rules, test_personal_pension_rules.
    assert kinds == {
        "contribution_base",
        "retirement",
        "divisor",
        "minimum_years",
        "pension",
        "unemployment",
        "personal_pension",
    }


@pytest.mark.parametrize("case", cases("retirement"))
def test_retirement_age(case):
    rules = pension_rules(RULES_DAY)
    birth = month(case["birth_month"])
    window = retirement_window(rules, case["category"], birth)
    assert window.statutory_age == months(case["statutory_age"])
    assert window.statutory_month == month(case["statutory_month"])
    if "earliest_month" in case:
        assert window.earliest_month == month(case["earliest_month"])
        assert window.latest_month == month(case["latest_month"])

    people = people_from([a_person(birth, case["category"])])
    batch = compute_batch(rules, people, month_of(RULES_DAY))
    assert batch.statutory_month[0] == month(case["statutory_month"])
    if "earliest_month" in case:
        assert batch.earliest_month[0] == month(case["earliest_month"])
        assert batch.latest_month[0] == month(case["latest_month"])


def a_person(birth: int, category: str) -> PensionInputs:
    return PensionInputs(
        birth_month=birth,
        category=category,
        province="110000",
        contribution_months=0,
        planned_months=0,
        deemed_months=0,
        average_index=Decimal(1),
        account_balance=Decimal(0),
    )


@pytest.mark.parametrize("case", cases("divisor"))
def test_account_divisor(case):
    rules = pension_rules(RULES_DAY)
    on = month_of(datetime.date.fromisoformat(str(case["rules_on"])))
    expected = Decimal(case["divisor"])
    assert account_divisor(in_force(rules.divisor_rules, on), months(case["age"])) == expected

    scaled, found, scale = divisor_batch(rules, np.array([months(case["age"])]), np.array([on]))
    assert found[0]
    assert Decimal(int(scaled[0])) / scale == expected


@pytest.mark.parametrize("case", cases("minimum_years"))
def test_minimum_contribution_years(case):
    rules = pension_rules(RULES_DAY)
    assert minimum_months(rules, case["year"]) == months(case["minimum"])
    assert minimum_months_batch(rules, np.array([case["year"]]))[0] == months(case["minimum"])


@pytest.mark.parametrize("case", cases("pension"))
def test_pension(case):
    as_of = datetime.date.fromisoformat(str(case["as_of"]))
    rules = pension_rules(as_of)
    expected = case["expected"]
    birth = month(case["birth_month"])
    window = retirement_window(rules, case["category"], birth)
    chosen = case.get("retirement_month")
    person = PensionInputs(
        birth_month=birth,
        category=case["category"],
        province=region_tree().province_of(case["province_code"]),
        contribution_months=case["contribution_months"],
        planned_months=case["planned_months"],
        deemed_months=case["deemed_months"],
        average_index=Decimal(case["average_index"]),
        account_balance=Decimal(case["account_balance"]),
        transitional_index=Decimal(case["transitional_index"])
        if "transitional_index" in case
        else None,
        retirement_offset_months=month(chosen) - window.statutory_month if chosen else 0,
    )
    result = compute_pension(person, rules, month_of(as_of))
    assert result.statutory_age.count == months(expected["statutory_age"])
    assert result.retirement_month.index == month(expected["retirement_month"])
    assert result.minimum_contribution.count == months(expected["minimum"])
    assert result.minimum_met is expected["minimum_met"]
    assert result.pension_base == Decimal(expected["pension_base"])
    assert result.divisor == Decimal(expected["divisor"])
    for part in ("basic", "account", "transitional", "total"):
        assert getattr(result, part) == Decimal(expected[part]), part

    batch = compute_batch(rules, people_from([person]), month_of(as_of))
    assert batch.refusal[0] == 0
    assert batch.retirement_month[0] == month(expected["retirement_month"])
    assert bool(batch.eligible[0]) is expected["minimum_met"]
    for part in ("basic", "account", "transitional", "total"):
        fen = int(getattr(batch, f"{part}_fen")[0])
        assert Decimal(fen) / FEN == Decimal(expected[part]), part


@pytest.mark.parametrize("case", cases("pension"))
def test_pension_through_the_calculator(case):
    """The citizens' entry point gives the same figures (region codes below a province too)."""
    estimate = estimate_pension(
        birth_month=datetime.date.fromisoformat(f"{case['birth_month']}-01"),
        category=case["category"],
        province_code=case["province_code"],
        contribution_months=case["contribution_months"],
        planned_months=case["planned_months"],
        deemed_months=case["deemed_months"],
        average_index=Decimal(case["average_index"]),
        account_balance=Decimal(case["account_balance"]),
        transitional_index=Decimal(case["transitional_index"])
        if "transitional_index" in case
        else None,
        retirement_month=datetime.date.fromisoformat(f"{case['retirement_month']}-01")
        if case.get("retirement_month")
        else None,
        as_of=datetime.date.fromisoformat(str(case["as_of"])),
    )
    assert estimate.result.total == Decimal(case["expected"]["total"])
    assert [step.code for step in estimate.steps][-1] == "total"


def test_categories_of_the_golden_cases_are_the_engines():
    used = {case.values[0]["category"] for case in cases("retirement")}
    assert used == {category.value for category in CATEGORIES}


@pytest.mark.parametrize("case", cases("contribution_base"))
def test_contribution_base(case):
    month = datetime.date.fromisoformat(f"{case['month']}-01")
    band = calculations.band_for(region_code=case["region"], month=month)
    if "flexible_base" not in case:
        amounts = calculations.employee_amounts(
            wage=Decimal(case["wage"]), band=band, region_code=case["region"], month=month
        )
        assert amounts.pension_employer == Decimal(case["employer"])
    elif "refused" in case:
        with pytest.raises(calculations.InsuranceError) as refused:
            calculations.flexible_amounts(
                base=Decimal(case["flexible_base"]),
                band=band,
                region_code=case["region"],
                month=month,
            )
        assert refused.value.code == case["refused"]
        return
    else:
        amounts = calculations.flexible_amounts(
            base=Decimal(case["flexible_base"]), band=band, region_code=case["region"], month=month
        )
        assert amounts.account_credit == Decimal(case["account"])
    assert amounts.base == Decimal(case["base"])
    assert amounts.pension_individual == Decimal(case["individual"])
