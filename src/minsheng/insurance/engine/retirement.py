"""Retirement to the month under the 2025 reform, for one person.

Statutory age (NPC Standing Committee decision of 2024-09-13, 办法 第一条 and annexes 1–3):
for a person born n months after the first affected birth month of their category,
delay = min(cap, ⌊n ÷ step⌋ + 1) months (none when born before it), and the statutory age is
the original age plus the delay. The retirement month is the birth month plus that age.

Flexible retirement (办法 第三条, 人社部发〔2024〕94号): up to `early_max_months` earlier, never
below the original age, and only with the minimum contribution years; up to `late_max_months`
later. The minimum years are those of the year of retirement, or of the statutory year when
retiring late (办法 第二条, 附件4).
"""

from __future__ import annotations

from dataclasses import dataclass

from minsheng.insurance.engine.errors import PensionInputError, Refusal
from minsheng.insurance.engine.months import YearMonth
from minsheng.insurance.engine.rules import Category, PensionRules, RetirementSchedule


@dataclass(frozen=True)
class RetirementWindow:
    birth_month: int
    statutory_age: int  # months
    earliest_age: int
    latest_age: int
    months_after_first_affected: int
    delay: int

    @property
    def statutory_month(self) -> int:
        return self.birth_month + self.statutory_age

    @property
    def earliest_month(self) -> int:
        return self.birth_month + self.earliest_age

    @property
    def latest_month(self) -> int:
        return self.birth_month + self.latest_age


def schedule_of(rules: PensionRules, category: str) -> RetirementSchedule:
    try:
        return rules.schedules[Category(category)]
    except (ValueError, KeyError):
        raise PensionInputError(
            Refusal.UNKNOWN_CATEGORY,
            f"unknown category {category!r}: expected one of {', '.join(Category)}",
            category=category,
        ) from None


def statutory_delay(schedule: RetirementSchedule, birth_month: int) -> tuple[int, int]:
    """(months after the first affected birth month, delay in months)."""
    after = birth_month - schedule.first_affected_birth_month
    if after < 0:
        return after, 0
    return after, min(schedule.cap_months, after // schedule.step_months + 1)


def retirement_window(rules: PensionRules, category: str, birth_month: int) -> RetirementWindow:
    schedule = schedule_of(rules, category)
    after, delay = statutory_delay(schedule, birth_month)
    statutory = schedule.original_age_months + delay
    earliest = statutory - rules.early_max_months
    if rules.early_not_below_original_age:
        earliest = max(earliest, schedule.original_age_months)
    return RetirementWindow(
        birth_month=birth_month,
        statutory_age=statutory,
        earliest_age=earliest,
        latest_age=statutory + rules.late_max_months,
        months_after_first_affected=after,
        delay=delay,
    )


def check_offset(window: RetirementWindow, offset: int) -> int:
    """The retirement month `offset` months from the statutory one, if the window allows it."""
    age = window.statutory_age + offset
    if not window.earliest_age <= age <= window.latest_age:
        raise PensionInputError(
            Refusal.RETIREMENT_OUTSIDE_WINDOW,
            f"retirement in {YearMonth(window.birth_month + age)} lies outside the allowed "
            f"{YearMonth(window.earliest_month)} – {YearMonth(window.latest_month)}",
            month=YearMonth(window.birth_month + age),
            earliest=YearMonth(window.earliest_month),
            latest=YearMonth(window.latest_month),
        )
    return window.birth_month + age


def minimum_year(window: RetirementWindow, retirement_month: int) -> int:
    """The year whose minimum contribution years apply: the earlier of actual and statutory."""
    return YearMonth(min(retirement_month, window.statutory_month)).year
