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

from contextlib import ExitStack

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


def demand_by_period(
    tables: dict, periods: tuple[Period, ...], region_code: str | None = None
) -> ir.Table:
    """Per cell, ``demand_{i}`` and ``vacancies_{i}`` of each of `periods`, in one scan.

    A cell is in period ``i``'s demand when ``vacancies_{i} > 0`` (see `period_cells`).
    """
    v = within(tables["vacancies"], region_code)
    v = v.filter(
        v.status.isin(PUBLISHED_STATUSES),
        v.occupation_code != "",
        v.city_code.notnull(),
        v.opens_on <= max(p.end for p in periods),
        v.closes_on >= min(p.start for p in periods),
    )
    figures = {}
    for i, period in enumerate(periods):
        posted = (v.opens_on <= period.end) & (v.closes_on >= period.start)
        figures[f"demand_{i}"] = v.headcount.sum(where=posted)
        figures[f"vacancies_{i}"] = v.count(where=posted)
    return v.group_by(*CELL_KEYS).aggregate(**figures)


def seeking_spells(tables: dict) -> ir.Table:
    """Every unemployed spell of a person: ``since`` until the next change (null: still on).

    The same for every period, so one window over the status history serves them all.
    """
    s = tables["status_changes"]
    order = ibis.window(group_by=s.person_id, order_by=[s.since, s.change_id])
    s = s.mutate(until=s.since.lead().over(order))
    s = s.filter(s.status == SEEKING_STATUS, s.until.isnull() | (s.until > s.since))
    return s.select("person_id", "since", "until")


def seeking_flags(tables: dict, periods: tuple[Period, ...]) -> ir.Table:
    """``person_id`` with ``seeking_{i}`` per period, one row per spell or ledger stay."""
    spells = seeking_spells(tables)
    from_spells = spells.select("person_id", **{
        f"seeking_{i}": (spells.since <= p.end) & (spells.until.isnull() | (spells.until > p.start))
        for i, p in enumerate(periods)
    })  # fmt: skip
    ledger = tables["ledger_entries"]
    from_ledger = ledger.select("person_id", **{
        f"seeking_{i}": (ledger.entered_on <= p.end)
        & (ledger.exited_on.isnull() | (ledger.exited_on >= p.start))
        for i, p in enumerate(periods)
    })  # fmt: skip
    flags = from_spells.union(from_ledger)
    return flags.filter(ibis.or_(*[flags[f"seeking_{i}"] for i in range(len(periods))]))


def seekers_by_period(
    tables: dict, periods: tuple[Period, ...], region_code: str | None = None
) -> ir.Table:
    """Per cell, ``seekers_{i}`` of each of `periods`: one join of the wishes for them all.

    A person counts once per cell and period however many wishes, spells or stays match;
    a cell is in period ``i``'s seekers when ``seekers_{i} > 0``.
    """
    wishes = within(tables["job_wishes"], region_code)
    wishes = wishes.filter(
        wishes.occupation_code != "",
        wishes.city_code.notnull(),
        wishes.created_on <= max(p.end for p in periods),
    )
    flags = seeking_flags(tables, periods)
    joined = wishes.join(flags, "person_id")
    # One row per cell and person first (a plain group-by), then count them per cell.
    people = joined.group_by(*CELL_KEYS, "person_id").aggregate(**{
        f"seeker_{i}": ((joined.created_on <= p.end) & joined[f"seeking_{i}"]).any()
        for i, p in enumerate(periods)
    })  # fmt: skip
    return people.group_by(*CELL_KEYS).aggregate(**{
        f"seekers_{i}": people.count(where=people[f"seeker_{i}"]) for i in range(len(periods))
    })  # fmt: skip


def period_cells(asked: ir.Table, looking: ir.Table, i: int) -> ir.Table:
    """Demand, vacancies, seekers, gap and ratio of period ``i`` for every cell with either.

    `asked` and `looking` are `demand_by_period` and `seekers_by_period` of the same periods.
    """
    zero = ibis.literal(0, type="int64")
    asked = asked.filter(asked[f"vacancies_{i}"] > 0)
    asked = asked.select(*CELL_KEYS, demand=asked[f"demand_{i}"].cast("int64"),
                         vacancies=asked[f"vacancies_{i}"].cast("int64"), seekers=zero)  # fmt: skip
    looking = looking.filter(looking[f"seekers_{i}"] > 0)
    looking = looking.select(*CELL_KEYS, demand=zero, vacancies=zero,
                             seekers=looking[f"seekers_{i}"].cast("int64"))  # fmt: skip
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


def shortage_cells(tables: dict, period: Period, region_code: str | None = None) -> ir.Table:
    """Demand, vacancies, seekers, gap and ratio for every occupation × city with either."""
    periods = (period,)
    return period_cells(
        demand_by_period(tables, periods, region_code),
        seekers_by_period(tables, periods, region_code),
        0,
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
    """`shortage_cells`, `shortage_city_top` and `shortage_national` for the period.

    The period and the one before (for the movement) come from one pass over the snapshot.
    """
    periods = (period, period.previous())
    with ExitStack() as cached:

        def keep(table: ir.Table) -> ir.Table:
            """Computed once, read several times, released when the tables are collected."""
            return cached.enter_context(table.cache())

        asked = keep(demand_by_period(tables, periods, region_code))
        looking = keep(seekers_by_period(tables, periods, region_code))
        cells = keep(period_cells(asked, looking, 0))
        earlier = keep(period_cells(asked, looking, 1))
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
