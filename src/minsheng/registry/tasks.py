"""The bulk import as background work: the upload page queues the list (`queue_import`) and
the worker imports it (`import_list`), with the same service the CLI runs in the foreground."""

import datetime

from django.urls import reverse
from django_tasks import task

from minsheng.core import jobs
from minsheng.core.models import BackgroundJob, User
from minsheng.registry.imports import import_people, import_region

IMPORT_JOB = "registry.import_people"


def queue_import(
    *,
    actor: User,
    file_name: str,
    data: bytes,
    region_code: str | None,
    today: datetime.date,
) -> BackgroundJob:
    """Queue a checked list (`imports.check_list`); `today` is the upload's date, which rows
    without a registration date are registered on, however long the queue."""
    region_code = import_region(actor, region_code)
    return jobs.queue_job(
        actor=actor,
        kind=IMPORT_JOB,
        task=import_list,
        file_name=file_name,
        data=data,
        options={"region_code": region_code, "today": today.isoformat()},
        origin_url=reverse("import_upload"),
        region_code=region_code,
    )


@task()
def import_list(job_id: int) -> None:
    jobs.run_job(job_id=job_id, work=import_job_file)


def import_job_file(job: BackgroundJob) -> str:
    outcome = import_people(
        actor=job.requested_by,
        file_name=job.file_name,
        data=jobs.job_payload(job),
        region_code=job.options["region_code"],
        today=datetime.date.fromisoformat(job.options["today"]),
    )
    return reverse("import_result", args=[outcome.batch.pk])
