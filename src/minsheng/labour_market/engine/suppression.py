"""Statistical disclosure control for the salary tables: primary and complementary suppression.

**Primary**: a cell with fewer than `min_observations` observations is suppressed (its count and
percentiles are not published); the threshold is the dated parameter
``labour_market.salary_min_observations``.

**Complementary**: the tables are linked by `RELATIONS` — a parent cell (e.g. a city) whose count
is published equals the sum of its child cells (that city's skill levels, "not stated"
included). If exactly one child of a published parent is suppressed, its count would be the
parent's minus the published siblings'; so the smallest published sibling (fewest observations,
then first by key) is suppressed as well. If the suppressed child has no published sibling, the
parent is suppressed instead. Conversely a suppressed parent whose children are all published
would be their sum, so its smallest child is suppressed. Tables sharing a child (city × skill
level under both the city and the skill level) are checked together, repeatedly, until no rule
adds a suppression; then every published parent has zero or at least two suppressed children,
and every suppressed parent with children has at least one suppressed child.

Suppressed cells keep their keys and carry ``suppressed`` = ``primary`` or ``secondary`` with
``n`` and every percentile null; published cells have ``suppressed`` = ``""``. The rules apply to
the computed tables, after either engine ran, so suppression is the same on both.
"""

from __future__ import annotations

from collections import defaultdict

import pyarrow as pa

from .salary import PERCENTILES

PRIMARY, SECONDARY = "primary", "secondary"
# (parent table, child table, keys the child shares with its parent)
RELATIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("salary_total", "salary_by_medium_group", ()),
    ("salary_by_medium_group", "salary_by_occupation", ("medium_group",)),
    ("salary_total", "salary_by_skill_level", ()),
    ("salary_total", "salary_by_city", ()),
    ("salary_total", "salary_by_industry", ()),
    ("salary_by_city", "salary_by_city_skill_level", ("city_code",)),
    ("salary_by_skill_level", "salary_by_city_skill_level", ("skill_level",)),
)
SUPPRESSED = pa.field("suppressed", pa.string())


def _sort_key(row: dict, keys: list[str]) -> tuple:
    return (row["n"], *[(row[k] is None, row[k] if row[k] is not None else 0) for k in keys])


def suppress(
    tables: dict[str, pa.Table],
    *,
    min_observations: int,
    relations: tuple[tuple[str, str, tuple[str, ...]], ...] = RELATIONS,
) -> dict[str, pa.Table]:
    """The tables with a ``suppressed`` column and suppressed cells' figures nulled."""
    rows = {name: table.to_pylist() for name, table in tables.items()}
    status = {name: [PRIMARY if r["n"] < min_observations else "" for r in rows[name]]
              for name in rows}  # fmt: skip
    value_keys = {"n", *(f"p{p}" for p in PERCENTILES)}
    keys_of = {name: [c for c in tables[name].column_names if c not in value_keys]
               for name in tables}  # fmt: skip
    changed = True
    while changed:
        changed = False
        for parent, child, shared in relations:
            if parent not in rows or child not in rows:
                continue
            children = defaultdict(list)
            for index, row in enumerate(rows[child]):
                children[tuple(row[k] for k in shared)].append(index)
            for p_index, p_row in enumerate(rows[parent]):
                kids = children.get(tuple(p_row[k] for k in shared), [])
                hidden = [i for i in kids if status[child][i]]
                shown = [i for i in kids if not status[child][i]]
                if status[parent][p_index]:
                    needs_company = bool(kids) and not hidden  # else the kids add up to it
                else:
                    needs_company = len(hidden) == 1  # else parent − shown kids = hidden kid
                if not needs_company:
                    continue
                if shown:
                    smallest = min(shown, key=lambda i: _sort_key(rows[child][i], keys_of[child]))
                    status[child][smallest] = SECONDARY
                else:
                    status[parent][p_index] = SECONDARY
                changed = True
    return {name: _published(tables[name], rows[name], status[name], value_keys) for name in rows}


def _published(table: pa.Table, rows: list[dict], status: list[str], hidden: set) -> pa.Table:
    for row, mark in zip(rows, status, strict=True):
        if mark:
            row.update(dict.fromkeys(hidden))
        row["suppressed"] = mark
    schema = table.schema.append(SUPPRESSED)
    return pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
