"""What the dashboards and the person page show of insurance records: the employer's arrears,
the citizen's account, the clerk's region in figures, and a person's record in short."""

from django.utils import timezone

from minsheng.core.models import Role
from minsheng.insurance import selectors
from minsheng.insurance.permissions import INSURANCE_READERS
from minsheng.insurance.statement import account_statement


def employer_panel(user) -> dict:
    today = timezone.localdate()
    arrears = selectors.arrears_list(actor=user, as_of=today)
    return {
        "insured": selectors.enrolment_list(actor=user, open_only=True).count(),
        "arrears": sum(row.outstanding for row in arrears),
        "arrears_months": len(arrears),
        "late": selectors.declaration_list(actor=user, late_only=True).count(),
        "last": selectors.declaration_list(actor=user).first(),
    }


def citizen_panel(user) -> dict:
    person = selectors.own_person(actor=user)
    if person is None:
        return {"statement": None}
    return {"statement": account_statement(person=person, as_of=timezone.localdate())}


def staff_panel(user) -> dict:
    today = timezone.localdate()
    arrears = selectors.arrears_list(actor=user, as_of=today)
    return {
        "insured": selectors.enrolment_list(actor=user, open_only=True).count(),
        "arrears": sum(row.outstanding for row in arrears),
        "arrears_payers": len({row.payer for row in arrears}),
        "late": selectors.declaration_list(actor=user, late_only=True).count(),
    }


def person_section(actor, person) -> dict:
    """A person's record in short, for insurance staff whose region keeps part of it and for
    the person themself; nothing for anyone else."""
    own = actor.role == Role.CITIZEN and person.account_id == actor.pk
    staff = actor.role in INSURANCE_READERS and selectors.can_read_record(actor, person)
    if not (own or staff):
        return {"statement": None}
    statement = account_statement(person=person, as_of=timezone.localdate())
    return {"statement": statement, "person": person, "link": staff}
