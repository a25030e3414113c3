"""Checks shared by the ledger's services: who may write, which regions, which dates and codes."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import DomainError, NotFound, PermissionDenied
from minsheng.core.models import Role, User
from minsheng.core.regions import region_tree
from minsheng.registry.models import Person
from minsheng.registry.occupations import occupation_names

# Who may change the ledger; other case roles (insurance clerks, mediators…) only read it.
EDITOR_ROLES = frozenset({Role.ADMIN, Role.CASEWORKER, Role.SUPERVISOR})


class RegistryError(DomainError):
    """Input the ledger cannot accept; the message says which field and why."""


def require_editor(actor: User) -> None:
    if actor is None or actor.role not in EDITOR_ROLES:
        raise PermissionDenied(
            "not_a_ledger_editor", _("Your role may read the ledger but not change it.")
        )


def require_region_in_scope(actor: User, region_code: str, *, field: str = "region_code") -> str:
    if not region_code or region_code not in region_tree():
        raise RegistryError("unknown_region", _("Unknown region code."), field=field)
    if not actor.can_see_region(region_code):
        raise RegistryError(
            "region_out_of_scope",
            _("This region lies outside the area you are responsible for."),
            field=field,
        )
    return region_code


def require_person_in_scope(actor: User, person: Person) -> None:
    require_editor(actor)
    if not actor.can_see_region(person.region_id):
        raise NotFound("person_not_found", _("No such person."))


def require_known_occupation(code: str, *, field: str = "occupation_code") -> str:
    code = (code or "").strip()
    if code and code not in occupation_names():
        raise RegistryError(
            "unknown_occupation",
            _("Unknown occupation code; use a code of the 2022 dictionary such as 2-02-10-03."),
            field=field,
        )
    return code


def check_graduation_date(birth_date: datetime.date, graduation_date: datetime.date | None):
    if graduation_date is not None and graduation_date <= birth_date:
        raise RegistryError(
            "graduation_before_birth",
            _("The graduation date must be after the birth date."),
            field="graduation_date",
        )


def check_not_before_birth(person: Person, day: datetime.date, field: str) -> None:
    if day < person.birth_date:
        raise RegistryError(
            "date_before_birth", _("This date lies before the person's birth."), field=field
        )


def check_not_in_future(day: datetime.date, today: datetime.date | None, field: str) -> None:
    if day > (today or timezone.localdate()):
        raise RegistryError("date_in_future", _("This date lies in the future."), field=field)


def age_on(person: Person, day: datetime.date) -> int:
    birth = person.birth_date
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
