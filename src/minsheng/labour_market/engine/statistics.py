"""One release's statistics from one snapshot: every table, in one call, on either engine."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pyarrow as pa

from .pay_guide import reference_pay_guide
from .periods import Period
from .salary import BREAKDOWNS, salary_tables
from .shortage import CITY_TOP, NATIONAL_TOP, shortage_tables
from .suppression import suppress

SHORTAGE_TABLES = ("shortage_cells", "shortage_city_top", "shortage_national")
RELEASE_TABLES = (*SHORTAGE_TABLES, *BREAKDOWNS, "pay_guide")
STEPS = ("shortage", "salary", "suppression", "pay_guide")


def compute_statistics(
    tables: dict,
    period: Period,
    *,
    min_observations: int,
    monthly_minimum: Callable[[str], Decimal | None] = lambda city: None,
    region_code: str | None = None,
    city_top_n: int = CITY_TOP,
    national_n: int = NATIONAL_TOP,
    on_step: Callable[[str], None] = lambda step: None,
) -> dict[str, pa.Table]:
    """Every table of `RELEASE_TABLES` for `period` from the snapshot `tables` (`open_snapshot`).

    `monthly_minimum(city_code)` gives the city's monthly minimum wage at the period's end (for
    the pay guide's floor); `on_step` is told each of `STEPS` as it starts (progress bars).
    """
    results: dict[str, pa.Table] = {}
    on_step("shortage")
    results |= shortage_tables(
        tables, period, region_code=region_code, city_top_n=city_top_n, national_n=national_n
    )
    on_step("salary")
    raw = salary_tables(tables, period, region_code=region_code)
    on_step("suppression")
    results |= suppress(raw, min_observations=min_observations)
    on_step("pay_guide")
    results["pay_guide"] = reference_pay_guide(
        results["salary_by_city_skill_level"], monthly_minimum
    )
    return results


def differences(expected: dict[str, pa.Table], actual: dict[str, pa.Table]) -> list[str]:
    """What differs between two sets of result tables (empty when they are identical)."""
    problems = []
    for name in sorted(set(expected) | set(actual)):
        if name not in expected or name not in actual:
            problems.append(f"{name}: present on one side only")
            continue
        left, right = expected[name], actual[name]
        if left.schema != right.schema:
            problems.append(f"{name}: schemas differ")
        elif left.num_rows != right.num_rows:
            problems.append(f"{name}: {left.num_rows} rows against {right.num_rows}")
        elif not left.equals(right):
            for index, (a, b) in enumerate(zip(left.to_pylist(), right.to_pylist(), strict=True)):
                if a != b:
                    problems.append(f"{name}: row {index} differs: {a} against {b}")
                    break
    return problems
