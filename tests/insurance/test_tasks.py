"""The declaration upload through the database queue: dated the day it was uploaded."""

import datetime

import pytest
from tests.insurance.factories import csv_bytes, enrol, make_employer, make_person

from minsheng.insurance.models import ContributionLine, Declaration
from minsheng.insurance.tasks import queue_declaration

pytestmark = pytest.mark.django_db


def test_a_declaration_is_dated_the_day_of_its_upload_not_the_day_the_worker_ran(
    database_tasks, make_user
):
    hr = make_user("hr_queue", role="employer")
    employer = make_employer(accounts=[hr])
    wang = make_person("王芳", sequence=2)
    enrol(employer, wang, datetime.date(2024, 1, 1))
    due_day = datetime.date(2024, 11, 15)  # October's contributions are due on 15 November
    job = queue_declaration(
        actor=hr, employer=employer, month="2024-10", file_name="october.csv",
        data=csv_bytes([["王芳", wang.identity_number, 9000]]), today=due_day,
    )  # fmt: skip
    assert not Declaration.objects.exists()

    database_tasks()  # long after the due day

    declaration = Declaration.objects.get()
    job.refresh_from_db()
    assert job.status == "done" and job.result_url == f"/insurance/declarations/{declaration.pk}/"
    assert declaration.declared_on == due_day and not declaration.late
    assert ContributionLine.objects.get().wage == 9000


def test_an_employer_no_longer_acting_for_the_firm_fails_the_job(database_tasks, make_user):
    hr = make_user("hr_leaving", role="employer")
    employer = make_employer(accounts=[hr])
    job = queue_declaration(
        actor=hr, employer=employer, month="2024-10", file_name="october.csv",
        data=csv_bytes([]), today=datetime.date(2024, 11, 1),
    )  # fmt: skip
    employer.accounts.remove(hr)

    database_tasks()

    job.refresh_from_db()
    assert job.status == "failed" and job.error["code"] == "employer_not_found"
    assert not Declaration.objects.exists()
