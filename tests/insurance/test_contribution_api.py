"""The enrolment, contribution and account API: uploads and JSON rows (201 new, 200 the same
again), refused rows in the answer, paginated lists, 404 outside the caller's reach, the
standard error shape, statements with masked identity numbers."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.insurance.factories import (
    csv_bytes,
    declare,
    enrol,
    identity,
    make_employer,
    make_person,
    pay_in_full,
)

from minsheng.insurance.models import ContributionLine

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def hr(make_user):
    return make_user("hr", role="employer")


@pytest.fixture
def firm(hr):
    employer = make_employer(accounts=[hr])
    wang = make_person("王芳", sequence=2)
    enrol(employer, wang, datetime.date(2024, 1, 1))
    return employer, wang


def rows_payload(employer, wang, wage="9000"):
    return {
        "employer_id": employer.pk,
        "month": "2024-10",
        "rows": [
            {"identity_number": wang.identity_number, "wage": wage},
            {"identity_number": identity(sequence=7), "wage": "8000"},
        ],
    }


def test_json_rows_are_declared_once_and_the_bad_row_comes_back(api_client_for, hr, firm):
    employer, wang = firm
    api = api_client_for(hr)
    first = api.post("/insurance/declarations/rows", rows_payload(employer, wang))
    assert first.status_code == 201
    body = first.json()
    assert (body["rows_accepted"], body["rows_rejected"]) == (1, 1)
    assert body["errors"][0]["row"] == 2 and body["errors"][0]["code"] == "not_enrolled"
    assert set(body["errors"][0]["messages"]) == {"zh-hans", "en"}
    again = api.post("/insurance/declarations/rows", rows_payload(employer, wang))
    assert again.status_code == 200 and again.json()["already_declared"]
    assert ContributionLine.objects.count() == 1


def test_a_file_upload_declares_and_lines_are_listed_masked(api_client_for, hr, firm):
    employer, wang = firm
    api = api_client_for(hr)
    upload = SimpleUploadedFile("oct.csv", csv_bytes([["王芳", wang.identity_number, 3000]]))
    answer = api.client.post(
        f"{API}/insurance/declarations",
        {"file": upload, "employer_id": employer.pk, "month": "2024-10"},
        headers=api.headers(),
    )
    assert answer.status_code == 201
    lines = api.get(f"/insurance/declarations/{answer.json()['id']}/lines").json()
    assert lines["count"] == 1
    [line] = lines["items"]
    assert (line["base"], line["total"]) == ("4810.00", "1202.50")
    assert (
        line["identity_number_masked"] != wang.identity_number
        and "*" in (line["identity_number_masked"])
    )


def test_a_future_month_has_the_standard_error_shape(api_client_for, hr, firm):
    employer, wang = firm
    payload = rows_payload(employer, wang) | {"month": "2099-01"}
    answer = api_client_for(hr).post("/insurance/declarations/rows", payload)
    assert answer.status_code == 400
    assert answer.json()["code"] == "month_in_future"
    assert set(answer.json()) >= {"code", "message", "messages", "field"}


def test_another_employers_records_are_404(api_client_for, make_user, firm):
    employer, wang = firm
    outsider = make_user("hr_other", role="employer")
    make_employer("乙公司", accounts=[outsider])
    declaration = declare(employer, datetime.date(2024, 10, 1), [(wang.identity_number, 9000)])
    api = api_client_for(outsider)
    assert api.get(f"/insurance/declarations/{declaration.declaration.pk}").status_code == 404
    assert api.post("/insurance/declarations/rows", rows_payload(employer, wang)).status_code == 404
    assert api.get("/insurance/declarations").json()["count"] == 0


def test_payments_and_arrears(api_client_for, hr, firm):
    employer, wang = firm
    declare(employer, datetime.date(2024, 10, 1), [(wang.identity_number, 10000)])
    api = api_client_for(hr)
    [row] = api.get("/insurance/arrears").json()["items"]
    assert (row["outstanding"], row["due_on"]) == ("2500.00", "2024-11-15")
    paid = api.post("/insurance/payments", {"employer_id": employer.pk, "month": "2024-10",
                                            "amount": "2500", "paid_on": "2024-11-20"})  # fmt: skip
    assert paid.status_code == 201
    assert api.get("/insurance/arrears").json()["count"] == 0


def test_enrolment_through_the_api_needs_no_hukou_condition(api_client_for, hr, firm):
    employer, _wang = firm
    number = identity("410105", "19920505", 3)
    answer = api_client_for(hr).post(
        "/insurance/enrolments",
        {"kind": "employee", "employer_id": employer.pk, "identity_number": number,
         "name": "马涛", "started_on": "2025-03-01"},
    )  # fmt: skip
    assert answer.status_code == 201 and answer.json()["region_code"] == "330106"
    assert answer.json()["identity_number_masked"].startswith("410105")


def test_a_citizen_reads_their_statement_and_declares_a_flexible_base(api_client_for, citizen):
    make_person("陈静", sequence=4, account=citizen)
    api = api_client_for(citizen)
    enrolled = api.post("/insurance/enrolments", {"kind": "flexible", "region_code": "330106",
                                                  "started_on": "2024-09-01"})  # fmt: skip
    assert enrolled.status_code == 201
    outside = api.post("/insurance/flexible-declarations", {"month": "2024-10", "base": "99999"})
    assert outside.status_code == 400 and outside.json()["code"] == "base_outside_band"
    declared = api.post("/insurance/flexible-declarations", {"month": "2024-10", "base": "6000"})
    assert declared.status_code == 201
    api.post("/insurance/payments", {"month": "2024-10", "amount": "1200", "paid_on": "2024-11-03"})
    statement = api.get("/insurance/statement").json()
    assert (statement["balance"], statement["months_counted"]) == ("480.00", 1)
    assert statement["provinces"][0]["code"] == "330000"


def test_staff_read_a_record_in_their_region_only(api_client_for, make_user, firm):
    employer, wang = firm
    declare(employer, datetime.date(2024, 10, 1), [(wang.identity_number, 10000)])
    pay_in_full(employer, datetime.date(2024, 10, 1), paid_on=datetime.date(2024, 11, 10))
    hangzhou = make_user("clerk_hz", role="insurance_clerk", region_code="330100")
    beijing = make_user("clerk_bj", role="insurance_clerk", region_code="110000")
    path = f"/insurance/people/{wang.pk}/statement"
    assert api_client_for(hangzhou).get(path).json()["balance"] == "800.00"
    assert api_client_for(beijing).get(path).status_code == 404
