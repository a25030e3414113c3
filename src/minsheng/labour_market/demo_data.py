"""Demo statistics: a published quarterly release for the demo province.

The demo's operational data is one city's few hundred vacancies, too thin for a ranking across
cities or salary cells above the suppression threshold. So the demo snapshot is synthetic
(`engine.synthetic`), drawn for the province's prefecture-level cities (Zhejiang's eleven),
dated `as_of`, and marked synthetic in its manifest. From it the last complete quarter before
`as_of` is generated, reviewed and published for the province. A second run finds the published
release and adds nothing.
"""

import dataclasses
import datetime
import shutil
from contextlib import ExitStack

import numpy as np
from django.db import transaction
from django.utils import timezone

from minsheng.core import audit
from minsheng.core.models import Role, User
from minsheng.core.regions import CITY, region_tree
from minsheng.labour_market import services
from minsheng.labour_market.engine.periods import Period
from minsheng.labour_market.engine.synthetic import Generator, Universe, _batches, occupations_table
from minsheng.labour_market.engine.tables import SnapshotWriter
from minsheng.labour_market.models import ReleaseStatus, Snapshot, StatisticsRelease
from minsheng.labour_market.snapshots import snapshot_root

DEMO_SEED = 2026
VACANCIES, SEEKERS, HIRES, SURVEY_ROWS = 60_000, 50_000, 8_000, 30_000


def demo_period(as_of: datetime.date) -> Period:
    """The last quarter that ended before `as_of`."""
    return Period.quarter_of(as_of).previous()


def province_universe(province_code: str) -> Universe:
    base = Universe.build(city_count=1, seed=DEMO_SEED)
    tree = region_tree()
    cities = sorted(
        code
        for code, info in tree.by_code.items()
        if info.level == CITY and code[:2] == province_code[:2]
    )
    weights = np.random.default_rng([DEMO_SEED, 7]).pareto(1.5, len(cities)) + 1
    return dataclasses.replace(base, cities=np.array(cities), city_weights=weights / weights.sum())


def write_demo_snapshot(as_of: datetime.date, province_code: str) -> Snapshot:
    """A synthetic snapshot of the province's cities, with its `Snapshot` row."""
    generator = Generator(province_universe(province_code), as_of=as_of, seed=DEMO_SEED)
    name = f"{as_of:%Y%m%d}-demo-{province_code}"
    with SnapshotWriter(snapshot_root(), name) as writer:
        writer.write_table(
            "vacancies", (generator.vacancies(*b) for b in _batches(VACANCIES, VACANCIES))
        )
        with ExitStack() as open_tables:
            sinks = {
                table: open_tables.enter_context(writer.table(table))
                for table in ("job_wishes", "status_changes", "ledger_entries")
            }
            for batch in _batches(SEEKERS, SEEKERS):
                for table, rows in generator.seekers(*batch).items():
                    sinks[table].write(rows)
        for table, total in (("hires", HIRES), ("wage_survey", SURVEY_ROWS)):
            writer.write_table(
                table, (generator.pay_rows(table, *b) for b in _batches(total, total))
            )
        writer.write_table("occupations", [occupations_table()])
        try:
            with transaction.atomic():
                snapshot = record_snapshot(writer, name, as_of, province_code)
        except BaseException:
            shutil.rmtree(snapshot_root() / name, ignore_errors=True)
            raise
    return snapshot


def record_snapshot(writer, name: str, as_of: datetime.date, province_code: str) -> Snapshot:
    manifest = writer.commit(
        as_of=as_of, extra={"synthetic": {"seed": DEMO_SEED, "province": province_code}}
    )
    snapshot = Snapshot.objects.create(
        name=name,
        as_of=as_of,
        taken_at=timezone.now(),
        taken_by=None,
        row_counts={t: entry["rows"] for t, entry in manifest["tables"].items()},
        manifest=manifest,
    )
    audit.record(
        None,
        audit.Change(
            action="statistics_snapshot_taken",
            object_type="labour_market.snapshot",
            object_id=name,
            after={"as_of": as_of, "rows": snapshot.row_counts, "synthetic": True},
        ),
    )
    return snapshot


def publisher(province_code: str) -> User | None:
    """A user who may publish the province's statistics (the demo analyst, else an admin)."""
    for role in (Role.ANALYST, Role.ADMIN):
        for user in User.objects.filter(role=role, is_active=True).order_by("id"):
            if user.can_see_region(province_code):
                return user
    return None


def seed_statistics(*, as_of: datetime.date, region_code: str) -> StatisticsRelease | None:
    """A published release of the last complete quarter for `region_code`'s province."""
    province = region_code[:2] + "0000"
    period = demo_period(as_of)
    found = StatisticsRelease.objects.filter(
        period=period.label, region_id=province, status=ReleaseStatus.PUBLISHED
    ).first()
    if found is not None:
        return found
    actor = publisher(province)
    if actor is None:
        return None
    name = f"{as_of:%Y%m%d}-demo-{province}"
    snapshot = Snapshot.objects.filter(name=name).first() or write_demo_snapshot(as_of, province)
    release = services.generate_release(
        actor=actor, period=period.label, region_code=province, snapshot=snapshot
    )
    services.review_release(actor=actor, release=release, note="demo")
    return services.publish_release(actor=actor, release=release)
