"""Salary percentiles, suppression and the pay guide of the hand-made scenario, on both engines."""

import pytest

from minsheng.labour_market.engine.backends import to_arrow
from minsheng.labour_market.engine.periods import Period
from minsheng.labour_market.engine.salary import BREAKDOWNS, pay_observations, percentile_cells
from minsheng.labour_market.engine.statistics import differences
from minsheng.labour_market.engine.tables import open_snapshot

from .conftest import ENGINES, money, rows_of, write_snapshot
from .scenario import AS_OF, BEIJING, HANGZHOU, NINGBO, G, S, W, survey

PERCENTILES = ("n", "p10", "p25", "p50", "p75", "p90", "suppressed")


def amounts(*values) -> tuple:
    return tuple(money(v) for v in values)


def test_the_total_takes_hires_and_survey_rows_of_the_twelve_months(results):
    assert rows_of(results["salary_total"], *PERCENTILES) == [
        (25, *amounts(52000, 56000, 61000, 84000, 108000), ""),
    ]


def test_percentiles_are_nearest_rank_values_by_occupation(results):
    assert rows_of(results["salary_by_occupation"], "occupation_code", *PERCENTILES) == [
        (S, None, None, None, None, None, None, "primary"),
        (G, None, None, None, None, None, None, "secondary"),
        (W, 10, *amounts(60000, 70000, 75000, 90000, 96000), ""),
    ]


def test_medium_groups_add_up_their_occupations(results):
    assert rows_of(results["salary_by_medium_group"], "medium_group", "n", "p50") == [
        ("2-02-00-00", 15, money(57000)),
        ("6-18-00-00", 10, money(75000)),
    ]


def test_a_lone_small_cell_takes_the_next_smallest_sibling_with_it(results):
    """Ningbo's 3 rows would follow from the total (25) less Hangzhou (10) and Beijing (12)."""
    assert rows_of(results["salary_by_city"], "city_code", "n", "p50", "suppressed") == [
        (BEIJING, 12, money(55000), ""),
        (HANGZHOU, None, None, "secondary"),
        (NINGBO, None, None, "primary"),
    ]
    assert rows_of(results["salary_by_industry"], "industry", "n", "suppressed") == [
        ("C", None, "secondary"),
        ("D", 12, ""),
        ("I", None, "primary"),
    ]
    assert rows_of(results["salary_by_skill_level"], "skill_level", "n", "suppressed") == [
        (3, None, "secondary"),
        (4, 12, ""),
        (None, None, "primary"),
    ]


def test_a_suppressed_parent_is_not_given_away_by_its_only_child(results):
    """Hangzhou's one skill-level cell would show Hangzhou's suppressed count: it goes too."""
    cells = results["salary_by_city_skill_level"]
    assert rows_of(cells, "city_code", "skill_level", "n", "p25", "suppressed") == [
        (BEIJING, 4, 12, money(52000), ""),
        (HANGZHOU, 3, None, None, "secondary"),
        (NINGBO, None, None, None, "primary"),
    ]


def test_pay_guide_takes_the_quartiles_floored_at_the_minimum_wage(results):
    guide = results["pay_guide"]
    assert rows_of(guide, "city_code", "skill_level", "minimum_monthly", "floor_annual", "low",
                   "middle", "high", "raised_to_floor", "suppressed") == [
        (BEIJING, 4, money(2540), money(30480), *amounts(52000, 55000, 58000), False, ""),
        (HANGZHOU, 3, money(2490), money(29880), None, None, None, False, "secondary"),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def ties_snapshot(tmp_path_factory):
    """Cells with ties, with percentile ranks falling exactly on a value, and of one row."""
    pays = {"330100": (10, 20, 20, 20, 30, 40, 40), "330200": (1, 2, 3, 4), "110100": (7,)}
    rows = [
        survey(100 * i + j, 2026, W, city, "C", None, pay)
        for i, (city, values) in enumerate(pays.items())
        for j, pay in enumerate(values)
    ]
    return write_snapshot(tmp_path_factory.mktemp("ties"), "ties", AS_OF, {"wage_survey": rows})


@pytest.mark.parametrize("engine", ENGINES)
def test_nearest_rank_with_ties_and_exact_ranks(engine, ties_snapshot, engine_connection):
    tables = open_snapshot(engine_connection(engine), ties_snapshot)
    cells = percentile_cells(pay_observations(tables, Period(2026)), ("city_code",))
    got = sorted(to_arrow(cells).to_pylist(), key=lambda row: row["city_code"])
    assert [(r["city_code"], r["n"], *(r[f"p{p}"] for p in (10, 25, 50, 75, 90))) for r in got] == [
        ("110100", 1, *amounts(7, 7, 7, 7, 7)),
        ("330100", 7, *amounts(10, 20, 20, 40, 40)),
        ("330200", 4, *amounts(1, 1, 2, 3, 4)),
    ]


@pytest.mark.spark
def test_both_engines_give_identical_tables(duckdb_results, pyspark_results):
    names = [*BREAKDOWNS, "pay_guide"]
    assert (
        differences(
            {name: duckdb_results[name] for name in names},
            {name: pyspark_results[name] for name in names},
        )
        == []
    )
