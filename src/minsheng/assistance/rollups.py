"""1131, long-term unemployment and paired-assistance queries for the regional roll-ups.

`selectors.completion_by_county` and `pairing_selectors.coverage_by_county` answer similar
questions for case roles, county by county, with correlated subqueries per person. The roll-ups
(`registry.rollups`) are also for analysts, break down by any level and cover a province's
whole ledger, so these take an already scoped queryset (the caller decides who may see what)
and are shaped as set queries (GROUP BY … HAVING, UNION) that the database evaluates once.
Nothing here loops over people; the tests check they agree with the per-person rules.
"""

import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    When,
)

from minsheng.assistance.models import Pairing
from minsheng.assistance.pairing_selectors import DIFFICULTY_GROUPS, open_on
from minsheng.assistance.selectors import COMPLETE, REQUIREMENTS
from minsheng.core import parameters
from minsheng.registry.models import (
    EmploymentStatus,
    KeyGroupMembership,
    LedgerEntry,
    Person,
    StatusChange,
)
from minsheng.registry.selectors import add_months


def complete_entry_ids(open_entries: QuerySet[LedgerEntry], as_of: datetime.date) -> QuerySet:
    """Ids of the stays among `open_entries` with a complete 1131 on `as_of`.

    One join of the stays with their services, grouped by stay, kept by HAVING: cheaper than
    `selectors.with_1131_counts` (one correlated count per requirement and stay) over a
    province's ledger. A stay's services count from its entry date, as on the person page.
    """
    service = "person__services"
    counted = Q(
        **{f"{service}__delivered_on__gte": F("entered_on"), f"{service}__delivered_on__lte": as_of}
    )
    counts = {
        requirement.key: Count(
            service, filter=counted & Q(**{f"{service}__kind__in": requirement.kinds})
        )
        for requirement in REQUIREMENTS
    }
    return open_entries.order_by().values("id").annotate(**counts).filter(COMPLETE).values("id")


def restricted(rows: QuerySet, person_ids: QuerySet | None) -> QuerySet:
    return rows if person_ids is None else rows.filter(person_id__in=person_ids)


def long_term_unemployed_ids(person_ids: QuerySet | None, as_of: datetime.date) -> QuerySet:
    """Ids of the long-term unemployed among `person_ids` (a `values("pk")`-like queryset;
    None for everyone).

    One GROUP BY over the status changes of those people.

    Same rule as `registry.selectors.long_term_unemployed`: the person's latest unemployed
    change on or before the threshold (as_of − 12 months) lies after their last other change
    on or before `as_of` (or they never had another). The correlated form there costs three
    probes per person; this reads each person's history once.
    """
    months = parameters.value("registry.long_term_unemployed_months", as_of)
    threshold = add_months(as_of, -months)
    unemployed = Q(status=EmploymentStatus.UNEMPLOYED)
    return (
        restricted(StatusChange.objects.filter(since__lte=as_of), person_ids)
        .values("person_id")
        .annotate(
            last_break=Max(Case(When(~unemployed, then="since"))),
            early_unemployment=Max(Case(When(unemployed & Q(since__lte=threshold), then="since"))),
        )
        .filter(
            Q(early_unemployment__isnull=False)
            & (Q(last_break__isnull=True) | Q(early_unemployment__gt=F("last_break")))
        )
        .values("person_id")
        .order_by()
    )


def coverage_by_region(
    people: QuerySet[Person], as_of: datetime.date, *, large: bool = False
) -> dict[str, tuple[int, int]]:
    """Region code → (people eligible for paired assistance, of them with an open pairing).

    Eligible on `as_of`: an active low-income or disability membership, or long-term
    unemployment derived from the status history. `people` is an already scoped queryset;
    `large` says it covers the whole country.
    Both conditions are uncorrelated subqueries, so the database evaluates each once.
    """
    # Without the merged filter: SQLite, which keeps no statistics here, would otherwise read
    # the region's people through the merged_into index (all of them match) instead of region.
    person_ids = people.order_by().values("pk")
    people = people.filter(merged_into__isnull=True).order_by()
    if large:
        # For the whole country one pass over the tables is cheaper than an index probe per
        # person (measured: 6.4 s against 7.4 s with 1,000,000 people on SQLite); for a
        # province the probes win (1.8 s against 2.3 s for 225,000 people). The outer query
        # keeps only the region's people anyway.
        person_ids = None
    in_difficulty = restricted(
        KeyGroupMembership.objects.filter(group__in=DIFFICULTY_GROUPS, since__lte=as_of).filter(
            Q(until__isnull=True) | Q(until__gte=as_of)
        ),
        person_ids,
    ).values("person_id")
    long_term = long_term_unemployed_ids(person_ids, as_of)
    # One UNION rather than two ORed IN tests, so only eligible people are read, not everyone.
    eligible = Q(pk__in=in_difficulty.union(long_term))
    paired = Exists(Pairing.objects.filter(open_on(as_of), person=OuterRef("pk")))
    rows = (
        people.filter(eligible)
        .values("region_id")
        .annotate(eligible=Count("id"), paired=Count("id", filter=Q(paired)))
        .order_by()
    )
    return {row["region_id"]: (row["eligible"], row["paired"]) for row in rows}
