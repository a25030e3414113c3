"""POST /api/v1/insurance/pension/estimate: figures and steps for a valid payload; a refused input
is 400 with the error body naming its field, a payload of the wrong shape 422."""

from decimal import Decimal

import pytest
from django.test import Client
from tests.conftest import API

pytestmark = pytest.mark.django_db

PATH = "/insurance/pension/estimate"


def payload(**changes) -> dict:
    values = {
        "birth_month": "1965-03",
        "category": "male",
        "province_code": "110000",
        "contribution_months": 348,
        "planned_months": 12,
        "deemed_months": 60,
        "average_index": "1.2",
        "transitional_index": "1",
        "account_balance": "150000",
        "as_of": "2025-06-01",
    }
    return values | changes


@pytest.fixture
def api(api_client_for, citizen):
    return api_client_for(citizen)


def test_an_estimate_answers_with_every_figure_and_step(api):
    answer = api.post(PATH, payload())
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert body["statutory_age"] == {"months": 721, "years": 60, "remainder_months": 1}
    assert (body["statutory_month"], body["retirement_month"]) == ("2025-04", "2025-04")
    assert (body["earliest_month"], body["latest_month"]) == ("2025-03", "2028-04")
    assert body["minimum_met"] is True and body["minimum_contribution"]["years"] == 15
    amounts = {
        key: Decimal(body[key])
        for key in ("basic_pension", "account_pension", "transitional_pension", "total_pension")
    }
    assert amounts == {
        "basic_pension": Decimal("4638.87"),
        "account_pension": Decimal("1083.82"),
        "transitional_pension": Decimal("602.45"),
        "total_pension": Decimal("6325.14"),
    }
    steps = {step["code"]: step for step in body["steps"]}
    assert steps["account_divisor"]["value"] == "138.4"
    assert steps["account_divisor"]["parameter"] == "insurance.pension.account_divisor"
    assert "国发〔2005〕38号" in steps["account_divisor"]["reference"]
    index = next(item for item in steps["basic_pension"]["inputs"] if item["symbol"] == "Ī")
    assert index["value"] == "1.2" and index["description"]


def test_late_retirement_is_asked_by_month(api):
    body = api.post(PATH, payload(retirement_month="2026-04")).json()
    assert body["retirement_month"] == "2026-04"
    assert body["age_at_retirement"]["months"] == 733


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"birth_month": "1875-03"}, "too_old", "birth_month"),
        ({"contribution_months": -1}, "negative_months", "contribution_months"),
        ({"average_index": "7"}, "index_out_of_range", "average_index"),
        ({"category": "retired"}, "unknown_category", "category"),
        ({"account_balance": "10.001"}, "too_precise", "account_balance"),
        ({"province_code": "440000"}, "no_pension_base", "province_code"),
        ({"retirement_month": "2020-01"}, "retirement_outside_window", "retirement_month"),
    ],
)
def test_refused_input_is_400_with_the_error_body(api, changes, code, field):
    answer = api.post(PATH, payload(**changes))
    assert answer.status_code == 400
    body = answer.json()
    assert (body["code"], body["field"]) == (code, field)
    assert set(body["messages"]) == {"zh-hans", "en"}
    assert body["message"] == body["messages"]["zh-hans"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"birth_month": "1965-13"}, "birth_month"),
        ({"average_index": "much"}, "average_index"),
        ({"contribution_months": "ten"}, "contribution_months"),
    ],
)
def test_a_payload_of_the_wrong_shape_is_422(api, changes, field):
    answer = api.post(PATH, payload(**changes))
    assert answer.status_code == 422
    assert (answer.json()["code"], answer.json()["field"]) == ("invalid_payload", field)


def test_a_token_is_required():
    answer = Client().post(API + PATH, payload(), content_type="application/json")
    assert answer.status_code == 401
