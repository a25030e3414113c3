"""The unemployment-benefit rules against the golden cases written from the law
(tests/insurance/golden/unemployment.yaml): the period, the combined period and the amount."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.utils import translation

from minsheng.insurance.calculations import InsuranceError
from minsheng.insurance.unemployment_rules import ClaimFacts, assess, condition_text, monthly_amount
from minsheng.insurance.unemployment_services import benefit_level

GOLDEN = yaml.safe_load(
    (Path(__file__).parent / "golden" / "unemployment.yaml").read_text(encoding="utf-8")
)
DAY = datetime.date(2026, 9, 10)


def months(text: str) -> int:
    """`4y11m` → 59."""
    years, _, rest = str(text).partition("y")
    return int(years) * 12 + int(rest.rstrip("m") or 0)


def facts(contribution: int, carried: int = 0, **changes) -> ClaimFacts:
    values = {
        "contribution_months": contribution, "recounted_after": None, "carried_months": carried,
        "reason": "redundancy", "left_insured_job": True, "registry_status": "unemployed",
        "seeking_work": True,
    } | changes  # fmt: skip
    return ClaimFacts(**values)


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=lambda case: case["name"])
def test_period(case):
    entitlement = assess(facts(months(case["contribution"]), case["carried"]), DAY)
    if case["months"] == "not entitled":
        assert not entitlement.granted
        assert entitlement.unmet == ["contributions"]
    else:
        assert entitlement.granted
        assert entitlement.months == case["months"]


@pytest.mark.django_db
@pytest.mark.parametrize("case", GOLDEN["amounts"], ids=lambda case: case["name"])
def test_amount(case):
    _wage, _share, amount = benefit_level(case["region"], case["day"])
    assert amount == Decimal(case["amount"])


def test_the_amount_is_rounded_to_the_fen_half_up():
    assert monthly_amount(Decimal("2015"), Decimal("0.9")) == Decimal("1813.50")
    assert monthly_amount(Decimal("2010.05"), Decimal("0.9")) == Decimal("1809.05")  # 1809.045


@pytest.mark.parametrize("reason", ["resigned", "agreed_at_worker_proposal"])
def test_leaving_by_ones_own_choice_is_not_an_involuntary_loss(reason):
    assert assess(facts(36, reason=reason), DAY).unmet == ["involuntary"]


@pytest.mark.parametrize(
    "reason",
    ["contract_expired", "employer_bankrupt", "employer_closed", "dismissed", "redundancy",
     "agreed_at_employer_proposal", "resigned_for_employer_fault"],
)  # fmt: skip
def test_the_losses_the_regulation_lists_are_involuntary(reason):
    assert assess(facts(36, reason=reason), DAY).granted


def test_a_person_not_registered_unemployed_is_told_their_status():
    entitlement = assess(facts(36, registry_status="employed"), DAY)
    condition = next(c for c in entitlement.conditions if not c.met).as_json()
    with translation.override("en"):
        text = condition_text(condition, reason_label=str, status_label=str.upper)
    assert "shows EMPLOYED on the day of the claim" in text


def test_a_claim_before_the_guidance_share_has_no_amount():
    with pytest.raises(InsuranceError):
        benefit_level("330106", datetime.date(2016, 1, 4))
