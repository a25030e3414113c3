"""Writes of the real-name ledger: people, key groups, status history, ledger stays, job wishes.

Every function takes keyword arguments with the acting user first, validates, writes in one
transaction and appends its audit event in that same transaction. Objects passed in (a person,
an entry…) come from the selectors, so they are already within the actor's scope; the region
check is repeated here because a write must never trust its caller for that.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.errors import Conflict, DomainError
from minsheng.core.identity import parse_credit_code, parse_resident_id
from minsheng.core.masking import mask_identity_number, mask_phone
from minsheng.core.models import User
from minsheng.core.regions import region_tree
from minsheng.registry.checks import (
    RegistryError,
    age_on,
    check_graduation_date,
    check_not_before_birth,
    check_not_in_future,
    require_editor,
    require_known_occupation,
    require_person_in_scope,
    require_region_in_scope,
)
from minsheng.registry.memberships import clean_membership_details
from minsheng.registry.models import (
    EmploymentStatus,
    ExitReason,
    HowFound,
    JobWish,
    KeyGroup,
    KeyGroupMembership,
    LedgerEntry,
    LedgerReason,
    Person,
    StatusChange,
)

MINIMUM_REASON_LENGTH = 4
EDITABLE_PERSON_FIELDS = (
    "name", "phone", "region", "education", "school", "major", "graduation_date",
)  # fmt: skip
MAXIMUM_MONTHLY_PAY = 1_000_000
# A new status of this kind means the person probably no longer belongs on the ledger.
EXIT_REASON_FOR_STATUS = {
    EmploymentStatus.EMPLOYED: ExitReason.EMPLOYED,
    EmploymentStatus.FURTHER_STUDY: ExitReason.FURTHER_STUDY,
    EmploymentStatus.ENLISTED: ExitReason.ENLISTED,
    EmploymentStatus.SELF_EMPLOYED: ExitReason.SELF_EMPLOYED,
    EmploymentStatus.FLEXIBLE_WORK: ExitReason.FLEXIBLE_WORK,
}


def person_facts(person: Person) -> dict:
    """What the audit log keeps of a person: identifiers masked, like every other reader sees."""
    return {
        "identity_number": mask_identity_number(person.identity_number),
        "name": person.name,
        "phone": mask_phone(person.phone),
        "region": person.region_id,
        "education": person.education,
        "school": person.school,
        "major": person.major,
        "graduation_date": person.graduation_date,
        "version": person.version,
    }


def audit_change(actor, action, obj, region_code, *, before=None, after=None, reason=""):
    audit.record(
        actor,
        audit.Change(
            action=action,
            object_type=f"registry.{type(obj).__name__.lower()}",
            object_id=str(obj.pk),
            region_code=region_code,
            before=before,
            after=after,
            reason=reason,
        ),
    )


def register_person(
    *,
    actor: User,
    identity_number: str,
    name: str,
    region_code: str,
    birth_date: datetime.date | None = None,
    sex: str = "",
    phone: str = "",
    education: str = "",
    school: str = "",
    major: str = "",
    graduation_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Person:
    """A new person; birth date and sex come from the identity number (and must agree if given)."""
    require_editor(actor)
    resident = parse_resident_id(identity_number, today=today)
    if birth_date is not None and birth_date != resident.birth_date:
        raise RegistryError(
            "birth_date_mismatch",
            _("The birth date does not match the one in the identity number."),
            field="birth_date",
        )
    if sex and sex != resident.sex:
        raise RegistryError(
            "sex_mismatch",
            _("The sex does not match the identity number (odd sequence numbers are men)."),
            field="sex",
        )
    name = (name or "").strip()
    if not name:
        raise RegistryError("name_required", _("Enter the person's name."), field="name")
    require_region_in_scope(actor, region_code)
    check_graduation_date(resident.birth_date, graduation_date)
    person = Person(
        identity_number=resident.number,
        name=name,
        sex=resident.sex,
        birth_date=resident.birth_date,
        region_id=region_code,
        province_code=region_tree().province_of(region_code),
        phone=(phone or "").strip(),
        education=education,
        school=school.strip(),
        major=major.strip(),
        graduation_date=graduation_date,
    )
    try:
        with transaction.atomic():
            person.save()
            facts = person_facts(person)
            audit_change(actor, "person_registered", person, region_code, after=facts)
    except IntegrityError:
        raise duplicate_person() from None
    return person


def duplicate_person() -> Conflict:
    return Conflict(
        "person_exists",
        _("A person with this identity number is already registered; search for them instead."),
        field="identity_number",
    )


def update_person(*, actor: User, person: Person, version: int, **changes) -> Person:
    """Change a person's details, provided nobody saved them since `version` was read.

    The check and the write are one conditional UPDATE, so two caseworkers saving at the same
    moment cannot both succeed. The identity number is not editable here: a wrong one is a
    different person, handled by de-duplication and merging.
    """
    require_person_in_scope(actor, person)
    unknown = set(changes) - {f if f != "region" else "region_code" for f in EDITABLE_PERSON_FIELDS}
    if unknown:
        raise RegistryError("field_not_editable", _("This field cannot be changed here."))
    values = {key: value for key, value in changes.items() if key != "region_code"}
    if "name" in values and not (values["name"] or "").strip():
        raise RegistryError("name_required", _("Enter the person's name."), field="name")
    if "region_code" in changes:
        values["region_id"] = require_region_in_scope(actor, changes["region_code"])
        values["province_code"] = region_tree().province_of(values["region_id"])
    check_graduation_date(person.birth_date, values.get("graduation_date", person.graduation_date))
    with transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        before = person_facts(current)
        saved = Person.objects.filter(pk=person.pk, version=version).update(
            **values, version=F("version") + 1, updated_at=timezone.now()
        )
        if not saved:
            raise Conflict(
                "stale_version",
                _("Someone else saved this person since you opened it; reload and try again."),
                field="version",
            )
        person.refresh_from_db()
        KeyGroupMembership.objects.follow_region_of(person)
        after = person_facts(person)
        audit_change(
            actor,
            "person_updated",
            person,
            person.region_id,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )
    return person


def add_membership(
    *, actor: User, person: Person, group: str, since: datetime.date, details: dict | None = None
) -> KeyGroupMembership:
    require_person_in_scope(actor, person)
    if group not in KeyGroup.values:
        raise RegistryError("unknown_group", _("Unknown key group."), field="group")
    check_not_before_birth(person, since, "since")
    clean = clean_membership_details(person=person, group=group, since=since, details=details)
    if person.memberships.filter(group=group, until__isnull=True).exists():
        raise Conflict(
            "already_member",
            _("The person already belongs to this key group; end that membership first."),
            field="group",
        )
    membership = KeyGroupMembership(
        person=person, region_id=person.region_id, group=group, since=since, details=clean
    )
    try:
        with transaction.atomic():
            membership.save()
            audit_change(
                actor,
                "membership_added",
                membership,
                person.region_id,
                after={"person": person.pk, "group": group, "since": since, "details": clean},
            )
    except IntegrityError:
        raise Conflict(
            "already_member",
            _("The person already belongs to this key group; end that membership first."),
            field="group",
        ) from None
    return membership


def end_membership(
    *, actor: User, membership: KeyGroupMembership, until: datetime.date
) -> KeyGroupMembership:
    require_person_in_scope(actor, membership.person)
    if membership.until is not None:
        raise Conflict("membership_ended", _("This membership has already ended."))
    if until < membership.since:
        raise RegistryError(
            "end_before_start", _("A membership cannot end before it began."), field="until"
        )
    with transaction.atomic():
        membership.until = until
        membership.save(update_fields=["until"])
        audit_change(
            actor,
            "membership_ended",
            membership,
            membership.person.region_id,
            after={"person": membership.person_id, "group": membership.group, "until": until},
        )
    return membership


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


def add_job_wish(
    *,
    actor: User,
    person: Person,
    occupation_code: str = "",
    region_code: str = "",
    expected_monthly_pay: int | None = None,
    willing_to_move: bool = False,
) -> JobWish:
    """What work the person looks for; any region of the country may be wished for."""
    require_person_in_scope(actor, person)
    occupation_code = require_known_occupation(occupation_code)
    if region_code and region_code not in region_tree():
        raise RegistryError("unknown_region", _("Unknown region code."), field="region_code")
    if not occupation_code and not region_code:
        raise RegistryError(
            "wish_empty", _("Name an occupation or a region the person wishes to work in.")
        )
    if expected_monthly_pay is not None and not 0 < expected_monthly_pay <= MAXIMUM_MONTHLY_PAY:
        raise RegistryError(
            "implausible_pay",
            _("Expected monthly pay must be a positive amount in yuan."),
            field="expected_monthly_pay",
        )
    wish = JobWish(
        person=person,
        occupation_code=occupation_code,
        region_id=region_code or None,
        expected_monthly_pay=expected_monthly_pay,
        willing_to_move=willing_to_move,
    )
    with transaction.atomic():
        wish.save()
        audit_change(
            actor,
            "job_wish_added",
            wish,
            person.region_id,
            after={
                "person": person.pk,
                "occupation_code": occupation_code,
                "region": region_code,
                "expected_monthly_pay": expected_monthly_pay,
            },
        )
    return wish


def remove_job_wish(*, actor: User, wish: JobWish) -> None:
    require_person_in_scope(actor, wish.person)
    with transaction.atomic():
        audit_change(
            actor,
            "job_wish_removed",
            wish,
            wish.person.region_id,
            before={"person": wish.person_id, "occupation_code": wish.occupation_code},
        )
        wish.delete()


def reveal_identity_number(*, actor: User, person: Person, reason: str) -> str:
    """The full identity number, for a stated reason that goes into the audit log."""
    reason = (reason or "").strip()
    if len(reason) < MINIMUM_REASON_LENGTH:
        raise DomainError(
            "reason_required",
            _("State why you need the full identity number (at least 4 characters)."),
            field="reason",
        )
    with transaction.atomic():
        audit.record_read(
            actor,
            object_type="registry.person",
            object_id=str(person.pk),
            field="identity_number",
            reason=reason,
            region_code=person.region_id,
        )
    return person.identity_number
