"""Months as integers, so that one person and a million people use the same arithmetic.

A calendar month is its index `year × 12 + (month − 1)`; an age or a contribution period is a
count of months. Retirement law works to the month: a person born in May 1967 with a statutory
age of 60 years 8 months retires in January 2028, whatever the day of birth.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def month_of(day: datetime.date) -> int:
    return month_index(day.year, day.month)


def parse_month(text: str) -> int:
    """`"1967-05"` → its month index; a ValueError for anything else."""
    year, _, month = str(text).partition("-")
    if not (year.isdigit() and month.isdigit() and len(year) == 4 and 1 <= int(month) <= 12):
        raise ValueError(f"not a month: {text!r} (expected YYYY-MM)")
    return month_index(int(year), int(month))


@dataclass(frozen=True, order=True)
class YearMonth:
    """A calendar month, shown as `2028-01`."""

    index: int

    @property
    def year(self) -> int:
        return self.index // 12

    @property
    def month(self) -> int:
        return self.index % 12 + 1

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, order=True)
class Months:
    """An age or a period in whole months, shown as `60y8m` (pages translate it)."""

    count: int

    @property
    def years(self) -> int:
        return self.count // 12

    @property
    def remainder(self) -> int:
        return self.count % 12

    def __str__(self) -> str:
        return f"{self.years}y{self.remainder}m"
