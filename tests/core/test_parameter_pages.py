"""The legal parameters page: every file under rules/, grouped by folder, with description and
unit in the reader's language, reference and dated history (regions by name); one page per
parameter."""

import html

import pytest

from minsheng.core import parameters
from minsheng.core.parameter_pages import value_rows

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_every_signed_in_user_finds_the_parameters_in_navigation(signed_in_as, citizen, caseworker):
    for user in (citizen, caseworker):
        assert 'href="/parameters/"' in text(signed_in_as(user).get("/"))


def test_the_list_shows_every_parameter_grouped_by_folder(english_client, citizen):
    response = english_client(citizen).get("/parameters/")
    assert response.status_code == 200
    page = text(response)
    for name in parameters.all_parameters():
        assert f'<article id="{name}">' in page
    pension = page[page.index('id="folder-insurance.pension"') :]
    pension = pension[: pension.index("</section>")]
    assert "account_divisor" in pension and "assistance" not in pension
    assert "全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定" in pension


def test_region_keyed_values_name_their_regions_and_every_date_is_listed(english_client, citizen):
    page = text(english_client(citizen).get("/parameters/insurance.pension.pension_base/"))
    assert "北京市 (110000)" in page
    assert "11883" in page and "12049" in page
    assert page.index("2025-01-01") < page.index("2024-01-01")  # newest first
    assert "yuan per month" in page
    assert "rules/insurance/pension/pension_base.yaml" in page


def test_a_table_value_shows_one_row_per_entry(english_client, citizen):
    page = text(english_client(citizen).get("/parameters/insurance.pension.retirement_age/"))
    assert "male › first_affected_birth_month" in page
    assert "female_worker › cap_months" in page


def test_an_unknown_parameter_is_404(english_client, citizen):
    assert english_client(citizen).get("/parameters/no.such.thing/").status_code == 404


def test_descriptions_and_units_are_in_the_readers_language(signed_in_as, english_client, citizen):
    chinese = text(signed_in_as(citizen).get("/parameters/"))
    english = text(english_client(citizen).get("/parameters/"))
    for found in parameters.all_parameters().values():
        assert found.description_zh in chinese and found.description_en not in chinese
        assert found.description_en in english and found.description_zh not in english
    assert "<dt>计量单位</dt><dd>元/月</dd>" in chinese
    assert "<dt>Unit</dt><dd>yuan a month</dd>" in english


def test_one_parameters_page_speaks_chinese_too(signed_in_as, citizen):
    page = text(signed_in_as(citizen).get("/parameters/insurance.pension.pension_base/"))
    assert "各省养老金计发基数C" in page
    assert "<dd>元/月</dd>" in page


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
