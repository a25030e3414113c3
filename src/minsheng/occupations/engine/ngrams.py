"""Character n-gram TF-IDF vectors and cosine nearest neighbours, in NumPy/SciPy."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from operator import add

import numpy as np
from scipy import sparse

# A CSR matrix's (indptr, indices, data), before it is made a SciPy matrix.
CsrArrays = tuple[np.ndarray, np.ndarray, np.ndarray]


def char_ngrams(text: str, sizes: Sequence[int] = (1, 2)) -> list[str]:
    return [text[i : i + n] for n in sizes for i in range(len(text) - n + 1)]


class GramIds:
    """One number for each n-gram known to any of some indexes.

    Query texts are then cut and counted once (``QueryGrams``) for all of those indexes; each
    index maps the numbers to its own columns.
    """

    def __init__(self, indexes: Sequence[NgramIndex]) -> None:
        if len(indexes) == 1:
            self._ids = indexes[0].vocabulary
        else:
            self._ids = {}
            for index in indexes:
                for gram in index.vocabulary:
                    self._ids.setdefault(gram, len(self._ids))
        self.sizes = sorted({size for index in indexes for size in index.sizes})
        self._columns: dict[NgramIndex, np.ndarray] = {}
        for index in indexes:
            columns = np.full(len(self._ids), -1, dtype=np.int64)
            columns[[self._ids[gram] for gram in index.vocabulary]] = list(
                index.vocabulary.values()
            )
            self._columns[index] = columns

    def __len__(self) -> int:
        return len(self._ids)

    def lookup(self, grams: list[str]) -> np.ndarray:
        return np.fromiter(map(self._ids.get, grams, repeat(-1)), dtype=np.int64, count=len(grams))

    def columns_of(self, index: NgramIndex) -> np.ndarray:
        """``index``'s column for each number (-1 where it does not know the n-gram)."""
        return self._columns[index]


class QueryGrams:
    """Each query text's distinct known n-grams, with counts, in first-occurrence order.

    The texts are cut as one joined string (a C-level pass instead of a Python loop per text);
    n-grams that straddle two texts are dropped once looked up.
    """

    def __init__(self, texts: Sequence[str], ids: GramIds) -> None:
        self.count = len(texts)
        self.ids = ids
        joined = "".join(texts)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        row_of_char = np.repeat(np.arange(len(texts)), lengths)
        end_of_char = np.repeat(np.cumsum(lengths), lengths)
        self.by_size: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for size in ids.sizes:
            if size == 1:
                grams = list(joined)
            elif size == 2:
                grams = list(map(add, joined, joined[1:]))
            else:
                grams = [joined[i : i + size] for i in range(len(joined) - size + 1)]
            numbers = ids.lookup(grams)
            known = (numbers >= 0) & (np.arange(len(grams)) + size <= end_of_char[: len(grams)])
            self.by_size[size] = _first_occurrences(
                row_of_char[: len(grams)][known], numbers[known], len(ids)
            )


def _first_occurrences(
    rows: np.ndarray, numbers: np.ndarray, span: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each distinct (row, number) once, with its count, in order of first occurrence.

    ``rows`` must be non-decreasing. This is the order in which ``NgramIndex._count`` lists a
    text's n-grams (a dict filled as it reads them).
    """
    keys = rows * span + numbers
    by_key = np.argsort(keys, kind="stable")
    sorted_keys = keys[by_key]
    new = np.ones(len(keys), dtype=bool)
    new[1:] = sorted_keys[1:] != sorted_keys[:-1]
    starts = np.flatnonzero(new)
    counts = np.diff(np.append(starts, len(keys)))
    order = np.argsort(by_key[starts])
    first = by_key[starts][order]
    return rows[first], numbers[first], counts[order]


class NgramIndex:
    """Rows are L2-normalised TF-IDF vectors of ``texts``; ``nearest`` gives cosine neighbours."""

    def __init__(self, texts: Sequence[str], sizes: Sequence[int] = (1, 2)) -> None:
        self._sizes = tuple(sizes)
        self._vocabulary: dict[str, int] = {}
        rows = [self._count(text, grow=True) for text in texts]
        document_frequency = np.zeros(len(self._vocabulary))
        for row in rows:
            document_frequency[list(row)] += 1
        self._idf = np.log((1 + len(texts)) / (1 + document_frequency)) + 1.0
        self._matrix_t = self._to_matrix(rows).T.tocsr()
        self._own_ids: GramIds | None = None

    def _count(self, text: str, *, grow: bool = False) -> dict[int, float]:
        counts: dict[int, float] = {}
        vocabulary = self._vocabulary
        for gram in char_ngrams(text, self._sizes):
            column = vocabulary.get(gram)
            if column is None:
                if not grow:
                    continue
                column = vocabulary[gram] = len(vocabulary)
            counts[column] = counts.get(column, 0.0) + 1.0
        return counts

    def _to_matrix(self, rows: Sequence[dict[int, float]]) -> sparse.csr_matrix:
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(row) for row in rows])
        indices = np.fromiter((c for row in rows for c in row), dtype=np.int64, count=indptr[-1])
        data = np.fromiter((v for row in rows for v in row.values()), np.float32, count=indptr[-1])
        return self._csr(self._weighted(indptr, indices, data))

    def _csr(self, rows: CsrArrays) -> sparse.csr_matrix:
        indptr, indices, data = rows
        return sparse.csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, self.width))

    def _weighted(self, indptr: np.ndarray, indices: np.ndarray, counts: np.ndarray) -> CsrArrays:
        """Counts (float32, each row in first-occurrence order) to L2-normalised TF-IDF rows.

        This is ``diags(1 / norms) @ matrix`` with ``norms`` from ``matrix.multiply(matrix)``,
        done in NumPy to skip SciPy's per-call overhead (most of the time for a single title)
        but with SciPy's float32 operations in SciPy's order, so the bits are the same: the
        element-wise square lists a row backwards unless every row's columns increase, the
        row sums are ``np.add.reduceat`` of that, and the product lists each row backwards.
        """
        data = counts * self._idf[indices] if len(indices) else counts
        data = data.astype(np.float32, copy=False)
        lengths = np.diff(indptr)
        row_of = np.repeat(np.arange(len(lengths)), lengths)
        backwards = (indptr[:-1] + indptr[1:] - 1)[row_of] - np.arange(len(data))
        squares = data * data
        if not np.all((np.diff(indices) > 0) | (np.diff(row_of) != 0)):
            squares = squares[backwards]
        norms = np.zeros(len(lengths), dtype=np.float32)
        filled = np.flatnonzero(lengths)
        if len(filled):
            norms[filled] = np.add.reduceat(squares, indptr[filled])
        norms = np.sqrt(norms)
        norms[norms == 0] = 1.0
        values = (1.0 / norms)[row_of] * data
        return indptr, indices[backwards], values[backwards]

    @property
    def vocabulary(self) -> dict[str, int]:
        return self._vocabulary

    @property
    def sizes(self) -> tuple[int, ...]:
        return self._sizes

    @property
    def width(self) -> int:
        return len(self._vocabulary)

    def vectors(self, queries: Sequence[str]) -> sparse.csr_matrix:
        """The queries' L2-normalised TF-IDF vectors (rows), in this index's vocabulary."""
        if self._own_ids is None:
            self._own_ids = GramIds([self])
        return self.vectors_of(QueryGrams(queries, self._own_ids))

    def vectors_of(self, grams: QueryGrams) -> sparse.csr_matrix:
        """``vectors`` of texts already cut and counted, which several indexes can share."""
        return self._csr(self.vector_arrays(grams))

    def vector_arrays(self, grams: QueryGrams) -> CsrArrays:
        """``vectors_of`` as CSR arrays (indptr, indices, data), for ``side_by_side``."""
        columns_of = grams.ids.columns_of(self)
        found = []
        for size in self._sizes:
            rows, numbers, counts = grams.by_size[size]
            columns = columns_of[numbers]
            known = columns >= 0
            found.append((rows[known], columns[known], counts[known]))
        rows, columns, counts = (np.concatenate(parts) for parts in zip(*found, strict=True))
        if len(found) > 1:
            # Each text's n-grams by size, then by first occurrence, as ``_count`` reads them.
            by_row = np.argsort(rows, kind="stable")
            rows, columns, counts = rows[by_row], columns[by_row], counts[by_row]
        indptr = np.zeros(grams.count + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(np.bincount(rows, minlength=grams.count))
        return self._weighted(indptr, columns, counts.astype(np.float32))

    @property
    def texts_by_column(self) -> sparse.csr_matrix:
        """The indexed texts' vectors as columns: ``vectors(q) @ texts_by_column`` is cosine."""
        return self._matrix_t

    def similarities(self, queries: Sequence[str]) -> sparse.csr_matrix:
        """Cosine similarity of each query (row) to each indexed text (column)."""
        return self.vectors(queries) @ self._matrix_t

    def nearest(self, queries: Sequence[str], k: int) -> list[list[tuple[int, float]]]:
        """The ``k`` most similar indexed texts per query, as (text index, cosine) pairs."""
        scores = self.similarities(queries).tocsr()
        found: list[list[tuple[int, float]]] = []
        for row in range(scores.shape[0]):
            start, end = scores.indptr[row], scores.indptr[row + 1]
            data, indices = scores.data[start:end], scores.indices[start:end]
            if len(data) > k:
                top = np.argpartition(data, -k)[-k:]
                data, indices = data[top], indices[top]
            order = np.argsort(-data, kind="stable")
            found.append(list(zip(indices[order].tolist(), data[order].tolist(), strict=True)))
        return found


def side_by_side(blocks: Sequence[tuple[CsrArrays, int]]) -> sparse.csr_matrix:
    """``sparse.hstack`` of CSR blocks given as (arrays, width), in the same entry order.

    Each row lists the first block's entries, then the next block's (columns shifted by the
    widths before it), as SciPy's stacking does; one CSR construction instead of one per block.
    """
    rows = len(blocks[0][0][0]) - 1
    lengths = sum(np.diff(indptr) for (indptr, _, _), _ in blocks)
    indptr = np.zeros(rows + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(lengths)
    indices = np.empty(indptr[-1], dtype=np.int64)
    data = np.empty(indptr[-1], dtype=np.float32)
    filled = indptr[:-1].copy()
    offset = 0
    for (block_indptr, block_indices, block_data), width in blocks:
        block_lengths = np.diff(block_indptr)
        row_of = np.repeat(np.arange(rows), block_lengths)
        places = filled[row_of] + np.arange(len(block_data)) - block_indptr[:-1][row_of]
        indices[places] = block_indices + offset
        data[places] = block_data
        filled += block_lengths
        offset += width
    return sparse.csr_matrix((data, indices, indptr), shape=(rows, offset))
