"""The employer's pages: enrolling employees, uploading a month's declaration, its refused rows
and corrections, arrears and payments. An employer reaches its own records only."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.insurance.factories import (
    csv_bytes,
    declare,
    enrol,
    identity,
    make_employer,
    make_person,
)

from minsheng.core.models import BackgroundJob
from minsheng.insurance.models import ContributionLine, Declaration, Enrolment, Payment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
MASKED = re.compile(r"\d{6}\*{8}[\dX]{4}")


@pytest.fixture
def hr(make_user):
    return make_user("hr_hengtai", role="employer")


@pytest.fixture
def employer(hr):
    return make_employer("杭州恒泰机械制造有限公司", accounts=[hr])


@pytest.fixture
def browser(signed_in_as, hr):
    client = signed_in_as(hr)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def last_month() -> str:
    first = datetime.date.today().replace(day=1)
    return f"{first - datetime.timedelta(days=1):%Y-%m}"


def test_an_employer_enrols_an_employee_registered_elsewhere(browser, employer):
    number = identity("410105", "19920505", 3)
    answer = browser.post(
        "/insurance/our/",
        {"employer": employer.pk, "identity_number": number, "name": "马涛",
         "started_on": "2025-03-01"},
    )  # fmt: skip
    assert answer.status_code == 302
    page = browser.get("/insurance/our/").content.decode()
    assert "马涛" in page and number not in page and MASKED.search(page)
    assert Enrolment.objects.get().person.region_id == "410105"


@pytest.fixture
def post_declaration(browser, employer, django_capture_on_commit_callbacks):
    """Upload a file on the declaration page; the task declaring it runs once it commits."""

    def post(data: bytes, month: str):
        upload = SimpleUploadedFile("declaration.csv", data, content_type="text/csv")
        with django_capture_on_commit_callbacks(execute=True):
            return browser.post(
                "/insurance/our/declare/",
                {"employer": employer.pk, "month": month, "file": upload},
            )

    return post


def test_an_upload_declares_the_good_rows_and_lists_the_bad_ones(
    browser, employer, post_declaration
):
    wang = make_person("王芳", sequence=2)
    enrol(employer, wang, datetime.date(2024, 1, 1))
    data = csv_bytes([["王芳", wang.identity_number, 9000], ["李强", identity(sequence=5), -1]])
    answer = post_declaration(data, last_month())
    job = BackgroundJob.objects.get()
    assert answer.status_code == 302 and answer.url == f"/background-jobs/{job.pk}/"
    done = browser.get(answer.url)
    declaration = Declaration.objects.get()
    assert done.status_code == 302 and done.url == f"/insurance/declarations/{declaration.pk}/"
    page = browser.get(done.url).content.decode()
    assert "Refused rows" in page and "The wage cannot be negative." in page
    assert "缴费工资" in page and wang.identity_number not in page
    assert ContributionLine.objects.count() == 1
    assert "declaration.csv" in browser.get("/insurance/our/declare/").content.decode()


def test_uploading_the_same_file_again_changes_nothing(browser, employer, post_declaration):
    wang = make_person("王芳", sequence=2)
    enrol(employer, wang, datetime.date(2024, 1, 1))
    data = csv_bytes([["王芳", wang.identity_number, 9000]])
    post_declaration(data, last_month())

    again = post_declaration(data, last_month())

    declaration = Declaration.objects.get()
    assert again.url == f"/insurance/declarations/{declaration.pk}/"
    assert "declared before" in browser.get(again.url).content.decode()
    assert BackgroundJob.objects.count() == 1 and ContributionLine.objects.count() == 1


def test_a_file_without_the_wage_column_is_refused_on_the_form(browser, employer):
    upload = SimpleUploadedFile(
        "d.csv", "姓名,身份证号\r\n王芳,1\r\n".encode(), content_type="text/csv"
    )
    answer = browser.post(
        "/insurance/our/declare/", {"employer": employer.pk, "month": last_month(), "file": upload}
    )
    assert answer.status_code == 400 and "缴费工资" in answer.content.decode()
    assert not BackgroundJob.objects.exists()


def test_a_future_month_is_refused_on_the_form(browser, employer):
    upload = SimpleUploadedFile("d.csv", csv_bytes([]), content_type="text/csv")
    answer = browser.post(
        "/insurance/our/declare/", {"employer": employer.pk, "month": "2099-01", "file": upload}
    )
    assert answer.status_code == 400
    assert "future month" in answer.content.decode()


def test_another_employers_declaration_is_not_found(browser, employer):
    other = make_employer("乙公司")
    person = make_person("李强", sequence=3)
    enrol(other, person, datetime.date(2024, 1, 1))
    theirs = declare(other, datetime.date(2024, 10, 1), [(person.identity_number, 9000)])
    assert browser.get(f"/insurance/declarations/{theirs.declaration.pk}/").status_code == 404
    assert "乙公司" not in browser.get("/insurance/declarations/").content.decode()


def test_the_arrears_page_shows_own_arrears_and_takes_a_payment(browser, employer):
    wang = make_person("王芳", sequence=2)
    enrol(employer, wang, datetime.date(2024, 1, 1))
    declare(employer, datetime.date(2024, 10, 1), [(wang.identity_number, 10000)])
    page = browser.get("/insurance/arrears/").content.decode()
    assert "2024-10" in page and "2500.00" in page
    answer = browser.post(
        "/insurance/payments/new/",
        {"employer": employer.pk, "month": "2024-10", "amount": "2500.00",
         "paid_on": datetime.date.today().isoformat(), "next": "/insurance/arrears/"},
    )  # fmt: skip
    assert answer.status_code == 302
    assert Payment.objects.get().amount == 2500
    assert "No arrears." in browser.get("/insurance/arrears/").content.decode()


def test_corrections_are_listed_with_the_earlier_wage(browser, employer):
    wang = make_person("王芳", sequence=2)
    enrol(employer, wang, datetime.date(2024, 1, 1))
    declare(employer, datetime.date(2024, 10, 1), [(wang.identity_number, 9000)])
    declare(employer, datetime.date(2024, 10, 1), [(wang.identity_number, 9500)])
    page = browser.get("/insurance/corrections/").content.decode()
    assert "correction 2" in page and "was 9000.00" in page


def test_the_dashboard_panel_shows_the_employers_arrears(browser, employer):
    wang = make_person("王芳", sequence=2)
    enrol(employer, wang, datetime.date(2024, 1, 1))
    declare(employer, datetime.date(2024, 10, 1), [(wang.identity_number, 10000)])
    page = browser.get("/").content.decode()
    assert "Social insurance" in page and "2500.00" in page


def test_citizens_do_not_reach_the_employer_pages(signed_in_as, citizen):
    assert signed_in_as(citizen).get("/insurance/our/declare/").status_code == 404
