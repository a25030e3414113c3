"""The snapshot format: the tables, their Arrow schemas, and how they are written and read.

A snapshot is a directory ``<root>/<snapshot id>/`` holding one sub-directory per table, each a
Hive-partitioned Parquet dataset (``province=330000/period=2026-07/part-0.parquet``: the row's
province and the month of its defining date, or the survey year for wage-survey rows), plus a
``manifest.json`` with each table's schema and row count and each file's size and SHA-256.

`SnapshotWriter` writes the tables from iterables of Arrow record batches, so no table is ever
held in memory whole, into a hidden temporary directory beside the final one; `commit()` writes
the manifest and renames the directory into place, so a snapshot either exists complete or not
at all. `open_snapshot` registers the tables with an Ibis backend (DuckDB or PySpark); the
directory keys are not read back as columns (each file holds every column itself), so both
engines see exactly the schemas below.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

MONEY = pa.decimal128(14, 2)
MANIFEST = "manifest.json"
FORMAT_VERSION = 1

SCHEMAS: dict[str, pa.Schema] = {
    # Vacancies whose posted period began on or before the snapshot date.
    "vacancies": pa.schema([
        ("vacancy_id", pa.int64()), ("occupation_code", pa.string()),
        ("region_code", pa.string()), ("city_code", pa.string()),
        ("province_code", pa.string()), ("industry", pa.string()),
        ("skill_level", pa.int16()), ("headcount", pa.int64()),
        ("pay_min", MONEY), ("pay_max", MONEY),
        ("opens_on", pa.date32()), ("closes_on", pa.date32()), ("status", pa.string()),
    ]),
    # What current (not merged-away) people look for; city is the wish's, else the person's.
    "job_wishes": pa.schema([
        ("wish_id", pa.int64()), ("person_id", pa.int64()), ("occupation_code", pa.string()),
        ("city_code", pa.string()), ("province_code", pa.string()), ("created_on", pa.date32()),
    ]),
    # Employment-status history up to the snapshot date; a status holds until the next change.
    "status_changes": pa.schema([
        ("change_id", pa.int64()), ("person_id", pa.int64()), ("province_code", pa.string()),
        ("status", pa.string()), ("since", pa.date32()),
    ]),
    # Stays on the real-name ledger; `exited_on` is null while open on the snapshot date.
    "ledger_entries": pa.schema([
        ("entry_id", pa.int64()), ("person_id", pa.int64()), ("province_code", pa.string()),
        ("entered_on", pa.date32()), ("exited_on", pa.date32()),
    ]),
    # Recorded hires with their agreed monthly pay, by the vacancy's place and employer.
    "hires": pa.schema([
        ("application_id", pa.int64()), ("occupation_code", pa.string()),
        ("city_code", pa.string()), ("province_code", pa.string()), ("industry", pa.string()),
        ("skill_level", pa.int16()), ("hired_on", pa.date32()), ("monthly_pay", MONEY),
    ]),
    # Enterprise salary survey (企业薪酬调查): one row per surveyed employee and year.
    "wage_survey": pa.schema([
        ("row_id", pa.int64()), ("survey_year", pa.int16()),
        ("employer_credit_code", pa.string()), ("industry", pa.string()),
        ("city_code", pa.string()), ("province_code", pa.string()),
        ("occupation_code", pa.string()), ("skill_level", pa.int16()), ("annual_pay", MONEY),
    ]),
    # The occupational classification in force on the snapshot date, with its flags.
    "occupations": pa.schema([
        ("code", pa.string()), ("level", pa.int8()), ("name", pa.string()),
        ("digital", pa.bool_()), ("green", pa.bool_()),
    ]),
}  # fmt: skip

# The column whose month names a row's partition (None: the survey year; absent: unpartitioned).
PARTITION_DATE = {
    "vacancies": "opens_on",
    "job_wishes": "created_on",
    "status_changes": "since",
    "ledger_entries": "entered_on",
    "hires": "hired_on",
    "wage_survey": None,
}
ROW_GROUP_ROWS = 65_536  # a partition's rows are written out once this many are buffered
BUFFERED_ROWS = 1_000_000  # and every partition's once all buffers together hold this many


class SnapshotError(Exception):
    pass


def partition_keys(name: str, batch: pa.RecordBatch) -> pa.Array:
    """Each row's partition directory: ``province=330000/period=2026-07``."""
    date_column = PARTITION_DATE[name]
    if date_column is None:
        period = pc.cast(batch.column("survey_year"), pa.string())
    else:
        period = pc.strftime(pc.cast(batch.column(date_column), pa.timestamp("s")), format="%Y-%m")
    province = pc.fill_null(batch.column("province_code"), "unknown")
    return pc.binary_join_element_wise("province=", province, "/period=", period, "")


class PartitionedWriter:
    """Appends batches to one Parquet file per partition, in the calling thread.

    Rows are buffered per partition and written as a row group when a partition has
    `ROW_GROUP_ROWS` of them or all buffers together `BUFFERED_ROWS`, so memory stays bounded
    however large the table. (Arrow's own dataset writer pulls batches from other threads,
    where a database cursor would not see the caller's transaction.)
    """

    def __init__(self, directory: Path, schema: pa.Schema) -> None:
        self.directory, self.schema = directory, schema
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.buffers: dict[str, list[pa.RecordBatch]] = {}
        self.buffered: dict[str, int] = {}

    def add(self, keys: pa.Array, batch: pa.RecordBatch) -> None:
        encoded = pc.dictionary_encode(keys)
        codes = encoded.indices.to_numpy(zero_copy_only=False)
        order = np.argsort(codes, kind="stable")
        ordered, codes = batch.take(pa.array(order)), codes[order]
        starts = np.flatnonzero(np.diff(codes)) + 1
        for start, end in zip(np.r_[0, starts], np.r_[starts, len(codes)], strict=True):
            key = encoded.dictionary[codes[start]].as_py()
            self.buffers.setdefault(key, []).append(ordered.slice(start, end - start))
            self.buffered[key] = self.buffered.get(key, 0) + end - start
            if self.buffered[key] >= ROW_GROUP_ROWS:
                self.flush(key)
        if sum(self.buffered.values()) >= BUFFERED_ROWS:
            for key in list(self.buffers):
                self.flush(key)

    def flush(self, key: str) -> None:
        batches = self.buffers.pop(key, [])
        self.buffered.pop(key, None)
        if not batches:
            return
        if key not in self.writers:
            (self.directory / key).mkdir(parents=True, exist_ok=True)
            path = self.directory / key / "part-0.parquet"
            self.writers[key] = pq.ParquetWriter(path, self.schema)
        self.writers[key].write_table(pa.Table.from_batches(batches, schema=self.schema))

    def close(self) -> None:
        for key in list(self.buffers):
            self.flush(key)
        for writer in self.writers.values():
            writer.close()


class TableSink:
    """One snapshot table being written (see `SnapshotWriter.table`)."""

    def __init__(self, snapshot: SnapshotWriter, name: str, on_rows: Callable[[int], None]):
        self.snapshot, self.name, self.on_rows = snapshot, name, on_rows
        self.schema, self.directory = SCHEMAS[name], snapshot.temporary / name
        self.directory.mkdir()
        if name in PARTITION_DATE:
            self.writer = PartitionedWriter(self.directory, self.schema)
        else:
            self.writer = pq.ParquetWriter(self.directory / "part-0.parquet", self.schema)

    def write(self, item: pa.RecordBatch | pa.Table) -> None:
        for batch in item.to_batches() if isinstance(item, pa.Table) else [item]:
            if not batch.num_rows:
                continue
            batch = batch.select(self.schema.names).cast(self.schema)
            if isinstance(self.writer, PartitionedWriter):
                self.writer.add(partition_keys(self.name, batch), batch)
            else:
                self.writer.write_batch(batch)
            self.snapshot.rows[self.name] += batch.num_rows
            self.on_rows(batch.num_rows)

    def __enter__(self) -> TableSink:
        return self

    def __exit__(self, kind, error, trace) -> None:
        self.writer.close()
        empty = self.snapshot.rows[self.name] == 0 and isinstance(self.writer, PartitionedWriter)
        if empty and kind is None:  # engines cannot read a dataset of no files: give it one
            pq.write_table(self.schema.empty_table(), self.directory / "part-empty.parquet")


class SnapshotWriter:
    """Writes one snapshot; use as a context manager so an exception leaves nothing behind.

    ``with SnapshotWriter(root, "20260930-1") as writer: writer.write_table("vacancies",
    batches); ...; writer.commit(as_of=day)`` — tables not written are written empty.
    """

    def __init__(self, root: str | Path, snapshot_id: str) -> None:
        self.root = Path(root)
        self.snapshot_id = snapshot_id
        self.final = self.root / snapshot_id
        self.temporary = self.root / f".tmp-{snapshot_id}"
        self.rows: dict[str, int] = {}
        self.committed = False

    def __enter__(self) -> SnapshotWriter:
        if self.final.exists():
            raise SnapshotError(f"snapshot {self.snapshot_id} already exists")
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.temporary, ignore_errors=True)
        self.temporary.mkdir()
        return self

    def __exit__(self, kind, error, trace) -> None:
        if not self.committed:
            self.abort()

    def abort(self) -> None:
        shutil.rmtree(self.temporary, ignore_errors=True)

    def write_table(
        self,
        name: str,
        data: Iterable[pa.RecordBatch | pa.Table],
        *,
        on_rows: Callable[[int], None] = lambda rows: None,
    ) -> int:
        """Stream `data` (batches or tables with at least the schema's columns) into the table."""
        with self.table(name, on_rows=on_rows) as sink:
            for item in data:
                sink.write(item)
        return self.rows[name]

    def table(self, name: str, *, on_rows: Callable[[int], None] = lambda rows: None) -> TableSink:
        """A sink to `write()` the table's batches into, closed by its `with` block; several
        tables may be open at once (e.g. generated together)."""
        if name in self.rows:
            raise SnapshotError(f"table {name} written twice")
        self.rows[name] = 0
        return TableSink(self, name, on_rows)

    def commit(self, *, as_of: datetime.date, extra: dict | None = None) -> dict:
        """Write missing tables empty, then the manifest; rename into place; return the manifest."""
        for name in SCHEMAS:
            if name not in self.rows:
                self.write_table(name, [])
        manifest = build_manifest(self.temporary, snapshot_id=self.snapshot_id, as_of=as_of)
        manifest.update(extra or {})
        text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
        (self.temporary / MANIFEST).write_text(text, encoding="utf-8")
        os.replace(self.temporary, self.final)
        self.committed = True
        return manifest


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def build_manifest(directory: Path, *, snapshot_id: str, as_of: datetime.date) -> dict:
    tables = {}
    for name, schema in SCHEMAS.items():
        files = []
        for path in sorted((directory / name).rglob("*.parquet")):
            files.append({
                "path": path.relative_to(directory).as_posix(),
                "rows": pq.ParquetFile(path).metadata.num_rows,
                "bytes": path.stat().st_size,
                "sha256": file_sha256(path),
            })  # fmt: skip
        tables[name] = {
            "rows": sum(f["rows"] for f in files),
            "schema": [[field.name, str(field.type)] for field in schema],
            "files": files,
        }
    return {
        "format": FORMAT_VERSION,
        "snapshot": snapshot_id,
        "as_of": as_of.isoformat(),
        "tables": tables,
    }


def read_manifest(directory: str | Path) -> dict:
    return json.loads((Path(directory) / MANIFEST).read_text(encoding="utf-8"))


def verify_snapshot(directory: str | Path) -> list[str]:
    """Problems found re-hashing the files against the manifest (empty when intact)."""
    directory = Path(directory)
    try:
        manifest = read_manifest(directory)
    except (OSError, ValueError) as error:
        return [f"manifest unreadable: {error}"]
    problems, listed = [], set()
    for name, table in manifest["tables"].items():
        for entry in table["files"]:
            path = directory / entry["path"]
            listed.add(path)
            if not path.is_file():
                problems.append(f"{entry['path']}: missing")
            elif file_sha256(path) != entry["sha256"]:
                problems.append(f"{entry['path']}: SHA-256 differs from the manifest")
        if list(table["schema"]) != [[f.name, str(f.type)] for f in SCHEMAS[name]]:
            problems.append(f"{name}: schema differs from this version's")
    for path in directory.rglob("*.parquet"):
        if path not in listed:
            problems.append(f"{path.relative_to(directory).as_posix()}: not in the manifest")
    return problems


def open_snapshot(con, directory: str | Path) -> dict:
    """The snapshot's tables as Ibis tables on backend `con` (DuckDB or PySpark)."""
    directory = Path(directory).resolve()
    if not (directory / MANIFEST).is_file():
        raise SnapshotError(f"no snapshot at {directory}")
    suffix = hashlib.sha1(str(directory).encode()).hexdigest()[:8]
    tables = {}
    for name, schema in SCHEMAS.items():
        table_name = f"snapshot_{name}_{suffix}"
        if con.name == "pyspark":
            table = con.read_parquet(
                str(directory / name), table_name=table_name, recursiveFileLookup="true"
            )
        else:
            table = con.read_parquet(
                str(directory / name / "**" / "*.parquet"),
                table_name=table_name,
                hive_partitioning=False,
                union_by_name=False,
            )
        tables[name] = table.select(
            *[table[field.name].cast(_ibis_type(field.type)) for field in schema]
        )
    return tables


def _ibis_type(arrow_type: pa.DataType):
    import ibis.expr.datatypes as dt

    return dt.DataType.from_pyarrow(arrow_type)
