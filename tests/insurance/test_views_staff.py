"""Staff and citizen pages: a clerk's region (404 outside it), a person's record with both
provinces and the transfer form, the section on the person page, the citizen's own statement
and contributing as a flexible worker."""

import datetime
import re

import pytest
from tests.insurance.factories import (
    TODAY,
    XIHU,
    declare,
    enrol,
    make_employer,
    make_person,
    pay_in_full,
)

from minsheng.insurance import account_services
from minsheng.insurance.models import AccountEntry, EndReason, Enrolment, Transfer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
MASKED = re.compile(r"\d{6}\*{8}[\dX]{4}")


@pytest.fixture
def hangzhou_clerk(make_user):
    return make_user("clerk_hz", role="insurance_clerk", region_code="330100")


@pytest.fixture
def insured():
    """王芳 with one paid month in Xihu."""
    employer = make_employer()
    person = make_person("王芳", sequence=2)
    enrol(employer, person, datetime.date(2024, 1, 1))
    month = datetime.date(2024, 10, 1)
    declare(employer, month, [(person.identity_number, 10000)])
    pay_in_full(employer, month, paid_on=datetime.date(2024, 11, 10))
    return person


def test_a_clerk_lists_the_insured_people_of_the_region_masked(
    english_client, hangzhou_clerk, insured
):
    page = english_client(hangzhou_clerk).get("/insurance/enrolments/").content.decode()
    assert "王芳" in page and insured.identity_number not in page and MASKED.search(page)


def test_a_clerk_of_another_region_sees_nothing_and_gets_404(english_client, make_user, insured):
    beijing = make_user("clerk_bj", role="insurance_clerk", region_code="110000")
    client = english_client(beijing)
    assert "王芳" not in client.get("/insurance/enrolments/").content.decode()
    assert client.get(f"/insurance/people/{insured.pk}/").status_code == 404
    assert "No arrears." in client.get("/insurance/arrears/").content.decode()


def test_the_record_page_shows_the_balance_and_the_province(
    english_client, hangzhou_clerk, insured
):
    page = english_client(hangzhou_clerk).get(f"/insurance/people/{insured.pk}/").content.decode()
    assert "800.00" in page and "浙江省" in page and "Transfer the record" in page


def test_a_clerk_transfers_a_record_into_the_region(english_client, make_user, insured):
    enrolment = Enrolment.objects.get(person=insured)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        ended_on=datetime.date(2024, 12, 31), end_reason=EndReason.MOVED
    )
    enrol(make_employer("上海浦江贸易有限公司", region_code="310101"), insured,
          datetime.date(2025, 1, 1))  # fmt: skip
    shanghai = make_user("clerk_sh", role="insurance_clerk", region_code="310000")
    client = english_client(shanghai)
    answer = client.post(
        f"/insurance/people/{insured.pk}/transfer/",
        {"to_region_code": "310101", "transferred_on": "2025-02-01"},
    )
    assert answer.status_code == 302
    transfer = Transfer.objects.get()
    assert (transfer.from_province, transfer.to_province) == ("330000", "310000")
    page = client.get(f"/insurance/people/{insured.pk}/").content.decode()
    assert "上海市" in page and "浙江省" in page and "800.00" in page


def test_the_person_page_has_an_insurance_section_for_the_clerk(
    english_client, hangzhou_clerk, insured
):
    page = english_client(hangzhou_clerk).get(f"/people/{insured.pk}/").content.decode()
    assert "Social insurance" in page and "The whole insurance record" in page


def test_the_person_page_section_is_empty_for_a_caseworker(english_client, caseworker, insured):
    page = english_client(caseworker).get(f"/people/{insured.pk}/").content.decode()
    assert "No insurance record kept in your region." in page


def test_a_citizen_sees_their_own_statement(english_client, citizen):
    person = make_person("陈静", sequence=4, account=citizen)
    employer = make_employer()
    enrol(employer, person, datetime.date(2024, 1, 1))
    declare(employer, datetime.date(2024, 10, 1), [(person.identity_number, 6000)])
    pay_in_full(employer, datetime.date(2024, 10, 1), paid_on=datetime.date(2024, 11, 10))
    account_services.credit_interest(actor=None, year=2024, as_of=TODAY)
    page = english_client(citizen).get("/insurance/mine/").content.decode()
    assert "480.00" in page and "1 paid months" in page
    assert person.identity_number not in page and MASKED.search(page)
    assert "2.10" in page  # 480 credited in November: 480 × 2.62% × 2 ÷ 12


def test_a_citizen_cannot_open_someone_elses_record(english_client, citizen, insured):
    assert english_client(citizen).get(f"/insurance/people/{insured.pk}/").status_code == 404


def test_a_flexible_worker_enrols_declares_and_pays_on_their_page(english_client, citizen):
    make_person("陈静", region_code="410105", sequence=4, account=citizen)
    client = english_client(citizen)
    answer = client.post(
        "/insurance/mine/flexible/",
        {"action": "enrol", "region_code": XIHU, "started_on": "2024-09-01"},
    )
    assert answer.status_code == 302
    refused = client.post(
        "/insurance/mine/flexible/", {"action": "declare", "month": "2024-10", "base": "30000"}
    )
    assert refused.status_code == 400 and "24051" in refused.content.decode()
    client.post("/insurance/mine/flexible/", {"action": "declare", "month": "2024-10",
                                              "base": "6000"})  # fmt: skip
    client.post(
        "/insurance/mine/flexible/",
        {"action": "pay", "pay-month": "2024-10", "pay-amount": "1200",
         "pay-paid_on": "2024-11-03"},
    )  # fmt: skip
    assert AccountEntry.objects.get().amount == 480
