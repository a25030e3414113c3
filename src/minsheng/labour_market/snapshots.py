"""Taking a snapshot: the operational tables as of a day, streamed to Parquet (`engine.tables`).

The files are written into a hidden temporary directory and renamed into place only when every
table and the manifest are written; the `Snapshot` row and its audit event are written in the
same database transaction as the rename, and the directory is removed again if that transaction
fails. So a failure at any point leaves neither files nor a row behind.
"""

import datetime
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.models import User
from minsheng.labour_market.engine.periods import Period
from minsheng.labour_market.engine.tables import SnapshotWriter
from minsheng.labour_market.errors import StatisticsError, require_role
from minsheng.labour_market.models import STATISTICS_ROLES, Snapshot
from minsheng.labour_market.snapshot_sources import SOURCES


def snapshot_root() -> Path:
    return Path(settings.VAR_DIR) / "snapshots"


def snapshot_path(snapshot: Snapshot) -> Path:
    return snapshot_root() / snapshot.name


def take_snapshot(
    *,
    actor: User | None,
    as_of: datetime.date | None = None,
    on_table: Callable[[str, int], None] = lambda table, rows: None,
    on_rows: Callable[[int], None] = lambda rows: None,
) -> Snapshot:
    """Export the statistics' tables as of `as_of` (default today); `on_table`/`on_rows` report
    progress (a table starting with its row count, then rows written). `actor` None is the
    system (a scheduled job)."""
    require_role(actor, STATISTICS_ROLES, system_allowed=True)
    today = timezone.localdate()
    as_of = as_of or today
    if as_of > today:
        raise StatisticsError(
            "snapshot_in_future",
            _("A snapshot cannot be taken as of a day that has not come yet."),
            field="as_of",
        )
    taken_at = timezone.now()
    name = f"{as_of:%Y%m%d}-{timezone.localtime(taken_at):%H%M%S}-{secrets.token_hex(3)}"
    with SnapshotWriter(snapshot_root(), name) as writer:
        for table, source in SOURCES.items():
            on_table(table, source.count(as_of, actor))
            writer.write_table(table, source.batches(as_of, actor), on_rows=on_rows)
        try:
            with transaction.atomic():
                manifest = writer.commit(
                    as_of=as_of, extra={"taken_by": actor.get_username() if actor else "system"}
                )
                snapshot = Snapshot.objects.create(
                    name=name,
                    as_of=as_of,
                    taken_at=taken_at,
                    taken_by=actor,
                    row_counts={t: entry["rows"] for t, entry in manifest["tables"].items()},
                    manifest=manifest,
                )
                audit.record(
                    actor,
                    audit.Change(
                        action="statistics_snapshot_taken",
                        object_type="labour_market.snapshot",
                        object_id=name,
                        after={"as_of": as_of, "rows": snapshot.row_counts},
                    ),
                )
        except BaseException:
            shutil.rmtree(snapshot_root() / name, ignore_errors=True)
            raise
    return snapshot


def covering_snapshot(period: Period) -> Snapshot:
    """The most recent snapshot taken as of the period's end or later."""
    found = Snapshot.objects.filter(as_of__gte=period.end).order_by("-as_of", "-taken_at").first()
    if found is None:
        raise StatisticsError(
            "no_snapshot",
            _("No snapshot covers %(period)s: take one dated %(end)s or later first."),
            field="period",
            params={"period": period.label, "end": period.end.isoformat()},
        )
    return found
