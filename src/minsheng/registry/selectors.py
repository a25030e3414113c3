"""Reads of the real-name ledger; every one starts from `Person.objects.for_actor(actor)`."""

from django.db.models import Count

from minsheng.core.models import User
from minsheng.registry.models import KeyGroup, Person


def person_list(*, actor: User):
    return Person.objects.for_actor(actor)


def people_overview(*, actor: User) -> dict:
    people = person_list(actor=actor)
    by_group = dict(
        people.filter(memberships__until__isnull=True)
        .values_list("memberships__group")
        .annotate(n=Count("id", distinct=True))
    )
    return {
        "total": people.count(),
        "groups": [(group.label, by_group.get(group.value, 0)) for group in KeyGroup],
    }
