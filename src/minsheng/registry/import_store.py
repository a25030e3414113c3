"""The import's reads and writes in plain SQL, sized for lists of 100,000 people.

The ORM costs microseconds per value of an `IN (...)` list and per object created, which add
up to seconds over a large list; these helpers look people up by identity number and insert
rows in bulk instead. Lists longer than the database's parameter limit are read in slices.
"""

from django.db import connection

from minsheng.registry.models import Person

IN_LIST_SIZE = 900  # values per IN (...): below SQLite's older limit of 999 parameters
# Fields of a stored person that an import may fill when they are empty; the rest are kept.
FILLABLE_FIELDS = ("phone", "education", "school", "major", "graduation_date")


def slices(values: list, size: int = IN_LIST_SIZE):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def insert_rows(cursor, model, columns: list[str], rows: list[tuple]) -> None:
    """INSERT the rows: COPY on PostgreSQL, one reused statement elsewhere (SQLite).

    A statement per row costs SQLite, in the process, no round trip; PostgreSQL takes
    rows fastest by COPY (a statement per row costs it a round of the protocol, and
    psycopg re-parses a long multi-row statement every time).
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(column).column) for column in columns)
    table = quote(model._meta.db_table)
    if connection.vendor == "postgresql":
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def fill_person_sql() -> str:
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(name)} = %s" for name in FILLABLE_FIELDS)
    return (
        f"UPDATE {quote(Person._meta.db_table)} SET {sets}, {quote('updated_at')} = %s, "
        f"{quote('version')} = {quote('version')} + 1 WHERE {quote('id')} = %s"
    )


def stored_people(numbers: list[str]) -> dict[str, tuple]:
    """Stored people by identity number; a record merged into another stands for that one.

    Most numbers of a list are new: a plain SQL read finds the few stored ones, and only
    those are read through the ORM (which types the dates, at a cost per value).
    """
    found = person_ids(numbers)
    columns = ("identity_number", "id", "region_id", "birth_date", *FILLABLE_FIELDS)
    stored, merged = {}, []
    for part in slices(sorted(found.values())):
        people = Person.objects.filter(pk__in=part)
        for *values, kept_id in people.values_list(*columns, "merged_into"):
            stored[values[0]] = tuple(values)
            if kept_id is not None:
                merged.append((values[0], kept_id))
    for number, kept_id in merged:
        kept = Person.objects.get(pk=kept_id)
        while kept.merged_into_id:  # merged in its turn
            kept = kept.merged_into
        stored[number] = (number, *(getattr(kept, column) for column in columns[1:]))
    return stored


def person_ids(numbers: list[str]) -> dict[str, int]:
    """Ids of the stored people among these identity numbers."""
    table, quote = Person._meta.db_table, connection.ops.quote_name
    ids = {}
    with connection.cursor() as cursor:
        for part in slices(numbers):
            marks = ", ".join(["%s"] * len(part))
            cursor.execute(
                f"SELECT {quote('identity_number')}, {quote('id')} FROM {quote(table)} "
                f"WHERE {quote('identity_number')} IN ({marks})",
                part,
            )
            ids.update(cursor.fetchall())
    return ids
