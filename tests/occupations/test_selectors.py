"""Browsing the classification as of a day: search by code, name, alias; flags; tree."""

import datetime

import pytest

from minsheng.core.errors import NotFound
from minsheng.occupations import selectors

DAY = datetime.date(2025, 1, 1)


def codes(rows) -> set[str]:
    return set(rows.values_list("code", flat=True))


def test_search_by_code_prefix_name_and_alias(caseworker):
    assert codes(selectors.occupation_list(actor=caseworker, as_of=DAY, search="4-01-06")) >= {
        "4-01-06-00", "4-01-06-01",
    }  # fmt: skip
    by_name = selectors.occupation_list(actor=caseworker, as_of=DAY, search="电子商务师")
    assert "4-01-06-01" in codes(by_name)
    alias = selectors.occupation_get(actor=caseworker, code="4-07-05-01", as_of=DAY).alias_list[0]
    assert "4-07-05-01" in codes(selectors.occupation_list(actor=caseworker, search=alias))


def test_digital_and_green_filters(caseworker):
    digital = selectors.occupation_list(actor=caseworker, as_of=DAY, digital=True)
    green = selectors.occupation_list(actor=caseworker, as_of=DAY, green=True)
    both = selectors.occupation_list(actor=caseworker, as_of=DAY, digital=True, green=True)
    assert digital.count() > 90 and green.count() > 130 and 0 < both.count() < digital.count()
    assert all(row.digital for row in digital[:20])


def test_tree_from_major_groups_down(caseworker):
    majors = selectors.occupation_children(actor=caseworker, code=None, as_of=DAY)
    assert [row.code[0] for row in majors] == list("12345678")
    below = codes(selectors.occupation_children(actor=caseworker, code="4-01-06-00", as_of=DAY))
    assert "4-01-06-01" in below


def test_nothing_for_anonymous_and_unknown_codes(caseworker):
    assert not selectors.occupation_list(actor=None, as_of=DAY).exists()
    with pytest.raises(NotFound):
        selectors.occupation_get(actor=caseworker, code="9-99-99-99", as_of=DAY)


def test_before_the_2022_edition_there_is_nothing_in_force(caseworker):
    assert not selectors.occupation_list(actor=caseworker, as_of=datetime.date(2020, 1, 1)).exists()


def test_the_snapshot_reads_the_classification_in_force_by_code_with_its_flags(caseworker):
    columns = selectors.occupations_for_snapshot(as_of=DAY)
    assert list(columns) == ["code", "level", "name", "digital", "green"]
    assert columns["code"] == sorted(columns["code"])
    assert set(columns["code"]) == codes(selectors.occupation_list(actor=caseworker, as_of=DAY))
    row = columns["code"].index("4-01-06-01")
    assert (columns["name"][row], columns["digital"][row]) == ("电子商务师", True)
    empty = selectors.occupations_for_snapshot(as_of=datetime.date(2020, 1, 1))
    assert empty == {"code": [], "level": [], "name": [], "digital": [], "green": []}
