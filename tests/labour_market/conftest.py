"""Engines and a small hand-made snapshot whose statistics were worked out by hand (`scenario`).

Statistics run on DuckDB and on local PySpark. The Spark tests carry the `spark` marker (skip
them with `-m "not spark"`); they run by default. One SparkSession (local[1]) serves the whole
test session; its start-up (a JVM) costs some ten seconds once.
"""

import datetime
from decimal import Decimal

import pyarrow as pa
import pytest

from minsheng.labour_market.engine.backends import connect, spark_session
from minsheng.labour_market.engine.periods import Period
from minsheng.labour_market.engine.statistics import compute_statistics
from minsheng.labour_market.engine.tables import SCHEMAS, SnapshotWriter, open_snapshot

from .scenario import AS_OF, MINIMUM_WAGES, scenario_rows

ENGINES = ["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)]
Q3 = Period(2026, 3)


def write_snapshot(root, name: str, as_of: datetime.date, rows: dict[str, list[dict]]):
    """A snapshot directory from lists of row dicts per table (tables not named are empty)."""
    with SnapshotWriter(root, name) as writer:
        for table, table_rows in rows.items():
            writer.write_table(table, [pa.Table.from_pylist(table_rows, schema=SCHEMAS[table])])
        writer.commit(as_of=as_of)
    return writer.final


@pytest.fixture(scope="session")
def spark():
    session = spark_session("local[1]", shuffle_partitions=1, driver_memory="1g")
    yield session
    session.stop()


@pytest.fixture
def engine_connection(request):
    """A factory: `engine_connection("duckdb")` or `("pyspark")` (the session's SparkSession)."""

    def make(engine: str):
        if engine == "pyspark":
            return connect("pyspark", spark=request.getfixturevalue("spark"))
        return connect("duckdb")

    return make


@pytest.fixture(scope="session")
def scenario_snapshot(tmp_path_factory):
    return write_snapshot(tmp_path_factory.mktemp("scenario"), "scenario", AS_OF, scenario_rows())


def scenario_statistics(con, directory) -> dict[str, pa.Table]:
    return compute_statistics(
        open_snapshot(con, directory),
        Q3,
        min_observations=10,
        monthly_minimum=lambda city: MINIMUM_WAGES.get(city),
    )


@pytest.fixture(scope="session")
def duckdb_results(scenario_snapshot):
    return scenario_statistics(connect("duckdb"), scenario_snapshot)


@pytest.fixture(scope="session")
def pyspark_results(scenario_snapshot, spark):
    return scenario_statistics(connect("pyspark", spark=spark), scenario_snapshot)


@pytest.fixture(params=ENGINES)
def results(request) -> dict[str, pa.Table]:
    """The scenario's statistics as computed by each engine in turn."""
    return request.getfixturevalue(f"{request.param}_results")


def rows_of(table: pa.Table, *columns: str) -> list[tuple]:
    return [tuple(row[c] for c in columns) for row in table.to_pylist()]


def money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))
