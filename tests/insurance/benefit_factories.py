"""Factories for the unemployment-benefit and personal-pension tests: years of paid employee
months written directly (a decade through the declaration service would take minutes), the
registry's employment status, and a claim filed and decided through the services."""

import datetime
from decimal import Decimal

from tests.insurance.factories import XIHU, make_employer, make_person

from minsheng.core.regions import region_tree
from minsheng.insurance import unemployment_services
from minsheng.insurance.calculations import add_months
from minsheng.insurance.models import (
    AccountEntry,
    ContributionLine,
    Declaration,
    EndReason,
    Enrolment,
    EnrolmentKind,
    EntryKind,
)
from minsheng.registry.models import StatusChange

WAGE = Decimal("10000.00")


def paid_employment(
    person,
    *,
    first_month: datetime.date,
    months: int,
    employer=None,
    region_code: str = XIHU,
    ended_on: datetime.date | None = None,
    unemployment: bool = True,
):
    """An employee enrolment with `months` paid months from `first_month`, each line carrying
    0.5% + 0.5% unemployment contributions (none when `unemployment` is False), ended on
    `ended_on` (left the employer) when given."""
    employer = employer or make_employer(region_code=region_code)
    province = region_tree().province_of(region_code)
    enrolment = Enrolment.objects.create(
        person=person, kind=EnrolmentKind.EMPLOYEE, employer=employer, region_id=region_code,
        province_code=province, started_on=first_month, ended_on=ended_on,
        end_reason=EndReason.LEFT_EMPLOYER if ended_on else "",
    )  # fmt: skip
    payer = f"employer:{employer.pk}"
    declaration = Declaration.objects.create(
        employer=employer, payer=payer, month=first_month, region_id=region_code,
        province_code=province, declared_on=first_month, due_on=first_month,
        file_sha256=f"{person.pk}-{first_month}",
    )  # fmt: skip
    part = Decimal("50.00") if unemployment else Decimal("0.00")
    for offset in range(months):
        month = add_months(first_month, offset)
        line = ContributionLine.objects.create(
            declaration=declaration, enrolment=enrolment, person=person, employer=employer,
            payer=payer, month=month, region_id=region_code, province_code=province, wage=WAGE,
            average_wage=Decimal(8017), floor=Decimal(4810), ceiling=Decimal(24051), base=WAGE,
            pension_employer=Decimal(1600), pension_individual=Decimal(800),
            account_credit=Decimal(800), unemployment_employer=part,
            unemployment_individual=part, total=Decimal(2400) + 2 * part, declared_on=month,
        )  # fmt: skip
        AccountEntry.objects.create(
            person=person, kind=EntryKind.CONTRIBUTION, amount=Decimal(800),
            credited_on=add_months(month, 1).replace(day=10), year=month.year, month=month,
            line=line, region_id=region_code, province_code=province,
        )  # fmt: skip
    return enrolment


def set_status(person, status: str, since: datetime.date, employer_name: str = ""):
    return StatusChange.objects.create(
        person=person, status=status, since=since,
        employer_name=employer_name or ("杭州新厂" if status == "employed" else ""),
    )  # fmt: skip


def unemployed_worker(
    name="李强", *, sequence=3, months=36, lost_job_on=datetime.date(2026, 8, 31), born="19850315"
):
    """A worker insured in Xihu for `months` up to the job loss, registered unemployed since
    the day after."""
    person = make_person(name, sequence=sequence, born=born)
    first = add_months(lost_job_on.replace(day=1), -(months - 1))
    paid_employment(person, first_month=first, months=months, ended_on=lost_job_on)
    set_status(person, "unemployed", lost_job_on + datetime.timedelta(days=1))
    return person


def granted_claim(
    person, *, lost_job_on=datetime.date(2026, 8, 31), filed_on=datetime.date(2026, 9, 10),
    reason="redundancy",
):  # fmt: skip
    claim = unemployment_services.file_claim(
        actor=None, person=person, lost_job_on=lost_job_on, reason=reason, seeking_work=True,
        today=filed_on,
    )  # fmt: skip
    return unemployment_services.decide_claim(actor=None, claim=claim, today=filed_on)
