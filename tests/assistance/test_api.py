"""The assistance API: records, lists paginated, figures, and 404 outside the caller's region."""

import datetime

import pytest
from django.utils import timezone

from minsheng.assistance import services
from minsheng.core.models import AuditEvent

from .conftest import BINJIANG, join_group, put_on_ledger, serve

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def api(api_client_for, caseworker):
    client = api_client_for(caseworker)
    client.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def service_payload(**overrides):
    return {
        "kind": "career_guidance",
        "delivered_on": timezone.localdate().isoformat(),
        "channel": "online",
        "content": "职业指导：简历修改",
    } | overrides


def test_recording_and_listing_services(api, make_person, caseworker):
    person = make_person("黄一")

    created = api.post(f"/people/{person.pk}/services", service_payload())
    assert created.status_code == 201
    assert created.json()["staff_id"] == caseworker.pk
    for _ in range(2):
        api.post(f"/people/{person.pk}/services", service_payload())

    page = api.get(f"/people/{person.pk}/services", {"page_size": 2}).json()
    assert page["count"] == 3 and len(page["items"]) == 2
    view = api.get(f"/people/{person.pk}/1131").json()
    assert view["complete"] is False
    assert {r["label"]: r["have"] for r in view["requirements"]}["Career guidance"] == 3
    assert AuditEvent.objects.filter(action="service_recorded").count() == 3


def test_a_bad_service_is_refused_with_its_field(api, make_person):
    person = make_person("黄二")
    response = api.post(f"/people/{person.pk}/services", service_payload(content=""))
    assert response.status_code == 400
    assert response.json()["field"] == "content"


def test_everything_outside_the_region_is_not_found(api, make_person, make_user):
    stranger = make_person("黄滨江", BINJIANG)
    join_group(stranger, "low_income")
    other = make_user("bj_worker", role="caseworker", region_code=BINJIANG)
    pairing = services.assign_caseworker(actor=other, person=stranger, caseworker=other)

    assert api.get(f"/people/{stranger.pk}/services").status_code == 404
    assert api.get(f"/people/{stranger.pk}/1131").status_code == 404
    assert api.post(f"/people/{stranger.pk}/services", service_payload()).status_code == 404
    assert api.get(f"/assistance/pairings/{pairing.pk}").status_code == 404
    assert api.get(f"/assistance/pairings/{pairing.pk}/follow-ups").status_code == 404
    follow_up = {"visited_on": "2026-01-01", "channel": "phone", "notes": "x"}
    assert api.post(f"/assistance/pairings/{pairing.pk}/follow-ups", follow_up).status_code == 404
    assert (
        api.post(
            f"/assistance/pairings/{pairing.pk}/reassign", {"caseworker_id": other.pk}
        ).status_code
        == 404
    )
    refused = api.get("/assistance/1131/completion", {"region_code": "330100"})
    assert refused.status_code == 404
    assert api.get("/assistance/pairings").json()["count"] == 0


def test_overdue_and_completion_figures(api, make_person, caseworker):
    today = timezone.localdate()
    late = make_person("黄逾期")
    put_on_ledger(late, today - 100 * DAY)
    serve(caseworker, late, "job_recommendation", today, times=3)

    overdue = api.get("/assistance/1131/overdue").json()
    assert overdue["count"] == 1
    row = overdue["items"][0]
    assert row["name"] == "黄逾期" and "*" in row["identity_number_masked"]
    assert [m["label"] for m in row["missing"]] == [
        "Policy briefing",
        "Career guidance",
        "Training or internship opportunity",
    ]

    completion = api.get("/assistance/1131/completion").json()
    assert completion["overall"] == {
        "region_code": "330106",
        "region_name": "西湖区",
        "on_ledger": 1,
        "complete": 0,
        "rate": 0.0,
    }


def test_pairing_through_the_api(api, make_person, caseworker, make_user):
    colleague = make_user("colleague", role="caseworker", region_code="330106")
    person = make_person("黄困难")
    join_group(person, "disability")

    suggested = api.get("/assistance/pairing/suggestions").json()
    assert suggested["items"] == [
        {
            "person_id": person.pk,
            "name": "黄困难",
            "region_code": "330106",
            "suggested_caseworker_id": caseworker.pk,
        }
    ]
    created = api.post(
        "/assistance/pairings", {"person_id": person.pk, "caseworker_id": caseworker.pk}
    )
    assert created.status_code == 201
    again = api.post(
        "/assistance/pairings", {"person_id": person.pk, "caseworker_id": colleague.pk}
    )
    assert again.status_code == 409

    pairing_id = created.json()["id"]
    follow_up = {
        "visited_on": timezone.localdate().isoformat(),
        "channel": "phone",
        "notes": "电话回访",
    }
    assert api.post(f"/assistance/pairings/{pairing_id}/follow-ups", follow_up).status_code == 201
    moved = api.post(f"/assistance/pairings/{pairing_id}/reassign", {"caseworker_id": colleague.pk})
    assert moved.status_code == 201 and moved.json()["caseworker_id"] == colleague.pk
    history = api.get("/assistance/pairings", {"open_only": False}).json()
    assert [p["end_reason"] for p in history["items"]] == ["", "reassigned"]

    coverage = api.get("/assistance/pairing/coverage").json()
    assert (coverage["overall"]["eligible"], coverage["overall"]["paired"]) == (1, 1)


def test_today_lists_due_follow_ups(api, make_person, caseworker):
    person = make_person("黄到期")
    join_group(person, "low_income")
    services.assign_caseworker(
        actor=caseworker,
        person=person,
        caseworker=caseworker,
        started_on=timezone.localdate() - 45 * DAY,
    )
    body = api.get("/assistance/today").json()
    assert body["count"] == 1
    assert body["items"][0]["due_on"] == (timezone.localdate() - 15 * DAY).isoformat()


def test_caseworkers_and_staff_leaving_through_the_api(
    api_client_for, supervisor, caseworker, make_user, make_person
):
    colleague = make_user("colleague", role="caseworker", region_code="330106")
    beijing = make_user("beijing", role="caseworker", region_code="110105")
    person = make_person("黄交接")
    join_group(person, "low_income")
    services.assign_caseworker(actor=supervisor, person=person, caseworker=caseworker)
    api = api_client_for(supervisor)

    listed = api.get("/assistance/caseworkers").json()
    assert {(c["username"], c["open_pairings"]) for c in listed["items"]} == {
        ("caseworker_xihu", 1),
        ("colleague", 0),
    }
    assert api.post(f"/assistance/caseworkers/{beijing.pk}/left", {}).status_code == 404

    moved = api.post(f"/assistance/caseworkers/{caseworker.pk}/left", {}).json()

    assert [p["caseworker_id"] for p in moved] == [colleague.pk]
    assert AuditEvent.objects.filter(
        action="pairing_ended", object_type="assistance.pairing"
    ).exists()


def test_a_caseworker_outside_the_region_cannot_be_named(api, make_person, make_user):
    elsewhere = make_user("caseworker_chaoyang", role="caseworker", region_code="110105")
    citizen_account = make_user("someone", role="citizen")
    person = make_person("黄困难")
    join_group(person, "disability")

    for stranger in (elsewhere, citizen_account):
        refused = api.post(
            "/assistance/pairings", {"person_id": person.pk, "caseworker_id": stranger.pk}
        )
        assert refused.status_code == 404
        assert refused.json()["code"] == "caseworker_not_found"
