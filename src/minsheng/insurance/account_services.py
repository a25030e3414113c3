"""The individual pension account: crediting paid contributions, yearly interest, and the
transfer of a record between provinces.

The account is a ledger of entries; its balance is their sum and nothing is ever updated.
Which province holds the account is a fact of the record, not of the person's address: the
province of the first enrolment, then the receiving province of each transfer.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit, parameters
from minsheng.core.errors import PermissionDenied
from minsheng.core.models import User
from minsheng.insurance.calculations import (
    InsuranceError,
    cents,
    decimal_of,
    money_sum,
    province_of,
    published_interest_rate,
    year_interest,
)
from minsheng.insurance.models import (
    AccountEntry,
    ContributionLine,
    Enrolment,
    EntryKind,
    Payment,
    Transfer,
)
from minsheng.insurance.people import today_or
from minsheng.insurance.permissions import is_insurance_staff, require_staff_for_region
from minsheng.registry.models import Person

ZERO = Decimal("0.00")
BATCH_PEOPLE = 500


def credit_paid_month(*, payer: str, month: datetime.date, on: datetime.date) -> int:
    """Credit the account shares of a payer's month once it is paid in full, on `on`.

    Each current line is credited the difference between its account share and what earlier
    versions of it credited, so a correction of a paid month moves the account by the change
    (an entry of 0 when the share did not change: it still marks the line as paid).
    Returns the number of entries written (their audit is the payment's or the declaration's).
    """
    lines = list(ContributionLine.objects.current().filter(payer=payer, month=month))
    due = sum((line.total for line in lines), ZERO)
    paid = money_sum(Payment.objects.filter(payer=payer, month=month), "amount")
    if not lines or paid < due:
        return 0
    already = AccountEntry.objects.filter(
        kind=EntryKind.CONTRIBUTION,
        month=month,
        line__enrolment__in=[line.enrolment_id for line in lines],
    )
    credited: dict[int, Decimal] = defaultdict(lambda: ZERO)
    done = set()
    for entry in already.values("line_id", "line__enrolment_id", "amount"):
        credited[entry["line__enrolment_id"]] += entry["amount"]
        done.add(entry["line_id"])
    entries = [
        AccountEntry(
            person_id=line.person_id,
            kind=EntryKind.CONTRIBUTION,
            amount=line.account_credit - credited[line.enrolment_id],
            credited_on=on,
            year=on.year,
            month=month,
            line=line,
            region_id=line.region_id,
            province_code=line.province_code,
        )
        for line in lines
        if line.pk not in done
    ]
    AccountEntry.objects.bulk_create(entries)
    return len(entries)


def balance(person: Person, on: datetime.date, *, province: str | None = None) -> Decimal:
    entries = AccountEntry.objects.filter(person=person, credited_on__lte=on)
    if province:
        entries = entries.filter(province_code=province)
    return money_sum(entries, "amount")


def holding_province(person_id: int, on: datetime.date) -> str | None:
    """The province keeping the account on `on`: the last transfer's, else the first enrolment's."""
    transfer = (
        Transfer.objects.filter(person_id=person_id, transferred_on__lte=on)
        .order_by("-transferred_on", "-pk")
        .first()
    )
    if transfer is not None:
        return transfer.to_province
    first = Enrolment.objects.filter(person_id=person_id, started_on__lte=on).order_by(
        "started_on", "pk"
    )
    first = first.first()
    return first.province_code if first else None


@dataclass(frozen=True)
class InterestOutcome:
    year: int
    rate: Decimal
    people: int
    total: Decimal


def credit_interest(
    *,
    actor: User | None,
    year: int,
    as_of: datetime.date | None = None,
    person_ids: list[int] | None = None,
) -> InterestOutcome:
    """Credit a year's interest to every account that held money in it, once (idempotent).

    The year must have ended and its rate been published (`rules/insurance/
    account_interest_rate.yaml`). A clerk credits the accounts of people enrolled in their
    region; the console operator credits all. Earlier years a person has not been credited
    for are credited first, in order, so every year opens on the interest of the one before.
    """
    if not is_insurance_staff(actor):
        raise PermissionDenied(
            "not_insurance_staff", _("Only social-insurance clerks may do this.")
        )
    as_of = today_or(as_of)
    year_end = datetime.date(year, 12, 31)
    if as_of <= year_end:
        raise InsuranceError(
            "year_not_ended", _("Interest is credited after the year has ended."), field="year"
        )
    rate = published_interest_rate(year)
    if rate is None:
        raise InsuranceError(
            "rate_not_published",
            _("No interest rate is recorded for %(year)s: it has not been published yet."),
            field="year",
            params={"year": year},
        )
    people = AccountEntry.objects.filter(credited_on__lte=year_end)
    if actor is not None:
        in_scope = Enrolment.objects.for_actor(actor).values("person")
        people = people.filter(person__in=in_scope)
    if person_ids is not None:
        people = people.filter(person__in=person_ids)
    ids = sorted(set(people.values_list("person_id", flat=True)))
    credited, total = 0, ZERO
    for start in range(0, len(ids), BATCH_PEOPLE):
        with transaction.atomic():
            entries = interest_entries(ids[start : start + BATCH_PEOPLE], year, as_of)
            AccountEntry.objects.bulk_create(entries)
        credited += sum(1 for e in entries if e.year == year)
        total += sum((e.amount for e in entries if e.year == year), ZERO)
    audit.record(
        actor,
        audit.Change(
            action="interest_credited",
            object_type="insurance.interest",
            object_id=str(year),
            region_code=actor.region_id if actor and actor.region_id else "",
            after={"year": year, "rate": rate, "people": credited, "total": total},
        ),
    )
    return InterestOutcome(year, rate, credited, total)


def interest_entries(person_ids: list[int], year: int, as_of: datetime.date) -> list[AccountEntry]:
    """New interest entries for these people up to `year`, computed from their ledgers and
    credited to the province that keeps each account on `as_of` (the day of crediting)."""
    ledgers: dict[int, list[Ledgered]] = defaultdict(list)
    rows = (
        AccountEntry.objects.filter(
            person__in=person_ids, credited_on__lte=datetime.date(year, 12, 31)
        )
        .order_by("credited_on", "pk")
        .values_list("person_id", "kind", "amount", "credited_on", "year", "region_id")
    )
    for person_id, *entry in rows:
        ledgers[person_id].append(Ledgered(*entry))
    new = []
    for person_id, ledger in ledgers.items():
        credited_years = {e.year for e in ledger if e.kind == EntryKind.INTEREST}
        first_year = min(e.credited_on.year for e in ledger)
        for each_year in range(first_year, year + 1):
            rate = published_interest_rate(each_year)
            if each_year in credited_years or rate is None:
                continue
            entry = interest_entry(person_id, ledger, each_year, rate, as_of)
            ledger.append(
                Ledgered(
                    EntryKind.INTEREST, entry.amount, entry.credited_on, each_year, entry.region_id
                )
            )
            new.append(entry)
    return new


@dataclass(frozen=True)
class Ledgered:
    kind: str
    amount: Decimal
    credited_on: datetime.date
    year: int
    region_id: str


def interest_entry(person_id: int, ledger: list[Ledgered], year: int, rate, as_of) -> AccountEntry:
    opening = sum((e.amount for e in ledger if e.credited_on.year < year), ZERO)
    by_month: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for e in ledger:
        if e.credited_on.year == year and e.kind != EntryKind.INTEREST:
            by_month[e.credited_on.month] += e.amount
    year_end = datetime.date(year, 12, 31)
    # The interest joins the account where it is kept now: a record transferred since the
    # year ended is not left with a remainder in the province it left.
    province = holding_province(person_id, as_of)
    if province is None:  # money older than any enrolment on record (carried-over history)
        region = ledger[-1].region_id
        province = province_of(region)
    else:
        region = latest_region_in(person_id, province, as_of)
    return AccountEntry(
        person_id=person_id, kind=EntryKind.INTEREST,
        amount=year_interest(opening=opening, credits_by_month=dict(by_month), rate=rate),
        credited_on=year_end, year=year, interest_rate=rate, region_id=region,
        province_code=province,
    )  # fmt: skip


def latest_region_in(person_id: int, province: str, on: datetime.date) -> str:
    """The region of the person's latest enrolment in `province` (the agency keeping them)."""
    enrolment = (
        Enrolment.objects.filter(person_id=person_id, province_code=province, started_on__lte=on)
        .order_by("-started_on", "-pk")
        .first()
    )
    return enrolment.region_id if enrolment else province


def record_transfer(
    *,
    actor: User | None,
    person: Person,
    to_region_code: str,
    transferred_on: datetime.date,
    today: datetime.date | None = None,
) -> Transfer:
    """Move a person's record to the province they now contribute in (the receiving agency).

    国办发〔2009〕66号: the whole account balance moves, and the pooled fund transfers 12% of the
    bases contributed in the province. National pooling keeps one record: the contributions
    stay counted where they were made, and the transfer is an event naming both provinces.
    """
    require_staff_for_region(actor, to_region_code)
    today = today_or(today)
    if transferred_on is None or transferred_on > today:
        raise InsuranceError(
            "transfer_date_invalid", _("The transfer date cannot be in the future."), field="on"
        )
    to_province = province_of(to_region_code)
    from_province = holding_province(person.pk, transferred_on)
    if from_province is None:
        raise InsuranceError("nothing_to_transfer", _("The person has no insurance record yet."))
    if from_province == to_province:
        raise InsuranceError(
            "already_here", _("The record is already kept in this province."), field="region_code"
        )
    enrolled_here = Enrolment.objects.filter(
        person=person, province_code=to_province, started_on__lte=transferred_on
    ).exists()
    if not enrolled_here:
        raise InsuranceError(
            "not_enrolled_here",
            _("Enrol the person in this province before transferring their record here."),
        )
    with transaction.atomic():
        moved = balance(person, transferred_on, province=from_province)
        bases = bases_since_arrival(person, from_province, transferred_on)
        share = decimal_of(
            parameters.value("insurance.contribution.transfer_pooled_share", transferred_on)
        )
        transfer = Transfer.objects.create(
            person=person, from_province=from_province, to_province=to_province,
            transferred_on=transferred_on, region_id=to_region_code, province_code=to_province,
            account_balance=moved, bases_total=bases, pooled_amount=cents(bases * share),
            recorded_by=actor,
        )  # fmt: skip
        if moved:
            from_region = latest_region_in(person.pk, from_province, transferred_on)
            AccountEntry.objects.bulk_create(
                [
                    transfer_entry(transfer, EntryKind.TRANSFER_OUT, -moved, from_region),
                    transfer_entry(transfer, EntryKind.TRANSFER_IN, moved, to_region_code),
                ]
            )
        audit.record(
            actor,
            audit.Change(
                action="record_transferred",
                object_type="insurance.transfer",
                object_id=str(transfer.pk),
                region_code=to_region_code,
                after={
                    "person": person.pk,
                    "from": from_province,
                    "to": to_province,
                    "on": transferred_on,
                    "balance": moved,
                    "pooled": transfer.pooled_amount,
                },
            ),
        )
    return transfer


def transfer_entry(transfer: Transfer, kind: str, amount: Decimal, region: str) -> AccountEntry:
    return AccountEntry(
        person_id=transfer.person_id, kind=kind, amount=amount,
        credited_on=transfer.transferred_on, year=transfer.transferred_on.year,
        transfer=transfer, region_id=region, province_code=province_of(region),
    )  # fmt: skip


def bases_since_arrival(person: Person, province: str, on: datetime.date) -> Decimal:
    """Bases of the paid months contributed in `province` since the record last arrived there."""
    arrived = (
        Transfer.objects.filter(person=person, to_province=province, transferred_on__lte=on)
        .order_by("-transferred_on")
        .values_list("transferred_on", flat=True)
        .first()
    )
    lines = ContributionLine.objects.current().filter(
        person=person, province_code=province, entry__isnull=False, month__lte=on
    )
    if arrived:
        lines = lines.filter(month__gte=arrived.replace(day=1))
    return money_sum(lines, "base")
