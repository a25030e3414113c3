"""Reads of the real-name ledger; every one starts from `Person.objects.for_actor(actor)`."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import parameters
from minsheng.core.chunks import ColumnChunks
from minsheng.core.errors import NotFound
from minsheng.core.models import Role, User
from minsheng.registry import tallies
from minsheng.registry.models import (
    EmploymentStatus,
    ExitReason,
    JobWish,
    KeyGroup,
    KeyGroupMembership,
    LedgerEntry,
    LedgerReason,
    Person,
    StatusChange,
)
from minsheng.registry.occupations import occupation_name

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
    """Counts only, so analysts see them too; above a county, as last tallied (`counted_at`)."""
    counts = tallies.counts_for(actor)
    return {
        "total": counts.people,
        "groups": [(group.label, counts.groups[group.value]) for group in KeyGroup],
        "ledger": [(reason.label, counts.ledger[reason.value]) for reason in LedgerReason],
        "counted_at": counts.counted_at,
    }


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last_day))


def unemployed_since(history: list[StatusChange], as_of: datetime.date) -> datetime.date | None:
    """Start of the unbroken run of unemployment that is current on `as_of`, if any.

    `history` is the person's status changes; later entries on the same day win.
    """
    ordered = sorted((c for c in history if c.since <= as_of), key=lambda c: (c.since, c.pk or 0))
    start = None
    for change in ordered:
        unemployed = change.status == EmploymentStatus.UNEMPLOYED
        start = (start or change.since) if unemployed else None
    return start


def is_long_term_unemployed(history: list[StatusChange], as_of: datetime.date) -> bool:
    """Continuously unemployed for at least the parameter's months (12) on `as_of`."""
    start = unemployed_since(history, as_of)
    months = parameters.value("registry.long_term_unemployed_months", as_of)
    return start is not None and add_months(start, months) <= as_of


def long_term_unemployed(people: QuerySet[Person], as_of: datetime.date) -> QuerySet[Person]:
    """The same derivation in the database, for lists and counts over many people.

    The run starts with the first "unemployed" change after the last other change (the last
    break) on or before `as_of`; it is long-term when that start lies on or before the threshold.
    """
    months = parameters.value("registry.long_term_unemployed_months", as_of)
    threshold = add_months(as_of, -months)
    upto = StatusChange.objects.filter(person=OuterRef("pk"), since__lte=as_of)
    last_break = upto.exclude(status=EmploymentStatus.UNEMPLOYED).order_by("-since")
    early_unemployment = upto.filter(status=EmploymentStatus.UNEMPLOYED, since__lte=threshold)
    return people.annotate(last_break=Subquery(last_break.values("since")[:1])).filter(
        Q(last_break__isnull=True) & Exists(early_unemployment)
        | Exists(early_unemployment.filter(since__gt=OuterRef("last_break")))
    )


LONG_TERM_UNEMPLOYED = "long_term_unemployed"


def latest_status(person_field: str = "pk") -> Subquery:
    """The status of the latest change (later records win on the same day), for annotations."""
    latest = StatusChange.objects.filter(person=OuterRef(person_field)).order_by("-since", "-id")
    return Subquery(latest.values("status")[:1])


def ledger_list(
    *,
    actor: User,
    search: str = "",
    group: str = "",
    status: str = "",
    reason: str = "",
    entered_before: datetime.date | None = None,
    as_of: datetime.date | None = None,
) -> QuerySet[LedgerEntry]:
    """Open stays on the ledger in the actor's scope, each with the person's current status.

    `group` may also be "long_term_unemployed", derived from status history on `as_of`.
    """
    # A merged record holds no open stay (the merge moves or closes it, and no stay opens on
    # it afterwards), so the count of a city's ledger reads one index and no people.
    entries = LedgerEntry.objects.for_actor(actor).open()
    if actor.role not in CASE_ROLES:
        entries = entries.none()
    search = search.strip()
    if search:
        if len(search) in (15, 18) and search[:15].isdigit():
            entries = entries.filter(person__identity_number=search.upper())
        else:
            entries = entries.filter(person__name__contains=search)
    if group == LONG_TERM_UNEMPLOYED:
        as_of = as_of or timezone.localdate()
        long_term = long_term_unemployed(Person.objects.all(), as_of).values("pk")
        entries = entries.filter(person__in=long_term)
    elif group:
        members = KeyGroupMembership.objects.filter(group=group, until__isnull=True)
        entries = entries.filter(person__in=members.values("person"))
    if reason:
        entries = entries.filter(reason=reason)
    if entered_before:
        entries = entries.filter(entered_on__lt=entered_before)
    entries = entries.annotate(current_status=latest_status("person"))
    if status:
        entries = entries.filter(current_status=status)
    return entries.select_related("person", "region").order_by("entered_on", "id")


def ledger_entry_get(*, actor: User, entry_id: int) -> LedgerEntry:
    people = person_list(actor=actor)
    entry = (
        LedgerEntry.objects.filter(pk=entry_id, person__in=people).select_related("person").first()
    )
    if entry is None:
        raise NotFound("ledger_entry_not_found", _("No such stay on the ledger."))
    return entry


def membership_get(*, actor: User, person: Person, membership_id: int) -> KeyGroupMembership:
    membership = person.memberships.filter(pk=membership_id).select_related("person").first()
    if membership is None or person_list(actor=actor).filter(pk=person.pk).count() == 0:
        raise NotFound("membership_not_found", _("No such key-group membership."))
    return membership


def job_wish_get(*, actor: User, person: Person, wish_id: int) -> JobWish:
    wish = person.wishes.filter(pk=wish_id).select_related("person").first()
    if wish is None or person_list(actor=actor).filter(pk=person.pk).count() == 0:
        raise NotFound("job_wish_not_found", _("No such job wish."))
    return wish


def status_history(*, person: Person) -> QuerySet[StatusChange]:
    return person.status_history.order_by("-since", "-id")


def current_status(*, person: Person, as_of: datetime.date | None = None) -> StatusChange | None:
    """The latest status change on or before `as_of` (today when not given)."""
    as_of = as_of or timezone.localdate()
    return status_history(person=person).filter(since__lte=as_of).first()


def ledger_stays(*, person: Person) -> QuerySet[LedgerEntry]:
    return person.ledger_entries.select_related("region").order_by("-entered_on", "-id")


def open_ledger_entry(*, person: Person) -> LedgerEntry | None:
    return person.ledger_entries.filter(exited_on__isnull=True).first()


def job_wishes(*, person: Person) -> QuerySet[JobWish]:
    return person.wishes.select_related("region").order_by("id")


@dataclass(frozen=True)
class TimelineEvent:
    day: datetime.date
    kind: str  # "status", "ledger_entry", "ledger_exit", "group_joined", "group_left"
    title: str
    detail: str = ""


def person_timeline(*, actor: User, person: Person) -> list[TimelineEvent]:
    """Everything dated that happened to the person in this registry, newest first.

    Sections contributed by other apps (services received, pairing…) come separately through
    `core.navigation.person_sections_for`.
    """
    person = person_get(actor=actor, person_id=person.pk)
    events = [status_event(change) for change in person.status_history.all()]
    for entry in person.ledger_entries.all():
        events.append(
            TimelineEvent(
                entry.entered_on,
                "ledger_entry",
                str(_("Entered the ledger")),
                str(LedgerReason(entry.reason).label),
            )
        )
        if entry.exited_on:
            events.append(
                TimelineEvent(
                    entry.exited_on,
                    "ledger_exit",
                    str(_("Left the ledger")),
                    str(ExitReason(entry.exit_reason).label),
                )
            )
    for membership in person.memberships.all():
        group = str(KeyGroup(membership.group).label)
        events.append(TimelineEvent(membership.since, "group_joined", group, str(_("joined"))))
        if membership.until:
            events.append(TimelineEvent(membership.until, "group_left", group, str(_("left"))))
    order = {"ledger_exit": 0, "status": 1, "ledger_entry": 2, "group_left": 3, "group_joined": 4}
    return sorted(events, key=lambda event: (event.day, -order[event.kind]), reverse=True)


def status_event(change: StatusChange) -> TimelineEvent:
    parts = [change.employer_name, occupation_name(change.occupation_code)]
    if change.how_found:
        parts.append(change.get_how_found_display())
    parts.append(change.note)
    return TimelineEvent(
        change.since,
        "status",
        str(EmploymentStatus(change.status).label),
        " · ".join(part for part in parts if part),
    )


# Reads for the labour-market statistics snapshot. It is a system job (a scheduled export of
# every region, partitioned by province on write), so these take no actor and apply no region
# scope: never serve them to a page or the API. They carry ids, codes and dates only, no name,
# identity number or contact detail. People merged into another record are left out: what they
# had counts under the kept record once moved there.


def job_wishes_for_snapshot(*, as_of: datetime.date) -> ColumnChunks:
    """Job wishes recorded on or before `as_of` (local day), by id, with the wish's region and
    the person's (for wishes that name no place, or a whole province)."""
    return ColumnChunks(
        JobWish.objects.filter(created_at__date__lte=as_of, person__merged_into__isnull=True),
        {
            "wish_id": "pk", "person_id": "person_id", "occupation_code": "occupation_code",
            "region_code": "region_id", "person_region_code": "person__region_id",
            "created_at": "created_at",
        },
    )  # fmt: skip


def status_changes_for_snapshot(*, as_of: datetime.date) -> ColumnChunks:
    """Employment-status changes dated on or before `as_of`, by id, with the person's province."""
    return ColumnChunks(
        StatusChange.objects.filter(since__lte=as_of, person__merged_into__isnull=True),
        {
            "change_id": "pk", "person_id": "person_id",
            "province_code": "person__province_code", "status": "status", "since": "since",
        },
    )  # fmt: skip


def ledger_entries_for_snapshot(*, as_of: datetime.date) -> ColumnChunks:
    """Stays on the ledger entered on or before `as_of`, by id, with their exit day as stored
    (possibly after `as_of`)."""
    return ColumnChunks(
        LedgerEntry.objects.filter(entered_on__lte=as_of, person__merged_into__isnull=True),
        {
            "entry_id": "pk", "person_id": "person_id", "province_code": "province_code",
            "entered_on": "entered_on", "exited_on": "exited_on",
        },
    )  # fmt: skip
