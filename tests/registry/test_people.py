"""People pages and API: scoped to the user's region, masked by default, reveals audited."""

import pytest

from minsheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(signed_in_as, caseworker):
    return signed_in_as(caseworker)


def test_people_list_shows_only_the_region_with_masked_numbers(signed_in, people):
    page = signed_in.get("/people/").content.decode()

    assert "王西湖" in page and "李滨江" not in page and "张朝阳" not in page
    number = people["xihu"].identity_number
    assert number not in page
    assert number[:6] + "********" + number[-4:] in page
    assert "138****5678" in page


def test_people_can_be_found_by_name_or_whole_identity_number(signed_in, people):
    assert "王西湖" in signed_in.get("/people/", {"q": "西湖"}).content.decode()
    found = signed_in.get("/people/", {"q": people["xihu"].identity_number}).content.decode()
    assert "王西湖" in found
    assert "王西湖" not in signed_in.get("/people/", {"q": "滨江"}).content.decode()


def test_a_person_outside_the_region_is_not_found(signed_in, people):
    assert signed_in.get(f"/people/{people['xihu'].pk}/").status_code == 200
    assert signed_in.get(f"/people/{people['binjiang'].pk}/").status_code == 404
    assert (
        signed_in.post(
            f"/people/{people['chaoyang'].pk}/reveal/", {"reason": "核实身份"}
        ).status_code
        == 404
    )


def test_revealing_the_full_number_needs_a_reason_and_is_audited(signed_in, people, caseworker):
    person = people["xihu"]
    url = f"/people/{person.pk}/reveal/"

    refused = signed_in.post(url, {"reason": ""}, headers={"HX-Request": "true"})
    assert refused.status_code == 400
    assert person.identity_number not in refused.content.decode()

    shown = signed_in.post(url, {"reason": "办理失业登记核实身份"}, headers={"HX-Request": "true"})
    assert person.identity_number in shown.content.decode()
    event = AuditEvent.objects.get(action="read_unmasked")
    assert (event.actor_id, event.object_id, event.reason) == (
        caseworker.pk,
        str(person.pk),
        "办理失业登记核实身份",
    )
    assert event.after == {"field": "identity_number"}


def test_analysts_do_not_browse_named_people(signed_in_as, make_user, people):
    client = signed_in_as(make_user("analyst_zj", role="analyst", region_code="330000"))
    assert client.get("/people/").status_code == 404
    assert client.get(f"/people/{people['xihu'].pk}/").status_code == 404


def test_api_lists_people_masked_and_paginated(api_client_for, supervisor, people):
    api = api_client_for(supervisor)

    body = api.get("/people", {"page_size": 1}).json()

    assert body["count"] == 2
    assert len(body["items"]) == 1
    item = body["items"][0]
    assert "identity_number" not in item
    assert item["identity_number_masked"].count("*") == 8
    assert item["phone_masked"] == "138****5678"


def test_api_reveal_is_audited_and_out_of_scope_is_404(api_client_for, caseworker, people):
    api = api_client_for(caseworker)
    person = people["xihu"]

    assert api.get(f"/people/{people['chaoyang'].pk}").status_code == 404
    missing_reason = api.post(f"/people/{person.pk}/reveal", {"reason": " "})
    assert missing_reason.status_code == 400
    assert missing_reason.json()["field"] == "reason"

    revealed = api.post(f"/people/{person.pk}/reveal", {"reason": "社保转移核对"})

    assert revealed.json()["identity_number"] == person.identity_number
    assert AuditEvent.objects.filter(action="read_unmasked", reason="社保转移核对").count() == 1


def test_a_citizen_dashboard_shows_their_own_record_masked(signed_in_as, citizen, make_person):
    me = make_person("陈本人", "330106", sequence=5, account=citizen)
    make_person("王邻居", "330106", sequence=7)

    page = signed_in_as(citizen).get("/").content.decode()

    assert "陈本人" in page and "王邻居" not in page
    assert me.identity_number not in page
    assert me.identity_number[-4:] in page
