"""Aggregate 1131 and paired-assistance figures per region, for the regional roll-ups.

`selectors.completion_by_county` and `pairing_selectors.coverage_by_county` answer the same
questions for case roles, one county at a time. The roll-up pages are also for analysts and
break down by any level, so these functions take an already scoped queryset (the caller
decides who may see what) and return counts keyed by region code, from one GROUP BY each.
Nothing here loops over people.
"""

import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    When,
)

from minsheng.assistance.models import Pairing
from minsheng.assistance.pairing_selectors import DIFFICULTY_GROUPS, open_on
from minsheng.assistance.selectors import COMPLETE, with_1131_counts
from minsheng.core import parameters
from minsheng.registry.models import (
    EmploymentStatus,
    KeyGroupMembership,
    LedgerEntry,
    Person,
    StatusChange,
)
from minsheng.registry.selectors import add_months


def completion_by_region(
    open_entries: QuerySet[LedgerEntry], as_of: datetime.date
) -> dict[str, tuple[int, int]]:
    """Region code → (stays on the ledger, stays with a complete 1131) on `as_of`.

    `open_entries` must already be the stays open on `as_of`; a stay's services count from its
    entry date, as on the person page.
    """
    complete_flag = Case(When(COMPLETE, then=1), default=0, output_field=IntegerField())
    rows = (
        with_1131_counts(open_entries.order_by(), as_of)
        .annotate(complete_flag=complete_flag)
        .values("region_id")
        .annotate(total=Count("id"), complete=Sum("complete_flag"))
        .order_by()
    )
    return {row["region_id"]: (row["total"], row["complete"] or 0) for row in rows}


def long_term_unemployed_ids(person_ids: QuerySet, as_of: datetime.date) -> QuerySet:
    """Ids of the long-term unemployed among `person_ids` (a `values("pk")`-like queryset).

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
        StatusChange.objects.filter(since__lte=as_of, person_id__in=person_ids)
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


def coverage_by_region(people: QuerySet[Person], as_of: datetime.date) -> dict[str, tuple[int, int]]:
    """Region code → (people eligible for paired assistance, of them with an open pairing).

    Eligible on `as_of`: an active low-income or disability membership, or long-term
    unemployment derived from the status history. `people` is an already scoped queryset.
    Both conditions are uncorrelated subqueries, so the database evaluates each once.
    """
    people = people.filter(merged_into__isnull=True).order_by()
    in_difficulty = (
        KeyGroupMembership.objects.filter(group__in=DIFFICULTY_GROUPS, since__lte=as_of)
        .filter(Q(until__isnull=True) | Q(until__gte=as_of))
        .values("person_id")
    )
    eligible = Q(pk__in=in_difficulty) | Q(pk__in=long_term_unemployed_ids(people.values("pk"), as_of))
    paired = Exists(Pairing.objects.filter(open_on(as_of), person=OuterRef("pk")))
    rows = (
        people.filter(eligible)
        .values("region_id")
        .annotate(eligible=Count("id"), paired=Count("id", filter=Q(paired)))
        .order_by()
    )
    return {row["region_id"]: (row["eligible"], row["paired"]) for row in rows}
