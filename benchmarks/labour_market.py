"""Labour-market statistics: shortage ranking and wage percentiles, DuckDB against local PySpark.

    uv run python benchmarks/labour_market.py [--vacancies 10000000] [--seekers 10000000]
        [--skip-spark] [--keep DIR]

Writes a synthetic snapshot (`write_synthetic_snapshot`, fixed seed, 100 cities, snapshot day
2026-10-15) of `--vacancies` vacancies and `--seekers` seekers — with their job wishes, status
changes and ledger stays, and the pay rows the percentiles need: hires a tenth of the seekers,
wage-survey rows a tenth of the vacancies — into a temporary directory (or `--keep DIR`, where
it stays and is reused by the next run of the same size). Writing it is timed and printed, but
is not part of the target.

Then, for the 2026Q3 release, each engine runs in a child process of its own (so that its peak
memory is its own) and computes every release table with `compute_statistics`: steps timed
separately: the shortage tables (cells, city top-20, national top-100, each also for the
previous quarter for the movement), the salary percentile tables (P10…P90 of seven breakdowns,
nearest rank), their suppression and the pay guide (both in Python on the collected tables, so
the same on both engines). DuckDB runs in-process with 2 threads; PySpark in local[2] mode
(start-up of the JVM timed apart). Printed side by side: the time per step, the target's total
(shortage + percentiles), the whole computation, the CPU seconds the target's steps took (the
child's own, plus for PySpark its JVM's; they vary much less than the wall-clock times when
other work shares the two cores, so the load average at the start is printed too), peak RSS
(the child's own ``getrusage(RUSAGE_SELF)``, and for PySpark the JVM's peak resident set — the
JVM is the child's child, read from ``/proc/<pid>/status`` VmHWM before it stops), and whether
the results are equal (`differences`: number of differing tables; must be 0).
Target (issue 6): shortage ranking + percentile tables on DuckDB < 30 s on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.feather as feather

from minsheng.labour_market.engine import (
    STEPS,
    Period,
    compute_statistics,
    connect,
    differences,
    open_snapshot,
    read_manifest,
    spark_session,
)
from minsheng.labour_market.engine.synthetic import write_synthetic_snapshot

AS_OF = datetime.date(2026, 10, 15)
PERIOD = Period(2026, 3)
MIN_OBSERVATIONS = 10
THREADS = 2
TARGET_SECONDS = 30
TARGET_STEPS = ("shortage", "salary")


def own_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_seconds(jvm: int | None) -> float:
    """CPU (user + system) used so far by this process and, if given, the JVM process."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    if jvm:
        try:  # fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name
            fields = Path(f"/proc/{jvm}/stat").read_text().rsplit(")", 1)[1].split()
            used += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return used


def process_peak_mib(pid: int) -> float | None:
    """A running process's peak resident set (VmHWM), or None where /proc has no such line."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def snapshot(root: Path, vacancies: int, seekers: int) -> tuple[Path, float | None]:
    """The snapshot's directory, and the seconds spent writing it (None when reused)."""
    name = f"bench-{vacancies}-{seekers}"
    directory = root / name
    if (directory / "manifest.json").exists():
        return directory, None
    started = time.perf_counter()
    write_synthetic_snapshot(root, name, as_of=AS_OF, vacancies=vacancies, seekers=seekers)
    return directory, time.perf_counter() - started


def run_engine(engine: str, directory: Path, results: Path) -> dict:
    """In the child: compute every table, write them as Feather files, return the figures."""
    figures: dict = {"steps": {}}
    jvm = None
    started = time.perf_counter()
    if engine == "pyspark":
        spark = spark_session(f"local[{THREADS}]", shuffle_partitions=2 * THREADS,
                              driver_memory="6g")  # fmt: skip
        proc = getattr(spark.sparkContext._gateway, "proc", None)
        jvm = proc.pid if proc is not None else None
        con = connect("pyspark", spark=spark)
    else:
        con = connect("duckdb", threads=THREADS)
    figures["start"] = time.perf_counter() - started

    started = time.perf_counter()
    tables = open_snapshot(con, directory)
    figures["open"] = time.perf_counter() - started

    marks: list[tuple[str, float, float]] = []
    started = time.perf_counter()
    computed = compute_statistics(
        tables, PERIOD, min_observations=MIN_OBSERVATIONS,
        on_step=lambda step: marks.append((step, time.perf_counter(), cpu_seconds(jvm))),
    )  # fmt: skip
    finished, finished_cpu = time.perf_counter(), cpu_seconds(jvm)
    figures["compute"] = finished - started
    ends = [(at, cpu) for _, at, cpu in marks[1:]] + [(finished, finished_cpu)]
    figures["cpu_steps"] = {}
    for (step, began, began_cpu), (ended, ended_cpu) in zip(marks, ends, strict=True):
        figures["steps"][step] = ended - began
        figures["cpu_steps"][step] = ended_cpu - began_cpu

    results.mkdir(parents=True, exist_ok=True)
    for name, table in computed.items():
        feather.write_feather(table, results / f"{name}.arrow")
    figures["rows"] = {name: table.num_rows for name, table in computed.items()}
    figures["peak_self"] = own_peak_mib()
    figures["peak_jvm"] = process_peak_mib(jvm) if jvm else None
    if engine == "pyspark":
        spark.stop()
    figures["peak_children"] = children_peak_mib()
    return figures


def read_results(directory: Path) -> dict[str, pa.Table]:
    return {path.stem: feather.read_table(path) for path in sorted(directory.glob("*.arrow"))}


def child(engine: str, directory: Path, results: Path) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", engine, "--snapshot", str(directory),
         "--results", str(results)],
        capture_output=True, text=True,
    )  # fmt: skip
    if completed.returncode:
        sys.exit(f"the {engine} run failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def seconds(value: float | None) -> str:
    return f"{value:8.2f} s" if value is not None else f"{'-':>10}"


def mib(value: float | None) -> str:
    return f"{value:8,.0f} MiB" if value is not None else f"{'-':>12}"


def report(figures: dict[str, dict], problems: list[str] | None) -> None:
    engines = list(figures)
    print(f"{'':32}" + "".join(f"{engine:>16}" for engine in engines))

    def line(label: str, values: list[str]) -> None:
        print(f"{label:32}" + "".join(f"{value:>16}" for value in values))

    line("engine start", [seconds(f["start"]) for f in figures.values()])
    line("open snapshot", [seconds(f["open"]) for f in figures.values()])
    labels = {"shortage": "shortage ranking", "salary": "percentile tables",
              "suppression": "suppression (Python)", "pay_guide": "pay guide (Python)"}  # fmt: skip
    for step in STEPS:
        line(labels.get(step, step), [seconds(f["steps"].get(step)) for f in figures.values()])
    line(
        f"shortage + percentiles (< {TARGET_SECONDS} s)",
        [seconds(sum(f["steps"][s] for s in TARGET_STEPS)) for f in figures.values()],
    )
    line("all statistics", [seconds(f["compute"]) for f in figures.values()])
    line(
        "shortage + percentiles, CPU",
        [seconds(sum(f["cpu_steps"][s] for s in TARGET_STEPS)) for f in figures.values()],
    )
    line("peak RSS, engine process", [mib(f["peak_self"]) for f in figures.values()])
    line("peak RSS, JVM (its child)", [mib(f["peak_jvm"]) for f in figures.values()])
    line("peak RSS, waited-for children", [mib(f["peak_children"]) for f in figures.values()])
    first = figures[engines[0]]["rows"]
    print("result rows: " + ", ".join(f"{name} {rows:,}" for name, rows in first.items()))
    if problems is None:
        print("results equal: not compared (--skip-spark)")
    else:
        print(f"results equal: {'yes' if not problems else 'NO'} "
              f"({len(problems)} differing tables)")  # fmt: skip
        for problem in problems:
            print("  " + problem[:300])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vacancies", type=int, default=10_000_000)
    parser.add_argument("--seekers", type=int, default=10_000_000)
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--keep", metavar="DIR", help="write (or reuse) the snapshot here")
    parser.add_argument("--child", choices=("duckdb", "pyspark"), help=argparse.SUPPRESS)
    parser.add_argument("--snapshot", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        figures = run_engine(arguments.child, arguments.snapshot, arguments.results)
        print(json.dumps(figures))
        return

    with tempfile.TemporaryDirectory(prefix="minsheng-bench-") as scratch:
        root = Path(arguments.keep) if arguments.keep else Path(scratch)
        root.mkdir(parents=True, exist_ok=True)
        directory, written = snapshot(root, arguments.vacancies, arguments.seekers)
        manifest = read_manifest(directory)["tables"]
        sizes = ", ".join(f"{name} {entry['rows']:,}" for name, entry in manifest.items())
        on_disk = sum(path.stat().st_size for path in directory.rglob("*.parquet"))
        how = f"written in {written:.1f} s" if written is not None else "reused"
        print(f"snapshot {directory} ({how}, not part of the target; "
              f"{on_disk / 2**20:,.0f} MiB of Parquet): {sizes}")  # fmt: skip
        print(f"release {PERIOD.label}, minimum {MIN_OBSERVATIONS} observations a cell, "
              f"{THREADS} threads / local[{THREADS}]; load average "
              f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")  # fmt: skip

        engines = ["duckdb"] if arguments.skip_spark else ["duckdb", "pyspark"]
        figures = {}
        for engine in engines:
            figures[engine] = child(engine, directory, Path(scratch) / "results" / engine)
        problems = None
        if not arguments.skip_spark:
            results = Path(scratch) / "results"
            problems = differences(
                read_results(results / "duckdb"), read_results(results / "pyspark")
            )
        report(figures, problems)


if __name__ == "__main__":
    main()
