"""Scoring one pair, ranking by full scan, and the brute-force baseline.

Ranking order everywhere: score descending, then the other side's key ascending, so equal
scores always come out in the same order.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import numpy as np

from .columns import SeekerColumns, VacancyColumns
from .explain import build_matches
from .profiles import Match, SeekerProfile, VacancyProfile, Weights
from .scoring import Scoring, score_pairs

PAIRS_PER_BLOCK = 1 << 21  # bounds the temporary arrays of one scoring call


def top_k_segments(
    segments: np.ndarray, scores: np.ndarray, keys: np.ndarray, items: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The best ``k`` distinct items per segment: (segments, items, scores, rank), sorted by
    segment, then best first. Repeated (segment, item) pairs count once."""
    order = np.lexsort((items, keys, -scores, segments))
    segments, items, scores = segments[order], items[order], scores[order]
    fresh = np.ones(len(order), dtype=bool)
    fresh[1:] = (segments[1:] != segments[:-1]) | (items[1:] != items[:-1])
    segments, items, scores = segments[fresh], items[fresh], scores[fresh]
    position = np.arange(len(segments))
    starts = np.ones(len(segments), dtype=bool)
    starts[1:] = segments[1:] != segments[:-1]
    rank = position - np.maximum.accumulate(np.where(starts, position, 0))
    kept = rank < k
    return segments[kept], items[kept], scores[kept], rank[kept]


def dense_top_k(
    scores: np.ndarray, keys: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``top_k_segments`` of a (rows × items) score matrix, rows being the segments."""
    columns = scores.shape[1]
    if columns > k:
        threshold = np.partition(scores, columns - k, axis=1)[:, columns - k]
        rows, cols = np.nonzero(scores >= threshold[:, None])
    else:
        rows, cols = np.nonzero(np.ones(scores.shape, dtype=bool))
    return top_k_segments(rows, scores[rows, cols], keys[cols], cols, k)


def score_pair(
    seeker: SeekerProfile,
    vacancy: VacancyProfile,
    *,
    as_of: datetime.date,
    weights: Weights = Weights(),  # noqa: B008 - frozen, shared safely
) -> Match:
    scoring = Scoring(
        SeekerColumns.from_profiles([seeker]),
        VacancyColumns.from_profiles([vacancy]),
        as_of=as_of,
        weights=weights,
    )
    zero = np.zeros(1, dtype=np.int64)
    return build_matches(scoring, zero, zero)[0]


def rank_vacancies(
    seeker: SeekerProfile,
    vacancies: Sequence[VacancyProfile],
    *,
    as_of: datetime.date,
    k: int = 10,
    weights: Weights = Weights(),  # noqa: B008
) -> list[Match]:
    """The ``k`` best vacancies for one seeker, best first, by scoring every one."""
    if not vacancies or k <= 0:
        return []
    v = VacancyColumns.from_profiles(vacancies)
    scoring = Scoring(SeekerColumns.from_profiles([seeker]), v, as_of=as_of, weights=weights)
    si = np.zeros(len(v), dtype=np.int64)
    scores = score_pairs(scoring, si, np.arange(len(v)))
    _, items, _, _ = dense_top_k(scores[None, :], v.keys, k)
    return build_matches(scoring, si[: len(items)], items)


def rank_seekers(
    vacancy: VacancyProfile,
    seekers: Sequence[SeekerProfile],
    *,
    as_of: datetime.date,
    k: int = 10,
    weights: Weights = Weights(),  # noqa: B008
) -> list[Match]:
    """The ``k`` best seekers for one vacancy, best first (ties: lower seeker key first)."""
    if not seekers or k <= 0:
        return []
    s = SeekerColumns.from_profiles(seekers)
    scoring = Scoring(s, VacancyColumns.from_profiles([vacancy]), as_of=as_of, weights=weights)
    vi = np.zeros(len(s), dtype=np.int64)
    scores = score_pairs(scoring, np.arange(len(s)), vi)
    _, items, _, _ = dense_top_k(scores[None, :], s.keys, k)
    return build_matches(scoring, items, vi[: len(items)])


def brute_force_top(
    seekers: Sequence[SeekerProfile],
    vacancies: Sequence[VacancyProfile] | VacancyColumns,
    *,
    as_of: datetime.date,
    k: int = 10,
    weights: Weights = Weights(),  # noqa: B008
    chunk: int = 2_000,
) -> list[list[tuple[int, float]]]:
    """(vacancy key, score) of the ``k`` best vacancies per seeker, scoring every pair.

    The baseline the index is checked against: same scoring function, no pruning."""
    v = (
        vacancies
        if isinstance(vacancies, VacancyColumns)
        else VacancyColumns.from_profiles(vacancies)
    )
    fresh = v.freshness(as_of)
    found: list[list[tuple[int, float]]] = []
    rows_per_block = max(1, PAIRS_PER_BLOCK // max(1, len(v)))
    for start in range(0, len(seekers), chunk):
        s = SeekerColumns.from_profiles(seekers[start : start + chunk])
        scoring = Scoring(s, v, as_of=as_of, weights=weights, fresh=fresh)
        for first in range(0, len(s), rows_per_block):
            rows = np.arange(first, min(len(s), first + rows_per_block))
            found.extend(_scan(scoring, rows, k))
    return found


def _scan(scoring: Scoring, rows: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
    v = scoring.vacancies
    if len(v) == 0 or k <= 0:
        return [[] for _ in rows]
    si = np.repeat(rows, len(v))
    vi = np.tile(np.arange(len(v)), len(rows))
    scores = score_pairs(scoring, si, vi).reshape(len(rows), len(v))
    segments, items, best, _ = dense_top_k(scores, v.keys, k)
    found: list[list[tuple[int, float]]] = [[] for _ in rows]
    for row, key, score in zip(
        segments.tolist(), v.keys[items].tolist(), best.tolist(), strict=True
    ):
        found[row].append((key, score))
    return found
