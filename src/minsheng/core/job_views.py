"""The page of one background job: its state, refreshed by HTMX every 2 s while it waits or
runs; once done, the job's result page; when it failed, the reason. A job left running past
the stale limit is failed as abandoned when its page is viewed (`jobs.abandon_if_stale`), so
the page ends even when no worker starts again."""

from django.shortcuts import redirect, render
from django_htmx.http import HttpResponseClientRedirect

from minsheng.core import jobs
from minsheng.core.pages import signed_in


@signed_in
def job_status(request, job_id: int):
    job = jobs.job_get(actor=request.user, job_id=job_id)
    if jobs.abandon_if_stale(job):
        job = jobs.job_get(actor=request.user, job_id=job_id)
    if job.status == job.Status.DONE and job.result_url:
        if request.htmx:
            return HttpResponseClientRedirect(job.result_url)
        return redirect(job.result_url)
    template = "core/_job_status.html" if request.htmx else "core/job_status.html"
    return render(
        request,
        template,
        {
            "job": job,
            "error": jobs.error_message(job),
            "no_worker": jobs.waits_for_a_worker(job),
        },
    )
