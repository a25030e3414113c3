"""The append-only, hash-chained audit log.

Each row's hash covers its own content and the previous row's hash, so editing or deleting any
row breaks the chain from that row on; `verify_chain` finds the first broken link. Appends lock
the single `AuditHead` row, which serialises writers and keeps the chain linear. Callers write
their audit row inside the same transaction as the change it records.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from minsheng.core.middleware import current_request_id
from minsheng.core.models import AuditEvent, AuditHead, User

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Change:
    action: str
    object_type: str
    object_id: str
    region_code: str = ""
    before: dict | None = None
    after: dict | None = None
    reason: str = ""


def json_default(value):
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    raise TypeError(f"cannot audit a value of type {type(value).__name__}")


def normalise(payload: dict | None) -> dict | None:
    """Values as they read back from a JSON column, so the hash can be recomputed later."""
    return None if payload is None else json.loads(json.dumps(payload, default=json_default))


def row_hash(event: AuditEvent) -> str:
    content = {
        "sequence": event.sequence,
        "previous_hash": event.previous_hash,
        "at": event.at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "region_code": event.region_code,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
        "request_id": event.request_id,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(actor: User | None, change: Change) -> AuditEvent:
    return record_many(actor, [change])[0]


def record_object(
    actor: User | None, action: str, obj, region_code: str, *, before=None, after=None, reason=""
) -> AuditEvent:
    """A change to one model row, named by its model (`registry.person`) and primary key."""
    return record(
        actor,
        Change(
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            region_code=region_code,
            before=before,
            after=after,
            reason=reason,
        ),
    )


def record_many(actor: User | None, changes: Iterable[Change]) -> list[AuditEvent]:
    """Append changes to the chain in one go (bulk imports write thousands at once)."""
    with transaction.atomic():
        head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
        now = timezone.now()
        events = []
        for change in changes:
            event = AuditEvent(
                sequence=head.sequence + 1,
                at=now,
                actor=actor,
                actor_name=actor.get_username() if actor else "system",
                action=change.action,
                object_type=change.object_type,
                object_id=str(change.object_id),
                region_code=change.region_code or "",
                before=normalise(change.before),
                after=normalise(change.after),
                reason=change.reason,
                request_id=current_request_id.get(),
                previous_hash=head.hash,
            )
            event.hash = row_hash(event)
            head.sequence, head.hash = event.sequence, event.hash
            events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=1000)
        head.save(update_fields=["sequence", "hash"])
    return events


def record_read(
    actor: User, *, object_type: str, object_id: str, field: str, reason: str, region_code: str = ""
) -> AuditEvent:
    """An unmasked read of personal data, with the reason the reader gave."""
    return record(
        actor,
        Change(
            action="read_unmasked",
            object_type=object_type,
            object_id=object_id,
            region_code=region_code,
            after={"field": field},
            reason=reason,
        ),
    )


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_chain(batch_size: int = 5000) -> ChainReport:
    """Walk the chain in order and report the first row that does not link."""
    expected_previous, expected_sequence, checked = GENESIS_HASH, 1, 0
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if event.sequence != expected_sequence:
            return ChainReport(checked, expected_sequence, "missing row (deleted?)")
        if event.previous_hash != expected_previous:
            return ChainReport(checked, event.sequence, "does not link to the previous row")
        if row_hash(event) != event.hash:
            return ChainReport(checked, event.sequence, "content does not match its hash (edited?)")
        expected_previous, expected_sequence = event.hash, expected_sequence + 1
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head and head.sequence != checked:
        return ChainReport(checked, checked + 1, "missing row at the end of the chain (deleted?)")
    return ChainReport(checked)
