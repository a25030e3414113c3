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
from minsheng.core.identity import parse_resident_id
from minsheng.core.models import User
from minsheng.core.regions import region_tree
from minsheng.registry.checks import (
    RegistryError,
    check_graduation_date,
    check_not_before_birth,
    require_editor,
    require_known_occupation,
    require_person_in_scope,
    require_region_in_scope,
)
from minsheng.registry.events import audit_change
from minsheng.registry.events import person_facts as person_facts  # for other apps' audit
from minsheng.registry.ledger_services import (  # the ledger's writes, part of this facade
    check_reason_fits as check_reason_fits,
)
from minsheng.registry.ledger_services import (
    enter_ledger as enter_ledger,
)
from minsheng.registry.ledger_services import (
    exit_ledger as exit_ledger,
)
from minsheng.registry.ledger_services import (
    record_hire as record_hire,
)
from minsheng.registry.ledger_services import (
    record_status_change as record_status_change,
)
from minsheng.registry.ledger_services import (
    save_status_change as save_status_change,
)
from minsheng.registry.ledger_services import (
    suggested_ledger_exit as suggested_ledger_exit,
)
from minsheng.registry.memberships import clean_membership_details
from minsheng.registry.models import (
    JobWish,
    KeyGroup,
    KeyGroupMembership,
    Person,
)

MINIMUM_REASON_LENGTH = 4
EDITABLE_PERSON_FIELDS = (
    "name", "phone", "region", "education", "school", "major", "graduation_date",
)  # fmt: skip
MAXIMUM_MONTHLY_PAY = 1_000_000


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
