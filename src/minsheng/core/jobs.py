"""Background jobs: a page stores an upload as a job and queues a task; the worker runs it.

`queue_job` writes the job (with the file) and its audit row in one transaction and enqueues
the task once that has committed, so the worker never looks for a job that is not there yet.
The app's task calls `run_job` with its own work function: the job is marked running, then
done with the page that shows its result, or failed with a reason a clerk can read. The work
is the app's service, one transaction, so a failure leaves nothing half-written. The page
`/background-jobs/<id>/` shows the state (`core.job_views`); core knows nothing of the work.

A worker can die mid-job (killed, machine restarted): its transaction is rolled back, so
nothing was saved, but the job would stay "running". A job running longer than
`settings.BACKGROUND_JOB_STALE_AFTER` is therefore declared abandoned and failed, when a worker
starts (`abandon_stale_jobs`) and when the job's page is viewed (`abandon_if_stale`). That must
never fail a job whose worker is alive and may still commit, so the worker holds the job from
before its work until it is marked done, in one transaction, and the abandonment takes only
a job nobody holds:
- on PostgreSQL the worker locks the job's row (`SELECT … FOR UPDATE`) and the abandonment
  skips locked rows; the database drops the lock when the worker's connection dies;
- on SQLite the worker's transaction holds the database's write lock from its start
  (`transaction_mode` IMMEDIATE), so the abandonment waits for it to end, or gives up.
Under that hold the worker re-reads the job: one already declared abandoned stays failed and
its work is not done (`work_on`). A job queued longer than
`settings.BACKGROUND_JOB_WORKER_HINT_AFTER` has its page say that no worker has taken it up.
Finished jobs, and the task queue's own records, are deleted after a while (`prune_jobs`,
`minsheng tasks prune`).
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

from minsheng.core import audit
from minsheng.core.errors import DomainError, NotFound
from minsheng.core.models import BackgroundJob, User

logger = logging.getLogger(__name__)
RECENT_JOBS = 5


def unexpected_failure() -> DomainError:
    return DomainError(
        "job_failed_unexpectedly",
        _(
            "The work stopped on an unexpected error and nothing was saved; try again later. "
            "The worker's log has the details for the administrator."
        ),
    )


def worker_stopped() -> DomainError:
    return DomainError(
        "job_worker_stopped",
        _(
            "The background worker stopped while processing this file (its process was ended "
            "or its machine restarted), and nothing was saved; upload the file again."
        ),
    )


def queue_job(
    *,
    actor: User,
    kind: str,
    task,
    file_name: str,
    data: bytes,
    options: dict,
    origin_url: str,
    region_code: str = "",
) -> BackgroundJob:
    """Store the upload as a queued job and enqueue `task(job_id)` after the commit."""
    with transaction.atomic():
        job = BackgroundJob.objects.create(
            kind=kind,
            requested_by=actor,
            region_code=region_code,
            file_name=file_name[-255:],
            payload=data,
            options=options,
            origin_url=origin_url,
        )
        audit.record(
            actor,
            audit.Change(
                action="job_queued",
                object_type="core.background_job",
                object_id=str(job.pk),
                region_code=region_code,
                after={"kind": kind, "file_name": job.file_name, "bytes": len(data)} | options,
            ),
        )
        transaction.on_commit(lambda: task.enqueue(job.pk))
    return job


def run_job(*, job_id: int, work: Callable[[BackgroundJob], str]) -> None:
    """Run `work(job)`, which returns the result page's URL; record how it went.

    A job that is no longer queued (a task delivered twice) is left alone.
    """
    job = start(job_id)
    if job is not None:
        work_on(job, work=work)


def start(job_id: int) -> BackgroundJob | None:
    claimed = BackgroundJob.objects.filter(pk=job_id, status=BackgroundJob.Status.QUEUED).update(
        status=BackgroundJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        logger.warning("background job %s is not queued; not run again", job_id)
        return None
    return BackgroundJob.objects.select_related("requested_by").get(pk=job_id)


def work_on(job: BackgroundJob, *, work: Callable[[BackgroundJob], str]) -> None:
    """Do a started job's work and mark it done, in one transaction that first takes hold of
    the job (see the module's docstring); a job declared abandoned meanwhile is not worked on.

    A refusal (`DomainError`) fails the job with its message; anything else fails it with a
    general message and is raised again, so the worker logs the traceback.
    """
    try:
        with transaction.atomic():
            if not held_running(job):
                logger.warning("background job %s was declared abandoned; not run", job.pk)
                return
            result_url = work(job)
            finish(job, status=BackgroundJob.Status.DONE, result_url=result_url)
    except DomainError as refusal:
        fail(job, refusal)
    except Exception:
        fail(job, unexpected_failure())
        raise


def held_running(job: BackgroundJob) -> bool:
    """Lock the job's row (PostgreSQL; SQLite's transaction already holds the database) and
    tell whether it is still running."""
    running = BackgroundJob.objects.select_for_update().filter(
        pk=job.pk, status=BackgroundJob.Status.RUNNING
    )
    return running.exists()


def fail(job: BackgroundJob, refusal: DomainError) -> bool:
    """Fail a running job with the refusal's message, audited; False if it had already ended."""
    with transaction.atomic():
        if not finish(job, status=BackgroundJob.Status.FAILED, error=error_of(refusal)):
            return False
        audit.record(
            job.requested_by,
            audit.Change(
                action="job_failed",
                object_type="core.background_job",
                object_id=str(job.pk),
                region_code=job.region_code,
                after={"kind": job.kind, "code": refusal.code},
            ),
        )
    return True


def finish(job: BackgroundJob, *, status: str, result_url: str = "", error=None) -> bool:
    """End a running job; False if it had already ended. The file is dropped, since the
    personal data it holds is now stored (or refused) and a second copy serves no one."""
    ended = BackgroundJob.objects.filter(pk=job.pk, status=BackgroundJob.Status.RUNNING).update(
        status=status,
        result_url=result_url,
        error=error or {},
        finished_at=timezone.now(),
        payload=b"",
    )
    return bool(ended)


def abandon_stale_jobs() -> int:
    """Fail every job that has been running longer than the stale limit and that no live
    worker holds; how many were failed. `minsheng worker` runs this when it starts."""
    stale = BackgroundJob.objects.filter(
        status=BackgroundJob.Status.RUNNING, started_at__lt=stale_before()
    )
    return sum(abandon(job_id) for job_id in stale.values_list("pk", flat=True))


def abandon_if_stale(job: BackgroundJob) -> bool:
    """Fail this job if it has been running past the stale limit and no live worker holds
    it; the job's page asks on every view, so the page ends even when no worker restarts."""
    stale = job.status == BackgroundJob.Status.RUNNING and job.started_at < stale_before()
    return stale and abandon(job.pk)


def stale_before() -> datetime.datetime:
    return timezone.now() - settings.BACKGROUND_JOB_STALE_AFTER


def abandon(job_id: int) -> bool:
    try:
        with transaction.atomic():
            job = (
                BackgroundJob.objects.select_for_update(skip_locked=True)  # held: a live worker
                .defer("payload")
                .filter(pk=job_id, status=BackgroundJob.Status.RUNNING)
                .first()
            )
            return job is not None and fail(job, worker_stopped())
    except OperationalError as error:  # SQLite: a worker kept the database the whole timeout
        if not is_locked_database_exception(error):
            raise
        return False


def waits_for_a_worker(job: BackgroundJob) -> bool:
    """Queued for longer than a worker would leave it: likely no `minsheng worker` runs."""
    hint_after = timezone.now() - settings.BACKGROUND_JOB_WORKER_HINT_AFTER
    return job.status == BackgroundJob.Status.QUEUED and job.created_at < hint_after


@dataclass(frozen=True)
class Pruned:
    jobs: int
    task_results: int


def prune_jobs(*, days: int) -> Pruned:
    """Delete the jobs that ended more than `days` days ago, and the task queue's records of
    tasks that ended then, or that started then and never ended (their worker was stopped);
    audited. Jobs still queued or running are kept, however old."""
    now = timezone.now()
    ended_before = now - datetime.timedelta(days=days)
    started_before = min(ended_before, stale_before())  # never a task a live worker may hold
    with transaction.atomic():
        jobs, _ = BackgroundJob.objects.filter(
            status__in=[BackgroundJob.Status.DONE, BackgroundJob.Status.FAILED],
            finished_at__lt=ended_before,
        ).delete()
        ended = DBTaskResult.objects.finished().filter(finished_at__lt=ended_before)
        stopped = DBTaskResult.objects.running().filter(started_at__lt=started_before)
        task_results, _ = (ended | stopped).delete()
        pruned = Pruned(jobs=jobs, task_results=task_results)
        audit.record(
            None,
            audit.Change(
                action="jobs_pruned",
                object_type="core.background_job",
                object_id="",
                after={"days": days} | asdict(pruned),
            ),
        )
    return pruned


def error_of(refusal: DomainError) -> dict:
    return {"code": refusal.code, "messages": refusal.messages()}


def error_message(job: BackgroundJob) -> str:
    """Why the job failed, in the reader's language."""
    messages = job.error.get("messages", {})
    return messages.get(get_language() or "zh-hans") or messages.get("zh-hans", "")


def job_get(*, actor: User, job_id: int) -> BackgroundJob:
    """One of the actor's own jobs (without its file); anyone else's is not found."""
    job = BackgroundJob.objects.for_actor(actor).defer("payload").filter(pk=job_id).first()
    if job is None:
        raise NotFound("job_not_found", _("No such job."))
    return job


def job_list(*, actor: User, kind: str, limit: int = RECENT_JOBS) -> list[BackgroundJob]:
    """The actor's latest jobs of one kind, newest first."""
    jobs = BackgroundJob.objects.for_actor(actor).filter(kind=kind).defer("payload")
    return list(jobs.order_by("-created_at", "-pk")[:limit])


def job_payload(job: BackgroundJob) -> bytes:
    """The uploaded file (PostgreSQL hands binary columns back as a memoryview)."""
    return bytes(job.payload)
