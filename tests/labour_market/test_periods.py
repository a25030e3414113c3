import datetime

import pytest

from minsheng.labour_market.engine.periods import Period

D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026Q3", Period(2026, 3)), ("2026-q1", Period(2026, 1)), (" 2025 ", Period(2025))],
)
def test_quarters_and_years_are_read_in_the_usual_spellings(text, expected):
    assert Period.parse(text) == expected


@pytest.mark.parametrize("text", ["2026Q5", "Q3 2026", "26Q3", "2026-07", ""])
def test_anything_else_is_not_a_period(text):
    with pytest.raises(ValueError):
        Period.parse(text)


def test_a_quarter_runs_from_its_first_to_its_last_day():
    assert (Period(2026, 1).start, Period(2026, 1).end) == (D(2026, 1, 1), D(2026, 3, 31))
    assert (Period(2026, 3).start, Period(2026, 3).end) == (D(2026, 7, 1), D(2026, 9, 30))
    assert (Period(2026, 4).start, Period(2026, 4).end) == (D(2026, 10, 1), D(2026, 12, 31))
    assert (Period(2026).start, Period(2026).end) == (D(2026, 1, 1), D(2026, 12, 31))


def test_the_previous_period_crosses_the_year():
    assert Period(2026, 1).previous() == Period(2025, 4)
    assert Period(2026, 3).previous() == Period(2026, 2)
    assert Period(2026).previous() == Period(2025)


def test_pay_statistics_cover_the_twelve_months_ending_with_the_period():
    assert Period(2026, 3).pay_window() == (D(2025, 10, 1), D(2026, 9, 30))
    assert Period(2026, 1).pay_window() == (D(2025, 4, 1), D(2026, 3, 31))
    assert Period(2026).pay_window() == (D(2026, 1, 1), D(2026, 12, 31))


def test_a_period_is_labelled_as_it_is_written():
    assert [Period(2026, 3).label, Period(2026).label, str(Period(2025, 4))] == [
        "2026Q3", "2026", "2025Q4",
    ]  # fmt: skip
