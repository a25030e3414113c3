"""Who may do what with insurance records.

Social-insurance clerks (and administrators) keep the records of their region; fund and
employment supervisors read them. An employer's own accounts declare, pay and enrol for that
employer only; a citizen sees their own record and enrols and declares as a flexible worker.
`actor=None` is the operator at the console (`minsheng insurance …`) or a demo loader.
"""

from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import NotFound, PermissionDenied
from minsheng.core.models import Role, User

INSURANCE_STAFF = frozenset({Role.ADMIN, Role.INSURANCE_CLERK})
INSURANCE_READERS = INSURANCE_STAFF | {Role.FUND_SUPERVISOR, Role.SUPERVISOR}


def is_insurance_staff(actor: User | None) -> bool:
    return actor is None or actor.role in INSURANCE_STAFF


def is_insurance_reader(actor: User | None) -> bool:
    return actor is None or actor.role in INSURANCE_READERS


def require_staff_for_region(actor: User | None, region_code: str, *, field="region_code") -> None:
    """A clerk writing a record of `region_code`: outside their area it does not exist for them."""
    if actor is None:
        return
    if actor.role not in INSURANCE_STAFF:
        raise PermissionDenied(
            "not_insurance_staff", _("Only social-insurance clerks may do this."), field=field
        )
    if not actor.can_see_region(region_code):
        raise NotFound(
            "region_out_of_scope", _("This lies outside the area you are responsible for.")
        )


def require_employer_agent(actor: User | None, employer) -> None:
    """The employer's own account, or a clerk of the employer's region."""
    if actor is not None and actor.role == Role.EMPLOYER:
        if not employer.accounts.filter(pk=actor.pk).exists():
            raise NotFound("employer_not_found", _("No such employer."))
        return
    require_staff_for_region(actor, employer.region_id, field="employer")


def require_self_or_staff(actor: User | None, person, region_code: str) -> None:
    """A citizen acting for themselves, or a clerk of the region the record is kept in."""
    if actor is not None and actor.role == Role.CITIZEN:
        if person.account_id != actor.pk:
            raise NotFound("person_not_found", _("No such person."))
        return
    require_staff_for_region(actor, region_code)
