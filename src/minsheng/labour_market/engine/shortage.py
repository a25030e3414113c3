"""Shortage monitoring (紧缺职业): demand and job seekers per occupation × city × period.

Definitions, for a period [start, end] (a quarter, or a year for annual releases):

- **demand**: the summed headcount of vacancies that were published (status ``published`` or
  ``closed``) and whose posted period ``[opens_on, closes_on]`` overlaps the period, by the
  vacancy's occupation and city. A vacancy closed early still counts for its posted period.
- **seekers**: distinct people with a job wish for the occupation in the city (the wish's region,
  else the person's) made on or before ``end``, who were looking for work at some time in the
  period: an ``unemployed`` employment status in force on some day of it (a status holds from
  its date until the person's next status change), or a stay on the real-name ledger
  overlapping it.
- **gap** = demand − seekers; **ratio** (求人倍率) = demand ÷ seekers, null when there are no
  seekers.
- **city top-20**: each city's occupations with a positive gap, ranked by gap (then demand, then
  occupation code), first 20.
- **national top-100**: occupations in at least one city top-20, ranked by
  ``weight = total_gap × cities``, where ``cities`` is the number of cities listing the
  occupation in their top-20 and ``total_gap`` the sum of its gaps there; ties go to more
  cities, then the larger total gap, then the occupation code. A shortage that is both large
  and widespread ranks first; one city's very large gap cannot outrank a moderate gap reported
  by many cities unless it is larger than their sum times their number.
- **movement**: each ranking is also computed for the previous period from the same snapshot;
  ``rank_change`` = previous rank − rank (positive: rose), ``is_new`` when it was not ranked.
- **digital / green**: the occupation's S / L marks in the classification of the snapshot.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from .backends import to_arrow
from .periods import Period

PUBLISHED_STATUSES = ("published", "closed")
SEEKING_STATUS = "unemployed"
CELL_KEYS = ("city_code", "occupation_code")
CITY_TOP = 20
NATIONAL_TOP = 100


def within(table: ir.Table, region_code: str | None) -> ir.Table:
    """Rows inside a province (``xx0000``) or city (``xxxx00``); the nation keeps every row."""
    if not region_code or region_code == "100000":
        return table
    if region_code.endswith("0000"):
        return table.filter(table.province_code == region_code)
    return table.filter(table.city_code == region_code)


def demand(tables: dict, period: Period, region_code: str | None = None) -> ir.Table:
    v = within(tables["vacancies"], region_code)
    v = v.filter(
        v.status.isin(PUBLISHED_STATUSES),
        v.occupation_code != "",
        v.city_code.notnull(),
        v.opens_on <= period.end,
        v.closes_on >= period.start,
    )
    return v.group_by(*CELL_KEYS).aggregate(demand=v.headcount.sum(), vacancies=v.count())


def seeking_people(tables: dict, period: Period) -> ir.Table:
    """Distinct `person_id`s looking for work at some time in the period."""
    s = tables["status_changes"]
    order = ibis.window(group_by=s.person_id, order_by=[s.since, s.change_id])
    s = s.mutate(until=s.since.lead().over(order))
    spells = s.filter(
        s.status == SEEKING_STATUS,
        s.since <= period.end,
        s.until.isnull() | ((s.until > period.start) & (s.until > s.since)),
    ).select("person_id")
    ledger = tables["ledger_entries"]
    stays = ledger.filter(
        ledger.entered_on <= period.end,
        ledger.exited_on.isnull() | (ledger.exited_on >= period.start),
    ).select("person_id")
    return spells.union(stays, distinct=True)


def seekers(tables: dict, period: Period, region_code: str | None = None) -> ir.Table:
    wishes = within(tables["job_wishes"], region_code)
    wishes = wishes.filter(
        wishes.occupation_code != "", wishes.city_code.notnull(), wishes.created_on <= period.end
    )
    people = seeking_people(tables, period)
    matched = wishes.semi_join(people, wishes.person_id == people.person_id)
    return matched.group_by(*CELL_KEYS).aggregate(seekers=matched.person_id.nunique())


def shortage_cells(tables: dict, period: Period, region_code: str | None = None) -> ir.Table:
    """Demand, vacancies, seekers, gap and ratio for every occupation × city with either."""
    zero = ibis.literal(0, type="int64")
    asked = demand(tables, period, region_code)
    asked = asked.select(*CELL_KEYS, asked.demand.cast("int64"), asked.vacancies.cast("int64"),
                         seekers=zero)  # fmt: skip
    looking = seekers(tables, period, region_code)
    looking = looking.select(*CELL_KEYS, demand=zero, vacancies=zero,
                             seekers=looking.seekers.cast("int64"))  # fmt: skip
    both = asked.union(looking)
    cells = both.group_by(*CELL_KEYS).aggregate(
        demand=both.demand.sum().cast("int64"),
        vacancies=both.vacancies.sum().cast("int64"),
        seekers=both.seekers.sum().cast("int64"),
    )
    return cells.mutate(
        gap=cells.demand - cells.seekers,
        ratio=cells.demand.cast("float64") / cells.seekers.nullif(0).cast("float64"),
    )


def city_top(cells: ir.Table, n: int = CITY_TOP) -> ir.Table:
    short = cells.filter(cells.gap > 0)
    order = ibis.window(
        group_by=short.city_code,
        order_by=[ibis.desc(short.gap), ibis.desc(short.demand), short.occupation_code],
    )
    ranked = short.mutate(rank=(ibis.row_number().over(order) + 1).cast("int64"))
    return ranked.filter(ranked.rank <= n)


def national_ranking(top: ir.Table, n: int = NATIONAL_TOP) -> ir.Table:
    grouped = top.group_by("occupation_code").aggregate(
        cities=top.count().cast("int64"),
        total_gap=top.gap.sum().cast("int64"),
        demand=top.demand.sum().cast("int64"),
        seekers=top.seekers.sum().cast("int64"),
    )
    grouped = grouped.mutate(
        weight=grouped.total_gap * grouped.cities,
        ratio=grouped.demand.cast("float64") / grouped.seekers.nullif(0).cast("float64"),
    )
    order = ibis.window(
        order_by=[
            ibis.desc(grouped.weight),
            ibis.desc(grouped.cities),
            ibis.desc(grouped.total_gap),
            grouped.occupation_code,
        ]
    )
    ranked = grouped.mutate(rank=(ibis.row_number().over(order) + 1).cast("int64"))
    return ranked.filter(ranked.rank <= n)


def with_movement(current: ir.Table, previous: ir.Table, keys: tuple[str, ...]) -> ir.Table:
    earlier = previous.select(
        *[previous[key].name(f"previous_{key}") for key in keys], previous_rank=previous.rank
    )
    joined = current.left_join(
        earlier, [current[key] == earlier[f"previous_{key}"] for key in keys]
    ).drop(*[f"previous_{key}" for key in keys])
    return joined.mutate(
        rank_change=joined.previous_rank - joined.rank, is_new=joined.previous_rank.isnull()
    )


def with_flags(table: ir.Table, occupations: ir.Table) -> ir.Table:
    names = occupations.select(
        flag_code=occupations.code,
        occupation_name=occupations.name,
        digital=occupations.digital,
        green=occupations.green,
    )
    joined = table.left_join(names, table.occupation_code == names.flag_code).drop("flag_code")
    return joined.mutate(
        occupation_name=joined.occupation_name.fill_null(""),
        digital=joined.digital.fill_null(False),
        green=joined.green.fill_null(False),
    )


CELLS_SCHEMA = pa.schema([
    ("city_code", pa.string()), ("occupation_code", pa.string()), ("demand", pa.int64()),
    ("vacancies", pa.int64()), ("seekers", pa.int64()), ("gap", pa.int64()),
    ("ratio", pa.float64()),
])  # fmt: skip
MOVEMENT = [
    ("previous_rank", pa.int64()),
    ("rank_change", pa.int64()),
    ("is_new", pa.bool_()),
    ("occupation_name", pa.string()),
    ("digital", pa.bool_()),
    ("green", pa.bool_()),
]
CITY_TOP_SCHEMA = pa.schema([
    ("city_code", pa.string()), ("rank", pa.int64()), ("occupation_code", pa.string()),
    ("demand", pa.int64()), ("vacancies", pa.int64()), ("seekers", pa.int64()),
    ("gap", pa.int64()), ("ratio", pa.float64()), *MOVEMENT,
])  # fmt: skip
NATIONAL_SCHEMA = pa.schema([
    ("rank", pa.int64()), ("occupation_code", pa.string()), ("cities", pa.int64()),
    ("total_gap", pa.int64()), ("weight", pa.int64()), ("demand", pa.int64()),
    ("seekers", pa.int64()), ("ratio", pa.float64()), *MOVEMENT,
])  # fmt: skip


def collect(expression: ir.Table, schema: pa.Schema, sort_keys: tuple[str, ...]) -> pa.Table:
    """Run on the expression's backend; same column order, types and row order on every engine."""
    result = to_arrow(expression.select(*schema.names)).cast(schema)
    return result.sort_by([(key, "ascending", "at_end") for key in sort_keys])


def shortage_tables(
    tables: dict,
    period: Period,
    *,
    region_code: str | None = None,
    city_top_n: int = CITY_TOP,
    national_n: int = NATIONAL_TOP,
) -> dict[str, pa.Table]:
    """`shortage_cells`, `shortage_city_top` and `shortage_national` for the period."""
    cells = shortage_cells(tables, period, region_code).cache()
    earlier = shortage_cells(tables, period.previous(), region_code).cache()
    try:
        top, top_before = city_top(cells, city_top_n), city_top(earlier, city_top_n)
        city = with_flags(with_movement(top, top_before, CELL_KEYS), tables["occupations"])
        nation = with_movement(
            national_ranking(top, national_n),
            national_ranking(top_before, national_n),
            ("occupation_code",),
        )
        nation = with_flags(nation, tables["occupations"])
        return {
            "shortage_cells": collect(cells, CELLS_SCHEMA, CELL_KEYS),
            "shortage_city_top": collect(city, CITY_TOP_SCHEMA, ("city_code", "rank")),
            "shortage_national": collect(nation, NATIONAL_SCHEMA, ("rank",)),
        }
    finally:
        cells.release()
        earlier.release()
