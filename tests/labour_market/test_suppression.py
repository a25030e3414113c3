"""Primary and complementary suppression of the salary tables (pure: no engine needed)."""

from collections import Counter

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from minsheng.labour_market.engine.salary import BREAKDOWNS, cell_schema
from minsheng.labour_market.engine.suppression import RELATIONS, suppress

KEYS = ("medium_group", "occupation_code", "skill_level", "city_code", "industry")


def tables_from(observations: list[tuple]) -> dict[str, pa.Table]:
    """Cell counts of every breakdown from observations (medium group, occupation, level…)."""
    tables = {}
    for name, keys in BREAKDOWNS.items():
        counts = Counter(tuple(dict(zip(KEYS, o, strict=True))[k] for k in keys)
                         for o in observations)  # fmt: skip
        rows = [
            {**dict(zip(keys, cell, strict=True)), "n": n}
            for cell, n in sorted(counts.items(), key=lambda item: repr(item[0]))
        ]
        tables[name] = pa.Table.from_pylist(rows, schema=cell_schema(keys))
    return tables


def observations_of(cells: dict[tuple, int]) -> list[tuple]:
    return [cell for cell, n in cells.items() for _ in range(n)]


def marks(table: pa.Table, *keys: str) -> dict[tuple, str]:
    return {tuple(r[k] for k in keys): r["suppressed"] for r in table.to_pylist()}


def test_small_cells_are_suppressed_with_their_figures():
    cells = {("1-01-00-00", "1-01-01-01", 3, "330100", "C"): 12,
             ("1-01-00-00", "1-01-01-02", 3, "330100", "C"): 2}  # fmt: skip
    published = suppress(tables_from(observations_of(cells)), min_observations=5)
    occupation = published["salary_by_occupation"].to_pylist()
    small = next(r for r in occupation if r["occupation_code"] == "1-01-01-02")
    assert (small["n"], small["p50"], small["suppressed"]) == (None, None, "primary")


def test_the_next_smallest_sibling_goes_with_a_lone_small_cell():
    cells = {
        ("1-01-00-00", "1-01-01-01", 3, "330100", "C"): 30,
        ("1-01-00-00", "1-01-01-02", 3, "330100", "C"): 2,
        ("1-01-00-00", "1-01-01-03", 3, "330100", "C"): 9,
        ("1-01-00-00", "1-01-01-04", 3, "330100", "C"): 7,
    }
    published = suppress(tables_from(observations_of(cells)), min_observations=5)
    assert marks(published["salary_by_occupation"], "occupation_code") == {
        ("1-01-01-01",): "", ("1-01-01-02",): "primary", ("1-01-01-03",): "",
        ("1-01-01-04",): "secondary",
    }  # fmt: skip


def test_two_small_cells_protect_each_other():
    cells = {
        ("1-01-00-00", "1-01-01-01", 3, "330100", "C"): 30,
        ("1-01-00-00", "1-01-01-02", 3, "330100", "C"): 2,
        ("1-01-00-00", "1-01-01-03", 3, "330100", "C"): 3,
    }
    published = suppress(tables_from(observations_of(cells)), min_observations=5)
    assert marks(published["salary_by_occupation"], "occupation_code") == {
        ("1-01-01-01",): "", ("1-01-01-02",): "primary", ("1-01-01-03",): "primary",
    }  # fmt: skip


def test_a_city_is_hidden_with_its_neighbour_and_then_its_only_cell_with_it():
    """Ningbo's 2 rows would follow from the total less Hangzhou, so Hangzhou is hidden; and
    Hangzhou's one skill-level cell would then give Hangzhou away, so it is hidden as well."""
    cells = {
        ("1-01-00-00", "1-01-01-01", 3, "330100", "C"): 10,
        ("1-01-00-00", "1-01-01-01", 3, "330200", "C"): 2,
    }
    published = suppress(tables_from(observations_of(cells)), min_observations=5)
    assert marks(published["salary_by_city"], "city_code") == {
        ("330100",): "secondary", ("330200",): "primary",
    }  # fmt: skip
    assert marks(published["salary_by_city_skill_level"], "city_code", "skill_level") == {
        ("330100", 3): "secondary", ("330200", 3): "primary",
    }  # fmt: skip
    assert marks(published["salary_by_skill_level"], "skill_level") == {(3,): ""}


observation = st.tuples(
    st.sampled_from(["1-01-00-00", "2-02-00-00"]),
    st.sampled_from(["a", "b", "c"]),
    st.sampled_from([None, 2, 3]),
    st.sampled_from(["330100", "330200", "110100"]),
    st.sampled_from(["C", "I"]),
).map(lambda o: (o[0], f"{o[0][:4]}-0{'abc'.index(o[1]) + 1}-01", *o[2:]))


@settings(max_examples=150, deadline=None)
@given(st.lists(observation, min_size=1, max_size=60), st.integers(min_value=2, max_value=8))
def test_no_suppressed_count_can_be_had_by_adding_or_subtracting(observations, threshold):
    published = suppress(tables_from(observations), min_observations=threshold)
    for parent, child, shared in RELATIONS:
        kids_of = {}
        for row in published[child].to_pylist():
            kids_of.setdefault(tuple(row[k] for k in shared), []).append(row)
        for row in published[parent].to_pylist():
            kids = kids_of.get(tuple(row[k] for k in shared), [])
            hidden = sum(1 for kid in kids if kid["suppressed"])
            if row["suppressed"]:
                assert hidden >= 1, (parent, row, child)
            else:
                assert hidden != 1, (parent, row, child)
    for table in published.values():
        for row in table.to_pylist():
            assert (row["n"] is None) == bool(row["suppressed"])
            assert row["suppressed"] or row["n"] >= threshold
