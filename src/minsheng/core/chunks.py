"""Reading a large table in bounded chunks of plain column lists, for system exports.

Keyset pagination: each chunk is its own short query (``pk > last ORDER BY pk LIMIT size``), so
memory stays bounded however large the table, no cursor stays open between chunks, and the read
behaves the same on SQLite and PostgreSQL. The chunks hold plain values under the names the
owning app chose, so no model instance (and no ORM field path) crosses into the reading app.
"""

from collections.abc import Iterator

from django.db.models import QuerySet

CHUNK_ROWS = 20_000


class ColumnChunks:
    """`rows` in primary-key order, `size` at a time, each chunk a dict of equal-length lists:
    ``{"vacancy_id": [...], "region_code": [...]}`` for ``columns={"vacancy_id": "pk",
    "region_code": "region_id"}`` (name in the chunk → field path in `rows`)."""

    def __init__(self, rows: QuerySet, columns: dict[str, str], size: int = CHUNK_ROWS) -> None:
        self._rows, self._columns, self._size = rows, columns, size

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._columns)

    def count(self) -> int:
        return self._rows.count()

    def __iter__(self) -> Iterator[dict[str, list]]:
        paths = list(self._columns.values())
        last = None
        while True:
            rows = self._rows if last is None else self._rows.filter(pk__gt=last)
            chunk = list(rows.order_by("pk").values_list("pk", *paths)[: self._size])
            if not chunk:
                return
            _keys, *values = zip(*chunk, strict=True)
            yield {name: list(column) for name, column in zip(self._columns, values, strict=True)}
            last = chunk[-1][0]
