"""Retirement months and pensions for millions of people at once, over NumPy integer arrays.

The same rules as `engine.pension`, in exact integer arithmetic: money in fen, the average
index in points of 1/10,000, rates as fractions over a common denominator, divisors in tenths
(or finer, as the rule's decimals require). Every pension is one integer division of exact
products, rounded half up, so each figure equals the single-person Decimal path to the fen.
A row whose input is refused gets its `Refusal` code (checked in the same order as for one
person) and zeros.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import lcm

import numpy as np

from minsheng.insurance.engine.errors import Refusal
from minsheng.insurance.engine.pension import PensionInputs
from minsheng.insurance.engine.rules import CATEGORIES, NATIONAL, History, PensionRules

INDEX_SCALE = 10_000  # Ī in points: 1.2345 → 12345
FEN = 100


@dataclass(frozen=True)
class People:
    """One row per person; `province` indexes `provinces`, `category` indexes `CATEGORIES`."""

    birth_month: np.ndarray
    category: np.ndarray
    province: np.ndarray
    contribution_months: np.ndarray
    planned_months: np.ndarray
    deemed_months: np.ndarray
    index_points: np.ndarray
    transitional_index_points: np.ndarray
    balance_fen: np.ndarray
    retirement_offset_months: np.ndarray
    provinces: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.birth_month)


@dataclass(frozen=True)
class BatchResult:
    refusal: np.ndarray  # Refusal codes, 0 where computed
    statutory_month: np.ndarray
    earliest_month: np.ndarray
    latest_month: np.ndarray
    retirement_month: np.ndarray
    minimum_months: np.ndarray
    eligible: np.ndarray  # contribution months reach the minimum
    divisor_scaled: np.ndarray  # divisor × divisor_scale
    divisor_scale: int
    basic_fen: np.ndarray
    account_fen: np.ndarray
    transitional_fen: np.ndarray
    total_fen: np.ndarray


def people_from(persons: Sequence[PensionInputs]) -> People:
    """The batch form of single-person inputs (an unknown category becomes position −1)."""
    provinces = tuple(sorted({person.province for person in persons}))
    codes = {category.value: position for position, category in enumerate(CATEGORIES)}

    def whole(value: Decimal, scale: int) -> int:
        if value * scale != int(value * scale):
            raise ValueError(f"{value} is not a whole number of 1/{scale}")
        return int(value * scale)

    def points(value: Decimal) -> int:
        return whole(value, INDEX_SCALE)

    def column(values, dtype=np.int64) -> np.ndarray:
        return np.array(list(values), dtype)

    return People(
        birth_month=column(p.birth_month for p in persons),
        category=column(codes.get(p.category, -1) for p in persons),
        province=column(provinces.index(p.province) for p in persons),
        contribution_months=column(p.contribution_months for p in persons),
        planned_months=column(p.planned_months for p in persons),
        deemed_months=column(p.deemed_months for p in persons),
        index_points=column(points(p.average_index) for p in persons),
        transitional_index_points=column(
            points(p.average_index if p.transitional_index is None else p.transitional_index)
            for p in persons
        ),
        balance_fen=column(whole(p.account_balance, FEN) for p in persons),
        retirement_offset_months=column(p.retirement_offset_months for p in persons),
        provinces=provinces,
    )


def half_up_divide(numerator: np.ndarray, denominator) -> np.ndarray:
    """Non-negative numerator ÷ positive denominator, rounded half up, in integers only."""
    quotient, remainder = np.divmod(numerator, denominator)
    return quotient + (2 * remainder >= denominator)


def _lookup(history: History, months: np.ndarray, scale: Fraction | int):
    """(values × scale as int64, found) of the history entry in force at each month."""
    if not history:
        return np.zeros(len(months), np.int64), np.zeros(len(months), bool)
    starts = np.array([start for start, _ in history], np.int64)
    scaled = []
    for _, value in history:
        exact = Fraction(value) * scale
        if exact.denominator != 1:
            raise ValueError(f"{value} is not a whole number of 1/{scale}")
        scaled.append(int(exact))
    position = np.searchsorted(starts, months, side="right") - 1
    found = position >= 0
    return np.array(scaled, np.int64)[np.maximum(position, 0)], found


def _regional(table, people: People, months: np.ndarray, scale) -> tuple[np.ndarray, np.ndarray]:
    """A province's value in force, else the national one (as `rules.regional`), per row."""
    values = np.zeros(len(people), np.int64)
    found = np.zeros(len(people), bool)
    national = table.get(NATIONAL, ())
    for position, code in enumerate(people.provinces):
        rows = np.flatnonzero(people.province == position)
        if not len(rows):
            continue
        own, has_own = _lookup(table.get(code, ()), months[rows], scale)
        fallback, has_fallback = _lookup(national, months[rows], scale)
        values[rows] = np.where(has_own, own, fallback)
        found[rows] = has_own | has_fallback
    return values, found


def _divisor_tables(rules: PensionRules):
    """Per divisor rule, the divisor (× scale) of every age in months the table covers."""
    places = max(rule.decimal_places for _, rule in rules.divisor_rules)
    first_year = min(min(rule.by_age) for _, rule in rules.divisor_rules)
    last_year = max(max(rule.by_age) for _, rule in rules.divisor_rules) + 1
    ages = np.arange(first_year * 12, last_year * 12, dtype=np.int64)
    years, months = np.divmod(ages, 12)
    row, following_row = years - first_year, years - first_year + 1
    tables, valid = [], []
    for _, rule in rules.divisor_rules:
        span = range(first_year, last_year + 1)
        table = np.array([rule.by_age.get(year, 0) for year in span], np.int64)
        known = np.array([year in rule.by_age for year in span], bool)
        if rule.linear_between_ages:
            this, following = table[row], table[following_row]
            exact_twelfths = (this * 12 - (this - following) * months) * 10**rule.decimal_places
            at_places = half_up_divide(exact_twelfths, 12)
            ok = known[row] & ((months == 0) | known[following_row])
        else:
            at_places, ok = table[row] * 10**rule.decimal_places, known[row]
        tables.append(at_places * 10 ** (places - rule.decimal_places))
        valid.append(ok)
    starts = np.array([start for start, _ in rules.divisor_rules], np.int64)
    return starts, first_year * 12, np.array(tables, np.int64), np.array(valid, bool), 10**places


def divisor_batch(rules: PensionRules, age: np.ndarray, deciding_month: np.ndarray):
    """(divisor × scale, found, scale) for ages in months under the rule in force each month."""
    starts, lowest, tables, valid, scale = _divisor_tables(rules)
    rule_at = np.searchsorted(starts, deciding_month, side="right") - 1
    position = age - lowest
    inside = (rule_at >= 0) & (position >= 0) & (position < tables.shape[1])
    rule_at, position = np.where(inside, rule_at, 0), np.where(inside, position, 0)
    return tables[rule_at, position], inside & valid[rule_at, position], scale


def minimum_months_batch(rules: PensionRules, year: np.ndarray) -> np.ndarray:
    """Minimum contribution months for retirements in each year (as `rules.minimum_months`)."""
    years = np.array([first for first, _ in rules.minimum_months_by_year], np.int64)
    minimums = np.array([months for _, months in rules.minimum_months_by_year], np.int64)
    return minimums[np.maximum(np.searchsorted(years, year, side="right") - 1, 0)]


def compute_batch(rules: PensionRules, people: People, as_of_month: int) -> BatchResult:
    count = len(people)
    refusal = np.zeros(count, np.int8)

    def refuse(mask: np.ndarray, reason: Refusal) -> None:
        refusal[(refusal == 0) & mask] = reason

    category_ok = (people.category >= 0) & (people.category < len(CATEGORIES))
    refuse(~category_ok, Refusal.UNKNOWN_CATEGORY)
    category = np.where(category_ok, people.category, 0)
    schedules = [rules.schedules[c] for c in CATEGORIES]
    original = np.array([s.original_age_months for s in schedules], np.int64)[category]
    first = np.array([s.first_affected_birth_month for s in schedules], np.int64)[category]
    step = np.array([s.step_months for s in schedules], np.int64)[category]
    cap = np.array([s.cap_months for s in schedules], np.int64)[category]

    birth = people.birth_month.astype(np.int64)
    after = birth - first
    delay = np.where(after < 0, 0, np.minimum(cap, np.maximum(after, 0) // step + 1))
    statutory_age = original + delay
    earliest = statutory_age - rules.early_max_months
    if rules.early_not_below_original_age:
        earliest = np.maximum(earliest, original)
    latest = statutory_age + rules.late_max_months

    refuse(birth > as_of_month, Refusal.BIRTH_IN_FUTURE)
    refuse(as_of_month - birth > rules.max_age_months, Refusal.TOO_OLD)
    paid, planned, deemed = (
        people.contribution_months.astype(np.int64),
        people.planned_months.astype(np.int64),
        people.deemed_months.astype(np.int64),
    )
    refuse((paid < 0) | (planned < 0) | (deemed < 0), Refusal.NEGATIVE_MONTHS)
    balance = people.balance_fen.astype(np.int64)
    refuse(balance < 0, Refusal.NEGATIVE_BALANCE)
    max_points = int(Fraction(rules.max_index) * INDEX_SCALE)  # floor: inputs are whole points
    index, index_t = (
        people.index_points.astype(np.int64),
        people.transitional_index_points.astype(np.int64),
    )
    out_of_range = (index < 0) | (index > max_points) | (index_t < 0) | (index_t > max_points)
    refuse(out_of_range, Refusal.INDEX_OUT_OF_RANGE)

    offset = people.retirement_offset_months.astype(np.int64)
    age = statutory_age + offset
    refuse((age < earliest) | (age > latest), Refusal.RETIREMENT_OUTSIDE_WINDOW)
    retirement = birth + age
    statutory_month = birth + statutory_age
    total = paid + planned + deemed
    refuse(total > age - rules.minimum_working_age_months, Refusal.MONTHS_EXCEED_WORKING_LIFE)

    required = minimum_months_batch(rules, np.minimum(retirement, statutory_month) // 12)
    refuse((offset < 0) & (total < required), Refusal.EARLY_WITHOUT_MINIMUM)

    deciding = np.minimum(retirement, as_of_month)
    base_fen, has_base = _regional(rules.pension_bases, people, deciding, FEN)
    refuse(~has_base, Refusal.NO_PENSION_BASE)
    rate_values = [v for h in rules.transitional_rates.values() for _, v in h]
    rate_den = lcm(1, *(Fraction(v).denominator for v in rate_values))
    rate_num, has_rate = _regional(rules.transitional_rates, people, deciding, rate_den)
    refuse((deemed > 0) & ~has_rate, Refusal.NO_TRANSITIONAL_RATE)

    divisor, has_divisor, scale = divisor_batch(rules, age, deciding)
    refuse(~has_divisor, Refusal.AGE_OUTSIDE_DIVISOR_TABLE)

    ok = refusal == 0
    divisor = np.where(ok, divisor, 1)
    base_fen, total_ok = np.where(ok, base_fen, 0), np.where(ok, total, 0)
    basic_rate = Fraction(rules.basic_rate)
    basic = half_up_divide(
        base_fen * (INDEX_SCALE + np.where(ok, index, 0)) * total_ok * basic_rate.numerator,
        2 * 12 * INDEX_SCALE * basic_rate.denominator,
    )
    account = half_up_divide(np.where(ok, balance, 0) * scale, divisor)
    transitional = half_up_divide(
        base_fen * np.where(ok, index_t, 0) * np.where(ok, deemed, 0) * rate_num,
        12 * INDEX_SCALE * rate_den,
    )
    basic, account = np.where(ok, basic, 0), np.where(ok, account, 0)
    transitional = np.where(ok & (deemed > 0), transitional, 0)
    return BatchResult(
        refusal=refusal,
        statutory_month=np.where(category_ok, statutory_month, 0),
        earliest_month=np.where(category_ok, birth + earliest, 0),
        latest_month=np.where(category_ok, birth + latest, 0),
        retirement_month=np.where(ok, retirement, 0),
        minimum_months=np.where(ok, required, 0),
        eligible=ok & (total >= required),
        divisor_scaled=np.where(ok, divisor, 0),
        divisor_scale=scale,
        basic_fen=basic,
        account_fen=account,
        transitional_fen=transitional,
        total_fen=basic + account + transitional,
    )
