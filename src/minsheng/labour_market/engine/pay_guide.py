"""The reference pay guide for skilled workers (技能人才薪酬指引), by skill level and city."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pyarrow as pa

from .tables import MONEY

GUIDE_SCHEMA = pa.schema([
    ("city_code", pa.string()), ("skill_level", pa.int16()), ("n", pa.int64()),
    ("minimum_monthly", MONEY), ("floor_annual", MONEY),
    ("low", MONEY), ("middle", MONEY), ("high", MONEY),
    ("raised_to_floor", pa.bool_()), ("suppressed", pa.string()),
])  # fmt: skip


def reference_pay_guide(
    city_skill_cells: pa.Table, monthly_minimum: Callable[[str], Decimal | None]
) -> pa.Table:
    """Reference annual pay for skilled workers, by city and skill level.

    Method: for each city and each stated skill level (apprentice to chief technician), take the
    published salary cell of that skill level in that city (recorded hires at 12 × monthly pay
    and enterprise-salary-survey rows of the twelve months ending with the period). The guide's
    low, middle and high values are that cell's 25th, 50th and 75th percentiles of annual pay
    (nearest rank); each is raised to 12 × the city's monthly minimum wage (the full-time
    standard in force at the end of the period, at the tier of the city's urban districts) where
    it falls below it, and ``raised_to_floor`` says so. A cell suppressed for too few
    observations gives no guide values; a city without a recorded minimum wage is not floored.
    Cells whose skill level is not stated are left out.
    """
    rows = []
    for cell in city_skill_cells.to_pylist():
        if cell["skill_level"] is None:
            continue
        minimum = monthly_minimum(cell["city_code"])
        floor = minimum * 12 if minimum is not None else None
        values, raised = {}, False
        for name, column in (("low", "p25"), ("middle", "p50"), ("high", "p75")):
            pay = cell[column]
            if pay is not None and floor is not None and pay < floor:
                pay, raised = floor, True
            values[name] = pay
        rows.append({
            "city_code": cell["city_code"],
            "skill_level": cell["skill_level"],
            "n": cell["n"],
            "minimum_monthly": minimum,
            "floor_annual": floor,
            **values,
            "raised_to_floor": raised,
            "suppressed": cell.get("suppressed", ""),
        })  # fmt: skip
    table = pa.Table.from_pylist(rows, schema=GUIDE_SCHEMA) if rows else GUIDE_SCHEMA.empty_table()
    return table.sort_by([("city_code", "ascending"), ("skill_level", "ascending")])


METHOD = reference_pay_guide.__doc__
