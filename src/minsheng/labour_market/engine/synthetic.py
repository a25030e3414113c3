"""Synthetic snapshots at any scale, for the benchmark (10 M vacancies and seekers) and the demo.

`write_synthetic_snapshot(root, "bench", as_of=…, vacancies=10_000_000, seekers=10_000_000)`
streams every table through `SnapshotWriter` in batches of `batch_rows`, so memory stays flat
whatever the size. Everything is drawn from NumPy generators seeded with (seed, table, batch):
the same arguments give the same snapshot. The shape is plausible rather than real: demand
and job wishes favour partly different occupations (skewed popularity orders), big cities get more
of both, vacancies open over the five quarters before the snapshot day, a third of seekers find
work again, a fifth are on the real-name ledger, and pay is log-normal around an occupation's
level. Cities are the first `city_count` prefecture-level cities by code (default 100, like the
monitored cities); occupations are the 2022 classification's, with their digital / green flags.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from minsheng.core.regions import CITY, region_tree
from minsheng.occupations.engine.taxonomy import Level, Taxonomy

from .tables import MONEY, SCHEMAS, SnapshotWriter

TABLE_NUMBERS = {name: number for number, name in enumerate(SCHEMAS)}
INDUSTRIES = np.array(list("ABCDEFGHIJKLMNOPQRS"))
HISTORY_DAYS = 460  # five quarters and a little: the period, the one before, and pay's year


@dataclass(frozen=True)
class Universe:
    cities: np.ndarray  # city codes
    city_weights: np.ndarray
    occupations: np.ndarray  # occupation codes
    demand_weights: np.ndarray
    wish_weights: np.ndarray
    base_pay: np.ndarray  # a typical monthly pay per occupation

    @classmethod
    def build(cls, *, city_count: int, seed: int) -> Universe:
        rng = np.random.default_rng([seed, 99])
        tree = region_tree()
        codes = sorted(code for code, info in tree.by_code.items() if info.level == CITY)
        cities = np.array(codes[:city_count])
        city_weights = rng.pareto(1.5, len(cities)) + 1
        entries = Taxonomy.default().entries_at(Level.OCCUPATION)
        occupations = np.array([entry.code for entry in entries])
        ranks = np.arange(1, len(occupations) + 1, dtype=float)
        zipf = 1 / ranks**0.9
        demand = rng.permutation(zipf)
        # Job wishes follow demand loosely: popular occupations draw seekers, but not evenly.
        wishes = 0.6 * demand + 0.4 * rng.permutation(zipf)
        return cls(
            cities=cities,
            city_weights=city_weights / city_weights.sum(),
            occupations=occupations,
            demand_weights=demand / demand.sum(),
            wish_weights=wishes / wishes.sum(),
            base_pay=np.round(rng.lognormal(np.log(6500), 0.35, len(occupations)), -1),
        )


def _strings(indices: np.ndarray, values: np.ndarray) -> pa.Array:
    dictionary = pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(values))
    return dictionary.cast(pa.string())


def _dates(days: np.ndarray) -> pa.Array:
    return pa.array(days.astype("datetime64[D]"), pa.date32())


def _money(yuan: np.ndarray) -> pa.Array:
    return pa.array(yuan.astype(np.int64)).cast(pa.decimal128(21, 2)).cast(MONEY)


def _skill_levels(rng, size: int) -> pa.Array:
    levels = rng.integers(1, 9, size).astype(np.int16)
    return pa.array(levels, pa.int16(), mask=rng.random(size) < 0.4)


class Generator:
    def __init__(self, universe: Universe, *, as_of: datetime.date, seed: int) -> None:
        self.u, self.seed, self.as_of = universe, seed, as_of
        self.last_day = np.datetime64(as_of, "D").astype(np.int64)
        self.provinces = np.array([code[:2] + "0000" for code in universe.cities])

    def rng(self, table: str, batch: int):
        return np.random.default_rng([self.seed, TABLE_NUMBERS[table], batch])

    def places(self, rng, size: int) -> tuple[np.ndarray, pa.Array, pa.Array]:
        city = rng.choice(len(self.u.cities), size, p=self.u.city_weights)
        return city, _strings(city, self.u.cities), _strings(city, self.provinces)

    def vacancies(self, batch: int, first_id: int, size: int) -> pa.RecordBatch:
        rng = self.rng("vacancies", batch)
        occupation = rng.choice(len(self.u.occupations), size, p=self.u.demand_weights)
        _city, city, province = self.places(rng, size)
        opens = self.last_day - rng.integers(0, HISTORY_DAYS, size)
        pay = self.u.base_pay[occupation] * rng.lognormal(0, 0.2, size)
        status = rng.choice(np.array(["published", "closed", "pending"]), size, p=[0.8, 0.15, 0.05])
        return pa.RecordBatch.from_pydict({
            "vacancy_id": pa.array(np.arange(first_id, first_id + size)),
            "occupation_code": _strings(occupation, self.u.occupations),
            "region_code": city, "city_code": city, "province_code": province,
            "industry": pa.array(rng.choice(INDUSTRIES, size)),
            "skill_level": _skill_levels(rng, size),
            "headcount": pa.array(rng.geometric(0.3, size).astype(np.int64)),
            "pay_min": _money(np.round(pay, -2)), "pay_max": _money(np.round(pay * 1.3, -2)),
            "opens_on": _dates(opens), "closes_on": _dates(opens + rng.integers(30, 91, size)),
            "status": pa.array(status),
        }, schema=SCHEMAS["vacancies"])  # fmt: skip

    def seekers(self, batch: int, first_id: int, size: int) -> dict[str, pa.RecordBatch]:
        """Job wishes, status changes and ledger stays of `size` people from `first_id` on."""
        rng = self.rng("job_wishes", batch)
        person = np.arange(first_id, first_id + size)
        occupation = rng.choice(len(self.u.occupations), size, p=self.u.wish_weights)
        _city, city, province = self.places(rng, size)
        since = self.last_day - rng.integers(0, HISTORY_DAYS, size)
        wishes = pa.RecordBatch.from_pydict({
            "wish_id": pa.array(person), "person_id": pa.array(person),
            "occupation_code": _strings(occupation, self.u.occupations),
            "city_code": city, "province_code": province, "created_on": _dates(since),
        }, schema=SCHEMAS["job_wishes"])  # fmt: skip
        found = rng.random(size) < 0.35
        found_on = np.minimum(since + rng.integers(20, 200, size), self.last_day)
        changes = pa.RecordBatch.from_pydict({
            "change_id": pa.array(np.concatenate([2 * person, 2 * person[found] + 1])),
            "person_id": pa.array(np.concatenate([person, person[found]])),
            "province_code": pa.concat_arrays([province, province.filter(pa.array(found))]),
            "status": pa.array(["unemployed"] * size + ["employed"] * int(found.sum())),
            "since": _dates(np.concatenate([since, found_on[found]])),
        }, schema=SCHEMAS["status_changes"])  # fmt: skip
        listed = rng.random(size) < 0.2
        exited = rng.random(size) < 0.5
        stays = pa.RecordBatch.from_pydict({
            "entry_id": pa.array(person[listed]), "person_id": pa.array(person[listed]),
            "province_code": province.filter(pa.array(listed)),
            "entered_on": _dates(since[listed]),
            "exited_on": pa.array(found_on[listed].astype("datetime64[D]"), pa.date32(),
                                  mask=~exited[listed]),
        }, schema=SCHEMAS["ledger_entries"])  # fmt: skip
        return {"job_wishes": wishes, "status_changes": changes, "ledger_entries": stays}

    def pay_rows(self, table: str, batch: int, first_id: int, size: int) -> pa.RecordBatch:
        rng = self.rng(table, batch)
        occupation = rng.choice(len(self.u.occupations), size, p=self.u.demand_weights)
        level = _skill_levels(rng, size)
        lift = 1 + 0.08 * np.nan_to_num(level.to_numpy(zero_copy_only=False).astype(float))
        monthly = np.round(self.u.base_pay[occupation] * lift * rng.lognormal(0, 0.3, size), -1)
        _city, city, province = self.places(rng, size)
        common = {
            "occupation_code": _strings(occupation, self.u.occupations), "city_code": city,
            "province_code": province, "industry": pa.array(rng.choice(INDUSTRIES, size)),
            "skill_level": level,
        }  # fmt: skip
        if table == "hires":
            hired = self.last_day - rng.integers(0, 365, size)
            return pa.RecordBatch.from_pydict({
                "application_id": pa.array(np.arange(first_id, first_id + size)), **common,
                "hired_on": _dates(hired), "monthly_pay": _money(monthly),
            }, schema=SCHEMAS["hires"])  # fmt: skip
        year = self.as_of.year
        return pa.RecordBatch.from_pydict({
            "row_id": pa.array(np.arange(first_id, first_id + size)),
            "survey_year": pa.array(year - rng.integers(0, 2, size).astype(np.int16), pa.int16()),
            "employer_credit_code": pa.array([""] * size), **common,
            "annual_pay": _money(monthly * 12),
        }, schema=SCHEMAS["wage_survey"])  # fmt: skip


def _batches(total: int, batch_rows: int) -> Iterator[tuple[int, int, int]]:
    for batch, first in enumerate(range(0, total, batch_rows)):
        yield batch, first + 1, min(batch_rows, total - first)


def occupations_table() -> pa.Table:
    entries = list(Taxonomy.default())
    return pa.Table.from_pylist(
        [{"code": e.code, "level": int(e.level), "name": e.name, "digital": e.digital,
          "green": e.green} for e in entries],
        schema=SCHEMAS["occupations"],
    )  # fmt: skip


def write_synthetic_snapshot(
    root: str | Path,
    snapshot_id: str,
    *,
    as_of: datetime.date,
    vacancies: int = 1_000_000,
    seekers: int = 1_000_000,
    hires: int | None = None,
    survey_rows: int | None = None,
    city_count: int = 100,
    seed: int = 0,
    batch_rows: int = 500_000,
    on_rows: Callable[[str, int], None] = lambda table, rows: None,
) -> Path:
    """Write a snapshot of the given size under ``root/snapshot_id``; return its directory.

    `hires` and `survey_rows` default to a tenth of seekers and of vacancies. `on_rows(table,
    rows)` reports progress.
    """
    generator = Generator(Universe.build(city_count=city_count, seed=seed), as_of=as_of, seed=seed)
    hires = seekers // 10 if hires is None else hires
    survey_rows = vacancies // 10 if survey_rows is None else survey_rows
    with SnapshotWriter(root, snapshot_id) as writer:
        writer.write_table(
            "vacancies",
            (generator.vacancies(*b) for b in _batches(vacancies, batch_rows)),
            on_rows=lambda rows: on_rows("vacancies", rows),
        )
        with ExitStack() as open_tables:
            sinks = {
                table: open_tables.enter_context(
                    writer.table(table, on_rows=lambda rows, table=table: on_rows(table, rows))
                )
                for table in ("job_wishes", "status_changes", "ledger_entries")
            }
            for batch in _batches(seekers, batch_rows):
                for table, rows in generator.seekers(*batch).items():
                    sinks[table].write(rows)
        for table, total in (("hires", hires), ("wage_survey", survey_rows)):
            writer.write_table(
                table,
                (generator.pay_rows(table, *b) for b in _batches(total, batch_rows)),
                on_rows=lambda rows, table=table: on_rows(table, rows),
            )
        writer.write_table("occupations", [occupations_table()])
        writer.commit(as_of=as_of, extra={"synthetic": {"seed": seed, "cities": city_count}})
    return writer.final
