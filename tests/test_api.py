"""The API as a whole: schema and docs, token authentication, the one error shape."""

import pytest

pytestmark = pytest.mark.django_db

API = "/api/v1"
ERROR_KEYS = {"code", "message", "messages", "field"}


def test_openapi_schema_is_served_and_describes_the_api(client):
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "minsheng API"
    assert f"{API}/regions" in schema["paths"]
    assert f"{API}/identifiers/resident-id" in schema["paths"]
    assert any(
        s.get("scheme") == "bearer" for s in schema["components"]["securitySchemes"].values()
    )


def test_browsable_docs_are_served(client):
    response = client.get(f"{API}/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer ms_not-a-real-token"},
        {"Authorization": "Token something"},
    ],
)
def test_missing_or_wrong_token_is_a_401_with_the_error_shape(client, headers):
    response = client.get(f"{API}/me", headers=headers)

    assert response.status_code == 401
    body = response.json()
    assert set(body) >= ERROR_KEYS
    assert body["code"] == "unauthenticated"
    assert body["field"] is None
    assert set(body["messages"]) == {"zh-hans", "en"}


def test_revoked_token_gets_the_same_answer_as_an_unknown_one(client, caseworker, api_client_for):
    api = api_client_for(caseworker)
    token_id = api.get("/tokens").json()["items"][0]["id"]
    assert api.delete(f"/tokens/{token_id}").status_code == 204

    revoked = api.get("/me")
    unknown = client.get(f"{API}/me", headers={"Authorization": "Bearer ms_unknown"})

    assert revoked.status_code == unknown.status_code == 401
    assert revoked.json() == unknown.json()


def test_wrong_user_and_wrong_password_get_the_same_401(client, caseworker):
    def obtain(username, password):
        return client.post(
            f"{API}/auth/token",
            {"username": username, "password": password},
            content_type="application/json",
        )

    wrong_user = obtain("nobody", "Minsheng-test-2025")
    wrong_password = obtain(caseworker.username, "not-the-password")

    assert wrong_user.status_code == wrong_password.status_code == 401
    assert wrong_user.json() == wrong_password.json()
    assert wrong_user.json()["code"] == "invalid_credentials"


def test_unknown_record_is_a_404_with_the_error_shape(caseworker, api_client_for):
    response = api_client_for(caseworker).get("/regions/999999")

    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "region_not_found"
    assert body["field"] == "code"
    assert body["messages"]["en"] == "Unknown region code."


def test_business_refusal_names_the_field(caseworker, api_client_for):
    response = api_client_for(caseworker).post(
        "/identifiers/resident-id", {"number": "110105194912310021"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "identity_number_checksum"
    assert response.json()["field"] == "number"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "number"),
        ({"number": ["11010519491231002X"]}, "number"),
    ],
)
def test_malformed_payload_is_a_422_naming_the_field(caseworker, api_client_for, payload, field):
    response = api_client_for(caseworker).post("/identifiers/resident-id", payload)

    assert response.status_code == 422
    body = response.json()
    assert set(body) >= ERROR_KEYS
    assert body["code"] == "invalid_payload"
    assert body["field"] == field


def test_unparseable_body_is_refused_with_the_error_shape(caseworker, api_client_for):
    api = api_client_for(caseworker)
    response = api.client.post(
        f"{API}/identifiers/resident-id",
        "{not json",
        content_type="application/json",
        headers=api.headers(),
    )

    assert response.status_code == 400
    assert set(response.json()) >= ERROR_KEYS


def test_error_messages_come_in_chinese_and_english(client):
    body = client.get(f"{API}/me").json()

    assert body["messages"]["zh-hans"] != body["messages"]["en"]
