"""How many people, key-group members and open ledger stays a region has, for dashboards.

A county's figures are counted live from indexes, in tens of milliseconds even with a hundred
thousand people. Counting a whole city the same way reads millions of index entries on every
page view, so above a county the figures are the sum of the regions' `RegionTally` rows,
refreshed by `refresh_region_tallies`: the `minsheng ledger tally` command (run it from cron,
like the other periodic jobs), after every import, and after generating synthetic data. They
carry the time they were counted, which the dashboard shows.

Definitions: people are current records (not merged into another); a key group's members are
current people with an open membership; ledger figures count open stays by reason.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from minsheng.core.models import User
from minsheng.core.regions import COUNTY, region_tree
from minsheng.registry.models import KeyGroupMembership, LedgerEntry, Person, RegionTally


@dataclass
class RegionCounts:
    people: int = 0
    groups: Counter = field(default_factory=Counter)
    ledger: Counter = field(default_factory=Counter)
    # When the figures come from tallies, the oldest tally's time; None when counted live.
    counted_at: datetime.datetime | None = None

    def add(self, other: "RegionCounts") -> None:
        self.people += other.people
        self.groups.update(other.groups)
        self.ledger.update(other.ledger)
        if other.counted_at and (self.counted_at is None or other.counted_at < self.counted_at):
            self.counted_at = other.counted_at


def count_by_region(
    *,
    people: QuerySet[Person],
    members: QuerySet[KeyGroupMembership],
    stays: QuerySet[LedgerEntry],
) -> dict[str, RegionCounts]:
    """Live counts per region code of already region-filtered querysets.

    Each is a GROUP BY over one index. A merged record's open memberships (those the record
    it was merged into already had) are subtracted: there are few, found from the merged.
    """
    counts: dict[str, RegionCounts] = {}

    def of(region_code: str) -> RegionCounts:
        return counts.setdefault(region_code, RegionCounts())

    current = people.filter(merged_into__isnull=True)
    for region_code, n in grouped(current, "region"):
        of(region_code).people += n
    open_memberships = members.filter(until__isnull=True)
    for region_code, group, n in grouped(open_memberships, "region", "group"):
        of(region_code).groups[group] += n
    merged_people = Person.objects.filter(merged_into__isnull=False).values("pk")
    merged = open_memberships.filter(person__in=merged_people)
    for region_code, group, n in grouped(merged, "region", "group"):
        of(region_code).groups[group] -= n
    for region_code, reason, n in grouped(stays.filter(exited_on__isnull=True), "region", "reason"):
        of(region_code).ledger[reason] += n
    for region_counts in counts.values():
        region_counts.groups = +region_counts.groups  # drop the zeros
    return counts


def grouped(queryset: QuerySet, *columns: str):
    return queryset.order_by().values_list(*columns).annotate(n=Count("*"))


def counts_for(actor: User) -> RegionCounts:
    """The figures of the actor's whole scope: live for a county, from tallies above it.

    The scope is the one `ScopedQuerySet.for_actor` applies: the staff member's region subtree
    (the whole country for a national account), nothing for anyone else.
    """
    total = RegionCounts()
    scope = actor.scope_codes() if actor.is_staff_role else frozenset()
    tree = region_tree()
    codes = set(tree.by_code if scope is None else scope)
    if scope is not None and all(tree.get(code).level >= COUNTY for code in scope):
        tallies = RegionTally.objects.none()
    elif scope is None:
        tallies = RegionTally.objects.all()
    else:
        tallies = RegionTally.objects.filter(region__in=sorted(scope))
    for tally in tallies:
        total.add(
            RegionCounts(
                people=tally.people,
                groups=Counter(tally.groups),
                ledger=Counter(tally.ledger),
                counted_at=tally.counted_at,
            )
        )
        codes.discard(tally.region_id)
    if codes:  # a county, or regions never tallied yet (a new installation)
        for region_counts in counts_in(codes).values():
            total.add(region_counts)
    return total


def counts_in(region_codes: Iterable[str] | None) -> dict[str, RegionCounts]:
    """Live counts for the given region codes (every region when None)."""
    people = Person.objects.all()
    members = KeyGroupMembership.objects.all()
    stays = LedgerEntry.objects.all()
    if region_codes is not None:
        codes = sorted(region_codes)
        people = people.filter(region__in=codes)
        members = members.filter(region__in=codes)
        stays = stays.filter(region__in=codes)
    return count_by_region(people=people, members=members, stays=stays)


def refresh_region_tallies(*, region_code: str | None = None) -> int:
    """Recount every region (or one region's subtree) and store the tallies; returns how many.

    Every region gets a row, empty ones too, so a missing row means "never counted".
    """
    tree = region_tree()
    codes = sorted(tree.by_code if region_code is None else tree.subtree(region_code))
    counts = counts_in(None if region_code is None else codes)
    # Roll-up figures are computed separately (nightly); a recount keeps them.
    figures = dict(RegionTally.objects.filter(region__in=codes).values_list("region", "figures"))
    now = timezone.now()
    rows = [
        RegionTally(
            region_id=code,
            people=counts.get(code, RegionCounts()).people,
            groups=dict(counts.get(code, RegionCounts()).groups),
            ledger=dict(counts.get(code, RegionCounts()).ledger),
            counted_at=now,
            figures=figures.get(code, {}),
        )
        for code in codes
    ]
    with transaction.atomic():
        RegionTally.objects.filter(region__in=codes).delete()
        RegionTally.objects.bulk_create(rows, batch_size=500)
    return len(rows)
