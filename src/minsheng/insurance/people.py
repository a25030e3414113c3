"""The insured person: the registry's person found by identity number, nationally.

Insurance follows the person wherever they work, so an employer or a clerk in Hangzhou finds
a person registered in Henan by their number; reading their registry details still needs the
registry's own scope. A number the registry has never seen is registered from what the
enrolment gives (name, and the birth date, sex and address code inside the number), with the
registry's own audit event, so the person exists once whatever first met them.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.identity import ResidentId, parse_resident_id
from minsheng.core.regions import region_tree
from minsheng.insurance.calculations import InsuranceError, age_limits, age_on, month_end
from minsheng.registry.models import Person
from minsheng.registry.services import person_facts

MAXIMUM_MERGE_HOPS = 10


def insured_identity(
    raw, *, month: datetime.date, field: str = "identity_number", today=None
) -> ResidentId:
    """A valid identity number of someone of working age in `month`.

    Impossible numbers keep the identity checker's own reason; an age outside the limits (a
    child, or a birth date that makes the person older than the plausible maximum, usually a
    mistyped year) is refused with the age it gives.
    """
    resident = parse_resident_id(str(raw or ""), field=field, today=today)
    youngest, oldest = age_limits(month)
    age = age_on(resident.birth_date, month_end(month))
    if age < youngest:
        raise InsuranceError(
            "too_young",
            _("The birth date in the identity number makes the person %(age)s: under %(limit)s."),
            field=field,
            params={"age": age, "limit": youngest},
        )
    if age > oldest:
        raise InsuranceError(
            "implausible_age",
            _(
                "The birth date in the identity number makes the person %(age)s years old; "
                "check the number."
            ),
            field=field,
            params={"age": age},
        )
    return resident


def current_record(person: Person) -> Person:
    """The record a merged duplicate points to (records are merged, never deleted)."""
    for _hop in range(MAXIMUM_MERGE_HOPS):
        if person.merged_into_id is None:
            return person
        person = person.merged_into
    return person


def find_person(number: str) -> Person | None:
    person = Person.objects.filter(identity_number=number).select_related("merged_into").first()
    return current_record(person) if person else None


def person_for_enrolment(*, actor, resident: ResidentId, name: str) -> Person:
    """The person with this number, registered now when the registry does not know them."""
    name = (name or "").strip()
    person = find_person(resident.number)
    if person is not None:
        if name and name != person.name:
            raise InsuranceError(
                "name_mismatch",
                _("The name does not match the one registered for this identity number."),
                field="name",
            )
        return person
    if not name:
        raise InsuranceError(
            "name_required",
            _("Enter the person's name: they are not registered yet."),
            field="name",
        )
    return register_from_identity(actor=actor, resident=resident, name=name)


def register_from_identity(*, actor, resident: ResidentId, name: str) -> Person:
    person = Person(
        identity_number=resident.number,
        name=name,
        sex=resident.sex,
        birth_date=resident.birth_date,
        region_id=resident.region_code,
        province_code=region_tree().province_of(resident.region_code),
    )
    try:
        with transaction.atomic():
            person.save()
            audit.record(
                actor,
                audit.Change(
                    action="person_registered",
                    object_type="registry.person",
                    object_id=str(person.pk),
                    region_code=person.region_id,
                    after=person_facts(person),
                    reason="enrolled in social insurance",
                ),
            )
    except IntegrityError:  # registered by someone else a moment ago
        return find_person(resident.number)
    return person


def today_or(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()
