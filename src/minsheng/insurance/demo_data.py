"""Demo social insurance: Hangzhou employers' employees enrolled for several years with monthly
declarations and payments, flexible workers, a few arrears, one late declaration, one
correction, interest credited for every finished year with a published rate, and the demo
citizen's record: a flexible worker in Shanghai after graduating (registered in Hangzhou: no
household-registration condition), then an employee of the demo employer in Hangzhou, with the
record transferred between the two provinces.

Runs after the demo accounts exist. Everything goes through the services, as the employer, the
clerk and the citizen would do it, on the dates they would have done it, so the audit log,
the late flags and the account entries are the real ones. Wages are drawn from a generator
seeded with the identity number; a second run adds nothing (enrolments already exist).
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from minsheng.core.errors import DomainError
from minsheng.core.models import User
from minsheng.core.regions import region_tree
from minsheng.insurance import account_services, contribution_services, enrolment_services
from minsheng.insurance.calculations import add_months, month_start
from minsheng.insurance.declaration_rows import DeclaredRow
from minsheng.insurance.models import AccountEntry, Declaration, EndReason, Enrolment
from minsheng.jobs.models import Employer
from minsheng.registry.models import Person

YEARS_BACK = 3
EMPLOYERS = 4
EMPLOYEES_EACH = 6
XIHU, SHANGHAI_XUHUI = "330106", "310104"
FLEXIBLE_BASES = (Decimal(4810), Decimal(6000), Decimal(8017))
CITIZEN_BASE, CITIZEN_WAGE = Decimal(8000), Decimal(9000)


@dataclass(frozen=True)
class InsuranceSeedReport:
    enrolments: int
    declarations: int
    account_entries: int
    interest_years: list[int]


def seed_insurance(*, as_of: datetime.date, region_code: str) -> InsuranceSeedReport | None:
    if Enrolment.objects.exists():
        return None
    clerk = User.objects.get(username="clerk")
    employer_user = User.objects.get(username="employer")
    demo_employer = employer_user.employers.first()
    first_month = month_start(as_of.replace(year=as_of.year - YEARS_BACK, month=1))
    last_month = add_months(month_start(as_of), -1)
    with transaction.atomic():
        employers = [demo_employer, *other_employers(region_code, demo_employer)]
        staff = enrol_staff(clerk, employer_user, employers, region_code, first_month, as_of)
        flexible = enrol_flexible(clerk, region_code, first_month, as_of)
        citizen, moved = citizen_in_shanghai(clerk, demo_employer, as_of)
        staff[demo_employer].append((citizen, CITIZEN_WAGE))
        run_months(staff, flexible, first_month, last_month, as_of)
        correct_one(employer_user, demo_employer, staff, last_month, as_of)
        transferred_on = add_months(moved, 1).replace(day=8)
        years = credit_years(first_month.year, as_of, before=transferred_on)
        account_services.record_transfer(
            actor=clerk, person=citizen.person, to_region_code=XIHU,
            transferred_on=transferred_on, today=as_of,
        )  # fmt: skip
        years += credit_years(first_month.year, as_of)
    return InsuranceSeedReport(
        enrolments=Enrolment.objects.count(),
        declarations=Declaration.objects.count(),
        account_entries=AccountEntry.objects.count(),
        interest_years=years,
    )


def other_employers(region_code: str, demo_employer) -> list[Employer]:
    nearby = Employer.objects.filter(region_id__in=region_tree().subtree(region_code)).exclude(
        pk=demo_employer.pk
    )
    return list(nearby.order_by("credit_code")[: EMPLOYERS - 1])


def working_age_people(region_code: str, as_of: datetime.date, count: int) -> list[Person]:
    youngest = as_of.replace(year=as_of.year - 23 - YEARS_BACK)
    oldest = as_of.replace(year=as_of.year - 52)
    people = Person.objects.filter(
        region_id__in=region_tree().subtree(region_code),
        account__isnull=True,
        merged_into__isnull=True,
        birth_date__gte=oldest,
        birth_date__lte=youngest,
    ).exclude(ledger_entries__exited_on__isnull=True)
    enrolled = Enrolment.objects.values("person")
    return list(people.exclude(pk__in=enrolled).order_by("pk")[:count])


def enrol_staff(clerk, employer_user, employers, region_code, first_month, as_of) -> dict:
    """{employer: [(enrolment, monthly wage)]}; the demo employer enrols its own staff."""
    people = iter(working_age_people(region_code, as_of, EMPLOYERS * EMPLOYEES_EACH))
    staff = {}
    for number, employer in enumerate(employers):
        actor = employer_user if number == 0 else clerk
        rows = []
        for person in [next(people, None) for _ in range(EMPLOYEES_EACH)]:
            if person is None:
                break
            enrolment = enrolment_services.enrol_employee(
                actor=actor, employer=employer, identity_number=person.identity_number,
                name=person.name, started_on=first_month, today=as_of,
            )  # fmt: skip
            rows.append((enrolment, wage_of(person, len(rows))))
        staff[employer] = rows
    return staff


def wage_of(person: Person, position: int) -> Decimal:
    """A monthly wage; the first of each firm earns below the floor, the second above the cap."""
    if position == 0:
        return Decimal(2800)
    if position == 1:
        return Decimal(42000)
    return Decimal(random.Random(person.identity_number).randrange(5000, 18000, 100))


def enrol_flexible(clerk, region_code, first_month, as_of) -> list[tuple[Enrolment, Decimal]]:
    """Three flexible workers enrolled by the clerk; the last from a year later."""
    chosen = working_age_people(region_code, as_of, len(FLEXIBLE_BASES))
    enrolments = [
        enrolment_services.enrol_flexible_worker(
            actor=clerk,
            region_code=XIHU,
            identity_number=person.identity_number,
            started_on=add_months(first_month, 12 if position == 2 else 0),
            today=as_of,
        )
        for position, person in enumerate(chosen)
    ]
    return list(zip(enrolments, FLEXIBLE_BASES, strict=False))


def run_months(staff, flexible, first_month, last_month, as_of) -> None:
    """Declare on the 5th and pay on the 10th of the following month, with the exceptions that
    make arrears and a late declaration."""
    employers = list(staff)
    unpaid = {(employers[1], add_months(last_month, -n)) for n in (1, 2)}
    partly_paid = (employers[0], add_months(last_month, -2))
    late = (employers[2], add_months(last_month, -3))
    month = first_month
    while month <= last_month:
        following = add_months(month, 1)
        for employer, rows in staff.items():
            declared_on = following.replace(day=25 if (employer, month) == late else 5)
            if declared_on > as_of:
                continue
            declare_month(employer, rows, month, min(declared_on, as_of))
            paid_on = following.replace(day=max(10, declared_on.day))
            if (employer, month) in unpaid or paid_on > as_of:
                continue
            share = Decimal("0.6") if (employer, month) == partly_paid else Decimal(1)
            pay(employer, month, paid_on, share, as_of)
        for position, (enrolment, base) in enumerate(flexible):
            skip = position == 1 and month == add_months(last_month, -1)
            pay_flexible(enrolment, base, month, following, as_of, skip=skip)
        month = following


def declare_month(employer, rows, month, declared_on) -> None:
    lines = [
        DeclaredRow(n + 2, e.person.identity_number, raised(wage, month), e.person.name)
        for n, (e, wage) in enumerate(rows)
        if e.started_on <= month
    ]
    contribution_services.declare_contributions(
        actor=None, employer=employer, month=month, rows=lines,
        file_name=f"{employer.credit_code}-{month:%Y%m}.xlsx", today=declared_on,
    )  # fmt: skip


def raised(wage: Decimal, month: datetime.date) -> Decimal:
    """Wages rise 3% each January."""
    return (wage * Decimal("1.03") ** (month.year - 2020)).quantize(Decimal(1))


def pay(employer, month, paid_on, share, as_of) -> None:
    due, paid = contribution_services.outstanding(f"employer:{employer.pk}", month)
    amount = ((due - paid) * share).quantize(Decimal("0.01"))
    if amount > 0:
        contribution_services.record_payment(
            actor=None, employer=employer, month=month, amount=amount, paid_on=paid_on,
            reference=f"DEMO{month:%Y%m}", today=as_of,
        )  # fmt: skip


def pay_flexible(enrolment, base, month, following, as_of, *, skip: bool) -> None:
    if month < month_start(enrolment.started_on) or following.replace(day=3) > as_of:
        return
    outcome = contribution_services.declare_flexible_base(
        actor=None, enrolment=enrolment, month=month, base=base, today=following.replace(day=3)
    )
    if not skip and outcome.lines:
        contribution_services.record_payment(
            actor=None, enrolment=enrolment, month=month, amount=outcome.lines[0].total,
            paid_on=following.replace(day=3), today=as_of,
        )  # fmt: skip


def correct_one(employer_user, demo_employer, staff, last_month, as_of) -> None:
    """The demo employer corrects a paid month: the third employee's wage was 500 too low."""
    enrolment, wage = staff[demo_employer][2]
    month = add_months(last_month, -4)
    row = DeclaredRow(2, enrolment.person.identity_number, raised(wage, month) + 500)
    contribution_services.declare_contributions(
        actor=employer_user, employer=demo_employer, month=month, rows=[row],
        file_name=f"更正-{month:%Y%m}.csv", today=as_of,
    )  # fmt: skip


def citizen_in_shanghai(clerk, demo_employer, as_of) -> tuple[Enrolment, datetime.date]:
    """The demo citizen: a year as a flexible worker in Shanghai after graduating (or the
    last three years), then an employee of the demo employer in Hangzhou from `moved`."""
    citizen = User.objects.get(username="citizen")
    person = Person.objects.get(account=citizen)
    left_school = person.graduation_date or as_of.replace(year=as_of.year - 3)
    start = max(add_months(month_start(left_school), 1), add_months(month_start(as_of), -36))
    moved = add_months(start, 12)
    if moved >= add_months(month_start(as_of), -2):
        start, moved = add_months(month_start(as_of), -14), add_months(month_start(as_of), -2)
    shanghai = enrolment_services.enrol_flexible_worker(
        actor=citizen, region_code=SHANGHAI_XUHUI, person=person, started_on=start, today=as_of
    )
    month = start
    while month < moved:
        pay_flexible(shanghai, CITIZEN_BASE, month, add_months(month, 1), as_of, skip=False)
        month = add_months(month, 1)
    enrolment_services.end_enrolment(
        actor=citizen, enrolment=shanghai, ended_on=moved - datetime.timedelta(days=1),
        reason=EndReason.MOVED, today=as_of,
    )  # fmt: skip
    hangzhou = enrolment_services.enrol_employee(
        actor=clerk, employer=demo_employer, identity_number=person.identity_number,
        started_on=moved, today=as_of,
    )  # fmt: skip
    return hangzhou, moved


def credit_years(first_year: int, as_of: datetime.date, *, before=None) -> list[int]:
    """Each finished year's interest, credited in the July after it (when the rate is usually
    published), up to `before`; a year without a published rate is left (2025 for now)."""
    credited = []
    for year in range(first_year, as_of.year):
        on = min(datetime.date(year + 1, 7, 1), as_of)
        if before is not None and on >= before:
            break
        try:
            outcome = account_services.credit_interest(actor=None, year=year, as_of=on)
        except DomainError:
            continue
        if outcome.people:
            credited.append(year)
    return credited
