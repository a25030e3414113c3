"""Shortage statistics of the hand-made scenario (worked out in `scenario`), on both engines."""

import datetime

import pytest

from minsheng.labour_market.engine.shortage import shortage_tables
from minsheng.labour_market.engine.statistics import SHORTAGE_TABLES, differences
from minsheng.labour_market.engine.tables import open_snapshot

from .conftest import ENGINES, Q3, rows_of, write_snapshot
from .scenario import AS_OF, BEIJING, HANGZHOU, NINGBO, C, G, S, W, province, vacancy


def test_cells_count_demand_and_seekers_by_occupation_and_city(results):
    cells = results["shortage_cells"]
    assert rows_of(cells, "city_code", "occupation_code", "demand", "vacancies", "seekers",
                   "gap", "ratio") == [
        (BEIJING, G, 7, 1, 1, 6, 7.0),
        (BEIJING, W, 4, 1, 0, 4, None),
        (HANGZHOU, S, 8, 1, 1, 7, 8.0),
        (HANGZHOU, C, 2, 1, 3, -1, 2 / 3),
        (HANGZHOU, W, 15, 2, 4, 11, 3.75),
        (NINGBO, S, 0, 0, 1, -1, 0.0),
        (NINGBO, W, 6, 1, 1, 5, 6.0),
    ]  # fmt: skip


def test_each_city_ranks_its_occupations_short_of_workers_by_gap(results):
    top = results["shortage_city_top"]
    assert rows_of(top, "city_code", "rank", "occupation_code", "gap") == [
        (BEIJING, 1, G, 6),
        (BEIJING, 2, W, 4),
        (HANGZHOU, 1, W, 11),
        (HANGZHOU, 2, S, 7),
        (NINGBO, 1, W, 5),
    ]


def test_national_ranking_weighs_gap_by_the_cities_reporting(results):
    nation = results["shortage_national"]
    assert rows_of(nation, "rank", "occupation_code", "cities", "total_gap", "weight", "demand",
                   "seekers", "ratio") == [
        (1, W, 3, 20, 60, 25, 5, 5.0),
        (2, S, 1, 7, 7, 8, 1, 8.0),
        (3, G, 1, 6, 6, 7, 1, 7.0),
    ]  # fmt: skip


def test_movement_against_the_previous_quarter(results):
    nation = results["shortage_national"]
    assert rows_of(nation, "occupation_code", "previous_rank", "rank_change", "is_new") == [
        (W, None, None, True),
        (S, 1, -1, False),
        (G, None, None, True),
    ]
    hangzhou = [r for r in results["shortage_city_top"].to_pylist() if r["city_code"] == HANGZHOU]
    assert [(r["occupation_code"], r["previous_rank"], r["is_new"]) for r in hangzhou] == [
        (W, None, True),
        (S, 1, False),
    ]


def test_digital_and_green_occupations_are_flagged_with_their_names(results):
    nation = results["shortage_national"]
    assert rows_of(nation, "occupation_code", "occupation_name", "digital", "green") == [
        (W, "焊工", False, False),
        (S, "软件工程技术人员", True, False),
        (G, "碳排放管理员", False, True),
    ]


def test_the_lists_are_cut_at_their_length(scenario_snapshot, engine_connection):
    tables = open_snapshot(engine_connection("duckdb"), scenario_snapshot)
    cut = shortage_tables(tables, Q3, city_top_n=1, national_n=2)
    assert rows_of(cut["shortage_city_top"], "city_code", "occupation_code") == [
        (BEIJING, G), (HANGZHOU, W), (NINGBO, W),
    ]  # fmt: skip
    # Only the city leaders count now: W leads two cities (gap 16, weight 32), G one (6).
    assert rows_of(cut["shortage_national"], "rank", "occupation_code", "weight") == [
        (1, W, 32), (2, G, 6),
    ]  # fmt: skip


def test_a_province_release_sees_only_its_cities(scenario_snapshot, engine_connection):
    tables = open_snapshot(engine_connection("duckdb"), scenario_snapshot)
    zhejiang = shortage_tables(tables, Q3, region_code="330000")
    assert {r["city_code"] for r in zhejiang["shortage_cells"].to_pylist()} == {HANGZHOU, NINGBO}
    assert rows_of(zhejiang["shortage_national"], "occupation_code", "cities", "total_gap") == [
        (W, 2, 16), (S, 1, 7),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def late_wishes_snapshot(tmp_path_factory):
    """Hangzhou wants 4 welders and 3 software engineers in Q2 and Q3 alike; two people out
    of work all year wish for welding from August, so only in Q3."""
    d = datetime.date
    spring_and_summer = (d(2026, 4, 1), d(2026, 9, 30))
    wishes = [{"wish_id": person, "person_id": person, "occupation_code": W, "city_code": HANGZHOU,
               "province_code": province(HANGZHOU), "created_on": d(2026, 8, 1)}
              for person in (1, 2)]  # fmt: skip
    changes = [{"change_id": person, "person_id": person, "province_code": province(HANGZHOU),
                "status": "unemployed", "since": d(2026, 1, 1)} for person in (1, 2)]  # fmt: skip
    rows = {
        "vacancies": [vacancy(1, W, HANGZHOU, 4, *spring_and_summer),
                      vacancy(2, S, HANGZHOU, 3, *spring_and_summer)],
        "job_wishes": wishes,
        "status_changes": changes,
    }  # fmt: skip
    return write_snapshot(tmp_path_factory.mktemp("late"), "late", AS_OF, rows)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_previous_quarter_counts_only_wishes_made_by_its_end(
    engine, late_wishes_snapshot, engine_connection
):
    tables = open_snapshot(engine_connection(engine), late_wishes_snapshot)
    result = shortage_tables(tables, Q3)
    assert rows_of(result["shortage_cells"], "occupation_code", "seekers", "gap") == [
        (S, 0, 3), (W, 2, 2),
    ]  # fmt: skip
    # In Q2 nobody had wished for welding yet: welders led (gap 4 against 3).
    assert rows_of(result["shortage_city_top"], "rank", "occupation_code", "previous_rank",
                   "rank_change") == [(1, S, 2, 1), (2, W, 1, -1)]  # fmt: skip


@pytest.mark.spark
def test_both_engines_give_identical_tables(duckdb_results, pyspark_results):
    shortage = {name: duckdb_results[name] for name in SHORTAGE_TABLES}
    assert differences(shortage, {name: pyspark_results[name] for name in SHORTAGE_TABLES}) == []
    assert all(duckdb_results[name].num_rows for name in SHORTAGE_TABLES)
    assert C not in {r["occupation_code"] for r in duckdb_results["shortage_city_top"].to_pylist()}
