"""A person's pension insurance statement: what the citizen sees of their own record, and what
staff see of a record kept (in part) in their region.

One record per person under national pooling: contributions from every province are counted
together, each shown with the province it was paid in, and transfers name both provinces. A
month counts once it is paid (its account share credited), whatever the payer.

The average contribution index of a year is the mean, over its counted months, of the month's
own base ÷ the provincial average wage the band was set on that month (as stored with the
line); the overall index is the same mean over all counted months, which weights each year by
its months.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from minsheng.core.masking import mask_identity_number
from minsheng.core.regions import region_tree
from minsheng.insurance.account_services import holding_province
from minsheng.insurance.models import (
    AccountEntry,
    ContributionLine,
    Enrolment,
    EntryKind,
    Transfer,
)
from minsheng.registry.models import Person

ZERO = Decimal("0.00")
INDEX_PLACES = Decimal("0.0001")


def province_name(code: str) -> str:
    region = region_tree().get(code)
    return region.name if region else code


@dataclass
class YearRow:
    year: int
    months: int = 0
    contributions: Decimal = ZERO  # credited to the account for this year's months
    by_province: dict[str, Decimal] = field(default_factory=dict)
    interest: Decimal | None = None
    interest_rate: Decimal | None = None
    closing_balance: Decimal = ZERO
    index: Decimal | None = None

    @property
    def provinces(self) -> list[tuple[str, Decimal]]:
        return [(province_name(code), amount) for code, amount in sorted(self.by_province.items())]


@dataclass(frozen=True)
class ProvinceRow:
    code: str
    name: str
    months: int
    contributions: Decimal
    first_month: datetime.date
    last_month: datetime.date


@dataclass
class Statement:
    person: Person
    identity_number_masked: str
    as_of: datetime.date
    enrolments: list[Enrolment]
    years: list[YearRow]
    provinces: list[ProvinceRow]
    transfers: list[Transfer]
    months_counted: int
    balance: Decimal
    average_index: Decimal | None
    holding_province: str | None

    @property
    def years_counted(self) -> tuple[int, int]:
        """(whole years, remaining months) of contribution."""
        return divmod(self.months_counted, 12)

    @property
    def holding_province_name(self) -> str:
        return province_name(self.holding_province) if self.holding_province else ""


def mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(INDEX_PLACES, rounding=ROUND_HALF_UP)


def account_statement(*, person: Person, as_of: datetime.date) -> Statement:
    """The statement on `as_of`. The caller has checked the reader may see this person."""
    entries = list(
        AccountEntry.objects.filter(person=person, credited_on__lte=as_of).order_by(
            "credited_on", "pk"
        )
    )
    counted = {e.month for e in entries if e.kind == EntryKind.CONTRIBUTION}
    lines = [
        line
        for line in ContributionLine.objects.current().filter(person=person, month__in=counted)
        if line.month <= as_of
    ]
    years = year_rows(entries, lines, counted, as_of)
    ratios_by_month: dict[datetime.date, Decimal] = defaultdict(Decimal)
    for line in lines:
        ratios_by_month[line.month] += line.base / line.average_wage
    enrolments = list(
        Enrolment.objects.filter(person=person)
        .select_related("employer", "region")
        .order_by("started_on", "pk")
    )
    transfers = list(Transfer.objects.filter(person=person).order_by("transferred_on", "pk"))
    return Statement(
        person=person,
        identity_number_masked=mask_identity_number(person.identity_number),
        as_of=as_of,
        enrolments=enrolments,
        years=years,
        provinces=province_rows(entries),
        transfers=transfers,
        months_counted=len(counted),
        balance=sum((e.amount for e in entries), ZERO),
        average_index=mean(list(ratios_by_month.values())),
        holding_province=holding_province(person.pk, as_of),
    )


def year_rows(entries, lines, counted, as_of) -> list[YearRow]:
    if not entries:
        return []
    first = min(min(e.credited_on.year for e in entries), min(m.year for m in counted or [as_of]))
    rows = {year: YearRow(year) for year in range(first, as_of.year + 1)}
    for month in counted:
        rows[month.year].months += 1
    ratios: dict[int, dict[datetime.date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for line in lines:
        ratios[line.month.year][line.month] += line.base / line.average_wage
    for year, by_month in ratios.items():
        rows[year].index = mean(list(by_month.values()))
    running = ZERO
    for entry in entries:
        if entry.kind == EntryKind.CONTRIBUTION:
            row = rows[entry.month.year]
            row.contributions += entry.amount
            row.by_province[entry.province_code] = (
                row.by_province.get(entry.province_code, ZERO) + entry.amount
            )
        elif entry.kind == EntryKind.INTEREST:
            rows[entry.year].interest = entry.amount
            rows[entry.year].interest_rate = entry.interest_rate
    for year in sorted(rows):
        year_end = min(datetime.date(year, 12, 31), as_of)
        running = sum((e.amount for e in entries if e.credited_on <= year_end), ZERO)
        rows[year].closing_balance = running
    return [rows[year] for year in sorted(rows)]


def province_rows(entries) -> list[ProvinceRow]:
    months: dict[str, set] = defaultdict(set)
    amounts: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for entry in entries:
        if entry.kind == EntryKind.CONTRIBUTION:
            months[entry.province_code].add(entry.month)
            amounts[entry.province_code] += entry.amount
    return [
        ProvinceRow(
            code,
            province_name(code),
            len(months[code]),
            amounts[code],
            min(months[code]),
            max(months[code]),
        )
        for code in sorted(months, key=lambda c: min(months[c]))
    ]
