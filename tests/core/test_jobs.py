"""Background jobs: running one records how it went, and its page belongs to its requester."""

import pytest

from minsheng.core import jobs
from minsheng.core.errors import DomainError
from minsheng.core.models import AuditEvent, BackgroundJob

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def job(caseworker):
    return BackgroundJob.objects.create(
        kind="tests.work", requested_by=caseworker, file_name="list.csv", payload=b"data",
        origin_url="/people/imports/",
    )  # fmt: skip


def test_a_job_delivered_twice_is_run_once(job):
    runs = []

    def work(started):
        runs.append(bytes(jobs.job_payload(started)))
        return "/people/imports/1/"

    jobs.run_job(job_id=job.pk, work=work)
    jobs.run_job(job_id=job.pk, work=work)

    job.refresh_from_db()
    assert runs == [b"data"]
    assert (job.status, job.result_url, bytes(job.payload)) == ("done", "/people/imports/1/", b"")


def test_a_refusal_fails_the_job_with_its_message_in_both_languages(job, english_client):
    def work(started):
        raise DomainError("list_closed", "The list was closed.")

    jobs.run_job(job_id=job.pk, work=work)

    job.refresh_from_db()
    assert job.status == "failed" and job.error["code"] == "list_closed"
    assert set(job.error["messages"]) == {"zh-hans", "en"}
    page = english_client(job.requested_by).get(f"/background-jobs/{job.pk}/").content.decode()
    assert "The list was closed." in page and 'href="/people/imports/"' in page
    assert AuditEvent.objects.filter(action="job_failed", object_id=str(job.pk)).exists()


def test_an_unexpected_error_fails_the_job_and_reaches_the_worker_log(job):
    def work(started):
        raise ValueError("bug")

    with pytest.raises(ValueError, match="bug"):
        jobs.run_job(job_id=job.pk, work=work)

    job.refresh_from_db()
    assert job.status == "failed" and job.error["code"] == "job_failed_unexpectedly"


def test_a_waiting_job_is_polled_every_two_seconds(job, signed_in_as):
    client = signed_in_as(job.requested_by)

    page = client.get(f"/background-jobs/{job.pk}/").content.decode()
    fragment = client.get(f"/background-jobs/{job.pk}/", headers=HTMX).content.decode()

    assert 'hx-trigger="every 2s"' in page and "<html" in page and "list.csv" in page
    assert 'hx-trigger="every 2s"' in fragment and "<html" not in fragment


def test_a_done_job_leads_to_its_result(job, signed_in_as):
    jobs.run_job(job_id=job.pk, work=lambda started: "/people/imports/7/")
    client = signed_in_as(job.requested_by)

    assert client.get(f"/background-jobs/{job.pk}/").url == "/people/imports/7/"
    answer = client.get(f"/background-jobs/{job.pk}/", headers=HTMX)
    assert answer["HX-Redirect"] == "/people/imports/7/"


def test_someone_elses_job_is_not_found(job, signed_in_as, supervisor, client):
    assert client.get(f"/background-jobs/{job.pk}/").status_code == 302  # signed out: log in
    assert signed_in_as(supervisor).get(f"/background-jobs/{job.pk}/").status_code == 404
