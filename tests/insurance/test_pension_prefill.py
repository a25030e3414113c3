"""The pension calculator filled in from the signed-in citizen's own record: paid months, the
average index of the statement and the account balance, in a form they can still change."""

import datetime
import html

import pytest
from django.test import Client
from tests.insurance.factories import declare, enrol, make_employer, make_person, pay_in_full

from minsheng.insurance.calculations import add_months
from minsheng.insurance.pension_prefill import record_prefill

pytestmark = pytest.mark.django_db
URL = "/insurance/pension/estimate/"
JULY_2024 = datetime.date(2024, 7, 1)  # Zhejiang average wage 8017 from this month


@pytest.fixture
def insured_citizen(make_user):
    """王芳, a woman born 1990-01, paid 3 months of 2024 on a wage of 12,026 (index 1.5)."""
    citizen = make_user("citizen_wang", role="citizen")
    person = make_person("王芳", sequence=2, account=citizen)
    employer = make_employer()
    enrol(employer, person, JULY_2024)
    for offset in range(3):
        month = add_months(JULY_2024, offset)
        declare(employer, month, [(person.identity_number, 12026)])  # 8017 × 1.5 = 12025.5
        pay_in_full(employer, month, paid_on=add_months(month, 1).replace(day=10))
    return citizen


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_record_gives_months_index_balance_and_province(insured_citizen):
    prefill = record_prefill(
        actor=insured_citizen, as_of=datetime.date(2026, 11, 25), provinces={"330000"}
    )
    assert prefill.initial["birth_month"] == "1990-01"
    assert prefill.initial["category"] == "female_cadre"
    assert prefill.initial["contribution_months"] == 3
    assert prefill.initial["province_code"] == "330000"
    # 12026 ÷ 8017 = 1.50006…; 8% of 12026 = 962.08 a month.
    assert str(prefill.initial["average_index"]) == "1.5001"
    assert str(prefill.initial["account_balance"]) == "2886.24"


def test_the_page_fills_the_form_from_the_record_and_keeps_it_editable(insured_citizen):
    client = client_for(insured_citizen)
    assert 'href="?from=record"' in client.get(URL).content.decode()
    page = html.unescape(client.get(URL + "?from=record").content.decode())
    assert "Filled in from your record" in page
    assert 'name="contribution_months_0" value="0"' in page
    assert 'name="contribution_months_1" value="3"' in page
    assert 'name="average_index" value="1.5001"' in page
    assert 'name="birth_month" value="1990-01"' in page
    assert "Your record is kept in 浙江省, whose pension base the calculator does not know" in page
    response = client.post(URL, {
        "birth_month": "1990-01", "category": "female_cadre", "province_code": "110000",
        "contribution_months_0": "30", "contribution_months_1": "3", "average_index": "1.5001",
        "account_balance": "2886.24",
    })  # fmt: skip
    assert response.status_code == 200
    assert 'id="pension-total"' in response.content.decode()


def test_staff_get_no_record_to_fill_from(make_user):
    clerk = make_user("clerk_hz", role="insurance_clerk", region_code="330100")
    page = client_for(clerk).get(URL + "?from=record").content.decode()
    assert "Filled in from your record" not in page
    assert 'id="pension-prefill"' not in page
