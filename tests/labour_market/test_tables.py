"""The snapshot format: partitioned streaming writes, the manifest, atomicity, reading back."""

import datetime
import json

import pyarrow as pa
import pytest

from minsheng.labour_market.engine.backends import to_arrow
from minsheng.labour_market.engine.tables import (
    SCHEMAS,
    SnapshotError,
    SnapshotWriter,
    open_snapshot,
    read_manifest,
    verify_snapshot,
)

from .conftest import ENGINES, write_snapshot
from .scenario import AS_OF, vacancies


def batches(rows: list[dict], size: int):
    table = pa.Table.from_pylist(rows, schema=SCHEMAS["vacancies"])
    return table.to_batches(max_chunksize=size)


def test_tables_are_partitioned_by_province_and_month(tmp_path):
    directory = write_snapshot(tmp_path, "s", AS_OF, {"vacancies": vacancies()})
    parts = sorted(p.parent.relative_to(directory / "vacancies").as_posix()
                   for p in (directory / "vacancies").rglob("*.parquet"))  # fmt: skip
    assert "province=330000/period=2026-07" in parts
    assert "province=110000/period=2026-07" in parts
    assert "province=330000/period=2026-04" in parts  # the one opening in April


def test_the_manifest_counts_rows_and_hashes_every_file(tmp_path):
    directory = write_snapshot(tmp_path, "s", AS_OF, {"vacancies": vacancies()})
    manifest = read_manifest(directory)
    assert (manifest["snapshot"], manifest["as_of"]) == ("s", "2026-10-15")
    assert manifest["tables"]["vacancies"]["rows"] == 12
    assert manifest["tables"]["hires"]["rows"] == 0
    assert sum(f["rows"] for f in manifest["tables"]["vacancies"]["files"]) == 12
    assert all(len(f["sha256"]) == 64 for f in manifest["tables"]["vacancies"]["files"])
    assert verify_snapshot(directory) == []


def test_a_changed_or_added_file_is_noticed(tmp_path):
    directory = write_snapshot(tmp_path, "s", AS_OF, {"vacancies": vacancies()})
    first = directory / read_manifest(directory)["tables"]["vacancies"]["files"][0]["path"]
    first.write_bytes(first.read_bytes()[:-1] + b"\0")
    (directory / "hires" / "extra.parquet").write_bytes(b"")
    problems = verify_snapshot(directory)
    assert any("SHA-256 differs" in p for p in problems)
    assert any("extra.parquet: not in the manifest" in p for p in problems)


def test_batches_are_streamed_in_and_counted(tmp_path):
    seen = []
    with SnapshotWriter(tmp_path, "s") as writer:
        written = writer.write_table("vacancies", batches(vacancies(), 5), on_rows=seen.append)
        writer.commit(as_of=AS_OF)
    assert (written, seen) == (12, [5, 5, 2])


def test_a_failure_half_way_leaves_no_snapshot_behind(tmp_path):
    def failing():
        yield from batches(vacancies(), 5)[:1]
        raise OSError("disk full")

    with pytest.raises(OSError), SnapshotWriter(tmp_path, "s") as writer:
        writer.write_table("job_wishes", [])
        writer.write_table("vacancies", failing())
    assert list(tmp_path.iterdir()) == []


def test_a_snapshot_is_never_overwritten(tmp_path):
    write_snapshot(tmp_path, "s", AS_OF, {})
    with pytest.raises(SnapshotError), SnapshotWriter(tmp_path, "s"):
        pass
    assert json.loads((tmp_path / "s" / "manifest.json").read_text())["snapshot"] == "s"


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_reads_back_the_schemas_even_of_empty_tables(
    engine, tmp_path, engine_connection
):
    directory = write_snapshot(tmp_path, "s", AS_OF, {"vacancies": vacancies()})
    tables = open_snapshot(engine_connection(engine), directory)
    vacancies_read = to_arrow(tables["vacancies"].order_by("vacancy_id"))
    assert vacancies_read.schema == SCHEMAS["vacancies"]
    assert vacancies_read.column("vacancy_id").to_pylist() == list(range(1, 13))
    assert vacancies_read.column("opens_on")[9].as_py() == datetime.date(2026, 4, 1)
    hires = to_arrow(tables["hires"])
    assert (hires.num_rows, hires.schema) == (0, SCHEMAS["hires"])
