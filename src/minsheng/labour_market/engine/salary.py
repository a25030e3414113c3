"""Salary price information (工资价位): annual pay percentiles by occupation, level, place…

Observations, for a release period, are the twelve months ending with it (`Period.pay_window`):

- every recorded hire with ``hired_on`` in the window, at ``12 × monthly_pay``, by the vacancy's
  occupation, skill level, city and the employer's industry;
- every enterprise-salary-survey row whose survey year overlaps the window, at its annual pay.

**Percentiles are nearest-rank**: in a cell of ``n`` observations sorted by pay, the P-th
percentile is the value at rank ``k = ⌈P × n / 100⌉`` (1-based). It is always an observed pay,
needs no interpolation, and is computed from running counts over the cell's sorted distinct
pays, selecting the pay whose ranks ``b + 1 … c`` hold the one for which
``(k − 1) × 100 < P × n ≤ k × 100``, i.e. ``b × 100 < P × n ≤ c × 100``, in integer arithmetic;
so DuckDB and Spark compute the very same Decimal (approximate quantile functions would not).

Cells: `BREAKDOWNS` names each table and its grouping columns. A missing skill level is its own
cell (skill level null: "not stated"), an uncoded occupation likewise (code and group ``""``),
so every table's cells add up to the total. Suppression is applied afterwards (`suppression`).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from .backends import to_arrow
from .periods import Period
from .shortage import within
from .tables import MONEY

PERCENTILES = (10, 25, 50, 75, 90)
BREAKDOWNS: dict[str, tuple[str, ...]] = {
    "salary_total": (),
    "salary_by_medium_group": ("medium_group",),
    "salary_by_occupation": ("medium_group", "occupation_code"),
    "salary_by_skill_level": ("skill_level",),
    "salary_by_city": ("city_code",),
    "salary_by_industry": ("industry",),
    "salary_by_city_skill_level": ("city_code", "skill_level"),
}
KEY_TYPES = {
    "medium_group": pa.string(),
    "occupation_code": pa.string(),
    "skill_level": pa.int16(),
    "city_code": pa.string(),
    "industry": pa.string(),
}
OBSERVATION_COLUMNS = (
    "occupation_code", "city_code", "province_code", "industry", "skill_level", "annual_pay",
    "source",
)  # fmt: skip


def _money(value: ir.Value) -> ir.Value:
    return value.cast(ibis.dtype(f"decimal({MONEY.precision}, {MONEY.scale})"))


def pay_observations(tables: dict, period: Period, region_code: str | None = None) -> ir.Table:
    """One row per observed annual pay in the period's twelve-month window."""
    start, end = period.pay_window()
    h = tables["hires"]
    h = h.filter(h.hired_on >= start, h.hired_on <= end)
    hires = h.select(
        "occupation_code", "city_code", "province_code", "industry", "skill_level",
        annual_pay=_money(h.monthly_pay * 12), source=ibis.literal("hire"),
    )  # fmt: skip
    s = tables["wage_survey"]
    s = s.filter(s.survey_year >= start.year, s.survey_year <= end.year)
    survey = s.select(
        "occupation_code", "city_code", "province_code", "industry", "skill_level",
        annual_pay=_money(s.annual_pay), source=ibis.literal("survey"),
    )  # fmt: skip
    observations = within(hires.union(survey), region_code)
    observations = observations.mutate(
        occupation_code=observations.occupation_code.fill_null(""),
        industry=observations.industry.fill_null(""),
    )
    code = observations.occupation_code
    return observations.mutate(
        medium_group=ibis.ifelse(code.length() >= 4, code.substr(0, 4) + "-00-00", "")
    )


def percentile_cells(observations: ir.Table, keys: tuple[str, ...]) -> ir.Table:
    """``n`` and the nearest-rank `PERCENTILES` of annual pay per cell of `keys`.

    Pays repeat a lot (rounded amounts), so each cell's distinct pays are counted first and
    the window runs over those: the value at rank ``k`` is the pay whose cumulative count
    first reaches ``k``. A null pay counts nothing and is never a percentile.
    """
    pays = observations.group_by(*keys, "annual_pay").aggregate(
        count=observations.annual_pay.count().cast("int64")
    )
    cumulative = ibis.window(group_by=list(keys), order_by=pays.annual_pay, following=0)
    whole = ibis.window(group_by=list(keys), order_by=pays.annual_pay)
    ranked = pays.mutate(
        through=pays["count"].sum().over(cumulative).cast("int64"),
        n=pays["count"].sum().over(whole).cast("int64"),
    )
    before = ranked.through - ranked["count"]  # the rank just below this pay's first
    aggregates = {"n": ranked.n.max()}
    for p in PERCENTILES:
        at_rank = (before * 100 < p * ranked.n) & (ranked.through * 100 >= p * ranked.n)
        aggregates[f"p{p}"] = ranked.annual_pay.max(where=at_rank)
    if keys:
        return ranked.group_by(*keys).aggregate(**aggregates)
    return ranked.aggregate(**aggregates)


def cell_schema(keys: tuple[str, ...]) -> pa.Schema:
    fields = [(key, KEY_TYPES[key]) for key in keys] + [("n", pa.int64())]
    return pa.schema(fields + [(f"p{p}", MONEY) for p in PERCENTILES])


def salary_tables(
    tables: dict, period: Period, *, region_code: str | None = None
) -> dict[str, pa.Table]:
    """Every `BREAKDOWNS` table, unsuppressed, sorted by its keys."""
    observations = pay_observations(tables, period, region_code)
    used = {key for keys in BREAKDOWNS.values() for key in keys}
    # Only what the breakdowns read is kept, once, for the seven of them.
    observations = observations.select(*sorted(used), "annual_pay").cache()
    try:
        results = {}
        for name, keys in BREAKDOWNS.items():
            schema = cell_schema(keys)
            table = to_arrow(percentile_cells(observations, keys).select(*schema.names))
            table = table.cast(schema)
            if not keys and table.num_rows == 1 and table.column("n")[0].as_py() in (None, 0):
                table = table.slice(0, 0)  # no observations: no total cell, as no other cell
            sort = [(key, "ascending", "at_end") for key in keys]
            results[name] = table.sort_by(sort) if sort else table
        return results
    finally:
        observations.release()
