"""Synthetic snapshots: valid, reproducible from the seed, and computed alike by both engines."""

import datetime

import pytest

from minsheng.labour_market.engine import (
    Period,
    compute_statistics,
    differences,
    open_snapshot,
    read_manifest,
    verify_snapshot,
)
from minsheng.labour_market.engine.synthetic import write_synthetic_snapshot

AS_OF = datetime.date(2026, 10, 15)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return write_synthetic_snapshot(
        tmp_path_factory.mktemp("synthetic"), "small", as_of=AS_OF, vacancies=3000,
        seekers=3000, city_count=12, batch_rows=1000,
    )  # fmt: skip


def test_the_snapshot_has_every_table_at_the_asked_size(small):
    tables = read_manifest(small)["tables"]
    assert (tables["vacancies"]["rows"], tables["job_wishes"]["rows"]) == (3000, 3000)
    assert tables["hires"]["rows"] == 300 and tables["wage_survey"]["rows"] == 300
    assert 3000 < tables["status_changes"]["rows"] < 6000
    assert 0 < tables["ledger_entries"]["rows"] < 3000
    assert verify_snapshot(small) == []


def file_hashes(directory) -> list[str]:
    tables = read_manifest(directory)["tables"].values()
    return [entry["sha256"] for table in tables for entry in table["files"]]


def test_the_same_seed_gives_the_same_files(small, tmp_path):
    again = write_synthetic_snapshot(tmp_path, "again", as_of=AS_OF, vacancies=3000,
                                     seekers=3000, city_count=12, batch_rows=1000)  # fmt: skip
    assert file_hashes(again) == file_hashes(small)


def compute(con, directory):
    return compute_statistics(open_snapshot(con, directory), Period(2026, 3), min_observations=10)


def test_statistics_come_out_of_it(small, engine_connection):
    results = compute(engine_connection("duckdb"), small)
    assert results["shortage_national"].num_rows > 0
    assert results["salary_total"].column("n")[0].as_py() > 100


@pytest.mark.spark
def test_both_engines_agree_on_it(small, engine_connection):
    duckdb = compute(engine_connection("duckdb"), small)
    assert differences(duckdb, compute(engine_connection("pyspark"), small)) == []
