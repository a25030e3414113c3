"""Reads of one-to-one paired assistance: who qualifies, who is paired, what is due.

People with difficulties qualify: an active low-income or disability key-group membership, or
long-term unemployment derived from the status history (`registry.selectors`). A follow-up is
due `assistance.follow_up_interval_days` after the last one (or after the pairing started).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from minsheng.assistance.models import FollowUp, Pairing
from minsheng.assistance.selectors import fold_by_county, require_case_role
from minsheng.core import parameters
from minsheng.core.errors import NotFound
from minsheng.core.models import Role, User
from minsheng.core.regions import region_tree
from minsheng.registry.models import KeyGroup, KeyGroupMembership, Person
from minsheng.registry.selectors import is_long_term_unemployed, long_term_unemployed, person_list

DIFFICULTY_GROUPS = (KeyGroup.LOW_INCOME, KeyGroup.DISABILITY)


def active_difficulty_membership(as_of: datetime.date) -> QuerySet[KeyGroupMembership]:
    return KeyGroupMembership.objects.filter(
        person=OuterRef("pk"), group__in=DIFFICULTY_GROUPS, since__lte=as_of
    ).filter(Q(until__isnull=True) | Q(until__gte=as_of))


def with_difficulty(people: QuerySet[Person], as_of: datetime.date) -> QuerySet[Person]:
    """The people among `people` who qualify for paired assistance on `as_of`."""
    long_term = long_term_unemployed(people, as_of).values("pk")
    return people.filter(Exists(active_difficulty_membership(as_of)) | Q(pk__in=long_term))


def eligibility_reasons(person: Person, as_of: datetime.date) -> list[str]:
    """Why a person qualifies, as labels; empty when they do not."""
    groups = (
        person.memberships.filter(group__in=DIFFICULTY_GROUPS, since__lte=as_of)
        .filter(Q(until__isnull=True) | Q(until__gte=as_of))
        .values_list("group", flat=True)
    )
    reasons = [str(KeyGroup(group).label) for group in sorted(set(groups))]
    if is_long_term_unemployed(list(person.status_history.all()), as_of):
        reasons.append(str(_("Long-term unemployed")))
    return reasons


def open_on(as_of: datetime.date) -> Q:
    return Q(started_on__lte=as_of) & (Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))


def eligible_people(
    *, actor: User, as_of: datetime.date, search: str = "", unpaired_only: bool = False
) -> QuerySet[Person]:
    require_case_role(actor)
    people = with_difficulty(person_list(actor=actor, search=search), as_of)
    if unpaired_only:
        open_pairing = Pairing.objects.filter(person=OuterRef("pk"), ended_on__isnull=True)
        people = people.exclude(Exists(open_pairing))
    return people


def caseworkers_covering(region_code: str) -> QuerySet[User]:
    """Active caseworkers whose scope (a region subtree) contains `region_code`."""
    return User.objects.filter(
        role=Role.CASEWORKER, is_active=True, region_id__in=region_tree().ancestors(region_code)
    )


def covered_region_codes() -> frozenset[str]:
    """Regions some active caseworker covers: people elsewhere have nobody to be paired with."""
    tree = region_tree()
    codes = User.objects.filter(role=Role.CASEWORKER, is_active=True, region_id__isnull=False)
    covered: frozenset[str] = frozenset()
    for code in codes.values_list("region_id", flat=True).distinct().order_by():
        covered |= tree.subtree(code)
    return covered


def caseworkers_in_scope(*, actor: User) -> QuerySet[User]:
    """Caseworkers an actor may manage: those whose own region lies in the actor's scope."""
    caseworkers = User.objects.filter(role=Role.CASEWORKER, is_active=True)
    scope = actor.scope_codes()
    if scope is not None:
        caseworkers = caseworkers.filter(region_id__in=sorted(scope))
    return (
        caseworkers.annotate(
            open_pairings=Count("pairings", filter=Q(pairings__ended_on__isnull=True))
        )
        .select_related("region")
        .order_by("first_name", "username")
    )


def caseworker_get(*, actor: User, caseworker_id: int) -> User:
    """A caseworker the actor may manage; anyone else does not exist for them (404)."""
    found = caseworkers_in_scope(actor=actor).filter(pk=caseworker_id).first()
    if found is None:
        raise NotFound("caseworker_not_found", _("No such caseworker."))
    return found


def caseworker_name(user: User) -> str:
    return user.get_full_name() or user.username


class CaseloadBalancer:
    """Suggests, for each person, the covering caseworker with the fewest open pairings.

    Ties go to the caseworker whose name sorts first. Suggestions count as taken, so a run
    over many people spreads them evenly instead of giving all to today's least-loaded one.
    """

    def __init__(self, exclude: Iterable[int] = ()) -> None:
        self.excluded = set(exclude)
        self.loads: dict[int, int] = {}
        self.covering: dict[str, list[User]] = {}

    def candidates(self, region_code: str) -> list[User]:
        if region_code not in self.covering:
            found = [
                user
                for user in caseworkers_covering(region_code).order_by("first_name", "username")
                if user.pk not in self.excluded
            ]
            unknown = [user.pk for user in found if user.pk not in self.loads]
            if unknown:
                counts = dict(
                    Pairing.objects.filter(caseworker_id__in=unknown, ended_on__isnull=True)
                    .values_list("caseworker_id")
                    .annotate(n=Count("id"))
                    .order_by()
                )
                self.loads.update({pk: counts.get(pk, 0) for pk in unknown})
            self.covering[region_code] = found
        return self.covering[region_code]

    def suggest(self, region_code: str) -> User | None:
        candidates = self.candidates(region_code)
        if not candidates:
            return None
        return min(
            candidates,
            key=lambda user: (self.loads[user.pk], caseworker_name(user), user.username),
        )

    def take(self, user: User) -> None:
        self.loads[user.pk] = self.loads.get(user.pk, 0) + 1


@dataclass(frozen=True)
class Suggestion:
    person: Person
    caseworker: User | None


def suggestions_for(people: Iterable[Person]) -> list[Suggestion]:
    balancer = CaseloadBalancer()
    suggestions = []
    for person in people:
        caseworker = balancer.suggest(person.region_id)
        if caseworker is not None:
            balancer.take(caseworker)
        suggestions.append(Suggestion(person, caseworker))
    return suggestions


def pairing_list(
    *,
    actor: User,
    caseworker: User | None = None,
    person: Person | None = None,
    open_only: bool = True,
) -> QuerySet[Pairing]:
    require_case_role(actor)
    pairings = Pairing.objects.for_actor(actor)
    if caseworker is not None:
        pairings = pairings.filter(caseworker=caseworker)
    if person is not None:
        pairings = pairings.filter(person=person)
    if open_only:
        pairings = pairings.filter(ended_on__isnull=True)
    return pairings.select_related("person", "caseworker", "region").order_by("-started_on", "-id")


def pairing_get(*, actor: User, pairing_id: int) -> Pairing:
    pairing = pairing_list(actor=actor, open_only=False).filter(pk=pairing_id).first()
    if pairing is None:
        raise NotFound("pairing_not_found", _("No such pairing."))
    return pairing


def follow_up_list(*, actor: User, pairing: Pairing) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.for_actor(actor)
        .filter(pairing=pairing)
        .select_related("caseworker")
        .order_by("-visited_on", "-id")
    )


def follow_up_interval(region_code: str, as_of: datetime.date) -> datetime.timedelta:
    days = parameters.value("assistance.follow_up_interval_days", as_of, region_code=region_code)
    return datetime.timedelta(days=days)


def with_last_visit(pairings: QuerySet[Pairing]) -> QuerySet[Pairing]:
    """Pairings annotated with `due_from`: the last follow-up's date, or the start."""
    last_visit = (
        FollowUp.objects.filter(pairing=OuterRef("pk"))
        .order_by("-visited_on")
        .values("visited_on")[:1]
    )
    return pairings.annotate(
        last_visit=Subquery(last_visit), due_from=Coalesce(Subquery(last_visit), "started_on")
    )


def next_follow_up_due(pairing: Pairing, as_of: datetime.date) -> datetime.date:
    """The interval in force on `as_of` after the last visit (or the start of the pairing)."""
    last = pairing.follow_ups.order_by("-visited_on").values_list("visited_on", flat=True).first()
    return (last or pairing.started_on) + follow_up_interval(pairing.region_id, as_of)


def due_by(pairings: QuerySet[Pairing], as_of: datetime.date) -> Q:
    """Pairings whose next follow-up falls on or before `as_of` (interval read per region)."""
    regions_by_interval: dict[datetime.timedelta, list[str]] = {}
    for region_code in pairings.values_list("region_id", flat=True).distinct().order_by():
        interval = follow_up_interval(region_code, as_of)
        regions_by_interval.setdefault(interval, []).append(region_code)
    condition = Q(pk__in=[])
    for interval, codes in regions_by_interval.items():
        condition |= Q(region_id__in=codes, due_from__lte=as_of - interval)
    return condition


def follow_ups_due(*, actor: User, as_of: datetime.date, caseworker: User | None = None):
    """Open pairings with a follow-up due or overdue on `as_of`, most recently due first.

    Each row has `due_on` set (a Python attribute) from its region's interval.
    """
    pairings = with_last_visit(pairing_list(actor=actor, caseworker=caseworker))
    due = pairings.filter(due_by(pairings, as_of)).order_by("-due_from", "person__name", "id")
    return due


def set_due_dates(pairings: Iterable[Pairing], as_of: datetime.date) -> list[Pairing]:
    rows = list(pairings)
    for pairing in rows:
        pairing.due_on = pairing.due_from + follow_up_interval(pairing.region_id, as_of)
    return rows


@dataclass(frozen=True)
class CoverageRow:
    region_code: str
    region_name: str
    eligible: int
    paired: int

    @property
    def rate(self) -> float | None:
        return self.paired / self.eligible if self.eligible else None


def coverage_by_county(
    *, actor: User, as_of: datetime.date, region_code: str
) -> tuple[CoverageRow, list[CoverageRow]]:
    """Eligible people under a region against those with a pairing open on `as_of`."""
    tree = region_tree()
    if region_code not in tree or not actor.can_see_region(region_code):
        raise NotFound("region_not_found", _("No such region in your scope."), field="region")
    people = eligible_people(actor=actor, as_of=as_of).filter(
        region_id__in=sorted(tree.subtree(region_code))
    )
    paired = Exists(Pairing.objects.filter(open_on(as_of), person=OuterRef("pk")))
    per_region = (
        people.order_by()
        .annotate(paired_flag=Case(When(paired, then=1), default=0, output_field=IntegerField()))
        .values("region_id")
        .annotate(total=Count("id"), paired=Sum("paired_flag"))
    )
    rows = [
        CoverageRow(*county)
        for county in fold_by_county(
            per_region, actor=actor, region_code=region_code, part="paired"
        )
    ]
    overall = CoverageRow(
        region_code,
        tree.by_code[region_code].name,
        sum(row.eligible for row in rows),
        sum(row.paired for row in rows),
    )
    return overall, rows
