import pytest
from django.db import connection
from stdnum.cn import ric

from minsheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db

API = "/api/v1"
PASSWORD = "Minsheng-test-2025"


def obtain_token(client, username, password=PASSWORD):
    return client.post(
        f"{API}/auth/token",
        {"username": username, "password": password, "token_name": "cli"},
        content_type="application/json",
    )


def test_token_issue_use_and_revoke(client, caseworker):
    issued = obtain_token(client, caseworker.username)
    assert issued.status_code == 201
    bearer = {"Authorization": f"Bearer {issued.json()['token']}"}

    me = client.get(f"{API}/me", headers=bearer)
    assert me.status_code == 200
    assert me.json() == {
        "username": "caseworker_xihu",
        "role": "caseworker",
        "region_code": "330106",
        "region_name": "浙江省 杭州市 西湖区",
    }

    tokens = client.get(f"{API}/tokens", headers=bearer).json()
    assert tokens["count"] == 1
    assert tokens["items"][0]["name"] == "cli"
    assert "token" not in tokens["items"][0]

    revoked = client.delete(f"{API}/tokens/{issued.json()['id']}", headers=bearer)
    assert revoked.status_code == 204
    assert client.get(f"{API}/me", headers=bearer).status_code == 401


def test_someone_elses_token_cannot_be_revoked(caseworker, supervisor, api_client_for):
    own = api_client_for(caseworker)
    other = api_client_for(supervisor)
    token_id = own.get("/tokens").json()["items"][0]["id"]

    response = other.delete(f"/tokens/{token_id}")

    assert response.status_code == 404
    assert own.get("/me").status_code == 200


def test_token_requests_are_refused_after_too_many_failures(client, caseworker, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _attempt in range(3):
        assert obtain_token(client, caseworker.username, "wrong-password").status_code == 401

    refused = obtain_token(client, caseworker.username)

    assert refused.status_code == 429
    assert refused.json()["code"] == "too_many_attempts"


def test_region_list_is_paginated(caseworker, api_client_for):
    api = api_client_for(caseworker)

    first = api.get("/regions").json()
    second = api.get("/regions", {"page": 2}).json()
    small = api.get("/regions", {"page_size": 10}).json()

    assert set(first) == {"items", "count"}
    assert first["count"] > 3000
    assert len(first["items"]) == 50
    assert first["items"][0]["code"] == "100000"
    assert second["items"][0]["code"] > first["items"][-1]["code"]
    assert len(small["items"]) == 10


def test_region_list_filters_by_parent_and_pinyin(caseworker, api_client_for):
    api = api_client_for(caseworker)

    provinces = api.get("/regions", {"parent": "100000", "page_size": 100}).json()
    xihu = api.get("/regions", {"q": "Xihu"}).json()

    assert provinces["count"] == 34
    assert {"110000", "330000", "650000"} <= {r["code"] for r in provinces["items"]}
    assert "330106" in {r["code"] for r in xihu["items"]}


def test_page_number_below_one_is_a_422(caseworker, api_client_for):
    response = api_client_for(caseworker).get("/regions", {"page": 0})

    assert response.status_code == 422
    assert response.json()["field"] == "page"


@pytest.mark.parametrize(
    ("code", "ancestor", "within"),
    [("330106", "330100", True), ("330106", "330000", True), ("330106", "110000", False)],
)
def test_region_within(caseworker, api_client_for, code, ancestor, within):
    response = api_client_for(caseworker).get(f"/regions/{code}/within/{ancestor}")

    assert response.status_code == 200
    assert response.json()["within"] is within


def test_resident_id_check_derives_facts_and_masks_the_number(caseworker, api_client_for):
    response = api_client_for(caseworker).post(
        "/identifiers/resident-id", {"number": "11010519491231002X"}
    )

    assert response.status_code == 200
    assert response.json() == {
        "number_masked": "110105********002X",
        "birth_date": "1949-12-31",
        "sex": "F",
        "region_code": "110105",
        "region_name": "北京市 市辖区 朝阳区",
    }


def test_old_fifteen_digit_number_is_checked_in_its_new_form(caseworker, api_client_for):
    eighteen = "33010619800101001" + ric.calc_check_digit("330106198001010010")
    response = api_client_for(caseworker).post(
        "/identifiers/resident-id", {"number": "330106800101001"}
    )

    assert response.json()["number_masked"] == "330106********" + eighteen[-4:]
    assert response.json()["birth_date"] == "1980-01-01"


def test_credit_code_check(caseworker, api_client_for):
    api = api_client_for(caseworker)

    valid = api.post("/identifiers/credit-code", {"number": "91330106MA2H7QK5XR"})
    unknown_region = api.post("/identifiers/credit-code", {"number": "91990101MA2H7QK5XJ"})

    assert valid.status_code == 200
    assert valid.json() == {"code": "91330106MA2H7QK5XR", "region_code": "330106"}
    assert unknown_region.status_code == 400
    assert unknown_region.json()["code"] == "credit_code_region"


def test_audit_events_are_scoped_to_the_supervisors_region(
    supervisor, make_user, api_client_for, administrator
):
    in_hangzhou = make_user("clerk_xihu", role="caseworker", region_code="330106")
    in_beijing = make_user("clerk_chaoyang", role="caseworker", region_code="110105")

    def seen_by(user):
        events = api_client_for(user).get(
            "/audit/events", {"action": "user_created", "page_size": 100}
        )
        return {event["object_id"] for event in events.json()["items"]}

    assert str(in_hangzhou.pk) in seen_by(supervisor)
    assert str(in_beijing.pk) not in seen_by(supervisor)
    assert {str(in_hangzhou.pk), str(in_beijing.pk)} <= seen_by(administrator)


def test_caseworkers_see_no_audit_events(caseworker, api_client_for):
    response = api_client_for(caseworker).get("/audit/events")

    assert response.json() == {"items": [], "count": 0}


def test_only_administrators_verify_the_chain(supervisor, administrator, api_client_for):
    assert api_client_for(supervisor).get("/audit/verify").status_code == 403

    report = api_client_for(administrator).get("/audit/verify").json()

    assert report["intact"] is True
    assert report["checked"] == AuditEvent.objects.count()


def test_chain_verification_over_the_api_finds_a_deleted_row(administrator, api_client_for):
    api = api_client_for(administrator)
    victim = AuditEvent.objects.get(action="user_created", object_id=str(administrator.pk))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {AuditEvent._meta.db_table} WHERE sequence = %s", [victim.sequence]
        )

    report = api.get("/audit/verify").json()

    assert report["intact"] is False
    assert report["broken_at"] == victim.sequence
