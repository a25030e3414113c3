"""Reads of the real-name ledger; every one starts from `Person.objects.for_actor(actor)`."""

import calendar
import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from minsheng.core import parameters
from minsheng.core.errors import NotFound
from minsheng.core.models import Role, User
from minsheng.registry.models import EmploymentStatus, KeyGroup, Person, StatusChange

# Analysts work with aggregates, not with named people.
CASE_ROLES = frozenset(
    {
        Role.ADMIN, Role.CASEWORKER, Role.SUPERVISOR, Role.INSURANCE_CLERK,
        Role.FUND_SUPERVISOR, Role.MEDIATOR,
    }
)  # fmt: skip


def person_list(*, actor: User, search: str = "", group: str = "") -> QuerySet[Person]:
    """People the actor may see; `search` is part of a name or a whole identity number."""
    people = Person.objects.for_actor(actor).filter(merged_into__isnull=True)
    if actor.role not in CASE_ROLES and actor.role != Role.CITIZEN:
        people = people.none()
    search = search.strip()
    if search:
        if len(search) in (15, 18) and search[:15].isdigit():
            people = people.filter(identity_number=search.upper())
        else:
            people = people.filter(name__contains=search)
    if group:
        people = people.filter(memberships__group=group, memberships__until__isnull=True)
    return people.select_related("region").order_by("region_id", "name", "id")


def person_get(*, actor: User, person_id: int) -> Person:
    """One person; outside the actor's scope it does not exist (404, not 403)."""
    person = person_list(actor=actor).filter(pk=person_id).first()
    if person is None:
        raise NotFound("person_not_found", _("No such person."))
    return person


def people_overview(*, actor: User) -> dict:
    """Counts only, so analysts see them too."""
    people = Person.objects.for_actor(actor).filter(merged_into__isnull=True)
    by_group = dict(
        people.filter(memberships__until__isnull=True)
        .values_list("memberships__group")
        .annotate(n=Count("id", distinct=True))
    )
    return {
        "total": people.count(),
        "groups": [(group.label, by_group.get(group.value, 0)) for group in KeyGroup],
    }


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last_day))


def unemployed_since(history: list[StatusChange], as_of: datetime.date) -> datetime.date | None:
    """Start of the unbroken run of unemployment that is current on `as_of`, if any.

    `history` is the person's status changes; later entries on the same day win.
    """
    ordered = sorted((c for c in history if c.since <= as_of), key=lambda c: (c.since, c.pk or 0))
    start = None
    for change in ordered:
        unemployed = change.status == EmploymentStatus.UNEMPLOYED
        start = (start or change.since) if unemployed else None
    return start


def is_long_term_unemployed(history: list[StatusChange], as_of: datetime.date) -> bool:
    """Continuously unemployed for at least the parameter's months (12) on `as_of`."""
    start = unemployed_since(history, as_of)
    months = parameters.value("registry.long_term_unemployed_months", as_of)
    return start is not None and add_months(start, months) <= as_of


def long_term_unemployed(people: QuerySet[Person], as_of: datetime.date) -> QuerySet[Person]:
    """The same derivation in the database, for lists and counts over many people.

    The run starts with the first "unemployed" change after the last other change (the last
    break) on or before `as_of`; it is long-term when that start lies on or before the threshold.
    """
    months = parameters.value("registry.long_term_unemployed_months", as_of)
    threshold = add_months(as_of, -months)
    upto = StatusChange.objects.filter(person=OuterRef("pk"), since__lte=as_of)
    last_break = upto.exclude(status=EmploymentStatus.UNEMPLOYED).order_by("-since")
    early_unemployment = upto.filter(status=EmploymentStatus.UNEMPLOYED, since__lte=threshold)
    return people.annotate(last_break=Subquery(last_break.values("since")[:1])).filter(
        Q(last_break__isnull=True) & Exists(early_unemployment)
        | Exists(early_unemployment.filter(since__gt=OuterRef("last_break")))
    )
