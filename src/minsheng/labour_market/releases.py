"""Statistics releases: generated from a snapshot (draft), reviewed, then published.

`generate_release` computes every table of `engine.statistics.RELEASE_TABLES` for a period and
region from the snapshot that covers the period, and stores each as Parquet under
``MINSHENG_VAR_DIR/releases/<key>/`` with a ``snapshot`` column naming its source on every row;
the release row records the files' digests and the parameters used. `verify_release` recomputes
the tables from the same snapshot with the same parameters and reports any difference, which is
how "recomputing gives the same figure" is checked. Each step writes an audit event.
"""

import os
import secrets
import shutil
from collections.abc import Callable

import pyarrow as pa
import pyarrow.parquet as pq
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit, parameters
from minsheng.core.errors import Conflict
from minsheng.core.models import User
from minsheng.core.regions import NATIONAL_CODE
from minsheng.labour_market.engine.backends import connect
from minsheng.labour_market.engine.periods import Period
from minsheng.labour_market.engine.statistics import compute_statistics, differences
from minsheng.labour_market.engine.tables import file_sha256, open_snapshot
from minsheng.labour_market.errors import (
    StatisticsError,
    check_period_over,
    check_region,
    is_national,
    parse_period,
    require_role,
)
from minsheng.labour_market.minimum_wages import monthly_minimum
from minsheng.labour_market.models import (
    PUBLISHING_ROLES,
    STATISTICS_ROLES,
    ReleaseStatus,
    Snapshot,
    StatisticsRelease,
)
from minsheng.labour_market.release_files import release_path, release_root
from minsheng.labour_market.snapshots import covering_snapshot, snapshot_path

MIN_OBSERVATIONS = "labour_market.salary_min_observations"


def record(actor: User | None, action: str, release: StatisticsRelease, **after) -> None:
    audit.record(
        actor,
        audit.Change(
            action=action,
            object_type="labour_market.statisticsrelease",
            object_id=str(release.pk),
            region_code=release.region_id,
            after={"period": release.period, "snapshot": release.snapshot.name, **after},
        ),
    )


def compute_release_tables(
    snapshot: Snapshot,
    period: Period,
    region_code: str,
    *,
    engine: str = "duckdb",
    spark=None,
    on_step: Callable[[str], None] = lambda step: None,
) -> tuple[dict[str, pa.Table], dict]:
    """The release's tables from the snapshot, and the parameters they were computed with."""
    used = {
        "min_observations": int(parameters.value(MIN_OBSERVATIONS, period.end)),
        "minimum_wage_on": period.end.isoformat(),
    }
    tables = open_snapshot(connect(engine, spark=spark), snapshot_path(snapshot))
    results = compute_statistics(
        tables,
        period,
        min_observations=used["min_observations"],
        monthly_minimum=lambda city: monthly_minimum(city, period.end),
        region_code=None if is_national(region_code) else region_code,
        on_step=on_step,
    )
    return results, used


def with_snapshot_column(table: pa.Table, snapshot: Snapshot) -> pa.Table:
    names = pa.array([snapshot.name] * table.num_rows, type=pa.string())
    return table.add_column(0, pa.field("snapshot", pa.string()), names)


def generate_release(
    *,
    actor: User | None,
    period: str,
    region_code: str = NATIONAL_CODE,
    snapshot: Snapshot | None = None,
    engine: str = "duckdb",
    spark=None,
    on_step: Callable[[str], None] = lambda step: None,
) -> StatisticsRelease:
    """A draft release of the period's statistics for the region (refused with the reason);
    `actor` None is the system (a scheduled job)."""
    require_role(actor, STATISTICS_ROLES, system_allowed=True)
    chosen = parse_period(period)
    check_period_over(chosen, timezone.localdate())
    region_code = check_region(region_code)
    if actor is not None and not actor.can_see_region(region_code):
        raise StatisticsError(
            "region_out_of_scope",
            _("You may make statistics only for your own area."),
            field="region",
        )
    snapshot = snapshot or covering_snapshot(chosen)
    if snapshot.as_of < chosen.end:
        raise StatisticsError(
            "snapshot_too_early",
            _("Snapshot %(name)s is dated before the end of %(period)s."),
            field="snapshot",
            params={"name": snapshot.name, "period": chosen.label},
        )
    results, used = compute_release_tables(
        snapshot, chosen, region_code, engine=engine, spark=spark, on_step=on_step
    )
    key = f"{chosen.label}-{region_code}-{secrets.token_hex(4)}"
    temporary, final = release_root() / f".tmp-{key}", release_root() / key
    temporary.mkdir(parents=True)
    try:
        stored = {}
        for name, table in results.items():
            path = temporary / f"{name}.parquet"
            pq.write_table(with_snapshot_column(table, snapshot), path)
            stored[name] = {"file": path.name, "rows": table.num_rows, "sha256": file_sha256(path)}
        with transaction.atomic():
            os.replace(temporary, final)
            release = StatisticsRelease.objects.create(
                key=key,
                period=chosen.label,
                region_id=region_code,
                snapshot=snapshot,
                engine=engine,
                parameters=used,
                tables=stored,
                generated_by=actor,
                generated_at=timezone.now(),
            )
            record(actor, "statistics_release_generated", release, engine=engine, **used)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.rmtree(final, ignore_errors=True)
        raise
    return release


def _locked(release: StatisticsRelease) -> StatisticsRelease:
    return (
        StatisticsRelease.objects.select_for_update().select_related("snapshot").get(pk=release.pk)
    )


def review_release(*, actor: User, release: StatisticsRelease, note: str = "") -> StatisticsRelease:
    """Mark a draft as reviewed (its figures checked by a person allowed to publish them)."""
    require_role(actor, PUBLISHING_ROLES)
    with transaction.atomic():
        release = _locked(release)
        if release.status != ReleaseStatus.DRAFT:
            raise Conflict("release_not_draft", _("Only a draft release can be reviewed."))
        release.status = ReleaseStatus.REVIEWED
        release.reviewed_by, release.reviewed_at = actor, timezone.now()
        release.review_note = note.strip()
        release.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        record(actor, "statistics_release_reviewed", release, note=release.review_note)
    return release


def publish_release(*, actor: User, release: StatisticsRelease) -> StatisticsRelease:
    """Publish a reviewed release; an earlier publication of the same period is superseded."""
    require_role(actor, PUBLISHING_ROLES)
    with transaction.atomic():
        release = _locked(release)
        if release.status != ReleaseStatus.REVIEWED:
            raise Conflict(
                "release_not_reviewed", _("A release is published only after it is reviewed.")
            )
        if changed_files(release):
            raise StatisticsError(
                "release_files_changed",
                _("The release's files no longer match their digests; generate it again."),
            )
        earlier = StatisticsRelease.objects.select_for_update().filter(
            period=release.period, region=release.region_id, status=ReleaseStatus.PUBLISHED
        )
        superseded = [str(pk) for pk in earlier.values_list("pk", flat=True)]
        earlier.update(status=ReleaseStatus.SUPERSEDED)
        release.status = ReleaseStatus.PUBLISHED
        release.published_by, release.published_at = actor, timezone.now()
        release.save(update_fields=["status", "published_by", "published_at"])
        record(actor, "statistics_release_published", release, superseded=superseded)
    return release


def changed_files(release: StatisticsRelease) -> list[str]:
    """The release's tables whose file is missing or differs from its recorded digest."""
    problems = []
    for name, entry in release.tables.items():
        path = release_path(release) / entry["file"]
        if not path.is_file() or file_sha256(path) != entry["sha256"]:
            problems.append(name)
    return problems


def stored_tables(release: StatisticsRelease) -> dict[str, pa.Table]:
    """The release's tables as stored, without the `snapshot` column."""
    return {
        name: pq.read_table(release_path(release) / entry["file"]).drop_columns(["snapshot"])
        for name, entry in release.tables.items()
    }


def verify_release(release: StatisticsRelease, *, engine: str = "duckdb", spark=None) -> list[str]:
    """Recompute the release from its snapshot; the differences found (none when reproducible)."""
    period = Period.parse(release.period)
    recomputed, used = compute_release_tables(
        release.snapshot, period, release.region_id, engine=engine, spark=spark
    )
    problems = [] if used == release.parameters else ["parameters changed since generation"]
    return problems + differences(stored_tables(release), recomputed)
