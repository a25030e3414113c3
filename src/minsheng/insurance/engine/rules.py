"""The pension rules as plain values, built from the dated parameters outside the engine
(`minsheng.insurance.pension_rules`), so the engine itself holds no rate, age or divisor.

Values that change with time and region (the pension base, the transitional coefficient, the
divisor rule) are kept as histories: `((first month, value), …)`, oldest first. A computation
reads them at the month that decides it (the retirement month, or the day of the estimate when
retirement is still ahead).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

# A value keyed by this code applies to every province without its own.
NATIONAL = "100000"


class Category(StrEnum):
    """The three categories of the retirement-age reform."""

    MALE = "male"
    FEMALE_CADRE = "female_cadre"  # original statutory age 55
    FEMALE_WORKER = "female_worker"  # original statutory age 50


# Batch arrays carry a category as its position here.
CATEGORIES: tuple[Category, ...] = tuple(Category)


@dataclass(frozen=True)
class RetirementSchedule:
    original_age_months: int
    first_affected_birth_month: int  # month index
    step_months: int
    cap_months: int


@dataclass(frozen=True)
class DivisorRule:
    """The months divisor table by whole age, and how ages with months are read from it."""

    by_age: Mapping[int, int]  # whole years -> months
    linear_between_ages: bool  # False: the completed years count
    decimal_places: int


History = tuple[tuple[int, object], ...]


@dataclass(frozen=True)
class PensionRules:
    schedules: Mapping[Category, RetirementSchedule]
    early_max_months: int
    late_max_months: int
    early_not_below_original_age: bool
    minimum_months_by_year: tuple[tuple[int, int], ...]  # (first year, months), oldest first
    divisor_rules: History  # (first month, DivisorRule)
    basic_rate: Decimal
    pension_bases: Mapping[str, History]  # province -> ((first month, C yuan), …)
    transitional_rates: Mapping[str, History]  # province -> ((first month, rate), …)
    max_age_months: int
    max_index: Decimal
    minimum_working_age_months: int
    references: Mapping[str, str]  # parameter name -> legal reference
    parameter_names: Mapping[str, str]  # step code -> parameter name

    def __post_init__(self) -> None:
        for name in (
            "schedules",
            "pension_bases",
            "transitional_rates",
            "references",
            "parameter_names",
        ):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def reference(self, step: str) -> str:
        return self.references.get(self.parameter_names.get(step, ""), "")


def in_force(history: History, month: int):
    """The value whose first month is the latest not after `month`; None before the first."""
    current = None
    for start, value in history:
        if start <= month:
            current = value
        else:
            break
    return current


def regional(table: Mapping[str, History], province: str, month: int):
    """The province's value in force, else the national one, else None."""
    for key in (province, NATIONAL):
        if key in table:
            found = in_force(table[key], month)
            if found is not None:
                return found
    return None


def minimum_months(rules: PensionRules, year: int) -> int:
    """Minimum contribution months for a retirement in `year` (the earliest entry before it)."""
    months = rules.minimum_months_by_year[0][1]
    for first_year, value in rules.minimum_months_by_year:
        if first_year <= year:
            months = value
    return months
