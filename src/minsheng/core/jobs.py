"""Background jobs: a page stores an upload as a job and queues a task; the worker runs it.

`queue_job` writes the job (with the file) and its audit row in one transaction and enqueues
the task once that has committed, so the worker never looks for a job that is not there yet.
The app's task calls `run_job` with its own work function: the job is marked running, then
done with the page that shows its result, or failed with a reason a clerk can read. The work
is the app's service, one transaction, so a failure leaves nothing half-written. The page
`/background-jobs/<id>/` shows the state (`core.job_views`); core knows nothing of the work.
"""

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

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

    A job that is no longer queued (a task delivered twice) is left alone. A refusal
    (`DomainError`) fails the job with its message; anything else fails it with a general
    message and is raised again, so the worker logs the traceback.
    """
    job = start(job_id)
    if job is None:
        return
    try:
        result_url = work(job)
    except DomainError as refusal:
        fail(job, refusal)
    except Exception:
        fail(job, unexpected_failure())
        raise
    else:
        finish(job, status=BackgroundJob.Status.DONE, result_url=result_url)


def start(job_id: int) -> BackgroundJob | None:
    claimed = BackgroundJob.objects.filter(pk=job_id, status=BackgroundJob.Status.QUEUED).update(
        status=BackgroundJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        logger.warning("background job %s is not queued; not run again", job_id)
        return None
    return BackgroundJob.objects.select_related("requested_by").get(pk=job_id)


def fail(job: BackgroundJob, refusal: DomainError) -> None:
    with transaction.atomic():
        finish(job, status=BackgroundJob.Status.FAILED, error=error_of(refusal))
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


def finish(job: BackgroundJob, *, status: str, result_url: str = "", error=None) -> None:
    """The job's end; the file is dropped, since the personal data it holds is now stored
    (or refused) and a second copy serves no one."""
    job.status, job.result_url, job.error = status, result_url, error or {}
    job.finished_at, job.payload = timezone.now(), b""
    job.save(update_fields=["status", "result_url", "error", "finished_at", "payload"])


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
