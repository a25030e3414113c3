"""Character n-gram TF-IDF vectors and cosine nearest neighbours, in NumPy/SciPy."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


def char_ngrams(text: str, sizes: Sequence[int] = (1, 2)) -> list[str]:
    return [text[i : i + n] for n in sizes for i in range(len(text) - n + 1)]


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
        data *= self._idf[indices] if len(indices) else 1.0
        matrix = sparse.csr_matrix(
            (data, indices, indptr), shape=(len(rows), len(self._vocabulary))
        )
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix, dtype=np.float32)

    def vectors(self, queries: Sequence[str]) -> sparse.csr_matrix:
        """The queries' L2-normalised TF-IDF vectors (rows), in this index's vocabulary."""
        return self._to_matrix([self._count(q) for q in queries])

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
