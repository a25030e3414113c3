"""What the records say about an unemployment claim: the contribution months that count, the
earlier claim and the months it left unused, the months a claim pays, the day it stops.

Contribution months are the months with unemployment-insurance contributions on the person's
current contribution lines (a flexible worker's lines carry none) that are paid (their account
share credited, as the statement counts them), from every province: one record nationally.
The employment status comes from the registry's history through its selectors.
"""

import datetime

from django.db.models import F, Q

from minsheng.insurance.calculations import add_months, month_start
from minsheng.insurance.models import (
    AccountEntry,
    ContributionLine,
    Enrolment,
    EnrolmentKind,
    EntryKind,
)
from minsheng.insurance.unemployment_models import ClaimStatus, UnemploymentClaim
from minsheng.insurance.unemployment_rules import stop_statuses
from minsheng.registry import selectors as registry_selectors
from minsheng.registry.models import Person

DRAWN = (ClaimStatus.GRANTED, ClaimStatus.STOPPED, ClaimStatus.ENDED)


def claim_region(person: Person) -> str:
    """The agency that keeps the claim: where the person was last insured as an employee
    (where the job was lost), else where they are registered."""
    last = (
        Enrolment.objects.filter(person=person, kind=EnrolmentKind.EMPLOYEE)
        .order_by("-started_on", "-pk")
        .values_list("region_id", flat=True)
        .first()
    )
    return last or person.region_id


def contribution_months(
    person: Person,
    *,
    upto: datetime.date,
    paid_by: datetime.date,
    after: datetime.date | None = None,
) -> int:
    """Paid months with unemployment contributions up to the month of `upto` (the job loss),
    and after the month of `after` when benefit was drawn before (缴费时间重新计算)."""
    lines = ContributionLine.objects.current().filter(person=person, month__lte=month_start(upto))
    if after is not None:
        lines = lines.filter(month__gt=month_start(after))
    insured = set(
        lines.annotate(unemployment=F("unemployment_employer") + F("unemployment_individual"))
        .filter(unemployment__gt=0)
        .values_list("month", flat=True)
    )
    paid = set(
        AccountEntry.objects.filter(
            person=person, kind=EntryKind.CONTRIBUTION, month__in=insured, credited_on__lte=paid_by
        ).values_list("month", flat=True)
    )
    return len(insured & paid)


def previous_claim(claim: UnemploymentClaim) -> UnemploymentClaim | None:
    """The person's latest earlier claim on which benefit was granted."""
    return (
        UnemploymentClaim.objects.filter(person_id=claim.person_id, status__in=DRAWN)
        .exclude(pk=claim.pk)
        .filter(filed_on__lte=claim.filed_on)
        .order_by("-filed_on", "-pk")
        .first()
    )


def benefit_months(claim: UnemploymentClaim) -> list[datetime.date]:
    """The months a granted claim pays: from its first month, its number of months, and none
    starting on or after the day it stopped."""
    if claim.first_month is None:
        return []
    months = [add_months(claim.first_month, n) for n in range(claim.months)]
    if claim.stopped_on is not None:
        months = [month for month in months if month < claim.stopped_on]
    return months


def unused_months(claim: UnemploymentClaim) -> int:
    """Months granted but never begun, because the person found work: they carry over."""
    if claim.status != ClaimStatus.STOPPED:
        return 0
    return claim.months - len(benefit_months(claim))


def registry_status_on(person: Person, day: datetime.date) -> str:
    change = registry_selectors.current_status(person=person, as_of=day)
    return change.status if change else ""


def stopping_change(claim: UnemploymentClaim, as_of: datetime.date):
    """The first status change after the claim was filed, on or before `as_of`, that stops the
    benefit (a new job, enlistment); None while the person is still unemployed."""
    stops = stop_statuses(as_of)
    history = registry_selectors.status_history(person=claim.person)
    changes = history.filter(since__gt=claim.filed_on, since__lte=as_of, status__in=stops)
    return changes.order_by("since", "id").first()


def insured_job_open(person: Person, day: datetime.date) -> bool:
    """An employee enrolment in force on the day: the job it insures has not ended."""
    enrolments = Enrolment.objects.filter(
        person=person, kind=EnrolmentKind.EMPLOYEE, started_on__lte=day
    )
    return enrolments.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day)).exists()
