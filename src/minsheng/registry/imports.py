"""Bulk import of people lists into the real-name ledger (`import_people`), and reads of batches.

Rows are validated with the same rules as the single-record forms (`import_rows`), then written
in chunks with bulk statements (`import_store`), because the ORM's per-object cost would
dominate at 100,000 rows. The whole file is one transaction: a failure leaves nothing behind.
Idempotent twice over: the same file (same SHA-256) reports its earlier batch and writes
nothing, and a person already stored (same identity number) is never created again; stored
values are kept, only empty fields are filled (a record merged into another stands for that
one). Each chunk of rows writes one audit event, not one per row. The region's dashboard
tallies are recounted once the import is committed.
"""

import contextlib
import datetime
import gc
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.errors import DomainError, NotFound, PermissionDenied
from minsheng.core.models import AuditEvent, Role, User
from minsheng.core.regions import region_tree
from minsheng.registry.import_files import COLUMN_SYNONYMS, UnreadableFile, read_table
from minsheng.registry.import_rows import PersonRow, RowError, RowValidator
from minsheng.registry.import_store import (
    fill_person_sql,
    insert_rows,
    person_ids,
    slices,
    stored_people,
)
from minsheng.registry.models import (
    EmploymentStatus,
    ImportBatch,
    KeyGroup,
    KeyGroupMembership,
    LedgerEntry,
    LedgerReason,
    Person,
    StatusChange,
)
from minsheng.registry.tallies import refresh_region_tallies

IMPORT_ROLES = frozenset({Role.ADMIN, Role.CASEWORKER, Role.SUPERVISOR})
CHUNK_SIZE = 2000
LEDGER_REASON_BY_GROUP = {
    KeyGroup.COLLEGE_GRADUATE: LedgerReason.GRADUATE_NOT_EMPLOYED,
    KeyGroup.UNEMPLOYED_YOUTH: LedgerReason.REGISTERED_UNEMPLOYED_YOUTH,
}


class ImportRefused(DomainError):
    """The whole file is refused before anything is written."""


@dataclass
class ImportOutcome:
    batch: ImportBatch
    already_imported: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    memberships_added: int = 0
    ledger_entries_opened: int = 0

    @property
    def errors(self) -> list[dict]:
        return self.batch.errors

    def counts(self) -> dict:
        return {
            "batch_id": self.batch.pk,
            "already_imported": self.already_imported,
            "rows_total": self.batch.rows_total,
            "rows_imported": self.batch.rows_imported,
            "rows_rejected": self.batch.rows_rejected,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "memberships_added": self.memberships_added,
            "ledger_entries_opened": self.ledger_entries_opened,
        }


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_people(
    *,
    actor: User,
    file_name: str,
    data: bytes,
    region_code: str | None = None,
    today: datetime.date | None = None,
    on_total: Callable[[int], None] = lambda total: None,
    on_progress: Callable[[int], None] = lambda done: None,
) -> ImportOutcome:
    """Import a CSV or XLSX list; invalid rows are reported and skipped, valid rows written."""
    region_code = import_region(actor, region_code)
    digest = file_sha256(data)
    earlier = ImportBatch.objects.filter(file_sha256=digest).first()
    if earlier is not None:
        return outcome_of(earlier, already_imported=True)
    table = open_list(data)
    on_total(table.estimated_rows)
    validator = RowValidator(
        headers={name: table.header_of(name) for name in table.columns},
        default_region=region_code,
        scope=actor.scope_codes(),
        today=today or timezone.localdate(),
    )
    try:
        with transaction.atomic(), collector_paused():
            batch = ImportBatch.objects.create(
                file_name=file_name[-255:],
                file_sha256=digest,
                region_id=region_code,
                imported_by=actor,
            )
            writer = BatchWriter(actor=actor, batch=batch, today=validator.today)
            rows = RowStream(table, validator)
            for chunk in rows.chunks():
                writer.write(chunk, rows)
                on_progress(chunk.size)
            transaction.on_commit(lambda: refresh_region_tallies(region_code=region_code))
            return writer.finish(rows)
    except IntegrityError:
        earlier = ImportBatch.objects.filter(file_sha256=digest).first()
        if earlier is None:
            raise
        return outcome_of(earlier, already_imported=True)


def check_list(*, actor: User, data: bytes, region_code: str | None = None) -> ImportBatch | None:
    """What the upload page checks before queueing the import: may the actor import into the
    region, is the file a list with the required columns. The batch of an earlier import of
    the same file, if there was one (importing it again would change nothing)."""
    import_region(actor, region_code)
    earlier = ImportBatch.objects.filter(file_sha256=file_sha256(data)).first()
    if earlier is None:
        open_list(data)
    return earlier


def import_region(actor: User, region_code: str | None) -> str:
    if actor.role not in IMPORT_ROLES:
        raise PermissionDenied("import_not_allowed", _("Your role may not import lists."))
    region_code = region_code or actor.region_id
    if not region_code or not actor.can_see_region(region_code):
        raise ImportRefused(
            "region_out_of_scope", _("You may import only into your own area."), field="region"
        )
    return region_code


def open_list(data: bytes):
    try:
        table = read_table(data)
    except UnreadableFile:
        raise ImportRefused(
            "file_unreadable", _("The file is not a readable CSV or XLSX list."), field="file"
        ) from None
    if table.missing_fields:
        raise ImportRefused(
            "missing_columns",
            format_lazy(
                _("Required columns are missing: {columns}. Nothing was imported."),
                columns="、".join(COLUMN_SYNONYMS[name][0] for name in table.missing_fields),
            ),
            field="file",
        )
    return table


@contextlib.contextmanager
def collector_paused():
    """Python's cycle collector off while a list is read and written.

    An import keeps hundreds of thousands of short-lived objects (cells, rows, statement
    parameters) alive long enough to reach the oldest generation, so the collector ran a
    dozen full passes over the whole process per 100,000 rows, over a tenth of the import's
    time. The import makes no reference cycles of its own; what others make meanwhile is
    collected once the collector is back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class Chunk:
    valid: list[PersonRow]
    size: int


class RowStream:
    """The table's rows, validated, in chunks; remembers errors and numbers seen in the file."""

    def __init__(self, table, validator: RowValidator) -> None:
        self.table, self.validator = table, validator
        self.errors: list[RowError] = []
        self.first_row_of: dict[str, int] = {}
        self.total = 0

    def chunks(self):
        columns = self.table.columns
        valid: list[PersonRow] = []
        size = 0
        for number, cells in self.table.rows:
            values = {name: cells[i] if i < len(cells) else None for name, i in columns.items()}
            checked = self.validator.validate(number, values)
            size += 1
            if isinstance(checked, list):
                self.errors.extend(checked)
            elif checked.identity_number in self.first_row_of:
                self.reject(checked, self.first_row_of[checked.identity_number])
            else:
                self.first_row_of[checked.identity_number] = number
                valid.append(checked)
            if size == CHUNK_SIZE:
                self.total += size
                yield Chunk(valid, size)
                valid, size = [], 0
        if size:
            self.total += size
            yield Chunk(valid, size)

    def reject(self, row: PersonRow, first_row: int) -> None:
        self.errors.append(
            RowError(
                row.row,
                self.table.header_of("identity_number"),
                "duplicate_in_file",
                format_lazy(_("This identity number already appears in row {row}."), row=first_row),
            )
        )

    def out_of_scope(self, row: PersonRow) -> None:
        self.errors.append(
            RowError(
                row.row,
                self.table.header_of("identity_number"),
                "person_out_of_scope",
                _(
                    "This person is registered by an office outside your area; "
                    "ask that office to transfer the record."
                ),
            )
        )


PERSON_COLUMNS = [
    "identity_number", "name", "sex", "birth_date", "region", "province_code", "phone",
    "education", "school", "major", "graduation_date", "created_at", "updated_at", "version",
]  # fmt: skip
MEMBERSHIP_COLUMNS = ["person", "region", "group", "since", "details"]
LEDGER_COLUMNS = [
    "person", "region", "province_code", "reason", "entered_on", "entered_by", "exit_reason",
]  # fmt: skip
STATUS_COLUMNS = [
    "person", "status", "since", "note", "recorded_by", "recorded_at", "employer_name",
    "employer_credit_code", "occupation_code", "how_found",
]  # fmt: skip


class BatchWriter:
    """Writes validated rows chunk by chunk inside the caller's transaction."""

    def __init__(self, *, actor: User, batch: ImportBatch, today: datetime.date) -> None:
        self.actor, self.batch, self.today = actor, batch, today
        self.scope = actor.scope_codes()
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.outcome = ImportOutcome(batch=batch)
        self.changes: list[audit.Change] = []

    def write(self, chunk: Chunk, rows: RowStream) -> None:
        if not chunk.valid:
            return
        stored = stored_people([row.identity_number for row in chunk.valid])
        new_rows, updates, people = [], [], []
        for row in chunk.valid:
            found = stored.get(row.identity_number)
            if found is None:
                new_rows.append(row)
            elif self.scope is not None and found[2] not in self.scope:
                rows.out_of_scope(row)
                continue
            else:
                update = self.filled(row, found)
                if update:
                    updates.append(update)
                else:
                    self.outcome.unchanged += 1
                # A stored person keeps their region; a new ledger stay is opened there.
                row.region_code, row.province_code = found[2], province_of(found[2])
            people.append(row)
        with connection.cursor() as cursor:
            insert_rows(cursor, Person, PERSON_COLUMNS, [self.person(r) for r in new_rows])
            if updates:
                cursor.executemany(fill_person_sql(), updates)
        ids = person_ids([row.identity_number for row in new_rows])
        ids.update((number, found[1]) for number, found in stored.items())
        self.outcome.created += len(new_rows)
        self.outcome.updated += len(updates)
        opened = self.add_memberships_and_ledger(
            people, ids, {found[1] for found in stored.values()}
        )
        self.changes.append(
            audit.Change(
                action="people_imported",
                object_type="registry.import_batch",
                object_id=str(self.batch.pk),
                region_code=self.batch.region_id,
                after={
                    "rows": [chunk.valid[0].row, chunk.valid[-1].row],
                    "created": [ids[r.identity_number] for r in new_rows],
                    "updated": [update[-1] for update in updates],
                    "ledger_opened": opened,
                },
            )
        )

    def person(self, row: PersonRow) -> tuple:
        return (
            row.identity_number, row.name, row.sex, row.birth_date.isoformat(), row.region_code,
            row.province_code, row.phone, row.education, row.school, row.major,
            iso(row.graduation_date), self.now, self.now, 1,
        )  # fmt: skip

    def filled(self, row: PersonRow, found: tuple) -> tuple | None:
        """The UPDATE parameters when the row fills a stored empty field, else None."""
        _number, person_id, _region, birth_date, *current = found
        offered = [row.phone, row.education, row.school, row.major, row.graduation_date]
        if row.graduation_date and row.graduation_date <= birth_date:
            offered[-1] = None  # the stored birth date wins; never break the constraint
        merged = [old if old else new for old, new in zip(current, offered, strict=True)]
        if merged == current:
            return None
        return (*merged[:-1], iso(merged[-1]), self.now, person_id)

    def add_memberships_and_ledger(
        self, rows: list[PersonRow], ids: dict, stored_ids: set[int]
    ) -> list[int]:
        # People created by this chunk have no memberships, stays or statuses yet: only the
        # stored ones are looked up.
        known = sorted({ids[row.identity_number] for row in rows} & stored_ids)
        memberships = set()
        on_ledger: set[int] = set()
        latest_status: dict[int, str] = {}
        for part in slices(known):
            for person_id, group, since, until in KeyGroupMembership.objects.filter(
                person_id__in=part
            ).values_list("person_id", "group", "since", "until"):
                memberships.add((person_id, group, since))
                if until is None:
                    memberships.add((person_id, group, None))
            on_ledger.update(
                LedgerEntry.objects.open()
                .filter(person_id__in=part)
                .values_list("person_id", flat=True)
            )
            latest_status |= self.latest_statuses(part)
        new_memberships, new_entries, new_statuses = [], [], []
        for row in rows:
            person_id, day = ids[row.identity_number], row.registered_on or self.today
            for group in row.groups:
                if {(person_id, group, None), (person_id, group, day)} & memberships:
                    continue
                memberships.add((person_id, group, None))
                new_memberships.append((person_id, row.region_code, group, day.isoformat(), "{}"))
            reason = next(
                (LEDGER_REASON_BY_GROUP[g] for g in row.groups if g in LEDGER_REASON_BY_GROUP), None
            )
            status = latest_status.get(person_id)
            if reason is None or person_id in on_ledger:
                continue
            if status not in (None, EmploymentStatus.UNEMPLOYED):
                continue  # recorded as employed, studying…: not a ledger case
            on_ledger.add(person_id)
            new_entries.append(
                (
                    person_id,
                    row.region_code,
                    row.province_code,
                    reason,
                    day.isoformat(),
                    self.actor.pk,
                    "",
                )
            )
            if status is None:
                new_statuses.append(
                    (
                        person_id,
                        EmploymentStatus.UNEMPLOYED,
                        day.isoformat(),
                        "import",
                        self.actor.pk,
                        self.now,
                        "",
                        "",
                        "",
                        "",
                    )
                )
        with connection.cursor() as cursor:
            insert_rows(cursor, KeyGroupMembership, MEMBERSHIP_COLUMNS, new_memberships)
            insert_rows(cursor, LedgerEntry, LEDGER_COLUMNS, new_entries)
            insert_rows(cursor, StatusChange, STATUS_COLUMNS, new_statuses)
        self.outcome.memberships_added += len(new_memberships)
        self.outcome.ledger_entries_opened += len(new_entries)
        return [entry[0] for entry in new_entries]

    def latest_statuses(self, person_ids: list[int]) -> dict[int, str]:
        latest: dict[int, str] = {}
        history = StatusChange.objects.filter(person_id__in=person_ids).order_by("since", "pk")
        for person_id, status in history.values_list("person_id", "status"):
            latest[person_id] = status
        return latest

    def finish(self, rows: RowStream) -> ImportOutcome:
        errors = sorted(rows.errors, key=lambda error: error.row)
        rejected_rows = len({error.row for error in errors})
        batch = self.batch
        batch.rows_total = rows.total
        batch.rows_rejected = rejected_rows
        batch.rows_imported = rows.total - rejected_rows
        batch.errors = [error.as_dict() for error in errors]
        batch.save(update_fields=["rows_total", "rows_imported", "rows_rejected", "errors"])
        summary = self.outcome.counts() | {
            "file_name": batch.file_name,
            "sha256": batch.file_sha256,
        }
        self.changes.append(
            audit.Change(
                action="import_finished",
                object_type="registry.import_batch",
                object_id=str(batch.pk),
                region_code=batch.region_id,
                after=summary,
            )
        )
        audit.record_many(self.actor, self.changes)
        return self.outcome


def province_of(region_code: str) -> str:
    return region_tree().province_of(region_code) or ""


def iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def outcome_of(batch: ImportBatch, *, already_imported: bool = False) -> ImportOutcome:
    """A stored batch's outcome; the detailed counts come from its audit summary."""
    summary = (
        AuditEvent.objects.filter(
            action="import_finished", object_type="registry.import_batch", object_id=str(batch.pk)
        )
        .values_list("after", flat=True)
        .first()
        or {}
    )
    details = {
        name: summary.get(name, 0)
        for name in (
            "created",
            "updated",
            "unchanged",
            "memberships_added",
            "ledger_entries_opened",
        )
    }
    return ImportOutcome(batch=batch, already_imported=already_imported, **details)


def import_batch_get(*, actor: User, batch_id: int) -> ImportBatch:
    """A batch the actor may see (its region lies in their scope); otherwise 404."""
    batch = ImportBatch.objects.filter(pk=batch_id).select_related("imported_by").first()
    if batch is None or actor.role not in IMPORT_ROLES or not actor.can_see_region(batch.region_id):
        raise NotFound("import_batch_not_found", _("No such import."))
    return batch


def import_batch_list(*, actor: User):
    if actor.role not in IMPORT_ROLES:
        return ImportBatch.objects.none()
    scope = actor.scope_codes()
    batches = ImportBatch.objects.select_related("imported_by", "region").order_by("-imported_at")
    return batches if scope is None else batches.filter(region_id__in=sorted(scope))
