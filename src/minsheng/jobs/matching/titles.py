"""Title similarity: the Dice coefficient of character-bigram sets, 2|A∩B| / (|A| + |B|).

Titles are lower-cased with spaces and punctuation dropped; a one-character title is its own
single gram. A seeker's similarity to a vacancy is the best over their wished titles.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse


@lru_cache(maxsize=1 << 16)
def normalise_title(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def bigrams(text: str) -> frozenset[str]:
    if len(text) < 2:
        return frozenset((text,)) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


class VacancyTitles:
    """The distinct vacancy titles as a binary (title × bigram) matrix, built once."""

    def __init__(self, titles: Sequence[str]) -> None:
        self.vocabulary: dict[str, int] = {}
        rows = []
        for title in titles:
            rows.append(
                [self.vocabulary.setdefault(g, len(self.vocabulary)) for g in bigrams(title)]
            )
        self.sizes = np.array([len(row) for row in rows], dtype=np.int64)
        self.matrix_t = _binary(rows, len(self.vocabulary)).T.tocsr()

    def __len__(self) -> int:
        return len(self.sizes)


class TitleTable:
    """Dice similarities between the wished titles of a group of seekers and every vacancy
    title, as a dense (wished titles + 1) × (vacancy titles) table. Its last row, all zero,
    stands for the empty slots of seekers with fewer wished titles. Values are stored as
    float32 (7 significant digits) and read the same way by every scoring path.
    """

    def __init__(self, wished_per_seeker: Sequence[tuple[str, ...]], offered: VacancyTitles):
        wished = list(dict.fromkeys(t for titles in wished_per_seeker for t in titles))
        row_of = {title: row for row, title in enumerate(wished)}
        grams = [bigrams(t) for t in wished]
        known = [[offered.vocabulary[g] for g in gs if g in offered.vocabulary] for gs in grams]
        shared = (_binary(known, len(offered.vocabulary)) @ offered.matrix_t).tocoo()
        sizes = np.array([len(g) for g in grams], dtype=np.int64)
        dice = 2.0 * shared.data / (sizes[shared.row] + offered.sizes[shared.col])
        self.table = np.zeros((len(wished) + 1, len(offered)), dtype=np.float32)
        self.table[shared.row, shared.col] = dice
        width = max(1, len(offered))
        slots = max([1, *(len(t) for t in wished_per_seeker)])
        # Each seeker's wished titles as offsets of their rows in the flattened table.
        self.offsets = np.full((slots, len(wished_per_seeker)), len(wished) * width, np.int64)
        for seeker, titles in enumerate(wished_per_seeker):
            self.offsets[: len(titles), seeker] = [row_of[t] * width for t in titles]
        self._best_per_title = np.zeros(len(wished) + 1, dtype=np.float32)
        np.maximum.at(self._best_per_title, shared.row, self.table[shared.row, shared.col])

    def dice(self, si: np.ndarray, title_ids: np.ndarray) -> np.ndarray:
        """Best Dice of seeker ``si`` (row in the group) against vacancy title ``title_ids``."""
        flat = self.table.ravel()
        best = flat[self.offsets[0][si] + title_ids].astype(np.float64)
        for slot in range(1, len(self.offsets)):
            np.maximum(best, flat[self.offsets[slot][si] + title_ids], out=best)
        return best

    def best_possible(self) -> np.ndarray:
        """Per seeker, the highest Dice any vacancy title reaches: an upper bound."""
        width = max(1, self.table.shape[1])
        return self._best_per_title[self.offsets // width].max(axis=0).astype(np.float64)


def _binary(rows: list[list[int]], columns: int) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.array([c for r in rows for c in r], dtype=np.int64)
    data = np.ones(len(indices), dtype=np.int32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), columns))
