"""Labour-market statistics engine: pure Python over Ibis and Arrow (no Django).

The statistics are written once as Ibis expressions over the tables of a snapshot and run on
the backend the tables are bound to: DuckDB (embedded, the default) or PySpark (local mode in
tests, a ``spark://`` master in production). Both give identical results (tested).

Public functions, by module:

backends
    ``connect(engine="duckdb", *, spark=None, threads=None)`` — an Ibis backend;
    ``spark_session(master=None, *, shuffle_partitions=None, driver_memory="4g")`` — a
    SparkSession (``MINSHENG_SPARK_MASTER`` or ``local[*]``); ``to_arrow(expression)`` — run
    an expression and get Arrow (Spark via ``toArrow()``).
periods
    ``Period.parse("2026Q3" | "2026")``, ``Period.quarter_of(day)``; ``.start``, ``.end``,
    ``.previous()``, ``.pay_window()`` (the twelve months ending with the period), ``.label``.
tables
    ``SCHEMAS`` (the snapshot's tables and Arrow schemas), ``SnapshotWriter(root, id)``
    (``write_table(name, batches)``, ``table(name)`` sinks, ``commit(as_of=…)``: atomic),
    ``open_snapshot(con, directory) -> {name: ibis.Table}``, ``read_manifest(directory)``,
    ``verify_snapshot(directory) -> [problems]``, ``file_sha256(path)``.
shortage
    ``shortage_cells(tables, period, region_code=None)``, ``city_top(cells, n=20)``,
    ``national_ranking(top, n=100)``, ``with_movement(current, previous, keys)``,
    ``with_flags(table, occupations)``; ``demand_by_period`` / ``seekers_by_period(tables,
    periods, region_code)`` (several periods in one pass) and ``period_cells(asked, looking,
    i)`` (Ibis expressions), and
    ``shortage_tables(tables, period, *, region_code, city_top_n, national_n)`` → Arrow tables
    ``shortage_cells``, ``shortage_city_top``, ``shortage_national``. Definitions and the
    national ranking's formula are in that module's docstring.
salary
    ``pay_observations(tables, period, region_code=None)``, ``percentile_cells(observations,
    keys)`` (nearest-rank P10/P25/P50/P75/P90 from running counts of each cell's distinct
    pays), ``BREAKDOWNS``, and
    ``salary_tables(tables, period, *, region_code)`` → one Arrow table per breakdown.
suppression
    ``suppress(tables, *, min_observations, relations=RELATIONS)`` — primary and complementary
    suppression of the salary tables (adds ``suppressed``; nulls suppressed figures).
pay_guide
    ``reference_pay_guide(city_skill_cells, monthly_minimum)`` — the skilled workers' pay guide;
    ``METHOD`` is its docstring, the method in words for the pages.
statistics
    ``compute_statistics(tables, period, *, min_observations, monthly_minimum, region_code,
    on_step)`` → every table of ``RELEASE_TABLES`` (``STEPS`` for progress bars);
    ``differences(expected, actual)`` → what differs between two sets of tables.
synthetic
    ``write_synthetic_snapshot(root, id, *, as_of, vacancies, seekers, hires, survey_rows,
    city_count, seed, batch_rows, on_rows)`` — a plausible snapshot of any size, streamed.

Typical use::

    con = connect("duckdb")            # or connect("pyspark", spark=spark_session())
    tables = open_snapshot(con, "var/snapshots/20261015-090000-ab12cd")
    results = compute_statistics(tables, Period.parse("2026Q3"), min_observations=10,
                                 monthly_minimum=lambda city: None)
"""

from .backends import connect, spark_session, to_arrow
from .periods import Period
from .statistics import RELEASE_TABLES, STEPS, compute_statistics, differences
from .tables import SCHEMAS, SnapshotWriter, open_snapshot, read_manifest, verify_snapshot

__all__ = [
    "RELEASE_TABLES",
    "SCHEMAS",
    "STEPS",
    "Period",
    "SnapshotWriter",
    "compute_statistics",
    "connect",
    "differences",
    "open_snapshot",
    "read_manifest",
    "spark_session",
    "to_arrow",
    "verify_snapshot",
]
