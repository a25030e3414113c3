"""Exact top-k over many vacancies without scoring every pair.

Vacancies are sorted five ways, by (group at level L, region) for L = any, major group,
medium group, minor group, full code, so that a tier cell (see ``tiers``) is one contiguous
range per wished code. Each seeker visits cells in decreasing order of the best score a vacancy
in them could reach, scoring them fully (vectorised over a whole chunk of seekers) and keeping
a running top-k. It stops once its k-th score beats the bound of every cell not yet visited:
nothing unscored can then enter the list, so the result equals ``brute_force_top`` exactly,
ties included.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence

import numpy as np

from .columns import SeekerColumns, VacancyColumns
from .explain import build_matches
from .profiles import Match, SeekerProfile, VacancyProfile, Weights
from .ranking import PAIRS_PER_BLOCK, top_k_segments
from .scoring import (
    EDUCATION_VALUE,
    NO_EXPECTATION_VALUE,
    SKILL_VALUE,
    TITLE_SHARE,
    Scoring,
    score_pairs,
)
from .tiers import Plans, kind_of, rectangles, scopes

GROUP_SENTINEL = 10**8  # sort group of vacancies lacking that level: never searched for
TITLE_TABLE_BUDGET = 1 << 25  # wished titles × vacancy titles in one chunk's table
BOUND_MARGIN = 1e-9  # rounding slack between a bound and a score


class VacancyIndex:
    """Vacancies prepared once (e.g. for the nightly batch) to rank them for many seekers.

    ``top_keys`` gives (vacancy key, score) lists, the cheapest result; ``top_for`` gives
    ``Match`` objects with their factors; ``explain`` gives one pair's factors.
    Seekers are processed ``chunk`` at a time, which bounds memory.
    """

    def __init__(
        self,
        vacancies: Sequence[VacancyProfile] | VacancyColumns,
        *,
        as_of: datetime.date,
        weights: Weights = Weights(),  # noqa: B008 - frozen, shared safely
        chunk: int = 16_384,
    ) -> None:
        v = vacancies
        if not isinstance(v, VacancyColumns):
            v = VacancyColumns.from_profiles(v)
        self.vacancies, self.as_of, self.weights, self.chunk = v, as_of, weights, chunk
        self.fresh = v.freshness(as_of)
        region_ids, regions = v.regions
        self.regions = regions[:, 0]
        self._stride = len(regions) + 1
        self._sorted_keys: list[np.ndarray] = []
        permutations = []
        for level in range(5):
            group = np.zeros(len(v), dtype=np.int64)
            if level:
                group = np.where(
                    v.groups[:, level - 1] >= 0, v.groups[:, level - 1], GROUP_SENTINEL
                )
            key = group * self._stride + region_ids
            permutation = np.argsort(key, kind="stable")
            self._sorted_keys.append(key[permutation])
            permutations.append(permutation)
        self._permutations = np.concatenate(permutations)
        self.plans = Plans.for_weights(weights)
        self.max_pay = float(v.pay_max.max()) if len(v) else 0.0
        self.max_fresh = float(self.fresh.max()) if len(v) else 0.0
        self._by_key: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self.vacancies)

    def top_keys(
        self, seekers: Sequence[SeekerProfile], *, k: int = 10
    ) -> list[list[tuple[int, float]]]:
        """Per seeker, best first: (vacancy key, score) of its ``k`` best vacancies."""
        found: list[list[tuple[int, float]]] = []
        for _, items, scores in self._search(seekers, k):
            keys = self.vacancies.keys[np.maximum(items, 0)].tolist()
            counts = (items >= 0).sum(axis=1).tolist()  # found entries come first
            for row_keys, row_scores, count in zip(keys, scores.tolist(), counts, strict=True):
                found.append(list(zip(row_keys[:count], row_scores[:count], strict=True)))
        return found

    def top_for(self, seekers: Sequence[SeekerProfile], *, k: int = 10) -> list[list[Match]]:
        """Per seeker, best first: ``Match`` objects (with factors) of its ``k`` best vacancies."""
        found: list[list[Match]] = []
        for scoring, items, _ in self._search(seekers, k):
            rows, ranks = np.nonzero(items >= 0)
            per_row: list[list[Match]] = [[] for _ in range(items.shape[0])]
            for row, match in zip(
                rows.tolist(), build_matches(scoring, rows, items[rows, ranks]), strict=True
            ):
                per_row[row].append(match)
            found.extend(per_row)
        return found

    def explain(self, seeker: SeekerProfile, vacancy_key: int) -> Match:
        """The score and factors of one (seeker, indexed vacancy) pair."""
        if self._by_key is None:
            self._by_key = {key: row for row, key in enumerate(self.vacancies.keys.tolist())}
        row = np.array([self._by_key[vacancy_key]])
        return build_matches(self._scoring(SeekerColumns.from_profiles([seeker])), row * 0, row)[0]

    def _scoring(self, s: SeekerColumns) -> Scoring:
        return Scoring(s, self.vacancies, as_of=self.as_of, weights=self.weights, fresh=self.fresh)

    def _search(self, seekers: Sequence[SeekerProfile], k: int):
        for start in range(0, len(seekers), self.chunk):
            for s in self._split(seekers[start : start + self.chunk]):
                scoring = self._scoring(s)
                items, scores = _ChunkSearch(self, scoring, k).run()
                yield scoring, items, scores

    def _split(self, seekers: Sequence[SeekerProfile]) -> Iterator[SeekerColumns]:
        """The chunk's columns, halved until its title table fits the budget."""
        s = SeekerColumns.from_profiles(seekers)
        wished = len({t for row in s.titles for t in row})
        if wished * len(self.vacancies.titles) <= TITLE_TABLE_BUDGET or len(seekers) <= 1:
            yield s
            return
        half = len(seekers) // 2
        yield from self._split(seekers[:half])
        yield from self._split(seekers[half:])


class _ChunkSearch:
    """The running top-k of one chunk of seekers while they walk their plans."""

    def __init__(self, index: VacancyIndex, scoring: Scoring, k: int) -> None:
        self.index, self.scoring, self.k = index, scoring, k
        s = scoring.seekers
        self.items = np.full((len(s), k), -1, dtype=np.int64)
        self.scores = np.full((len(s), k), -np.inf)
        self.kind = kind_of(s)
        self.step = np.zeros(len(s), dtype=np.int64)
        self.own_bound = self._own_bound()
        self.rect_level, self.rect_group = rectangles(s)
        self.scope = scopes(s, index.regions)

    def _own_bound(self) -> np.ndarray:
        """The best the seeker-specific terms can add: title, pay, education, skill, freshness."""
        w, s = self.scoring.weights, self.scoring.seekers
        expected = s.expected_pay
        with np.errstate(divide="ignore", invalid="ignore"):
            pay = np.where(expected > 0, np.minimum(1.0, self.index.max_pay / expected), 1.0)
        pay = np.where(np.isnan(expected), NO_EXPECTATION_VALUE, pay)
        return (
            w.occupation * TITLE_SHARE * self.scoring.titles.best_possible()
            + w.pay * pay
            + w.education * EDUCATION_VALUE.max()
            + w.skill * SKILL_VALUE.max()
            + w.freshness * self.index.max_fresh
        )

    def run(self) -> tuple[np.ndarray, np.ndarray]:
        if self.k <= 0 or len(self.index) == 0:
            return self.items[:, :0], self.scores[:, :0]
        active = np.arange(len(self.step))
        while len(active):
            self._visit(active)
            self.step[active] += 1
            active = active[~self._finished(active)]
        return self.items, self.scores

    def _finished(self, rows: np.ndarray) -> np.ndarray:
        plans = self.index.plans
        remaining = plans.remaining[self.kind[rows], self.step[rows]]
        bound = (remaining + self.own_bound[rows]) * 100.0 / self.scoring.weights.total
        return (remaining == -np.inf) | (self.scores[rows, -1] > bound + BOUND_MARGIN)

    def _visit(self, rows: np.ndarray) -> None:
        plans = self.index.plans
        kind, step = self.kind[rows], self.step[rows]
        relation, place = plans.cells[kind, step, 0], plans.cells[kind, step, 1]
        scored = plans.scored[kind, step]
        slots = self.rect_level.shape[1]
        seeker = np.repeat(rows, slots)
        slot = np.tile(np.arange(slots), len(rows))
        relation, place, scored = (np.repeat(a, slots) for a in (relation, place, scored))
        level = self.rect_level[seeker, slot, relation]
        keep = level >= 0
        seeker, slot, relation, place, scored = (
            a[keep] for a in (seeker, slot, relation, place, scored)
        )
        level, group = level[keep], self.rect_group[seeker, slot, relation]
        low, high = self.scope[seeker, place, 0], self.scope[seeker, place, 1]
        # Only the part of the location range not scored by an earlier, wider visit.
        done = np.maximum(scored, 0)
        done_low = np.where(scored >= 0, self.scope[seeker, done, 0], low)
        done_high = np.where(scored >= 0, self.scope[seeker, done, 1], low)
        starts_a, ends_a = self._ranges(level, group, low, done_low)
        starts_b, ends_b = self._ranges(level, group, done_high, high)
        self._score_ranges(
            np.concatenate([seeker, seeker]),
            np.concatenate([starts_a, starts_b]),
            np.concatenate([ends_a, ends_b]),
        )

    def _ranges(self, level, group, low, high) -> tuple[np.ndarray, np.ndarray]:
        index = self.index
        starts = np.zeros(len(level), dtype=np.int64)
        ends = np.zeros(len(level), dtype=np.int64)
        for lv in np.unique(level):
            at = level == lv
            keys = index._sorted_keys[lv]
            base = group[at] * index._stride
            offset = lv * len(index)
            starts[at] = np.searchsorted(keys, base + low[at]) + offset
            ends[at] = np.searchsorted(keys, base + high[at]) + offset
        return starts, ends

    def _score_ranges(self, seeker, starts, ends) -> None:
        lengths = ends - starts
        keep = lengths > 0
        seeker, starts, lengths = seeker[keep], starts[keep], lengths[keep]
        order = np.argsort(seeker, kind="stable")
        seeker, starts, lengths = seeker[order], starts[order], lengths[order]
        total = np.cumsum(lengths)
        first = 0
        while first < len(lengths):
            before_block = total[first - 1] if first else 0
            last = int(np.searchsorted(total, before_block + PAIRS_PER_BLOCK, "right"))
            last = max(first + 1, last)
            count = lengths[first:last]
            before = np.cumsum(count) - count
            si = np.repeat(seeker[first:last], count)
            position = np.repeat(starts[first:last] - before, count) + np.arange(count.sum())
            self._merge(si, self.index._permutations[position])
            first = last

    def _merge(self, si: np.ndarray, vi: np.ndarray) -> None:
        scores = score_pairs(self.scoring, si, vi)
        hopeful = scores >= self.scores[si, -1]
        si, vi, scores = si[hopeful], vi[hopeful], scores[hopeful]
        rows = np.unique(si)
        held = self.items[rows] >= 0
        si = np.concatenate([np.broadcast_to(rows[:, None], held.shape)[held], si])
        vi = np.concatenate([self.items[rows][held], vi])
        scores = np.concatenate([self.scores[rows][held], scores])
        # A pair can come once per wish slot, and once more from the list already held.
        repeats = self.rect_level.shape[1] + 1
        si, vi, scores = _likely_top(si, vi, scores, self.k * repeats)
        segments, items, best, rank = top_k_segments(
            si, scores, self.index.vacancies.keys[vi], vi, self.k
        )
        self.items[rows] = -1
        self.scores[rows] = -np.inf
        self.items[segments, rank] = items
        self.scores[segments, rank] = best


def _likely_top(si: np.ndarray, vi: np.ndarray, scores: np.ndarray, k: int):
    """Drops pairs below their seeker's ``k``-th best entry, found by sorting one combined
    key (seeker, then score to ~1e-9; a value sort is far cheaper than an argsort); near-ties
    at the k-th place all stay. With repeated pairs, ``k`` must be the wanted count times the
    most repeats of one pair."""
    if len(si) <= 8 * k:
        return si, vi, scores
    combined = np.sort(si * 128.0 + (100.0 - scores))
    segment = (combined // 128.0).astype(np.int64)
    position = np.arange(len(combined))
    starts = np.ones(len(combined), dtype=bool)
    starts[1:] = segment[1:] != segment[:-1]
    rank = position - np.maximum.accumulate(np.where(starts, position, 0))
    threshold = np.full(int(si.max()) + 1, -np.inf)
    at_k = rank == k - 1
    threshold[segment[at_k]] = 100.0 - (combined[at_k] - segment[at_k] * 128.0)
    slack = 1e-7 + 4 * np.spacing(combined[-1])  # the key's rounding, at its largest
    keep = scores >= threshold[si] - slack
    return si[keep], vi[keep], scores[keep]
