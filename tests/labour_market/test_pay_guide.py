from decimal import Decimal

import pyarrow as pa

from minsheng.labour_market.engine.pay_guide import METHOD, reference_pay_guide
from minsheng.labour_market.engine.salary import cell_schema
from minsheng.labour_market.engine.suppression import SUPPRESSED

SCHEMA = cell_schema(("city_code", "skill_level")).append(SUPPRESSED)


def cell(city, level, p25, p50, p75, suppressed=""):
    values = {"p25": p25, "p50": p50, "p75": p75}
    return {
        "city_code": city, "skill_level": level, "n": None if suppressed else 20,
        "p10": None, "p90": None, **{k: v and Decimal(v) for k, v in values.items()},
        "suppressed": suppressed,
    }  # fmt: skip


def guide(*cells, minimum=None):
    table = pa.Table.from_pylist(list(cells), schema=SCHEMA)
    return reference_pay_guide(table, (minimum or {}).get).to_pylist()


def test_quartiles_below_twelve_minimum_wages_are_raised_to_them():
    """Hangzhou 2,490 a month → 29,880 a year: the low and middle values are raised."""
    rows = guide(cell("330100", 1, 20000, 28000, 40000), minimum={"330100": Decimal(2490)})
    assert [(r["low"], r["middle"], r["high"], r["floor_annual"], r["raised_to_floor"])
            for r in rows] == [(29880, 29880, 40000, 29880, True)]  # fmt: skip


def test_quartiles_above_the_floor_are_kept():
    rows = guide(cell("110100", 5, 90000, 110000, 130000), minimum={"110100": Decimal(2540)})
    assert [(r["low"], r["middle"], r["high"], r["raised_to_floor"]) for r in rows] == [
        (90000, 110000, 130000, False)
    ]


def test_a_city_without_a_recorded_minimum_wage_is_not_floored():
    rows = guide(cell("440100", 2, 20000, 25000, 30000))
    assert [(r["low"], r["floor_annual"], r["minimum_monthly"]) for r in rows] == [
        (20000, None, None)
    ]


def test_suppressed_cells_and_unstated_levels_give_no_guide_values():
    rows = guide(
        cell("330100", 4, None, None, None, suppressed="primary"),
        cell("330100", None, 50000, 60000, 70000),
        minimum={"330100": Decimal(2490)},
    )
    assert [(r["skill_level"], r["low"], r["suppressed"]) for r in rows] == [(4, None, "primary")]


def test_the_method_is_stated_for_the_pages():
    assert "25th, 50th and 75th percentiles" in METHOD and "minimum wage" in METHOD
