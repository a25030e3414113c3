"""Writes of employment services and paired assistance; each one is audited in its transaction.

Reassignment never edits a pairing's caseworker: it ends the pairing with a reason and starts
a new one, so who looked after whom, and when, stays on record.
"""

import datetime
from collections.abc import Iterable
from itertools import islice

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.assistance.models import Channel, FollowUp, Pairing, ServiceKind, ServiceRecord
from minsheng.assistance.pairing_selectors import (
    CaseloadBalancer,
    caseworker_name,
    caseworkers_covering,
    eligibility_reasons,
    with_difficulty,
)
from minsheng.assistance.selectors import require_case_role
from minsheng.core import audit
from minsheng.core.errors import Conflict, DomainError, NotFound
from minsheng.core.models import Role, User
from minsheng.registry.models import Person

# Analysts and clerks outside employment services look, but do not pair people.
PAIRING_MANAGERS = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.CASEWORKER})


class AssistanceError(DomainError):
    pass


def batched(items: Iterable, size: int):
    """`itertools.batched` of Python 3.12."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def require_visible(actor: User, person: Person) -> None:
    require_case_role(actor)
    if not actor.can_see_region(person.region_id):
        raise NotFound("person_not_found", _("No such person."))


def require_pairing_manager(actor: User) -> None:
    if actor.role not in PAIRING_MANAGERS:
        raise NotFound("not_found", _("Not found."))


def check_service_date(person: Person, day: datetime.date | None, *, field: str) -> None:
    if day is None:
        raise AssistanceError("date_required", _("Enter the date."), field=field)
    if day > timezone.localdate():
        raise AssistanceError("date_in_future", _("The date cannot be in the future."), field=field)
    if day < person.birth_date:
        raise AssistanceError(
            "date_before_birth", _("The date cannot be before the person's birth."), field=field
        )


def require_choice(value: str, choices, *, field: str, message) -> None:
    if not value or value not in choices.values:
        raise AssistanceError(f"{field}_required", message, field=field)


def record_service(
    *,
    actor: User,
    person: Person,
    kind: str,
    delivered_on: datetime.date,
    channel: str,
    content: str,
    vacancy_id: int | None = None,
) -> ServiceRecord:
    """A service delivered by the actor; it counts toward the person's 1131."""
    require_visible(actor, person)
    require_choice(kind, ServiceKind, field="kind", message=_("Choose the kind of service."))
    require_choice(channel, Channel, field="channel", message=_("Choose how it was delivered."))
    check_service_date(person, delivered_on, field="delivered_on")
    content = (content or "").strip()
    if not content:
        raise AssistanceError(
            "content_required", _("Describe the service that was given."), field="content"
        )
    with transaction.atomic():
        service = ServiceRecord.objects.create(
            person=person,
            kind=kind,
            delivered_on=delivered_on,
            channel=channel,
            content=content,
            staff=actor,
            region_id=person.region_id,
            province_code=person.province_code,
            vacancy_id=vacancy_id,
        )
        audit.record(
            actor,
            audit.Change(
                action="service_recorded",
                object_type="assistance.servicerecord",
                object_id=str(service.pk),
                region_code=person.region_id,
                after={
                    "person": person.pk,
                    "kind": kind,
                    "delivered_on": delivered_on,
                    "channel": channel,
                },
            ),
        )
    return service


def record_job_recommendations(
    *,
    actor: User,
    recommendations: list[tuple[Person, int, str]],
    delivered_on: datetime.date,
    channel: str,
) -> list[ServiceRecord]:
    """Many job recommendations at once (person, vacancy id, content), as one batch.

    The caller's transaction holds them; each counts toward its person's 1131 like a single
    `record_service` would.
    """
    require_choice(channel, Channel, field="channel", message=_("Choose how it was delivered."))
    for person, _vacancy_id, _content in recommendations:
        require_visible(actor, person)
        check_service_date(person, delivered_on, field="delivered_on")
    services = ServiceRecord.objects.bulk_create(
        [
            ServiceRecord(
                person=person,
                kind=ServiceKind.JOB_RECOMMENDATION,
                delivered_on=delivered_on,
                channel=channel,
                content=content,
                staff=actor,
                region_id=person.region_id,
                province_code=person.province_code,
                vacancy_id=vacancy_id,
            )
            for person, vacancy_id, content in recommendations
        ],
        batch_size=500,
    )
    audit.record_many(
        actor,
        (
            audit.Change(
                action="service_recorded",
                object_type="assistance.servicerecord",
                object_id=str(service.pk),
                region_code=service.region_id,
                after={
                    "person": service.person_id,
                    "kind": service.kind,
                    "delivered_on": delivered_on,
                    "vacancy": service.vacancy_id,
                },
            )
            for service in services
        ),
    )
    return services


def check_caseworker(caseworker: User | None, person: Person) -> User:
    if (
        caseworker is None
        or not caseworkers_covering(person.region_id).filter(pk=caseworker.pk).exists()
    ):
        raise AssistanceError(
            "caseworker_not_covering",
            _("Choose an active caseworker whose region includes this person."),
            field="caseworker",
        )
    return caseworker


def pairing_change(pairing: Pairing, action: str, reason: str = "") -> audit.Change:
    return audit.Change(
        action=action,
        object_type="assistance.pairing",
        object_id=str(pairing.pk),
        region_code=pairing.region_id,
        after={
            "person": pairing.person_id,
            "caseworker": pairing.caseworker_id,
            "started_on": pairing.started_on,
            "ended_on": pairing.ended_on,
            "end_reason": pairing.end_reason,
        },
        reason=reason,
    )


def new_pairing(*, actor: User, person: Person, caseworker: User, on: datetime.date) -> Pairing:
    return Pairing(
        person=person,
        caseworker=caseworker,
        region_id=person.region_id,
        province_code=person.province_code,
        started_on=on,
        assigned_by=actor,
    )


def already_paired() -> Conflict:
    return Conflict("already_paired", _("This person already has a caseworker."))


def assign_caseworker(
    *, actor: User, person: Person, caseworker: User, started_on: datetime.date | None = None
) -> Pairing:
    """Pair a person with difficulties with a named caseworker (one open pairing a person)."""
    require_visible(actor, person)
    require_pairing_manager(actor)
    started_on = started_on or timezone.localdate()
    check_service_date(person, started_on, field="started_on")
    check_caseworker(caseworker, person)
    if not eligibility_reasons(person, started_on):
        raise AssistanceError(
            "not_eligible",
            _("Paired assistance is for low-income, disabled or long-term unemployed people."),
            field="person",
        )
    if person.pairings.filter(ended_on__isnull=True).exists():
        raise already_paired()
    try:
        with transaction.atomic():
            pairing = new_pairing(actor=actor, person=person, caseworker=caseworker, on=started_on)
            pairing.save()
            audit.record(actor, pairing_change(pairing, "caseworker_assigned"))
    except IntegrityError:
        # Someone paired the person between our check and our insert.
        raise already_paired() from None
    return pairing


def assign_suggested(
    *, actor: User, people: Iterable[Person], on: datetime.date, limit: int | None = None
) -> list[Pairing]:
    """Pair people with the least-loaded covering caseworker, in one go.

    People who do not qualify on `on`, or whom no caseworker covers, are passed over; at most
    `limit` pairings are made, so one click cannot run for minutes.
    """
    require_pairing_manager(actor)
    balancer = CaseloadBalancer()
    pairings = []
    for chunk in batched(people, 500):
        qualifying = set(
            with_difficulty(Person.objects.filter(pk__in=[p.pk for p in chunk]), on).values_list(
                "pk", flat=True
            )
        )
        for person in chunk:
            require_visible(actor, person)
            caseworker = balancer.suggest(person.region_id)
            if person.pk not in qualifying or caseworker is None:
                continue
            balancer.take(caseworker)
            pairings.append(new_pairing(actor=actor, person=person, caseworker=caseworker, on=on))
            if limit is not None and len(pairings) >= limit:
                break
        if limit is not None and len(pairings) >= limit:
            break
    try:
        with transaction.atomic():
            Pairing.objects.bulk_create(pairings, batch_size=1000)
            audit.record_many(
                actor, [pairing_change(p, "caseworker_assigned", "suggested") for p in pairings]
            )
    except IntegrityError:
        raise Conflict(
            "already_paired", _("Someone paired some of these people meanwhile; try again.")
        ) from None
    return pairings


def end_and_replace(
    *, actor: User, pairing: Pairing, caseworker: User, on: datetime.date, reason: str, note: str
) -> tuple[audit.Change, audit.Change, Pairing]:
    """End `pairing` on `on` and start one with `caseworker`; the caller audits both."""
    if on < pairing.started_on:
        raise AssistanceError(
            "ends_before_start", _("A pairing cannot end before it started."), field="on"
        )
    pairing.ended_on, pairing.end_reason = on, reason
    pairing.save(update_fields=["ended_on", "end_reason"])
    successor = new_pairing(actor=actor, person=pairing.person, caseworker=caseworker, on=on)
    successor.save()
    ended = pairing_change(pairing, "pairing_ended", note)
    return ended, pairing_change(successor, "caseworker_assigned", note), successor


def reassign(
    *,
    actor: User,
    pairing: Pairing,
    caseworker: User,
    on: datetime.date | None = None,
    reason: str = Pairing.EndReason.REASSIGNED,
    note: str = "",
) -> Pairing:
    """Hand a person over to another caseworker; the old pairing is ended, not edited."""
    require_visible(actor, pairing.person)
    require_pairing_manager(actor)
    on = on or timezone.localdate()
    if pairing.ended_on is not None:
        raise Conflict("pairing_ended", _("This pairing has already ended."))
    if caseworker.pk == pairing.caseworker_id:
        raise AssistanceError(
            "same_caseworker", _("Choose a different caseworker."), field="caseworker"
        )
    check_caseworker(caseworker, pairing.person)
    with transaction.atomic():
        ended, started, successor = end_and_replace(
            actor=actor, pairing=pairing, caseworker=caseworker, on=on, reason=reason, note=note
        )
        audit.record_many(actor, [ended, started])
    return successor


def staff_left(*, actor: User, caseworker: User, on: datetime.date | None = None) -> list[Pairing]:
    """Hand every open pairing of a departing caseworker to the least-loaded colleague.

    All or nothing: when nobody else covers one of the people, nothing changes.
    """
    require_pairing_manager(actor)
    if caseworker.role != Role.CASEWORKER or not actor.can_see_region(caseworker.region_id):
        raise NotFound("caseworker_not_found", _("No such caseworker."))
    on = on or timezone.localdate()
    balancer = CaseloadBalancer(exclude=[caseworker.pk])
    open_pairings = (
        Pairing.objects.filter(caseworker=caseworker, ended_on__isnull=True)
        .select_related("person")
        .order_by("person__name", "id")
    )
    successors, changes = [], []
    with transaction.atomic():
        for pairing in open_pairings:
            successor_worker = balancer.suggest(pairing.region_id)
            if successor_worker is None:
                raise AssistanceError(
                    "no_successor",
                    _("No other caseworker covers %(name)s; add one before handing over."),
                    params={"name": pairing.person.name},
                    field="caseworker",
                )
            balancer.take(successor_worker)
            ended, started, successor = end_and_replace(
                actor=actor,
                pairing=pairing,
                caseworker=successor_worker,
                on=on,
                reason=Pairing.EndReason.STAFF_LEFT,
                note=f"{caseworker_name(caseworker)} left",
            )
            changes += [ended, started]
            successors.append(successor)
        audit.record_many(actor, changes)
    return successors


def end_pairing(*, actor: User, pairing: Pairing, reason: str, on: datetime.date) -> Pairing:
    require_visible(actor, pairing.person)
    require_pairing_manager(actor)
    require_choice(
        reason, Pairing.EndReason, field="reason", message=_("Choose why the pairing ends.")
    )
    if pairing.ended_on is not None:
        raise Conflict("pairing_ended", _("This pairing has already ended."))
    if on < pairing.started_on:
        raise AssistanceError(
            "ends_before_start", _("A pairing cannot end before it started."), field="on"
        )
    with transaction.atomic():
        pairing.ended_on, pairing.end_reason = on, reason
        pairing.save(update_fields=["ended_on", "end_reason"])
        audit.record(actor, pairing_change(pairing, "pairing_ended"))
    return pairing


def record_follow_up(
    *, actor: User, pairing: Pairing, visited_on: datetime.date, channel: str, notes: str
) -> FollowUp:
    """A follow-up visit or call within an open pairing, with what was found and agreed."""
    require_visible(actor, pairing.person)
    require_pairing_manager(actor)
    if pairing.ended_on is not None:
        raise Conflict("pairing_ended", _("This pairing has already ended."))
    require_choice(channel, Channel, field="channel", message=_("Choose how it was delivered."))
    check_service_date(pairing.person, visited_on, field="visited_on")
    if visited_on < pairing.started_on:
        raise AssistanceError(
            "before_pairing",
            _("The follow-up cannot be before the pairing started."),
            field="visited_on",
        )
    notes = (notes or "").strip()
    if not notes:
        raise AssistanceError("notes_required", _("Write down the notes."), field="notes")
    with transaction.atomic():
        follow_up = FollowUp.objects.create(
            pairing=pairing,
            visited_on=visited_on,
            channel=channel,
            notes=notes,
            caseworker=actor,
            region_id=pairing.region_id,
        )
        audit.record(
            actor,
            audit.Change(
                action="follow_up_recorded",
                object_type="assistance.followup",
                object_id=str(follow_up.pk),
                region_code=pairing.region_id,
                after={"pairing": pairing.pk, "visited_on": visited_on, "channel": channel},
            ),
        )
    return follow_up
