"""What the matching engine reads and returns: plain frozen records, no database rows.

The profiles carry only what a job match may legitimately depend on. Sex, age, ethnicity and
disability are deliberately absent, so no score can use them.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, fields

OCCUPATION_CODE = re.compile(r"^[1-8]-\d{2}-\d{2}-\d{2}$")
REGION_CODE = re.compile(r"^\d{6}$")

FACTOR_NAMES = ("occupation", "location", "pay", "education", "skill", "freshness")

# Every reason code a factor can carry, for the Django side to translate ("why this job").
REASONS: dict[str, tuple[str, ...]] = {
    "occupation": (
        "same_occupation",
        "within_wished_group",
        "same_minor_group",
        "same_medium_group",
        "same_major_group",
        "title_similar",
        "different_occupation",
        "no_wish",
    ),
    "location": (
        "same_county",
        "same_city",
        "same_province",
        "elsewhere_willing_to_move",
        "elsewhere",
    ),
    "pay": ("pay_meets_expectation", "pay_below_expectation", "no_expectation"),
    "education": (
        "education_meets",
        "education_below",
        "education_unknown",
        "education_not_required",
    ),
    "skill": ("skill_meets", "skill_below", "skill_not_required"),
    "freshness": ("posted_recently", "posted_weeks_ago", "posted_long_ago"),
}


def _check_region(region_code: str) -> None:
    if region_code and not REGION_CODE.match(region_code):
        raise ValueError(f"region code must have six digits, not {region_code!r}")


def _check_rank(name: str, value: int) -> None:
    if not 0 <= value <= 8:
        raise ValueError(f"{name} must lie between 0 and 8, not {value!r}")


@dataclass(frozen=True, slots=True)
class SeekerProfile:
    """A job seeker as the engine sees them.

    ``occupation_codes`` are wished codes of the 2022 classification; a group code
    (``4-01-02-00`` minor, ``4-01-00-00`` medium) wishes anything inside that group and an empty
    tuple wishes anything. ``region_code`` is where they want to work (an empty string: unknown).
    ``education_rank`` 0 is unknown, 1 primary ... 8 doctorate; ``skill_level`` 0 none,
    1 apprentice ... 8 chief technician.
    """

    key: int
    occupation_codes: tuple[str, ...]
    region_code: str
    willing_to_move: bool
    expected_pay: float | None
    education_rank: int
    skill_level: int
    wished_titles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for code in self.occupation_codes:
            if not OCCUPATION_CODE.match(code):
                raise ValueError(f"not an occupation code: {code!r}")
        _check_region(self.region_code)
        _check_rank("education_rank", self.education_rank)
        _check_rank("skill_level", self.skill_level)


@dataclass(frozen=True, slots=True)
class VacancyProfile:
    """An open vacancy: ``occupation_code`` may be empty when the title could not be coded;
    ``education_rank`` and ``skill_level`` are the minimum required (0: none)."""

    key: int
    occupation_code: str
    title: str
    region_code: str
    pay_min: float
    pay_max: float
    education_rank: int
    skill_level: int
    opened_on: datetime.date

    def __post_init__(self) -> None:
        if self.occupation_code and not OCCUPATION_CODE.match(self.occupation_code):
            raise ValueError(f"not an occupation code: {self.occupation_code!r}")
        _check_region(self.region_code)
        _check_rank("education_rank", self.education_rank)
        _check_rank("skill_level", self.skill_level)


@dataclass(frozen=True, slots=True)
class Factor:
    """One part of a score: ``value`` in 0..1, ``reason`` one of ``REASONS[name]``."""

    name: str
    weight: float
    value: float
    reason: str


@dataclass(frozen=True, slots=True)
class Match:
    """``score`` is 0..100: 100 × Σ weight·value / Σ weight over ``factors``."""

    seeker_key: int
    vacancy_key: int
    score: float
    factors: tuple[Factor, ...]

    def factor(self, name: str) -> Factor:
        return next(f for f in self.factors if f.name == name)


@dataclass(frozen=True, slots=True)
class Weights:
    """Relative weights of the factors (they need not add up to one).

    Occupation dominates because a job in another trade is rarely a useful recommendation;
    location comes next since most registered seekers look for work near home; pay, education,
    skill and freshness refine the order among comparable jobs.
    """

    occupation: float = 0.40
    location: float = 0.20
    pay: float = 0.15
    education: float = 0.10
    skill: float = 0.05
    freshness: float = 0.10

    def __post_init__(self) -> None:
        values = self.as_tuple()
        if any(value < 0 for value in values) or sum(values) <= 0:
            raise ValueError("weights must be non-negative and not all zero")

    def as_tuple(self) -> tuple[float, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))

    @property
    def total(self) -> float:
        return sum(self.as_tuple())
