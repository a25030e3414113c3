"""Statistical periods: a calendar quarter (``2026Q3``) or a calendar year (``2026``)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^\s*(\d{4})(?:\s*[-_ ]?\s*Q([1-4]))?\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    """A quarter when ``quarter`` is set, else the whole ``year``; dates are inclusive."""

    year: int
    quarter: int | None = None

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026Q3``, ``2026-Q3``, ``2026q3`` or ``2026``; anything else is a ValueError."""
        match = _PATTERN.match(text or "")
        if not match:
            raise ValueError(f"not a period: {text!r} (expected e.g. 2026Q3 or 2026)")
        year, quarter = int(match.group(1)), match.group(2)
        if not 1900 <= year <= 2999:
            raise ValueError(f"year out of range: {year}")
        return cls(year, int(quarter) if quarter else None)

    @classmethod
    def quarter_of(cls, day: datetime.date) -> Period:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def is_quarter(self) -> bool:
        return self.quarter is not None

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.quarter}" if self.quarter else str(self.year)

    @property
    def start(self) -> datetime.date:
        month = 3 * (self.quarter - 1) + 1 if self.quarter else 1
        return datetime.date(self.year, month, 1)

    @property
    def end(self) -> datetime.date:
        if not self.quarter or self.quarter == 4:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, 3 * self.quarter + 1, 1) - datetime.timedelta(days=1)

    def previous(self) -> Period:
        """The quarter (or year) before this one."""
        if not self.quarter:
            return Period(self.year - 1)
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def pay_window(self) -> tuple[datetime.date, datetime.date]:
        """The twelve months ending with the period: the span salary statistics cover."""
        return _first_of_next_month(self.end.replace(year=self.end.year - 1)), self.end

    def __str__(self) -> str:
        return self.label


def _first_of_next_month(day: datetime.date) -> datetime.date:
    if day.month == 12:
        return datetime.date(day.year + 1, 1, 1)
    return datetime.date(day.year, day.month + 1, 1)
