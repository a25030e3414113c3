"""The ledger through /api/v1: register, update with a version, status, ledger, wishes, scoping."""

import datetime

import pytest
from stdnum.cn import ric

from minsheng.core.models import AuditEvent
from minsheng.registry import services
from minsheng.registry.models import Person

pytestmark = pytest.mark.django_db


def identity_number(region_code="330106", birth="20010910", sequence=22) -> str:
    body = f"{region_code}{birth}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


@pytest.fixture
def api(api_client_for, caseworker):
    return api_client_for(caseworker)


def patch(api, path: str, payload: dict):
    return api.client.patch(
        "/api/v1" + path, payload, content_type="application/json", headers=api.headers()
    )


def register(api, **overrides):
    payload = {
        "identity_number": identity_number(),
        "name": "周雨",
        "region_code": "330106",
        "education": "bachelor",
        "graduation_date": "2024-06-30",
    } | overrides
    return api.post("/people", payload)


def test_registering_returns_the_masked_person_with_a_version(api):
    response = register(api)

    assert response.status_code == 201
    body = response.json()
    assert (body["birth_date"], body["sex"], body["version"]) == ("2001-09-10", "F", 1)
    assert "identity_number" not in body
    assert (
        body["identity_number_masked"]
        == identity_number()[:6] + "********" + "022" + (identity_number()[-1])
    )


def test_bad_registrations_name_the_field(api):
    bad_checksum = register(api, identity_number=identity_number()[:-1] + "5")
    assert bad_checksum.status_code == 400
    assert bad_checksum.json()["code"] == "identity_number_checksum"

    elsewhere = register(api, region_code="110105")
    assert (elsewhere.status_code, elsewhere.json()["field"]) == (400, "region_code")

    before_birth = register(api, graduation_date="1999-06-30")
    assert before_birth.json()["code"] == "graduation_before_birth"
    assert set(before_birth.json()["messages"]) == {"zh-hans", "en"}

    assert register(api).status_code == 201
    assert register(api).status_code == 409


def test_a_stale_version_is_refused_with_409_and_nothing_changes(api, api_client_for, supervisor):
    person_id = register(api).json()["id"]
    other = api_client_for(supervisor)

    first = patch(api, f"/people/{person_id}", {"version": 1, "phone": "13600001234"})
    second = patch(other, f"/people/{person_id}", {"version": 1, "name": "周小雨"})

    assert first.status_code == 200 and first.json()["version"] == 2
    assert second.status_code == 409
    assert second.json()["code"] == "stale_version"
    assert "reload" in second.json()["messages"]["en"]
    assert Person.objects.get(pk=person_id).name == "周雨"


def test_status_ledger_and_wishes_round_trip(api, caseworker):
    person_id = register(api).json()["id"]

    entered = api.post(
        f"/people/{person_id}/ledger",
        {"reason": "graduate_not_employed", "entered_on": "2024-07-01"},
    )
    assert entered.status_code == 201
    entry_id = entered.json()["id"]
    assert (
        api.post(
            f"/people/{person_id}/ledger", {"reason": "other", "entered_on": "2024-08-01"}
        ).status_code
        == 409
    )

    job = api.post(
        f"/people/{person_id}/status-changes",
        {"status": "employed", "since": "2025-03-01", "employer_name": "杭州某科技有限公司"},
    )
    assert job.status_code == 201
    assert job.json()["suggested_ledger_exit"] == {
        "entry_id": entry_id,
        "reason": "employed",
        "exited_on": "2025-03-01",
    }
    listed = api.get("/ledger").json()
    assert [(item["id"], item["current_status"]) for item in listed["items"]] == [
        (entry_id, "employed")
    ]

    early = api.post(f"/ledger/{entry_id}/exit", {"reason": "employed", "exited_on": "2024-01-01"})
    assert (early.status_code, early.json()["field"]) == (400, "exited_on")
    exited = api.post(f"/ledger/{entry_id}/exit", {"reason": "employed", "exited_on": "2025-03-01"})
    assert exited.json()["exit_reason"] == "employed"
    assert api.get("/ledger").json()["count"] == 0

    wish = api.post(
        f"/people/{person_id}/wishes",
        {"occupation_code": "2-02-10-03", "region_code": "330100", "expected_monthly_pay": 9000},
    )
    assert wish.status_code == 201 and wish.json()["occupation_name"]
    assert api.get(f"/people/{person_id}/wishes").json()["count"] == 1
    assert api.delete(f"/people/{person_id}/wishes/{wish.json()['id']}").status_code == 204

    timeline = api.get(f"/people/{person_id}/timeline").json()["items"]
    assert [event["kind"] for event in timeline] == ["ledger_exit", "status", "ledger_entry"]
    actions = set(AuditEvent.objects.filter(actor=caseworker).values_list("action", flat=True))
    assert {"ledger_entered", "status_recorded", "ledger_exited", "job_wish_removed"} <= actions


def test_another_countys_people_do_not_exist_for_the_api(
    api, api_client_for, make_user, administrator
):
    binjiang = make_user("caseworker_binjiang", role="caseworker", region_code="330108")
    theirs = api_client_for(binjiang)
    person_id = register(theirs, identity_number=identity_number("330108"), region_code="330108")
    person_id = person_id.json()["id"]
    person = Person.objects.get(pk=person_id)
    entry = services.enter_ledger(
        actor=binjiang, person=person, reason="other", entered_on=datetime.date(2025, 1, 1)
    )

    assert api.get("/ledger").json()["count"] == 0
    assert api.get(f"/people/{person_id}/timeline").status_code == 404
    assert patch(api, f"/people/{person_id}", {"version": 1, "name": "x"}).status_code == 404
    assert (
        api.post(
            f"/people/{person_id}/status-changes", {"status": "unemployed", "since": "2025-01-01"}
        ).status_code
        == 404
    )
    exit_attempt = api.post(
        f"/ledger/{entry.pk}/exit", {"reason": "other", "exited_on": "2025-02-01"}
    )
    assert exit_attempt.status_code == 404
    assert api.post(f"/people/{person_id}/wishes", {"region_code": "330106"}).status_code == 404
    assert api_client_for(administrator).get("/ledger").json()["count"] == 1
