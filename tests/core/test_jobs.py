"""Background jobs: running one records how it went, and its page belongs to its requester;
a job whose worker stopped ends as failed, one no worker takes up says so, old ones are pruned."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from minsheng.core import jobs
from minsheng.core.errors import DomainError
from minsheng.core.models import AuditEvent, BackgroundJob, User
from minsheng.registry.tasks import import_list

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
WORKER_STOPPED = "The background worker stopped while processing this file"
NO_WORKER = "No background worker has taken up this file yet."


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


def started_minutes_ago(job: BackgroundJob, minutes: int) -> BackgroundJob:
    """The job, taken up by a worker `minutes` ago (the stale limit is 30 minutes)."""
    started = jobs.start(job.pk)
    started_at = timezone.now() - datetime.timedelta(minutes=minutes)
    BackgroundJob.objects.filter(pk=job.pk).update(started_at=started_at)
    return started


def test_a_job_left_running_past_the_limit_ends_failed_and_drops_its_file(job, english_client):
    started_minutes_ago(job, 31)  # its worker was killed

    page = english_client(job.requested_by).get(f"/background-jobs/{job.pk}/").content.decode()

    job.refresh_from_db()
    assert WORKER_STOPPED in page and "upload the file again" in page and "hx-trigger" not in page
    assert (job.status, job.error["code"], bytes(job.payload)) == (
        "failed", "job_worker_stopped", b""
    )  # fmt: skip
    assert set(job.error["messages"]) == {"zh-hans", "en"}
    event = AuditEvent.objects.get(action="job_failed", object_id=str(job.pk))
    assert event.after["code"] == "job_worker_stopped"


def test_a_job_running_within_the_limit_is_left_running(job, english_client):
    started_minutes_ago(job, 29)

    page = english_client(job.requested_by).get(f"/background-jobs/{job.pk}/").content.decode()

    job.refresh_from_db()
    assert "is being processed" in page and 'hx-trigger="every 2s"' in page
    assert (job.status, bytes(job.payload)) == ("running", b"data")
    assert jobs.abandon_stale_jobs() == 0


def test_a_worker_resuming_after_its_job_was_declared_abandoned_saves_nothing(job, make_user):
    stalled = started_minutes_ago(job, 31)
    assert jobs.abandon_stale_jobs() == 1  # e.g. another worker starting meanwhile

    def work(started):
        make_user("written_by_the_late_worker", role="caseworker")
        return "/people/imports/1/"

    jobs.work_on(stalled, work=work)

    job.refresh_from_db()
    assert (job.status, job.error["code"]) == ("failed", "job_worker_stopped")
    assert not User.objects.filter(username="written_by_the_late_worker").exists()


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_is_alive_is_never_declared_abandoned(load_regions, job, settings):
    settings.BACKGROUND_JOB_STALE_AFTER = datetime.timedelta(0)  # every running job is past it
    attempts = []

    def abandon_from_elsewhere() -> int:  # another worker starting, or the job's page
        try:
            if connection.vendor == "sqlite":  # give up on the worker's write lock at once
                connection.cursor().execute("PRAGMA busy_timeout = 100")
            return jobs.abandon_stale_jobs()
        finally:
            connection.close()

    def work(started):
        with ThreadPoolExecutor(max_workers=1) as elsewhere:
            attempts.append(elsewhere.submit(abandon_from_elsewhere).result())
        return "/people/imports/1/"

    jobs.run_job(job_id=job.pk, work=work)

    job.refresh_from_db()
    assert attempts == [0] and (job.status, job.result_url) == ("done", "/people/imports/1/")


def test_a_job_no_worker_has_taken_up_says_so_after_two_minutes(job, english_client):
    client = english_client(job.requested_by)
    fresh = client.get(f"/background-jobs/{job.pk}/", headers=HTMX).content.decode()
    BackgroundJob.objects.filter(pk=job.pk).update(
        created_at=F("created_at") - datetime.timedelta(minutes=3)
    )

    waiting = client.get(f"/background-jobs/{job.pk}/", headers=HTMX).content.decode()

    assert "waits for the background worker" in fresh and NO_WORKER not in fresh
    assert NO_WORKER in waiting and "minsheng worker" in waiting
    assert 'hx-trigger="every 2s"' in waiting  # it still goes on once a worker runs


@pytest.mark.django_db(transaction=True)
def test_a_starting_worker_fails_the_jobs_a_stopped_worker_left(database_tasks, job, make_user):
    fresh = BackgroundJob.objects.create(
        kind="tests.work", requested_by=job.requested_by, file_name="other.csv", payload=b"x"
    )
    started_minutes_ago(job, 31)
    started_minutes_ago(fresh, 1)  # another worker is on it

    database_tasks()  # minsheng worker --batch

    job.refresh_from_db(), fresh.refresh_from_db()
    assert (job.status, job.error["code"], fresh.status) == (
        "failed", "job_worker_stopped", "running"
    )  # fmt: skip


def test_prune_deletes_only_jobs_and_task_records_that_ended_before_the_days(job, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for name, status, days in [
        ("old_done", "done", 31), ("old_failed", "failed", 40), ("recent_done", "done", 29),
        ("old_queued", "queued", 60), ("old_running", "running", 60),
    ]:  # fmt: skip
        job_dated(job.requested_by, name, status, days_ago=days)
    for status, days in {"SUCCESSFUL": 31, "FAILED": 29, "RUNNING": 31, "READY": 60}.items():
        at = timezone.now() - datetime.timedelta(days=days)
        DBTaskResult.objects.filter(pk=import_list.enqueue(job.pk).id).update(
            status=status, enqueued_at=at, started_at=at, finished_at=at
        )

    call_command("tasks", "prune", "--days", "30")

    names = set(BackgroundJob.objects.values_list("file_name", flat=True))
    assert names == {"list.csv", "recent_done", "old_queued", "old_running"}
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"FAILED", "READY"}
    assert AuditEvent.objects.get(action="jobs_pruned").after == {
        "days": 30, "jobs": 2, "task_results": 2
    }  # fmt: skip


def job_dated(requested_by: User, name: str, status: str, *, days_ago: int) -> None:
    at = timezone.now() - datetime.timedelta(days=days_ago)
    job = BackgroundJob.objects.create(
        kind="tests.work", requested_by=requested_by, file_name=name, status=status,
        started_at=at, finished_at=at if status in ("done", "failed") else None,
    )  # fmt: skip
    BackgroundJob.objects.filter(pk=job.pk).update(created_at=at)
