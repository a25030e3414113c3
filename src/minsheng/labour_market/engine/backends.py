"""Ibis backends the statistics run on: DuckDB (embedded, the default) and PySpark.

PySpark runs in local mode for tests and single machines (`local[N]`) and against a cluster
when `MINSHENG_SPARK_MASTER` (or `master=`) is a `spark://…` URL. The session is configured so
the two engines agree: UTC session time zone, ANSI SQL semantics (Spark 4's default).
"""

from __future__ import annotations

import os
import tempfile

import ibis
import pyarrow as pa

ENGINES = ("duckdb", "pyspark")


def spark_session(
    master: str | None = None,
    *,
    app_name: str = "minsheng-statistics",
    shuffle_partitions: int | None = None,
    driver_memory: str = "4g",
    config: dict[str, str] | None = None,
):
    """A SparkSession for the statistics (reused if one is already running in the process)."""
    from pyspark.sql import SparkSession

    master = master or os.environ.get("MINSHENG_SPARK_MASTER", "local[*]")
    if shuffle_partitions is None:
        # Local mode gains nothing from Spark's 200 default shuffle partitions, only overhead.
        shuffle_partitions = 4 if master.startswith("local") else 200
    warehouse = os.path.join(tempfile.gettempdir(), "minsheng-spark-warehouse")
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    )
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def connect(engine: str = "duckdb", *, spark=None, threads: int | None = None):
    """An Ibis backend: `connect()` is in-memory DuckDB; `connect("pyspark", spark=session)`."""
    if engine == "duckdb":
        con = ibis.duckdb.connect()
        if threads:
            con.raw_sql(f"SET threads = {int(threads)}")
        return con
    if engine in ("pyspark", "spark"):
        return ibis.pyspark.connect(spark if spark is not None else spark_session())
    raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")


def to_arrow(expression) -> pa.Table:
    """Run an Ibis expression on its backend and return Arrow.

    Spark goes through `DataFrame.toArrow()` (Spark ≥ 4) rather than Ibis' pandas round trip,
    which is slower and turns missing strings and Decimals into floats and NaN on the way.
    """
    backend = ibis.get_backend(expression)
    if backend.name == "pyspark":
        return backend._session.sql(backend.compile(expression)).toArrow()
    return expression.to_pyarrow()
