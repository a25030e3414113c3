"""The bulk import through the database queue: the upload waits, the worker imports it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from minsheng.core.models import BackgroundJob
from minsheng.registry.models import ImportBatch, LedgerEntry, Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
HTMX = {"HX-Request": "true"}


@pytest.fixture
def queued_list(database_tasks, english_client, caseworker, list_rows):
    """A caseworker's list, uploaded and waiting in the queue; the client and the job's page."""
    client = english_client(caseworker)
    data = list_rows.csv([list_rows.graduate(), list_rows.youth(region="火星区")])
    response = client.post("/people/imports/", {"file": SimpleUploadedFile("list.csv", data)})
    return client, response.url


def test_a_queued_import_waits_for_the_worker_then_leads_to_its_report(queued_list, database_tasks):
    client, job_page = queued_list
    waiting = client.get(job_page).content.decode()
    assert "Queued" in waiting and 'hx-trigger="every 2s"' in waiting
    assert not Person.objects.exists()

    database_tasks()  # minsheng worker --batch

    answer = client.get(job_page, headers=HTMX)
    batch = ImportBatch.objects.get()
    assert answer["HX-Redirect"] == f"/people/imports/{batch.pk}/"
    report = client.get(answer["HX-Redirect"]).content.decode()
    assert "region_unknown" in report and "Rejected rows" in report
    assert (batch.rows_total, batch.rows_imported, batch.rows_rejected) == (2, 1, 1)
    assert LedgerEntry.objects.get().person.name == "陈明"


def test_an_import_refused_when_it_runs_fails_with_the_reason(
    queued_list, database_tasks, caseworker
):
    client, job_page = queued_list
    caseworker.region_id = "110105"  # moved to Beijing before the worker took the list up
    caseworker.save(update_fields=["region"])

    database_tasks()

    polled = client.get(job_page, headers=HTMX).content.decode()
    assert "You may import only into your own area." in polled
    assert "hx-trigger" not in polled and "<html" not in polled
    assert BackgroundJob.objects.get().status == "failed"
    assert not Person.objects.exists() and not ImportBatch.objects.exists()
