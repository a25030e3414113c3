"""Taking a snapshot of the operational tables: what it holds, and that failures leave nothing."""

import datetime

import pyarrow.dataset as ds
import pytest

from minsheng.core.errors import PermissionDenied
from minsheng.core.models import AuditEvent
from minsheng.labour_market import services
from minsheng.labour_market.engine.tables import verify_snapshot
from minsheng.labour_market.errors import StatisticsError
from minsheng.labour_market.models import Snapshot
from minsheng.labour_market.snapshot_sources import SOURCES, Source
from minsheng.labour_market.snapshots import snapshot_path, snapshot_root

from . import records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def analyst(make_user):
    return make_user("analyst_national", role="analyst", region_code="100000")


def read(snapshot: Snapshot, table: str) -> list[dict]:
    rows = ds.dataset(snapshot_path(snapshot) / table, format="parquet").to_table().to_pylist()
    return sorted(rows, key=lambda row: tuple(str(v) for v in row.values()))


def test_a_snapshot_holds_the_tables_as_of_its_day(analyst):
    quarter = records.last_finished_quarter()
    made = records.recruitment_quarter(quarter)
    first = made["seekers"][1].ledger_entries.get()
    first.exited_on, first.exit_reason = (
        datetime.date.today() + datetime.timedelta(days=5),
        "employed",
    )
    first.save()

    snapshot = services.take_snapshot(actor=analyst)

    assert snapshot.row_counts | {"occupations": 0} == {
        "vacancies": 1, "job_wishes": 2, "status_changes": 1, "ledger_entries": 1, "hires": 10,
        "wage_survey": 0, "occupations": 0,
    }  # fmt: skip
    assert snapshot.row_counts["occupations"] > 1000  # the classification in force, with flags
    vacancy = read(snapshot, "vacancies")[0]
    assert (vacancy["region_code"], vacancy["city_code"], vacancy["province_code"]) == (
        "330106", "330100", "330000",
    )  # fmt: skip
    assert read(snapshot, "ledger_entries")[0]["exited_on"] is None  # exits after the day: open
    assert {row["city_code"] for row in read(snapshot, "job_wishes")} == {"330100"}
    assert verify_snapshot(snapshot_path(snapshot)) == []
    assert AuditEvent.objects.filter(
        action="statistics_snapshot_taken", object_id=snapshot.name
    ).exists()


def test_rows_after_the_snapshot_day_are_left_out(analyst):
    quarter = records.last_finished_quarter()
    records.recruitment_quarter(quarter)
    snapshot = services.take_snapshot(actor=analyst, as_of=quarter.start)
    assert (snapshot.row_counts["vacancies"], snapshot.row_counts["hires"]) == (1, 1)


def test_a_failure_half_way_leaves_no_snapshot(analyst, monkeypatch, var_dir):
    records.recruitment_quarter(records.last_finished_quarter())

    hires = SOURCES["hires"]

    def broken(as_of, actor):
        yield from hires.batches(as_of, actor)
        raise OSError("disk full")

    monkeypatch.setitem(SOURCES, "hires", Source(hires.count, broken))
    events = AuditEvent.objects.count()
    with pytest.raises(OSError):
        services.take_snapshot(actor=analyst)
    assert list(snapshot_root().iterdir()) == []  # neither the snapshot nor its temporary files
    assert (Snapshot.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_a_failure_recording_it_removes_the_files_again(analyst, monkeypatch):
    def refuse(**fields):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Snapshot.objects, "create", refuse)
    with pytest.raises(RuntimeError):
        services.take_snapshot(actor=analyst)
    assert list(snapshot_root().iterdir()) == []


def test_a_snapshot_of_a_day_to_come_is_refused(analyst):
    with pytest.raises(StatisticsError) as refused:
        services.take_snapshot(actor=analyst, as_of=datetime.date.today() + datetime.timedelta(2))
    assert (refused.value.code, refused.value.field) == ("snapshot_in_future", "as_of")


def test_only_analysts_and_administrators_take_snapshots(caseworker):
    with pytest.raises(PermissionDenied):
        services.take_snapshot(actor=caseworker)
