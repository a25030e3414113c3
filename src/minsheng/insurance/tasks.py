"""The monthly declaration upload as background work: the page queues the file
(`queue_declaration`) and the worker declares it (`declare_uploaded_file`)."""

import datetime

from django.urls import reverse
from django_tasks import task

from minsheng.core import jobs
from minsheng.core.models import BackgroundJob, User
from minsheng.insurance import contribution_services, selectors

DECLARATION_JOB = "insurance.declare_file"


def queue_declaration(
    *, actor: User, employer, month: str, file_name: str, data: bytes, today: datetime.date
) -> BackgroundJob:
    """Queue a checked file (`contribution_services.check_declaration_file`). `today` is the
    day of the upload: the declaration is dated then, so the queue never makes it late."""
    return jobs.queue_job(
        actor=actor,
        kind=DECLARATION_JOB,
        task=declare_uploaded_file,
        file_name=file_name,
        data=data,
        options={"employer_id": employer.pk, "month": month, "today": today.isoformat()},
        origin_url=f"{reverse('insurance_declare')}?employer={employer.pk}",
        region_code=employer.region_id,
    )


@task()
def declare_uploaded_file(job_id: int) -> None:
    jobs.run_job(job_id=job_id, work=declare_job_file)


def declare_job_file(job: BackgroundJob) -> str:
    actor = job.requested_by
    outcome = contribution_services.declare_file(
        actor=actor,
        employer=selectors.employer_get(actor=actor, employer_id=job.options["employer_id"]),
        month=job.options["month"],
        file_name=job.file_name,
        data=jobs.job_payload(job),
        today=datetime.date.fromisoformat(job.options["today"]),
    )
    return reverse("insurance_declaration", args=[outcome.declaration.pk])
