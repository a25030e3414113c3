"""Demo unemployment benefit and personal pensions, after `seed_insurance`.

Two employees of a Xihu employer the contribution demo leaves alone: one made redundant at the
end of the month before last (registered unemployed, claim granted by the clerk, the first two
months paid; the current month is left for `minsheng insurance pay-benefits`), one who
resigned (claim refused with the reason). The demo citizen opens a personal pension and pays
in last year's cap and part of this year's. Everything goes through the services on the days
it would have happened; a second run adds nothing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from minsheng.core.models import User
from minsheng.insurance import (
    contribution_services,
    enrolment_services,
    personal_pension_services,
    unemployment_services,
)
from minsheng.insurance.calculations import add_months, month_start
from minsheng.insurance.declaration_rows import DeclaredRow
from minsheng.insurance.models import EndReason, Enrolment
from minsheng.insurance.personal_pension_rules import annual_cap, open_nationwide
from minsheng.insurance.unemployment_models import UnemploymentClaim
from minsheng.jobs.models import Employer
from minsheng.registry import services as registry_services
from minsheng.registry.models import LedgerEntry, Person, StatusChange

XIHU = "330106"
LAID_OFF_MONTHS, RESIGNED_MONTHS = 27, 18
WAGES = (Decimal(9600), Decimal(7200))


@dataclass(frozen=True)
class BenefitsSeedReport:
    claims: int
    payments: int
    personal_pension_contributions: int


def seed_benefits(*, as_of: datetime.date) -> BenefitsSeedReport | None:
    if UnemploymentClaim.objects.exists():
        return None
    clerk = User.objects.get(username="clerk")
    caseworker = User.objects.get(username="caseworker")
    lost_on = add_months(month_start(as_of), -2) - datetime.timedelta(days=1)
    first = add_months(month_start(lost_on), -(LAID_OFF_MONTHS - 1))
    employer = spare_employer()
    people = people_to_insure(as_of, 2, since=first)
    if employer is None or len(people) < 2:
        return None
    with transaction.atomic():
        enrolments = [
            enrol(employer, person, add_months(first, offset), as_of)
            for person, offset in zip(people, (0, LAID_OFF_MONTHS - RESIGNED_MONTHS), strict=True)
        ]
        contribute_monthly(employer, enrolments, first, month_start(lost_on), as_of)
        claims = []
        for enrolment, reason in zip(enrolments, ("redundancy", "resigned"), strict=True):
            claims.append(lose_job(clerk, caseworker, enrolment, lost_on, reason, as_of))
        payments = 0
        for offset in range(2):
            month = add_months(claims[0].first_month, offset)
            run = unemployment_services.pay_benefits(
                actor=clerk, month=month, today=month.replace(day=25)
            )
            payments += run.paid
        contributions = seed_personal_pension(as_of)
    return BenefitsSeedReport(len(claims), payments, contributions)


def spare_employer() -> Employer | None:
    """A Xihu employer none of whose staff are enrolled yet."""
    enrolled = Enrolment.objects.filter(employer__isnull=False).values("employer")
    spare = Employer.objects.filter(region_id=XIHU).exclude(pk__in=enrolled)
    return spare.order_by("credit_code").first()


def people_to_insure(as_of: datetime.date, count: int, since: datetime.date) -> list[Person]:
    """Xihu people of working age with no insurance record, not on the ledger, and no change
    of employment status from `since` on (the demo's own changes come last)."""
    people = Person.objects.filter(
        region_id=XIHU,
        account__isnull=True,
        merged_into__isnull=True,
        identity_number__isnull=False,
        birth_date__gte=as_of.replace(year=as_of.year - 50),
        birth_date__lte=as_of.replace(year=as_of.year - 27),
    )
    busy = StatusChange.objects.filter(since__gte=since).values("person")
    on_ledger = LedgerEntry.objects.filter(exited_on__isnull=True).values("person")
    enrolled = Enrolment.objects.values("person")
    people = people.exclude(pk__in=busy).exclude(pk__in=on_ledger).exclude(pk__in=enrolled)
    return list(people.order_by("pk")[:count])


def enrol(employer, person, started_on, as_of):
    return enrolment_services.enrol_employee(
        actor=None, employer=employer, identity_number=person.identity_number,
        name=person.name, started_on=started_on, today=as_of,
    )  # fmt: skip


def contribute_monthly(employer, enrolments, first, last, as_of) -> None:
    """Each month declared on the 5th and paid on the 10th of the month after."""
    month = first
    while month <= last:
        rows = [
            DeclaredRow(n + 2, e.person.identity_number, wage, e.person.name)
            for n, (e, wage) in enumerate(zip(enrolments, WAGES, strict=True))
            if e.started_on <= month
        ]
        following = add_months(month, 1)
        contribution_services.declare_contributions(
            actor=None, employer=employer, month=month, rows=rows,
            file_name=f"{employer.credit_code}-{month:%Y%m}.csv", today=following.replace(day=5),
        )  # fmt: skip
        due, paid = contribution_services.outstanding(f"employer:{employer.pk}", month)
        contribution_services.record_payment(
            actor=None, employer=employer, month=month, amount=due - paid,
            paid_on=following.replace(day=10), today=as_of,
        )  # fmt: skip
        month = following


def lose_job(clerk, caseworker, enrolment, lost_on, reason, as_of):
    """The job ends, the person registers as unemployed the next day and claims ten days later
    (the last month's contributions paid by then); the clerk decides the claim the same day."""
    enrolment_services.end_enrolment(
        actor=None, enrolment=enrolment, ended_on=lost_on, reason=EndReason.LEFT_EMPLOYER,
        today=as_of,
    )  # fmt: skip
    registered = lost_on + datetime.timedelta(days=1)
    registry_services.record_status_change(
        actor=caseworker, person=enrolment.person, status="unemployed", since=registered,
        note="失业登记", today=as_of,
    )  # fmt: skip
    filed = registered + datetime.timedelta(days=10)
    claim = unemployment_services.file_claim(
        actor=clerk, person=enrolment.person, lost_job_on=lost_on, reason=reason,
        seeking_work=True, today=filed,
    )  # fmt: skip
    return unemployment_services.decide_claim(actor=clerk, claim=claim, today=filed)


def seed_personal_pension(as_of: datetime.date) -> int:
    """The demo citizen opens an account in January last year, pays in that year's cap in two
    halves and a quarter of it this March."""
    citizen = User.objects.get(username="citizen")
    person = Person.objects.get(account=citizen)
    opened = datetime.date(as_of.year - 1, 1, 6)
    if not open_nationwide(opened):
        return 0
    account = personal_pension_services.open_personal_pension(
        actor=citizen, person=person, opened_on=opened, today=as_of
    )
    payments = [
        (datetime.date(as_of.year - 1, 3, 15), annual_cap(opened) / 2),
        (datetime.date(as_of.year - 1, 12, 20), annual_cap(opened) / 2),
        (datetime.date(as_of.year, 3, 15), annual_cap(as_of) / 4),
    ]
    for paid_on, amount in payments:
        if paid_on <= as_of:
            personal_pension_services.contribute_personal_pension(
                actor=citizen, account=account, amount=amount, paid_on=paid_on, today=as_of
            )
    return account.contributions.count()
