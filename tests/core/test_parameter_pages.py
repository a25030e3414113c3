"""The legal parameters page: every file under rules/, grouped by folder, with description,
unit, reference and dated history (regions by name); one page per parameter."""

import html

import pytest
from django.test import Client

from minsheng.core import parameters
from minsheng.core.parameter_pages import value_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_as():
    def sign_in(user) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        return client

    return sign_in


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_every_signed_in_user_finds_the_parameters_in_navigation(signed_in_as, citizen, caseworker):
    for user in (citizen, caseworker):
        assert 'href="/parameters/"' in text(signed_in_as(user).get("/"))


def test_the_list_shows_every_parameter_grouped_by_folder(signed_in_as, citizen):
    response = signed_in_as(citizen).get("/parameters/")
    assert response.status_code == 200
    page = text(response)
    for name in parameters.all_parameters():
        assert f'<article id="{name}">' in page
    pension = page[page.index('id="folder-insurance.pension"') :]
    pension = pension[: pension.index("</section>")]
    assert "account_divisor" in pension and "assistance" not in pension
    assert "全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定" in pension


def test_region_keyed_values_name_their_regions_and_every_date_is_listed(signed_in_as, citizen):
    page = text(signed_in_as(citizen).get("/parameters/insurance.pension.pension_base/"))
    assert "北京市 (110000)" in page
    assert "11883" in page and "12049" in page
    assert page.index("2025-01-01") < page.index("2024-01-01")  # newest first
    assert "yuan per month" in page
    assert "rules/insurance/pension/pension_base.yaml" in page


def test_a_table_value_shows_one_row_per_entry(signed_in_as, citizen):
    page = text(signed_in_as(citizen).get("/parameters/insurance.pension.retirement_age/"))
    assert "male › first_affected_birth_month" in page
    assert "female_worker › cap_months" in page


def test_an_unknown_parameter_is_404(signed_in_as, citizen):
    assert signed_in_as(citizen).get("/parameters/no.such.thing/").status_code == 404


def test_signing_in_is_required(client):
    assert client.get("/parameters/").status_code == 302


def test_nested_values_flatten_to_readable_rows():
    rows = value_rows({"110000": 11883, "table": {"40": 233, "flags": [1, 2]}, "on": True})
    assert rows == [
        ("北京市 (110000)", "11883"),
        ("table › 40", "233"),
        ("table › flags", "1, 2"),
        ("on", "✓"),
    ]
    assert value_rows("0.01") == [("", "0.01")]
