"""Reads of the "1131" service standard; every one starts from a `for_actor(actor)` queryset.

A person's 1131 counts the services of their current ledger stay (delivered on or after the
open ledger entry's entry date), or all their services when they are not on the ledger, so a
re-entry starts the count afresh. Paired-assistance reads are in `pairing_selectors`.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from minsheng.assistance.models import ServiceKind, ServiceRecord
from minsheng.core import parameters
from minsheng.core.errors import NotFound
from minsheng.core.models import User
from minsheng.core.regions import COUNTY, region_tree
from minsheng.registry.models import LedgerEntry, Person
from minsheng.registry.selectors import CASE_ROLES, person_get


@dataclass(frozen=True)
class Requirement:
    key: str
    label: str
    kinds: tuple[str, ...]
    needed: int


# 1 policy briefing, 1 career guidance, 3 job recommendations, 1 training or internship.
REQUIREMENTS = (
    Requirement("briefings", _("Policy briefing"), (ServiceKind.POLICY_BRIEFING,), 1),
    Requirement("guidance", _("Career guidance"), (ServiceKind.CAREER_GUIDANCE,), 1),
    Requirement("recommendations", _("Job recommendation"), (ServiceKind.JOB_RECOMMENDATION,), 3),
    Requirement(
        "opportunities",
        _("Training or internship opportunity"),
        (ServiceKind.TRAINING_OPPORTUNITY, ServiceKind.INTERNSHIP_OPPORTUNITY),
        1,
    ),
)
COMPLETE = Q(**{f"{r.key}__gte": r.needed for r in REQUIREMENTS})


@dataclass(frozen=True)
class Shortfall:
    label: str
    have: int
    needed: int


@dataclass(frozen=True)
class Completeness:
    counts: dict[str, int]
    since: datetime.date | None  # start of the current ledger stay; None when not on the ledger

    @property
    def rows(self) -> list[Shortfall]:
        return [Shortfall(r.label, self.counts.get(r.key, 0), r.needed) for r in REQUIREMENTS]

    @property
    def missing(self) -> list[Shortfall]:
        return [row for row in self.rows if row.have < row.needed]

    @property
    def complete(self) -> bool:
        return not self.missing


def completeness_of(row) -> Completeness:
    """The 1131 of a row annotated by `with_1131_counts` (a ledger entry)."""
    return Completeness({r.key: getattr(row, r.key) for r in REQUIREMENTS}, row.entered_on)


def require_case_role(actor: User) -> None:
    if actor.role not in CASE_ROLES:
        raise NotFound("not_found", _("Not found."))


def visible_person(*, actor: User, person_id: int) -> Person:
    require_case_role(actor)
    return person_get(actor=actor, person_id=person_id)


def open_ledger_entry(person: Person, as_of: datetime.date | None = None) -> LedgerEntry | None:
    entries = person.ledger_entries.all()
    if as_of is None:
        return entries.filter(exited_on__isnull=True).first()
    return entries.filter(on_ledger_on(as_of)).first()


def on_ledger_on(as_of: datetime.date) -> Q:
    return Q(entered_on__lte=as_of) & (Q(exited_on__isnull=True) | Q(exited_on__gt=as_of))


def person_1131(*, person: Person, as_of: datetime.date) -> Completeness:
    """A person's 1131 on `as_of`: their current ledger stay's services, or all of them."""
    entry = open_ledger_entry(person, as_of)
    services = person.services.filter(delivered_on__lte=as_of)
    if entry is not None:
        services = services.filter(delivered_on__gte=entry.entered_on)
    by_kind = dict(services.values_list("kind").annotate(n=Count("id")).order_by())
    counts = {r.key: sum(by_kind.get(kind, 0) for kind in r.kinds) for r in REQUIREMENTS}
    return Completeness(counts, entry.entered_on if entry else None)


def service_list(*, actor: User, person: Person) -> QuerySet[ServiceRecord]:
    return (
        ServiceRecord.objects.for_actor(actor)
        .filter(person=person)
        .select_related("staff")
        .order_by("-delivered_on", "-id")
    )


def with_1131_counts(entries: QuerySet[LedgerEntry], as_of: datetime.date) -> QuerySet:
    """Ledger entries annotated with each requirement's count over the stay, up to `as_of`."""
    annotations = {}
    for requirement in REQUIREMENTS:
        counted = (
            ServiceRecord.objects.filter(
                person=OuterRef("person_id"),
                kind__in=requirement.kinds,
                delivered_on__gte=OuterRef("entered_on"),
                delivered_on__lte=as_of,
            )
            .order_by()
            .values("person")
            .annotate(n=Count("id"))
            .values("n")
        )
        annotations[requirement.key] = Coalesce(
            Subquery(counted, output_field=IntegerField()), Value(0)
        )
    return entries.annotate(**annotations)


def ledger_entries_in(
    *, actor: User, as_of: datetime.date, region_code: str | None = None
) -> QuerySet[LedgerEntry]:
    """Stays on the ledger on `as_of`, in the actor's scope and (optionally) under a region."""
    require_case_role(actor)
    entries = LedgerEntry.objects.for_actor(actor).filter(on_ledger_on(as_of))
    if region_code:
        if region_code not in region_tree() or not actor.can_see_region(region_code):
            raise NotFound("region_not_found", _("No such region in your scope."), field="region")
        entries = entries.filter(region_id__in=sorted(region_tree().subtree(region_code)))
    return entries


@dataclass(frozen=True)
class CompletionRow:
    region_code: str
    region_name: str
    on_ledger: int
    complete: int

    @property
    def rate(self) -> float | None:
        return self.complete / self.on_ledger if self.on_ledger else None


def completion_by_county(
    *, actor: User, as_of: datetime.date, region_code: str
) -> tuple[CompletionRow, list[CompletionRow]]:
    """1131 completion (complete ÷ on the ledger) under a region, with one row per county."""
    entries = with_1131_counts(
        ledger_entries_in(actor=actor, as_of=as_of, region_code=region_code), as_of
    )
    complete_flag = Case(When(COMPLETE, then=1), default=0, output_field=IntegerField())
    per_region = (
        entries.annotate(complete_flag=complete_flag)
        .values("region_id")
        .annotate(total=Count("id"), complete=Sum("complete_flag"))
        .order_by()
    )
    rows = [
        CompletionRow(*county)
        for county in fold_by_county(
            per_region, actor=actor, region_code=region_code, part="complete"
        )
    ]
    overall = CompletionRow(
        region_code,
        region_tree().by_code[region_code].name,
        sum(row.on_ledger for row in rows),
        sum(row.complete for row in rows),
    )
    return overall, rows


def fold_by_county(
    per_region, *, actor: User, region_code: str, part: str
) -> list[tuple[str, str, int, int]]:
    """(county code, county name, total, part) for the counties under `region_code`.

    `per_region` holds rows of {"region_id", "total", part} grouped by any region at or below
    county level; every county the actor may see gets a row, with zeros when it has none.
    """
    tree = region_tree()
    totals: dict[str, list[int]] = {}
    for row in per_region:
        county = tree.at_level(row["region_id"], COUNTY) or row["region_id"]
        counts = totals.setdefault(county, [0, 0])
        counts[0] += row["total"]
        counts[1] += row[part] or 0
    counties = [c for c in tree.counties_under(region_code) if actor.can_see_region(c)]
    return [
        (code, tree.by_code[code].name, *totals.get(code, (0, 0)))
        for code in sorted(set(counties) | set(totals))
    ]


def overdue_cutoffs(entries: QuerySet[LedgerEntry], as_of: datetime.date) -> Q:
    """Entered before `as_of` minus N days, N read per region (it may differ by region)."""
    regions_by_days: dict[int, list[str]] = {}
    for region_code in entries.values_list("region_id", flat=True).distinct().order_by():
        days = parameters.value("assistance.overdue_days", as_of, region_code=region_code)
        regions_by_days.setdefault(days, []).append(region_code)
    condition = Q(pk__in=[])
    for days, codes in regions_by_days.items():
        cutoff = as_of - datetime.timedelta(days=days)
        condition |= Q(region_id__in=codes, entered_on__lt=cutoff)
    return condition


def overdue_list(
    *, actor: User, as_of: datetime.date, region_code: str | None = None, search: str = ""
) -> QuerySet[LedgerEntry]:
    """Stays on the ledger longer than `assistance.overdue_days` without a complete 1131.

    Each row is a ledger entry with the requirement counts; `completeness_of(row).missing`
    says what is missing. Oldest stays first.
    """
    entries = ledger_entries_in(actor=actor, as_of=as_of, region_code=region_code)
    search = search.strip()
    if search:
        entries = entries.filter(person__name__contains=search)
    overdue = entries.filter(overdue_cutoffs(entries, as_of))
    return (
        with_1131_counts(overdue, as_of)
        .exclude(COMPLETE)
        .select_related("person", "region")
        .order_by("entered_on", "person__name", "id")
    )
