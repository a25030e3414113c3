"""Profiles turned into NumPy columns, the shape every scoring path works on.

Occupation codes become four integer group ids (major, medium, minor, full code); a group whose
part is ``00`` does not exist for that code and gets a sentinel that never equals anything.
Region codes become integers for county, city (first four digits) and province (first two).
Vacancy titles are kept once each (``titles``), vacancies pointing at them.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np

from .profiles import SeekerProfile, VacancyProfile
from .titles import VacancyTitles, normalise_title

SEEKER_NONE = -1  # a seeker's missing group / region: never equal to a vacancy's
VACANCY_NONE = -2
NO_WISH_LEVEL = 0  # slot 0 of a seeker without wishes
PAD_LEVEL = 5  # unused wish slots
HALF_LIFE_DAYS = 30


@cache
def code_groups(code: str, missing: int) -> tuple[int, int, int, int, int]:
    """(major, medium, minor, full) group ids and the code's level (1 major ... 4 occupation)."""
    if not code:
        return missing, missing, missing, missing, PAD_LEVEL
    p0, p1, p2, p3 = (int(part) for part in code.split("-"))
    medium = p0 * 100 + p1 if p1 else missing
    minor = p0 * 10_000 + p1 * 100 + p2 if p1 and p2 else missing
    full = p0 * 1_000_000 + p1 * 10_000 + p2 * 100 + p3
    level = 4 if p3 else 3 if p2 else 2 if p1 else 1
    return p0, medium, minor, full, level


@cache
def region_parts(code: str, missing: int) -> tuple[int, int, int]:
    if not code:
        return missing, missing, missing
    number = int(code)
    return number, number // 100, number // 10_000


def freshness(days: int) -> float:
    """Halves every 30 days since the vacancy opened (a future opening counts as today)."""
    return 0.5 ** (max(0, days) / HALF_LIFE_DAYS)


@dataclass(frozen=True)
class VacancyColumns:
    keys: np.ndarray  # int64
    groups: np.ndarray  # int64 (N, 4): major, medium, minor, full
    county: np.ndarray  # int64, with city and province
    city: np.ndarray
    province: np.ndarray
    pay_max: np.ndarray  # float64
    education: np.ndarray  # int64
    skill: np.ndarray
    opened: np.ndarray  # int64 proleptic ordinal
    title_ids: np.ndarray  # int64 into ``titles``
    titles: tuple[str, ...]  # distinct normalised titles

    @classmethod
    def from_profiles(cls, vacancies: Sequence[VacancyProfile]) -> VacancyColumns:
        title_ids: dict[str, int] = {}
        ids = [title_ids.setdefault(normalise_title(v.title), len(title_ids)) for v in vacancies]
        return cls(
            keys=np.array([v.key for v in vacancies], dtype=np.int64),
            groups=np.array(
                [code_groups(v.occupation_code, VACANCY_NONE)[:4] for v in vacancies],
                dtype=np.int64,
            ).reshape(-1, 4),
            **_regions([v.region_code for v in vacancies], VACANCY_NONE),
            pay_max=np.array([max(0.0, float(v.pay_max)) for v in vacancies], dtype=np.float64),
            education=np.array([v.education_rank for v in vacancies], dtype=np.int64),
            skill=np.array([v.skill_level for v in vacancies], dtype=np.int64),
            opened=np.array([v.opened_on.toordinal() for v in vacancies], dtype=np.int64),
            title_ids=np.array(ids, dtype=np.int64),
            titles=tuple(title_ids),
        )

    def __len__(self) -> int:
        return len(self.keys)

    def age_days(self, as_of: datetime.date) -> np.ndarray:
        return np.maximum(0, as_of.toordinal() - self.opened)

    def freshness(self, as_of: datetime.date) -> np.ndarray:
        # Plain Python floats, so every path (one pair or a million) gets identical values.
        ages = self.age_days(as_of)
        table = {int(days): freshness(int(days)) for days in np.unique(ages)}
        return np.array([table[int(days)] for days in ages], dtype=np.float64)

    @cached_property
    def codes(self) -> tuple[np.ndarray, np.ndarray]:
        """(code id per vacancy, group ids (C × 4) per distinct code)."""
        distinct, ids = np.unique(self.groups, axis=0, return_inverse=True)
        return ids.reshape(-1), distinct.reshape(-1, 4)

    @cached_property
    def regions(self) -> tuple[np.ndarray, np.ndarray]:
        """(region id per vacancy, (county, city, province) (R × 3) per distinct region),
        regions sorted by code so that a city's or a province's counties are contiguous."""
        _, first, ids = np.unique(self.county, return_index=True, return_inverse=True)
        parts = np.stack([self.county[first], self.city[first], self.province[first]], axis=1)
        return ids.reshape(-1), parts.reshape(-1, 3)

    @cached_property
    def title_index(self) -> VacancyTitles:
        return VacancyTitles(self.titles)


@dataclass(frozen=True)
class SeekerColumns:
    keys: np.ndarray
    wish_groups: np.ndarray  # int64 (S, M, 4), SEEKER_NONE where absent
    wish_levels: np.ndarray  # int64 (S, M): 1..4, NO_WISH_LEVEL in slot 0 without wishes, PAD
    county: np.ndarray
    city: np.ndarray
    province: np.ndarray
    willing: np.ndarray  # bool
    expected_pay: np.ndarray  # float64, NaN when none
    education: np.ndarray
    skill: np.ndarray
    titles: tuple[tuple[str, ...], ...]  # normalised wished titles per seeker

    @classmethod
    def from_profiles(cls, seekers: Sequence[SeekerProfile]) -> SeekerColumns:
        slots = max([1, *(len(s.occupation_codes) for s in seekers)])
        groups = np.full((len(seekers), slots, 4), SEEKER_NONE, dtype=np.int64)
        levels = np.full((len(seekers), slots), PAD_LEVEL, dtype=np.int64)
        for row, seeker in enumerate(seekers):
            if not seeker.occupation_codes:
                levels[row, 0] = NO_WISH_LEVEL
            for slot, code in enumerate(seeker.occupation_codes):
                *ids, levels[row, slot] = code_groups(code, SEEKER_NONE)
                groups[row, slot] = ids
        expected = [math.nan if s.expected_pay is None else float(s.expected_pay) for s in seekers]
        return cls(
            keys=np.array([s.key for s in seekers], dtype=np.int64),
            wish_groups=groups,
            wish_levels=levels,
            **_regions([s.region_code for s in seekers], SEEKER_NONE),
            willing=np.array([s.willing_to_move for s in seekers], dtype=bool),
            expected_pay=np.array(expected, dtype=np.float64),
            education=np.array([s.education_rank for s in seekers], dtype=np.int64),
            skill=np.array([s.skill_level for s in seekers], dtype=np.int64),
            titles=tuple(
                tuple(dict.fromkeys(t for t in map(normalise_title, s.wished_titles) if t))
                for s in seekers
            ),
        )

    def __len__(self) -> int:
        return len(self.keys)


def _regions(codes: Sequence[str], missing: int) -> dict[str, np.ndarray]:
    parts = np.array([region_parts(code, missing) for code in codes], dtype=np.int64)
    parts = parts.reshape(-1, 3)
    return {"county": parts[:, 0], "city": parts[:, 1], "province": parts[:, 2]}
