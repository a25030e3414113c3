"""The unemployment-benefit and personal-pension API: paginated lists, the standard error
shape, 404 outside the region, a refusal stored and explained rather than an error."""

import datetime

import pytest
from tests.insurance.benefit_factories import granted_claim, unemployed_worker
from tests.insurance.factories import BINJIANG, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(make_user):
    return make_user("clerk_hz", role="insurance_clerk", region_code="330100")


def test_claims_are_listed_paginated_and_masked(api_client_for, clerk):
    claim = granted_claim(unemployed_worker())
    body = api_client_for(clerk).get("/insurance/unemployment/claims").json()
    assert body["count"] == 1
    row = body["items"][0]
    assert (row["id"], row["status"], row["months"], row["monthly_amount"]) == (
        claim.pk, "granted", 12, "2241.00",
    )  # fmt: skip
    assert "*" in row["identity_number_masked"] and "identity_number" not in row


def test_file_decide_and_pay_through_the_api(api_client_for, clerk):
    person = unemployed_worker()
    api = api_client_for(clerk)
    filed = api.post("/insurance/unemployment/claims", {
        "identity_number": person.identity_number, "lost_job_on": "2026-08-31",
        "reason": "resigned", "seeking_work": True})  # fmt: skip
    assert filed.status_code == 201
    decided = api.post(f"/insurance/unemployment/claims/{filed.json()['id']}/decide", {}).json()
    assert decided["claim"]["status"] == "refused"
    unmet = [c for c in decided["conditions"] if not c["met"]]
    assert [c["code"] for c in unmet] == ["involuntary"] and unmet[0]["text"]
    again = api.post(f"/insurance/unemployment/claims/{filed.json()['id']}/decide", {})
    assert again.status_code == 409
    assert set(again.json()) >= {"code", "message", "messages", "field"}


def test_a_clerk_elsewhere_gets_404(api_client_for, make_user):
    claim = granted_claim(unemployed_worker())
    binjiang = make_user("clerk_bj", role="insurance_clerk", region_code=BINJIANG)
    response = api_client_for(binjiang).get(f"/insurance/unemployment/claims/{claim.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "claim_not_found"


def test_a_payment_run_is_idempotent(api_client_for, clerk):
    granted_claim(unemployed_worker())
    api = api_client_for(clerk)
    first = api.post("/insurance/unemployment/payments", {"month": "2026-09"}).json()
    second = api.post("/insurance/unemployment/payments", {"month": "2026-09"}).json()
    assert (first["paid"], first["total"], second["paid"], second["already_paid"]) == (
        1, "2241.00", 0, 1,
    )  # fmt: skip
    assert api.get("/insurance/unemployment/payments").json()["count"] == 1


def test_a_personal_pension_contribution_beyond_the_cap_is_a_400_with_the_room(
    api_client_for, make_user
):
    citizen = make_user("citizen_pp", role="citizen")
    make_person("张敏", born="19950101", sequence=5, account=citizen)
    api = api_client_for(citizen)
    account = api.post("/insurance/personal-pensions", {})
    assert account.status_code == 201
    path = f"/insurance/personal-pensions/{account.json()['id']}"
    assert api.post(path + "/contributions", {"amount": "11000"}).status_code == 201
    refused = api.post(path + "/contributions", {"amount": "1000.50"})
    assert refused.status_code == 400
    assert refused.json()["code"] == "personal_pension_cap_exceeded"
    assert "1000.00" in refused.json()["messages"]["en"]
    year = datetime.date.today().year
    detail = api.get(path).json()
    assert detail["years"][0] == {"year": year, "contributed": "11000.00", "cap": "12000",
                                  "room": "1000.00", "deduction": "11000.00"}  # fmt: skip
    withdrawal = api.post(path + "/withdrawals", {"amount": "500"})
    assert withdrawal.status_code == 201
    assert withdrawal.json()["status"] == "refused"
    assert api.get(path + "/withdrawals").json()["count"] == 1
