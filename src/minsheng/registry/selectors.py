"""Reads of the real-name ledger; every one starts from `Person.objects.for_actor(actor)`."""

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import NotFound
from minsheng.core.models import Role, User
from minsheng.registry.models import KeyGroup, Person

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
