"""The one scoring function, applied to arrays of (seeker, vacancy) pairs.

A group of seekers is first prepared against the vacancies (``Scoring``): their occupation
relation to every distinct vacancy code, their location case for every distinct region, their
title overlaps with every distinct title. Scoring a pair is then a handful of table look-ups.
Every path (one pair, a full scan, the tiered index) goes through ``score_pairs``, so a pair
scores the same to the last bit whichever way it is reached.
"""

from __future__ import annotations

import datetime

import numpy as np

from .columns import PAD_LEVEL, SeekerColumns, VacancyColumns
from .profiles import Weights
from .titles import TitleTable

# Occupation relations, best first, and their taxonomy values.
SAME, WITHIN, MINOR, MEDIUM, MAJOR, DIFFERENT, NO_WISH = range(7)
TAXONOMY_VALUE = np.array([1.0, 1.0, 0.75, 0.5, 0.25, 0.0, 0.5])
TAXONOMY_SHARE, TITLE_SHARE = 0.85, 0.15


def _relation_table() -> np.ndarray:
    """relation[wish level * 5 + shared depth]; depth 4 = identical code, 0 = other major."""
    # Unused slots say "no wish", which any real wish beats when the minimum is taken.
    table = np.full((PAD_LEVEL + 1, 5), NO_WISH, dtype=np.int8)
    for level in range(1, 5):
        for depth in range(5):
            if depth == 4:
                table[level, depth] = SAME
            elif depth >= level:
                table[level, depth] = WITHIN
            else:
                table[level, depth] = DIFFERENT - depth
    return table.ravel()


RELATION = _relation_table()

# Location case = willing × 4 + level; level 0 same county, 1 city, 2 province, 3 elsewhere.
LOCATION_VALUE = np.array([1.0, 0.6, 0.3, 0.0, 1.0, 0.85, 0.7, 0.5])
NO_EXPECTATION_VALUE = 0.8
EDU_MEETS, EDU_BELOW, EDU_UNKNOWN, EDU_NOT_REQUIRED = range(4)
EDUCATION_VALUE = np.array([1.0, 0.2, 0.5, 1.0])
SKILL_MEETS, SKILL_BELOW, SKILL_NOT_REQUIRED = range(3)
SKILL_VALUE = np.array([1.0, 0.3, 1.0])
RANKS = 9  # education ranks and skill levels run 0..8


def _education_case(held: int, required: int) -> int:
    if required == 0:
        return EDU_NOT_REQUIRED
    if held >= required:
        return EDU_MEETS
    return EDU_UNKNOWN if held == 0 else EDU_BELOW


def _skill_case(held: int, required: int) -> int:
    if required == 0:
        return SKILL_NOT_REQUIRED
    return SKILL_MEETS if held >= required else SKILL_BELOW


EDUCATION_CASE = np.array([[_education_case(h, r) for r in range(RANKS)] for h in range(RANKS)])
SKILL_CASE = np.array([[_skill_case(h, r) for r in range(RANKS)] for h in range(RANKS)])


class Scoring:
    """A group of seekers prepared against a set of vacancies."""

    def __init__(
        self,
        seekers: SeekerColumns,
        vacancies: VacancyColumns,
        *,
        as_of: datetime.date,
        weights: Weights,
        fresh: np.ndarray | None = None,
    ) -> None:
        self.seekers, self.vacancies, self.weights, self.as_of = seekers, vacancies, weights, as_of
        self.fresh = vacancies.freshness(as_of) if fresh is None else fresh
        self.code_ids, codes = vacancies.codes
        self.region_ids, regions = vacancies.regions
        self.relations = relation_table(seekers, codes)
        self.places = location_table(seekers, regions)
        self.titles = TitleTable(seekers.titles, vacancies.title_index)
        self.has_titles = any(seekers.titles)
        self.seeker_fit = (seekers.education * RANKS + seekers.skill) * RANKS * RANKS
        self.vacancy_fit = vacancies.education * RANKS + vacancies.skill
        self.pay_divisor, self.pay_cap, self.pay_floor = _pay_terms(seekers.expected_pay)
        w = weights
        self.weighted_taxonomy = w.occupation * TAXONOMY_SHARE * TAXONOMY_VALUE
        self.weighted_title = w.occupation * TITLE_SHARE
        self.weighted_location = w.location * LOCATION_VALUE
        education = EDUCATION_VALUE[EDUCATION_CASE]  # [held, required]
        skill = SKILL_VALUE[SKILL_CASE]
        self.weighted_fit = (
            w.education * education[:, None, :, None] + w.skill * skill[None, :, None, :]
        ).ravel()  # [held education, held skill, required education, required skill]
        self.weighted_fresh = w.freshness * self.fresh
        self.scale = 100.0 / w.total

    def relation(self, si: np.ndarray, vi: np.ndarray) -> np.ndarray:
        return self.relations.ravel()[si * self.relations.shape[1] + self.code_ids[vi]]

    def place(self, si: np.ndarray, vi: np.ndarray) -> np.ndarray:
        return self.places.ravel()[si * self.places.shape[1] + self.region_ids[vi]]

    def title(self, si: np.ndarray, vi: np.ndarray) -> np.ndarray:
        if not self.has_titles:
            return np.zeros(len(si))
        return self.titles.dice(si, self.vacancies.title_ids[vi])

    def pay(self, si: np.ndarray, vi: np.ndarray) -> np.ndarray:
        ratio = self.vacancies.pay_max[vi] / self.pay_divisor[si]
        return np.minimum(self.pay_cap[si], ratio) + self.pay_floor[si]


def score_pairs(scoring: Scoring, si: np.ndarray, vi: np.ndarray) -> np.ndarray:
    """Scores (0..100) of the pairs (seeker row ``si``, vacancy row ``vi``)."""
    total = scoring.weighted_taxonomy[scoring.relation(si, vi)]
    if scoring.has_titles:
        total += scoring.weighted_title * scoring.title(si, vi)
    total += scoring.weighted_location[scoring.place(si, vi)]
    total += scoring.weights.pay * scoring.pay(si, vi)
    total += scoring.weighted_fit[scoring.seeker_fit[si] + scoring.vacancy_fit[vi]]
    total += scoring.weighted_fresh[vi]
    total *= scoring.scale
    return total


def relation_table(s: SeekerColumns, codes: np.ndarray) -> np.ndarray:
    """(seeker × distinct vacancy code) closest relation over the seeker's wished codes."""
    slots = s.wish_levels.shape[1]
    # A wish is identified by its full code and level; the rest derives from them.
    wish_ids = s.wish_groups[..., 3].ravel() * 8 + s.wish_levels.ravel()
    _, first, inverse = np.unique(wish_ids, return_index=True, return_inverse=True)
    distinct = np.concatenate(
        [s.wish_groups.reshape(-1, 4)[first], s.wish_levels.reshape(-1, 1)[first]], axis=1
    )
    depth = np.zeros((len(distinct), len(codes)), dtype=np.int8)
    for level in range(4):
        depth[distinct[:, level, None] == codes[None, :, level]] = level + 1
    per_wish = RELATION[distinct[:, 4, None] * 5 + depth]
    inverse = inverse.reshape(len(s), slots)
    table = per_wish[inverse[:, 0]]
    for slot in range(1, slots):
        np.minimum(table, per_wish[inverse[:, slot]], out=table)
    return table


def location_table(s: SeekerColumns, regions: np.ndarray) -> np.ndarray:
    """(seeker × distinct vacancy region) location case: willing × 4 + level."""
    shared = np.zeros((len(s), len(regions)), dtype=np.int8)
    for part, column in enumerate((s.county, s.city, s.province)):
        shared += column[:, None] == regions[None, :, part]
    return (3 - shared) + 4 * s.willing[:, None].astype(np.int8)


def _pay_terms(expected: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """value = min(cap, offer / divisor) + floor: the ratio capped at 1 with an expectation,
    0.8 without one, 1 when the expectation is zero or less."""
    none = np.isnan(expected)
    positive = ~none & (expected > 0)
    divisor = np.where(positive, expected, 1.0)
    cap = np.where(positive, 1.0, 0.0)
    floor = np.where(positive, 0.0, np.where(none, NO_EXPECTATION_VALUE, 1.0))
    return divisor, cap, floor
