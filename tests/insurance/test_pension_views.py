"""The citizens' pension calculator page: in their navigation, the estimate with its step-by-step
explanation, and bad input shown next to its field."""

import html

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/insurance/pension/estimate/"


@pytest.fixture
def signed_in_as():
    def sign_in(user) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        return client

    return sign_in


def text(response) -> str:
    return html.unescape(response.content.decode())


def form(**changes) -> dict:
    """The Beijing man born 1965-03 of the golden cases, as the form posts him."""
    values = {
        "birth_month": "1965-03",
        "category": "male",
        "province_code": "110000",
        "contribution_months_0": "29",
        "contribution_months_1": "0",
        "planned_months_0": "1",
        "planned_months_1": "0",
        "deemed_months_0": "5",
        "deemed_months_1": "",
        "average_index": "1.2",
        "transitional_index": "1",
        "account_balance": "150000",
        "retirement_month": "",
    }
    return values | changes


def test_citizens_find_the_calculator_in_their_navigation(signed_in_as, citizen, caseworker):
    page = text(signed_in_as(citizen).get("/"))
    assert f'href="{URL}"' in page
    assert f'href="{URL}"' not in text(signed_in_as(caseworker).get("/"))


def test_the_form_offers_the_provinces_with_a_pension_base_and_the_categories(
    signed_in_as, citizen
):
    response = signed_in_as(citizen).get(URL)
    assert response.status_code == 200
    page = text(response)
    assert '<option value="110000">北京市</option>' in page
    assert "Woman in a worker post (original retirement age 50)" in page
    assert 'type="month"' in page


def test_an_estimate_shows_the_retirement_month_and_every_step(signed_in_as, citizen):
    response = signed_in_as(citizen).post(URL, form())
    assert response.status_code == 200
    page = text(response)
    assert "6325.14 yuan a month" in page
    assert '<dd id="retirement-month">2025-04</dd>' in page
    assert "15 years (2025) · met" in page
    explanation = page[page.index('id="pension-explanation"') :]
    for code in ("statutory_age", "basic_pension", "account_divisor", "transitional_pension"):
        assert f'id="step-{code}"' in explanation
    assert "C × (1 + Ī) ÷ 2 × N × r" in explanation
    assert "4638.87" in explanation and "138.4" in explanation and "602.45" in explanation
    assert 'href="/parameters/insurance.pension.account_divisor/"' in explanation
    assert "国发〔2005〕38号" in explanation


def test_a_person_short_of_the_minimum_is_told_what_is_missing(signed_in_as, citizen):
    response = signed_in_as(citizen).post(
        URL,
        form(contribution_months_0="10", planned_months_0="0", deemed_months_0="0"),
    )
    page = text(response)
    assert 'id="minimum-shortfall"' in page
    assert "15 years of contributions are needed, 5 years are missing" in page


def test_a_birth_month_150_years_back_is_refused_next_to_its_field(signed_in_as, citizen):
    response = signed_in_as(citizen).post(URL, form(birth_month="1875-03"))
    assert response.status_code == 400
    page = text(response)
    assert 'id="id_birth_month-error"' in page
    assert "older than 120 years is taken for an entry error" in page
    assert "yuan a month" not in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"birth_month": "1965-13"}, "birth_month", "Give a month as YYYY-MM."),
        ({"average_index": "3.5"}, "average_index", "lies between 0 and 3"),
        ({"contribution_months_0": "-1"}, "contribution_months", "greater than or equal to 0"),
        ({"retirement_month": "2020-01"}, "retirement_month", "flexible retirement allows"),
        ({"category": "retired"}, "category", "Select a valid choice"),
    ],
)
def test_bad_input_is_shown_next_to_its_field(signed_in_as, citizen, changes, field, message):
    response = signed_in_as(citizen).post(URL, form(**changes))
    assert response.status_code == 400
    page = text(response)
    assert f'id="id_{field}-error"' in page or f'id="id_{field}_0-error"' in page
    assert message in page


def test_signing_in_is_required(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
