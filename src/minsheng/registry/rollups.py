"""Regional roll-ups of the real-name ledger: county → city → province (→ nation).

For a region and a date (`as_of`), each figure is computed per child region (a province shows
its cities, a city its counties, a county itself) and the region's total is the sum of its
children, so the rows always add up. Every figure comes from a GROUP BY on `region_id` with
conditional aggregation; the few hundred region rows are then folded onto the children in
Python. Nothing loops over people.

Definitions (also stated on the page):
- on the ledger: stays open on `as_of` (entered on or before it, not exited by then);
- entries / exits: stays entered / exited between `period_start` and `as_of`, both included;
- employment rate: people whose stay ended in the period with exit reason employed,
  self-employed or flexible work ÷ people on the ledger at any time in the period;
- 1131 completion: stays open on `as_of` with a complete 1131 ÷ stays open on `as_of`;
- paired-assistance coverage: eligible people (active low-income or disability membership, or
  long-term unemployed, on `as_of`) with a pairing open on `as_of` ÷ eligible people.

Aggregates only: analysts may read them, and no name or identity number is ever returned.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from django.db import transaction
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.assistance.rollups import (
    complete_entry_ids,
    coverage_by_region,
    long_term_unemployed_ids,
)
from minsheng.core.errors import NotFound
from minsheng.core.models import Role, User
from minsheng.core.regions import COUNTY, NATIONAL_CODE, PROVINCE, region_tree
from minsheng.registry.models import (
    EmploymentStatus,
    ExitReason,
    KeyGroup,
    LedgerEntry,
    Person,
    RegionTally,
    StatusChange,
)
from minsheng.registry.selectors import CASE_ROLES, LONG_TERM_UNEMPLOYED, add_months

ROLLUP_ROLES = CASE_ROLES | {Role.ANALYST}
EMPLOYED_EXITS = (ExitReason.EMPLOYED, ExitReason.SELF_EMPLOYED, ExitReason.FLEXIBLE_WORK)
GROUP_KEYS = (*KeyGroup.values, LONG_TERM_UNEMPLOYED)
NO_STATUS = "none"
STATUS_KEYS = (*EmploymentStatus.values, NO_STATUS)
TREND_MONTHS = 12


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Figures:
    """The roll-up figures of one region (a child row or the total)."""

    region_code: str
    region_name: str
    on_ledger: int = 0
    by_group: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUP_KEYS, 0))
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUS_KEYS, 0))
    entries: int = 0
    exits: int = 0
    in_period: int = 0
    employed_exits: int = 0
    complete_1131: int = 0
    eligible: int = 0
    paired: int = 0

    @property
    def employment_rate(self) -> float | None:
        return ratio(self.employed_exits, self.in_period)

    @property
    def completion_rate(self) -> float | None:
        return ratio(self.complete_1131, self.on_ledger)

    @property
    def coverage_rate(self) -> float | None:
        return ratio(self.paired, self.eligible)

    def add(self, other: "Figures") -> None:
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            if isinstance(mine, int):
                setattr(self, item.name, mine + theirs)
            elif isinstance(mine, dict):
                for key, count in theirs.items():
                    mine[key] = mine.get(key, 0) + count


@dataclass(frozen=True)
class Month:
    """One month of the trend; the current month ends on `as_of`."""

    start: datetime.date
    end: datetime.date
    on_ledger: int  # at the end of the month
    entries: int
    exits: int
    employed_exits: int


@dataclass(frozen=True)
class Rollup:
    region_code: str
    region_name: str
    level: int
    as_of: datetime.date
    period_start: datetime.date
    total: Figures
    children: list[Figures]
    trend: list[Month]
    path: list[tuple[str, str]]  # (code, name) from the actor's own region down to this one


def rollup_region(actor: User, region_code: str | None) -> str:
    """The region asked for, defaulting to the actor's own; outside the scope it is a 404."""
    if actor.role not in ROLLUP_ROLES or not actor.region_id:
        raise NotFound("region_not_found", _("No such region in your scope."), field="region")
    code = region_code or actor.region_id
    if code not in region_tree() or not actor.can_see_region(code):
        raise NotFound("region_not_found", _("No such region in your scope."), field="region")
    return code


def on_ledger_on(day: datetime.date) -> Q:
    return Q(entered_on__lte=day) & (Q(exited_on__isnull=True) | Q(exited_on__gt=day))


def in_subtree(queryset: QuerySet, region_code: str) -> QuerySet:
    """Rows under a region; a province also by its province code (indexed, the shard key)."""
    if region_code == NATIONAL_CODE:
        return queryset
    tree = region_tree()
    if tree.by_code[region_code].level == PROVINCE:
        queryset = queryset.filter(province_code=region_code)
    return queryset.filter(region_id__in=sorted(tree.subtree(region_code)))


class ChildMap:
    """Folds counts keyed by any region code below a region onto that region's child rows."""

    def __init__(self, region_code: str) -> None:
        self.tree = region_tree()
        self.region_code = region_code
        self.level = self.tree.by_code[region_code].level
        self.rows: dict[str, Figures] = {}
        if self.level < COUNTY:
            for child in sorted(self.tree.children.get(region_code, ())):
                self.rows[child] = Figures(child, self.tree.by_code[child].name)
        else:
            self.rows[region_code] = Figures(region_code, self.tree.by_code[region_code].name)

    def row(self, code: str) -> Figures:
        child = code if self.level >= COUNTY else self.tree.at_level(code, self.level + 1)
        if child is None:  # recorded at the region's own level, not in any child
            child = self.region_code
        if child not in self.rows:
            name = _("%(name)s (own level)") % {"name": self.tree.by_code[child].name}
            self.rows[child] = Figures(child, str(name))
        return self.rows[child]

    def add_counts(self, counts: Iterable[tuple[str, dict]]) -> None:
        for code, values in counts:
            row = self.row(code)
            for name, value in values.items():
                setattr(row, name, getattr(row, name) + value)

    def add_breakdown(self, attribute: str, counts: Iterable[tuple[str, str, int]]) -> None:
        for code, key, count in counts:
            breakdown = getattr(self.row(code), attribute)
            breakdown[key] = breakdown.get(key, 0) + count


def ledger_flows(
    entries: QuerySet[LedgerEntry], as_of: datetime.date, period_start: datetime.date
) -> Iterable[tuple[str, dict]]:
    """Per region: on the ledger, entries, exits, people in the period, employed exits."""
    exited_in_period = Q(exited_on__gte=period_start, exited_on__lte=as_of)
    in_period = Q(entered_on__lte=as_of) & (
        Q(exited_on__isnull=True) | Q(exited_on__gte=period_start)
    )
    rows = (
        entries.filter(in_period)
        .values("region_id")
        .annotate(
            on_ledger=Count("id", filter=on_ledger_on(as_of)),
            entries=Count("id", filter=Q(entered_on__gte=period_start)),
            exits=Count("id", filter=exited_in_period),
            in_period=Count("person_id", distinct=True),
            employed_exits=Count(
                "person_id",
                distinct=True,
                filter=exited_in_period & Q(exit_reason__in=EMPLOYED_EXITS),
            ),
        )
        .order_by()
    )
    for row in rows:
        yield row.pop("region_id"), row


def open_by_group(open_entries: QuerySet[LedgerEntry], as_of: datetime.date):
    """(region, key group, people) for the stays open on `as_of`; memberships active then."""
    active = Q(person__memberships__since__lte=as_of) & (
        Q(person__memberships__until__isnull=True) | Q(person__memberships__until__gte=as_of)
    )
    rows = (
        open_entries.filter(active)
        .values_list("region_id", "person__memberships__group")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
    )
    yield from rows


def open_by_status(open_entries: QuerySet[LedgerEntry], as_of: datetime.date):
    """Per region and employment status on `as_of`, for the stays open then: how many, how
    many with a complete 1131, how many of long-term unemployed people.

    One pass over the open stays for the three figures, each an uncorrelated subquery (or the
    latest status change) tested per stay; a person has at most one open stay.
    """
    latest = (
        StatusChange.objects.filter(person=OuterRef("person_id"), since__lte=as_of)
        .order_by("-since", "-id")
        .values("status")[:1]
    )
    complete = Q(pk__in=complete_entry_ids(open_entries, as_of))
    long_term = Q(person_id__in=long_term_unemployed_ids(open_entries.values("person_id"), as_of))
    return (
        open_entries.annotate(status_then=Subquery(latest))
        .values_list("region_id", "status_then")
        .annotate(
            stays=Count("id"),
            complete=Count("id", filter=complete),
            long_term=Count("id", filter=long_term),
        )
        .order_by()
    )


def add_open_by_status(children: "ChildMap", rows) -> None:
    for region_code, status, stays, complete, long_term in rows:
        children.add_breakdown("by_status", [(region_code, status or NO_STATUS, stays)])
        children.add_breakdown("by_group", [(region_code, LONG_TERM_UNEMPLOYED, long_term)])
        children.add_counts([(region_code, {"complete_1131": complete})])


def month_windows(as_of: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The last 12 calendar months up to `as_of`, oldest first; the last one ends on `as_of`."""
    first_of_month = as_of.replace(day=1)
    windows = []
    for back in range(TREND_MONTHS - 1, -1, -1):
        start = add_months(first_of_month, -back)
        end = min(add_months(start, 1) - datetime.timedelta(days=1), as_of)
        windows.append((start, end))
    return windows


def monthly_trend(entries: QuerySet[LedgerEntry], as_of: datetime.date) -> list[Month]:
    """Ledger size at each month's end, entries, exits and employed exits.

    The size at a month's end is the size before the window plus the entries minus the exits
    since then (an exit never precedes its entry), so three small queries suffice.
    """
    windows = month_windows(as_of)
    first_day = windows[0][0]
    size = entries.filter(on_ledger_on(first_day - datetime.timedelta(days=1))).count()
    entered = dict(
        entries.filter(entered_on__gte=first_day, entered_on__lte=as_of)
        .values_list("entered_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    exited = {
        day: (total, employed)
        for day, total, employed in entries.filter(exited_on__gte=first_day, exited_on__lte=as_of)
        .values_list("exited_on")
        .annotate(n=Count("id"), employed=Count("id", filter=Q(exit_reason__in=EMPLOYED_EXITS)))
        .order_by()
    }
    months = []
    for start, end in windows:
        ins = sum(n for day, n in entered.items() if start <= day <= end)
        outs = [counts for day, counts in exited.items() if start <= day <= end]
        exits, employed = sum(c[0] for c in outs), sum(c[1] for c in outs)
        size += ins - exits
        months.append(Month(start, end, size, ins, exits, employed))
    return months


def breadcrumb(actor: User, region_code: str) -> list[tuple[str, str]]:
    tree = region_tree()
    chain = []
    for code in tree.ancestors(region_code):
        chain.append((code, tree.by_code[code].name))
        if code == actor.region_id:
            break
    return list(reversed(chain))


def region_rollup(
    *,
    actor: User,
    region_code: str | None = None,
    as_of: datetime.date | None = None,
    period_start: datetime.date | None = None,
) -> Rollup:
    """The figures of a region in the actor's scope, by child region, with the monthly trend.

    `period_start` defaults to 1 January of the year of `as_of` (year to date).
    """
    code = rollup_region(actor, region_code)
    as_of = as_of or timezone.localdate()
    period_start = min(period_start or as_of.replace(month=1, day=1), as_of)
    entries = in_subtree(LedgerEntry.objects.for_actor(actor), code).order_by()
    open_entries = entries.filter(on_ledger_on(as_of))
    people = in_subtree(Person.objects.for_actor(actor), code)

    children = ChildMap(code)
    children.add_counts(ledger_flows(entries, as_of, period_start))
    children.add_breakdown("by_group", open_by_group(open_entries, as_of))
    add_open_by_status(children, open_by_status(open_entries, as_of))
    coverage = coverage_by_region(people, as_of, large=code == NATIONAL_CODE)
    children.add_counts(
        (c, {"eligible": eligible, "paired": paired}) for c, (eligible, paired) in coverage.items()
    )

    tree = region_tree()
    rows = sorted(children.rows.values(), key=lambda row: row.region_code)
    total = Figures(code, tree.by_code[code].name)
    for row in rows:
        total.add(row)
    return Rollup(
        region_code=code,
        region_name=tree.by_code[code].name,
        level=tree.by_code[code].level,
        as_of=as_of,
        period_start=period_start,
        total=total,
        children=rows,
        trend=monthly_trend(entries, as_of),
        path=breadcrumb(actor, code),
    )


# The counts of `Figures` that add up over regions (the breakdowns stay on the roll-up page).
STORED_COUNTS = (
    "on_ledger", "entries", "exits", "in_period", "employed_exits", "complete_1131", "eligible",
    "paired",
)  # fmt: skip


def store_rollup_figures(*, region_code: str | None = None, as_of: datetime.date) -> int:
    """Compute every region's own roll-up counts (year to `as_of`) into its tally row.

    A city's or province's dashboard then adds up its regions' rows instead of reading
    millions of rows per page view. Run by `minsheng ledger tally --figures` (cron, nightly)
    and after the demo is built; the page at /people/rollups/ still counts live.
    """
    tree = region_tree()
    codes = sorted(tree.by_code if region_code is None else tree.subtree(region_code))
    period_start = as_of.replace(month=1, day=1)
    entries = (
        LedgerEntry.objects.all()
        if region_code is None
        else LedgerEntry.objects.filter(region_id__in=codes)
    )
    people = (
        Person.objects.all() if region_code is None else Person.objects.filter(region_id__in=codes)
    )
    counts: dict[str, dict] = {}

    def add(code: str, values: dict) -> None:
        row = counts.setdefault(code, dict.fromkeys(STORED_COUNTS, 0))
        for name, value in values.items():
            row[name] += value

    for code, values in ledger_flows(entries.order_by(), as_of, period_start):
        add(code, values)
    for code, _status, _stays, complete, _long_term in open_by_status(
        entries.order_by().filter(on_ledger_on(as_of)), as_of
    ):
        add(code, {"complete_1131": complete})
    coverage = coverage_by_region(people, as_of, large=region_code is None)
    for code, (eligible, paired) in coverage.items():
        add(code, {"eligible": eligible, "paired": paired})
    stamp = {"as_of": as_of.isoformat(), "period_start": period_start.isoformat()}
    with transaction.atomic():
        for code in codes:
            RegionTally.objects.filter(region_id=code).update(
                figures=stamp | counts.get(code, dict.fromkeys(STORED_COUNTS, 0))
            )
    return len(codes)


def stored_rollup_total(
    *, actor: User, counties_too: bool = False
) -> tuple[Figures, datetime.date, datetime.date] | None:
    """The sum of the stored figures over the actor's scope, with their as-of and period start;
    None when some region has no stored figures yet, and for a county unless `counties_too`
    (a county's region-figures panel counts live; its 1131 panel reads the stored figures)."""
    code = rollup_region(actor, None)
    tree = region_tree()
    if tree.by_code[code].level >= COUNTY and not counties_too:
        return None
    tallies = RegionTally.objects.all()
    if code != NATIONAL_CODE:
        tallies = tallies.filter(region_id__in=sorted(tree.subtree(code)))
    total = Figures(code, tree.by_code[code].name)
    stamps = set()
    for figures in tallies.values_list("figures", flat=True):
        if not figures:
            return None
        stamps.add((figures["as_of"], figures["period_start"]))
        for name in STORED_COUNTS:
            setattr(total, name, getattr(total, name) + figures[name])
    if len(stamps) != 1:
        return None
    [(as_of, period_start)] = stamps
    return total, datetime.date.fromisoformat(as_of), datetime.date.fromisoformat(period_start)
