"""Enrolment: employees through their employer, flexible workers directly, and the end of an
enrolment. Each write is one transaction with its audit row.

No household-registration (hukou) condition applies anywhere: a person registered in another
province enrols where they work (as an employee) or where they choose to contribute (as a
flexible worker), as national pooling and the 2019 rules on flexible workers allow.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.errors import Conflict
from minsheng.core.masking import mask_identity_number
from minsheng.core.models import User
from minsheng.core.regions import COUNTY, region_tree
from minsheng.insurance.calculations import (
    InsuranceError,
    month_start,
    province_of,
)
from minsheng.insurance.models import EndReason, Enrolment, EnrolmentKind
from minsheng.insurance.people import insured_identity, person_for_enrolment, today_or
from minsheng.insurance.permissions import require_employer_agent, require_self_or_staff
from minsheng.registry.models import Person

record = audit.record_object  # the app's audited changes to its rows


def enrolment_facts(enrolment: Enrolment) -> dict:
    return {
        "person": enrolment.person_id,
        "identity_number": mask_identity_number(enrolment.person.identity_number),
        "kind": enrolment.kind,
        "employer": enrolment.employer_id,
        "region": enrolment.region_id,
        "started_on": enrolment.started_on,
        "ended_on": enrolment.ended_on,
        "end_reason": enrolment.end_reason,
    }


def check_start(started_on: datetime.date | None, today: datetime.date) -> datetime.date:
    if started_on is None:
        raise InsuranceError("start_required", _("Enter the start date."), field="started_on")
    if started_on > today:
        raise InsuranceError(
            "start_in_future", _("An enrolment cannot start in the future."), field="started_on"
        )
    return started_on


def open_enrolment_conflict(person: Person) -> Conflict | None:
    current = Enrolment.objects.filter(person=person, ended_on__isnull=True).first()
    if current is None:
        return None
    return Conflict(
        "already_enrolled",
        _(
            "The person is already insured (since %(since)s); that enrolment must end before a "
            "new one starts."
        ),
        field="identity_number",
        params={"since": current.started_on.isoformat()},
    )


def save_enrolment(actor, enrolment: Enrolment, today: datetime.date) -> Enrolment:
    conflict = open_enrolment_conflict(enrolment.person)
    if conflict:
        raise conflict
    later = Enrolment.objects.filter(
        person=enrolment.person, ended_on__gte=enrolment.started_on
    ).exists()
    if later:
        raise InsuranceError(
            "overlapping_enrolment",
            _("The person was insured elsewhere on that date; start after the earlier one ended."),
            field="started_on",
        )
    try:
        with transaction.atomic():
            enrolment.save()
            record(
                actor, "enrolled", enrolment, enrolment.region_id, after=enrolment_facts(enrolment)
            )
    except IntegrityError:
        raise open_enrolment_conflict(enrolment.person) or Conflict(
            "already_enrolled", _("The person is already insured.")
        ) from None
    return enrolment


def enrol_employee(
    *,
    actor: User | None,
    employer,
    identity_number: str,
    name: str = "",
    started_on: datetime.date | None,
    today: datetime.date | None = None,
) -> Enrolment:
    """Enrol an employee through their employer, from the first day of work.

    The person is found by identity number nationally (registered now if new); where their
    household is registered does not matter.
    """
    require_employer_agent(actor, employer)
    today = today_or(today)
    started_on = check_start(started_on, today)
    resident = insured_identity(identity_number, month=month_start(started_on), today=today)
    person = person_for_enrolment(actor=actor, resident=resident, name=name)
    enrolment = Enrolment(
        person=person,
        kind=EnrolmentKind.EMPLOYEE,
        employer=employer,
        region_id=employer.region_id,
        province_code=employer.province_code or province_of(employer.region_id),
        started_on=started_on,
        created_by=actor,
    )
    return save_enrolment(actor, enrolment, today)


def enrol_flexible_worker(
    *,
    actor: User | None,
    region_code: str,
    started_on: datetime.date | None,
    identity_number: str = "",
    name: str = "",
    person: Person | None = None,
    today: datetime.date | None = None,
) -> Enrolment:
    """Enrol a flexibly employed person directly, in the region where they choose to contribute.

    A citizen enrols themselves (`person` is their own record); a clerk enrols by identity
    number. No condition on household registration: anyone may enrol in any region.
    """
    today = today_or(today)
    tree = region_tree()
    if region_code not in tree or tree.get(region_code).level < COUNTY - 1:
        raise InsuranceError(
            "region_unknown",
            _("Choose the city or county where you contribute."),
            field="region_code",
        )
    started_on = check_start(started_on, today)
    if person is None:
        resident = insured_identity(identity_number, month=month_start(started_on), today=today)
        person = person_for_enrolment(actor=actor, resident=resident, name=name)
    else:
        insured_identity(person.identity_number, month=month_start(started_on), today=today)
    require_self_or_staff(actor, person, region_code)
    enrolment = Enrolment(
        person=person,
        kind=EnrolmentKind.FLEXIBLE,
        region_id=region_code,
        province_code=province_of(region_code),
        started_on=started_on,
        created_by=actor,
    )
    return save_enrolment(actor, enrolment, today)


def end_enrolment(
    *,
    actor: User | None,
    enrolment: Enrolment,
    ended_on: datetime.date | None,
    reason: str,
    today: datetime.date | None = None,
) -> Enrolment:
    """End an open enrolment (the employee left, the flexible worker stopped, retired…)."""
    if enrolment.kind == EnrolmentKind.EMPLOYEE:
        require_employer_agent(actor, enrolment.employer)
    else:
        require_self_or_staff(actor, enrolment.person, enrolment.region_id)
    today = today_or(today)
    if enrolment.ended_on is not None:
        raise Conflict("enrolment_ended", _("This enrolment has already ended."))
    if ended_on is None or ended_on < enrolment.started_on or ended_on > today:
        raise InsuranceError(
            "end_date_invalid",
            _("The end date must lie between the start date and today."),
            field="ended_on",
        )
    if reason not in EndReason.values:
        raise InsuranceError("end_reason_unknown", _("Choose why it ends."), field="reason")
    before = enrolment_facts(enrolment)
    with transaction.atomic():
        updated = Enrolment.objects.filter(pk=enrolment.pk, ended_on__isnull=True).update(
            ended_on=ended_on, end_reason=reason
        )
        if not updated:
            raise Conflict("enrolment_ended", _("This enrolment has already ended."))
        enrolment.ended_on, enrolment.end_reason = ended_on, reason
        record(
            actor,
            "enrolment_ended",
            enrolment,
            enrolment.region_id,
            before=before,
            after=enrolment_facts(enrolment),
        )
    return enrolment
