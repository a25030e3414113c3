"""The import page, its result and error report, the export download, and the import API.

An upload is imported by a background task; here tasks run as soon as the upload commits.
"""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minsheng.core.models import BackgroundJob
from minsheng.registry.models import ImportBatch, Person

pytestmark = pytest.mark.django_db


API = "/api/v1"


def upload(content: bytes, name="list.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.fixture
def post_list(django_capture_on_commit_callbacks):
    """Upload a list through the page; its import task runs once the upload has committed."""

    def post(client, data: bytes, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/people/imports/", {"file": upload(data), **fields})

    return post


def test_a_caseworker_uploads_a_list_and_sees_the_errors(
    signed_in_as, caseworker, list_rows, post_list
):
    client = signed_in_as(caseworker)
    assert client.get("/people/imports/").status_code == 200

    data = list_rows.csv([list_rows.graduate(), list_rows.youth(region="火星区")])
    response = post_list(client, data)

    job, batch = BackgroundJob.objects.get(), ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == f"/background-jobs/{job.pk}/"
    status = client.get(response.url)
    assert status.status_code == 302 and status.url == f"/people/imports/{batch.pk}/"
    page = client.get(status.url).content.decode()
    assert "所在地区" in page and "region_unknown" in page
    assert job.status == "done" and bytes(job.payload) == b""  # the file is not kept
    assert "list.csv" in client.get("/people/imports/").content.decode()
    report = client.get(f"/people/imports/{batch.pk}/errors.xlsx")
    rows = list(
        openpyxl.load_workbook(io.BytesIO(report.content)).worksheets[0].iter_rows(values_only=True)
    )
    assert rows[1][:3] == (3, "所在地区", "region_unknown")


def test_a_refused_file_shows_the_reason_on_the_form(signed_in_as, caseworker, list_rows):
    response = signed_in_as(caseworker).post(
        "/people/imports/", {"file": upload(list_rows.csv([["陈明"]], headers=["姓名"]))}
    )
    assert response.status_code == 400
    assert "身份证号" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_same_file_again_leads_to_the_earlier_import_at_once(
    english_client, caseworker, list_rows, post_list
):
    client = english_client(caseworker)
    data = list_rows.csv([list_rows.graduate()])
    post_list(client, data)

    again = post_list(client, data)

    batch = ImportBatch.objects.get()
    assert again.status_code == 302 and again.url == f"/people/imports/{batch.pk}/"
    assert "imported before" in client.get(again.url).content.decode()
    assert BackgroundJob.objects.count() == 1 and Person.objects.count() == 1


def test_a_failed_import_shows_why_and_writes_nothing(
    english_client, caseworker, list_rows, post_list, monkeypatch
):
    def broken_insert(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("minsheng.registry.imports.insert_rows", broken_insert)
    client = english_client(caseworker)

    response = post_list(client, list_rows.csv([list_rows.graduate(), list_rows.youth()]))

    page = client.get(response.url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Failed" in text and "unexpected error" in text and "Upload a file again" in text
    assert "hx-trigger" not in text  # a failed job is not polled
    assert not Person.objects.exists() and not ImportBatch.objects.exists()
    assert BackgroundJob.objects.get().status == "failed"


def test_another_countys_batch_is_not_found(
    signed_in_as, caseworker, make_user, list_rows, post_list
):
    chaoyang = make_user("caseworker_chaoyang", role="caseworker", region_code="110105")
    response = post_list(signed_in_as(caseworker), list_rows.csv([list_rows.graduate()]))
    batch = ImportBatch.objects.get()

    client = signed_in_as(chaoyang)
    assert client.get(response.url).status_code == 404  # nor the job of someone else
    assert client.get(f"/people/imports/{batch.pk}/").status_code == 404
    assert client.get(f"/people/imports/{batch.pk}/errors.xlsx").status_code == 404
    assert "list.csv" not in client.get("/people/imports/").content.decode()


def test_citizens_have_no_import_page(signed_in_as, citizen):
    assert signed_in_as(citizen).get("/people/imports/").status_code == 404


def test_the_ledger_downloads_as_xlsx(signed_in_as, caseworker, list_rows, post_list):
    client = signed_in_as(caseworker)
    post_list(client, list_rows.csv([list_rows.graduate()], headers=list_rows.HEADERS))

    response = client.post("/people/ledger/export.xlsx", {"reason": ""})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "陈明" and rows[1][1] != list_rows.GRADUATE


def test_the_api_imports_a_multipart_upload(api_client_for, caseworker, list_rows):
    api = api_client_for(caseworker)
    data = list_rows.csv([list_rows.graduate(), list_rows.youth(region="火星区")])

    first = api.client.post(f"{API}/imports", {"file": upload(data)}, headers=api.headers())
    again = api.client.post(f"{API}/imports", {"file": upload(data)}, headers=api.headers())

    assert first.status_code == 201, first.content
    body = first.json()
    assert (body["rows_total"], body["created"], body["rows_rejected"]) == (2, 1, 1)
    assert body["errors"][0]["row"] == 3 and body["errors"][0]["code"] == "region_unknown"
    assert again.status_code == 200 and again.json()["already_imported"]
    assert api.get(f"/imports/{body['batch_id']}").json()["created"] == 1
    assert Person.objects.count() == 1


def test_the_api_refuses_a_file_without_required_columns(api_client_for, caseworker, list_rows):
    api = api_client_for(caseworker)
    bad = upload(list_rows.csv([["陈明"]], headers=["姓名"]))

    response = api.client.post(f"{API}/imports", {"file": bad}, headers=api.headers())

    assert response.status_code == 400
    assert response.json()["code"] == "missing_columns"
