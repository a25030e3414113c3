"""``Match`` objects with their factors ("why this job") for chosen pairs."""

from __future__ import annotations

import numpy as np

from .profiles import FACTOR_NAMES, Factor, Match
from .scoring import (
    DIFFERENT,
    EDUCATION_CASE,
    EDUCATION_VALUE,
    LOCATION_VALUE,
    SKILL_CASE,
    SKILL_VALUE,
    TAXONOMY_SHARE,
    TAXONOMY_VALUE,
    TITLE_SHARE,
    Scoring,
    score_pairs,
)

TITLE_SIMILAR = 0.5  # a title this close explains an otherwise different occupation
RECENT_DAYS, WEEKS_DAYS = 7, 42

OCCUPATION_REASONS = (
    "same_occupation", "within_wished_group", "same_minor_group", "same_medium_group",
    "same_major_group", "different_occupation", "no_wish",
)  # fmt: skip
LOCATION_REASONS = (
    "same_county", "same_city", "same_province", "elsewhere",
    "same_county", "same_city", "same_province", "elsewhere_willing_to_move",
)  # fmt: skip
PAY_REASONS = ("pay_meets_expectation", "pay_below_expectation", "no_expectation")
EDUCATION_REASONS = (
    "education_meets", "education_below", "education_unknown", "education_not_required",
)  # fmt: skip
SKILL_REASONS = ("skill_meets", "skill_below", "skill_not_required")


def build_matches(scoring: Scoring, si: np.ndarray, vi: np.ndarray) -> list[Match]:
    """Match objects, factors included, for the pairs (``si``, ``vi``), in that order."""
    s, v = scoring.seekers, scoring.vacancies
    scores = score_pairs(scoring, si, vi).tolist()
    relation = scoring.relation(si, vi)
    title = scoring.title(si, vi)
    place = scoring.place(si, vi)
    pay = scoring.pay(si, vi)
    pay_case = np.where(np.isnan(s.expected_pay[si]), 2, np.where(pay >= 1.0, 0, 1))
    education_case = EDUCATION_CASE[s.education[si], v.education[vi]]
    skill_case = SKILL_CASE[s.skill[si], v.skill[vi]]
    values = (
        TAXONOMY_SHARE * TAXONOMY_VALUE[relation] + TITLE_SHARE * title,
        LOCATION_VALUE[place],
        pay,
        EDUCATION_VALUE[education_case],
        SKILL_VALUE[skill_case],
        scoring.fresh[vi],
    )
    occupation_reason = np.array(OCCUPATION_REASONS, dtype=object)[relation]
    occupation_reason[(relation == DIFFERENT) & (title >= TITLE_SIMILAR)] = "title_similar"
    ages = v.age_days(scoring.as_of)[vi]
    freshness_reason = np.where(
        ages <= RECENT_DAYS,
        "posted_recently",
        np.where(ages <= WEEKS_DAYS, "posted_weeks_ago", "posted_long_ago"),
    )
    reasons = (
        occupation_reason.tolist(),
        [LOCATION_REASONS[case] for case in place.tolist()],
        [PAY_REASONS[case] for case in pay_case.tolist()],
        [EDUCATION_REASONS[case] for case in education_case.tolist()],
        [SKILL_REASONS[case] for case in skill_case.tolist()],
        freshness_reason.tolist(),
    )
    # Factors are immutable, so equal ones are shared: most repeat (location, education, ...).
    per_factor = []
    for name, weight, value, reason in zip(
        FACTOR_NAMES, scoring.weights.as_tuple(), values, reasons, strict=True
    ):
        made: dict[tuple[float, str], Factor] = {}
        per_factor.append(
            [
                made.get(key) or made.setdefault(key, Factor(name, weight, *key))
                for key in zip(value.tolist(), reason, strict=True)
            ]
        )
    return [
        Match(seeker, vacancy, score, factors)
        for seeker, vacancy, score, factors in zip(
            s.keys[si].tolist(),
            v.keys[vi].tolist(),
            scores,
            zip(*per_factor, strict=True),
            strict=True,
        )
    ]
