"""Writes of employment status history and ledger stays (re-exported by `registry.services`).

Same contract as every service: keyword arguments with the acting user first, validation, one
transaction, and the audit event in that transaction.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import Conflict
from minsheng.core.identity import parse_credit_code
from minsheng.core.models import User
from minsheng.core.regions import region_tree
from minsheng.registry.checks import (
    RegistryError,
    age_on,
    check_not_before_birth,
    check_not_in_future,
    require_known_occupation,
    require_person_in_scope,
    require_region_in_scope,
)
from minsheng.registry.events import audit_change
from minsheng.registry.models import (
    EmploymentStatus,
    ExitReason,
    HowFound,
    LedgerEntry,
    LedgerReason,
    Person,
    StatusChange,
)

# A new status of this kind means the person probably no longer belongs on the ledger.
EXIT_REASON_FOR_STATUS = {
    EmploymentStatus.EMPLOYED: ExitReason.EMPLOYED,
    EmploymentStatus.FURTHER_STUDY: ExitReason.FURTHER_STUDY,
    EmploymentStatus.ENLISTED: ExitReason.ENLISTED,
    EmploymentStatus.SELF_EMPLOYED: ExitReason.SELF_EMPLOYED,
    EmploymentStatus.FLEXIBLE_WORK: ExitReason.FLEXIBLE_WORK,
}


def record_status_change(
    *,
    actor: User,
    person: Person,
    status: str,
    since: datetime.date,
    employer_name: str = "",
    employer_credit_code: str = "",
    occupation_code: str = "",
    how_found: str = "",
    note: str = "",
    today: datetime.date | None = None,
) -> StatusChange:
    """A dated change of employment status; history is kept, the latest one is current.

    It never exits the ledger by itself: a job can be recorded that turns out not to last, or
    recorded late. `suggested_ledger_exit` tells the caller whether to offer the exit.
    """
    require_person_in_scope(actor, person)
    if status not in EmploymentStatus.values:
        raise RegistryError("unknown_status", _("Unknown employment status."), field="status")
    check_not_before_birth(person, since, "since")
    check_not_in_future(since, today, "since")
    employer_name = (employer_name or "").strip()
    if status == EmploymentStatus.EMPLOYED and not employer_name:
        raise RegistryError(
            "employer_required", _("Name the employer of the new job."), field="employer_name"
        )
    if employer_credit_code:
        employer_credit_code = parse_credit_code(employer_credit_code, field="employer_credit_code")
    if how_found and how_found not in HowFound.values:
        raise RegistryError(
            "unknown_how_found", _("Unknown way of finding work."), field="how_found"
        )
    change = StatusChange(
        person=person,
        status=status,
        since=since,
        employer_name=employer_name,
        employer_credit_code=employer_credit_code,
        occupation_code=require_known_occupation(occupation_code),
        how_found=how_found,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    with transaction.atomic():
        save_status_change(actor, change)
    return change


def save_status_change(actor: User, change: StatusChange) -> None:
    """Store a checked status change with its audit event (inside the caller's transaction)."""
    change.save()
    audit_change(
        actor,
        "status_recorded",
        change,
        change.person.region_id,
        after={
            "person": change.person_id,
            "status": change.status,
            "since": change.since,
            "how_found": change.how_found,
        },
    )


def record_hire(
    *,
    actor: User,
    person: Person,
    hired_on: datetime.date,
    employer_name: str,
    employer_credit_code: str,
    occupation_code: str,
    how_found: str,
    note: str = "",
) -> StatusChange:
    """A hire through recruitment docking: the person is employed and leaves the ledger.

    The caller (`jobs.placement_services.record_hire`) has checked that the actor may record
    this hire: the hiring employer's own account, or staff of the person's region. So unlike
    `record_status_change`, no ledger-editor role is required here.
    """
    change = StatusChange(
        person=person,
        status=EmploymentStatus.EMPLOYED,
        since=hired_on,
        employer_name=employer_name,
        employer_credit_code=employer_credit_code,
        occupation_code=occupation_code,
        how_found=how_found,
        note=note,
        recorded_by=actor,
    )
    with transaction.atomic():
        save_status_change(actor, change)
        entry = person.ledger_entries.filter(exited_on__isnull=True).first()
        if entry is not None and entry.entered_on <= hired_on:
            LedgerEntry.objects.filter(pk=entry.pk).update(
                exited_on=hired_on, exit_reason=ExitReason.EMPLOYED, exited_by=actor
            )
            audit_change(
                actor,
                "ledger_exited",
                entry,
                entry.region_id,
                after={"person": person.pk, "reason": ExitReason.EMPLOYED, "exited_on": hired_on},
            )
    return change


def suggested_ledger_exit(change: StatusChange) -> tuple[LedgerEntry, str] | None:
    """The open ledger stay this status change may end, with the matching exit reason."""
    reason = EXIT_REASON_FOR_STATUS.get(change.status)
    entry = change.person.ledger_entries.filter(exited_on__isnull=True).first()
    if reason is None or entry is None or change.since < entry.entered_on:
        return None
    return entry, reason


def enter_ledger(
    *,
    actor: User,
    person: Person,
    reason: str,
    entered_on: datetime.date,
    region_code: str = "",
    today: datetime.date | None = None,
) -> LedgerEntry:
    """Put a person on the real-name ledger; a person has at most one open stay."""
    require_person_in_scope(actor, person)
    if person.merged_into_id is not None:
        raise Conflict(
            "person_merged",
            _("This record was merged into another; put that record on the ledger instead."),
        )
    region_code = require_region_in_scope(actor, region_code or person.region_id)
    if reason not in LedgerReason.values:
        raise RegistryError(
            "unknown_reason", _("Choose why the person enters the ledger."), field="reason"
        )
    check_not_before_birth(person, entered_on, "entered_on")
    check_not_in_future(entered_on, today, "entered_on")
    check_reason_fits(person, reason, entered_on)
    previous = person.ledger_entries.order_by("-entered_on").first()
    if previous and previous.exited_on is None:
        raise Conflict(
            "already_on_ledger",
            _("The person is already on the ledger; exit the current stay before a new one."),
        )
    if previous and entered_on < previous.exited_on:
        raise RegistryError(
            "overlapping_stay",
            _("A new stay on the ledger cannot begin before the previous one ended."),
            field="entered_on",
        )
    entry = LedgerEntry(
        person=person,
        region_id=region_code,
        province_code=region_tree().province_of(region_code),
        reason=reason,
        entered_on=entered_on,
        entered_by=actor,
    )
    try:
        with transaction.atomic():
            entry.save()
            audit_change(
                actor,
                "ledger_entered",
                entry,
                region_code,
                after={"person": person.pk, "reason": reason, "entered_on": entered_on},
            )
    except IntegrityError:
        raise Conflict("already_on_ledger", _("The person is already on the ledger.")) from None
    return entry


def check_reason_fits(person: Person, reason: str, day: datetime.date) -> None:
    if reason == LedgerReason.GRADUATE_NOT_EMPLOYED and person.graduation_date is None:
        raise RegistryError(
            "not_a_graduate",
            _("Record the person's graduation date before entering them as a graduate."),
            field="reason",
        )
    if reason == LedgerReason.REGISTERED_UNEMPLOYED_YOUTH and not 16 <= age_on(person, day) <= 24:
        raise RegistryError(
            "not_youth",
            _("Registered unemployed youth are 16 to 24 years old on the day they enter."),
            field="reason",
        )


def exit_ledger(
    *,
    actor: User,
    entry: LedgerEntry,
    reason: str,
    exited_on: datetime.date,
    today: datetime.date | None = None,
) -> LedgerEntry:
    require_person_in_scope(actor, entry.person)
    if entry.exited_on is not None:
        raise Conflict("already_exited", _("This stay on the ledger has already ended."))
    if reason not in ExitReason.values:
        raise RegistryError(
            "exit_reason_required", _("Choose why the person leaves the ledger."), field="reason"
        )
    if exited_on < entry.entered_on:
        raise RegistryError(
            "exit_before_entry",
            _("The exit date cannot be before the day the person entered the ledger."),
            field="exited_on",
        )
    check_not_in_future(exited_on, today, "exited_on")
    with transaction.atomic():
        updated = LedgerEntry.objects.filter(pk=entry.pk, exited_on__isnull=True).update(
            exited_on=exited_on, exit_reason=reason, exited_by=actor
        )
        if not updated:
            raise Conflict("already_exited", _("This stay on the ledger has already ended."))
        entry.refresh_from_db()
        audit_change(
            actor,
            "ledger_exited",
            entry,
            entry.region_id,
            after={"person": entry.person_id, "reason": reason, "exited_on": exited_on},
        )
    return entry
