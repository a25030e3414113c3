"""Where each snapshot table's rows come from: the owning apps' snapshot reads (the
``*_for_snapshot`` selectors of jobs, registry, occupations and this app, in bounded chunks),
shaped here into Arrow batches of the snapshot's schemas.

Every table is read as of the snapshot date: rows dated after it are left out and a ledger stay
exited after it reads as still open, so a snapshot taken later for the same date holds the same
history (barring back-dated corrections, which is what a new snapshot is for). People merged
into another record are left out; their wishes and history count under the kept record only
once moved there. Regions are flattened to the city (level 2) the statistics group by.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import pyarrow as pa
from django.utils import timezone

from minsheng.core.chunks import ColumnChunks
from minsheng.core.regions import CITY, region_tree
from minsheng.jobs import selectors as jobs
from minsheng.labour_market.engine.tables import SCHEMAS
from minsheng.labour_market.selectors import wage_survey_for_snapshot
from minsheng.occupations import selectors as occupations
from minsheng.registry import selectors as registry


@cache
def city_of(region_code: str | None) -> str | None:
    """The city (level 2) a region lies in; None for a province, the nation or nothing."""
    if not region_code or region_code not in region_tree():
        return None
    return region_tree().at_level(region_code, CITY)


def province_of(region_code: str | None) -> str | None:
    return region_tree().province_of(region_code) if region_code else None


def to_batch(table: str, columns: dict[str, list]) -> pa.RecordBatch:
    schema = SCHEMAS[table]
    return pa.RecordBatch.from_arrays(
        [pa.array(columns[field.name], type=field.type) for field in schema], schema=schema
    )


@dataclass(frozen=True)
class Source:
    count: Callable[[datetime.date, object], int]
    batches: Callable[[datetime.date, object], Iterator[pa.RecordBatch]]


def vacancy_batches(as_of, actor):
    for columns in jobs.vacancies_for_snapshot(as_of=as_of):
        columns["city_code"] = [city_of(code) for code in columns["region_code"]]
        yield to_batch("vacancies", columns)


def wish_city(wish_region: str | None, person_region: str | None) -> str | None:
    """The wish's city; for a wish without one (or a whole province) the person's, if inside."""
    city = city_of(wish_region)
    if city is not None:
        return city
    home = city_of(person_region)
    if wish_region and home and not region_tree().is_within(home, wish_region):
        return None
    return home


def wish_batches(as_of, actor):
    for columns in registry.job_wishes_for_snapshot(as_of=as_of):
        cities = [
            wish_city(wish, home)
            for wish, home in zip(
                columns["region_code"], columns["person_region_code"], strict=True
            )
        ]
        columns["city_code"] = cities
        columns["province_code"] = [province_of(city) or "" for city in cities]
        columns["created_on"] = [timezone.localtime(at).date() for at in columns["created_at"]]
        yield to_batch("job_wishes", columns)


def status_batches(as_of, actor):
    for columns in registry.status_changes_for_snapshot(as_of=as_of):
        yield to_batch("status_changes", columns)


def ledger_batches(as_of, actor):
    for columns in registry.ledger_entries_for_snapshot(as_of=as_of):
        # A stay that ends after the snapshot day was still open on it.
        columns["exited_on"] = [
            day if day is not None and day <= as_of else None for day in columns["exited_on"]
        ]
        yield to_batch("ledger_entries", columns)


def hire_batches(as_of, actor):
    for columns in jobs.hires_for_snapshot(as_of=as_of):
        columns["city_code"] = [city_of(code) for code in columns["region_code"]]
        yield to_batch("hires", columns)


def survey_batches(as_of, actor):
    for columns in wage_survey_for_snapshot(as_of=as_of):
        yield to_batch("wage_survey", columns)


def occupation_batches(as_of, actor):
    columns = occupations.occupations_for_snapshot(as_of=as_of)
    if columns["code"]:
        yield to_batch("occupations", columns)


def occupation_count(as_of, actor) -> int:
    return len(occupations.occupations_for_snapshot(as_of=as_of)["code"])


def counted(read: Callable[..., ColumnChunks]) -> Callable[[datetime.date, object], int]:
    return lambda as_of, actor: read(as_of=as_of).count()


SOURCES: dict[str, Source] = {
    "vacancies": Source(counted(jobs.vacancies_for_snapshot), vacancy_batches),
    "job_wishes": Source(counted(registry.job_wishes_for_snapshot), wish_batches),
    "status_changes": Source(counted(registry.status_changes_for_snapshot), status_batches),
    "ledger_entries": Source(counted(registry.ledger_entries_for_snapshot), ledger_batches),
    "hires": Source(counted(jobs.hires_for_snapshot), hire_batches),
    "wage_survey": Source(counted(wage_survey_for_snapshot), survey_batches),
    "occupations": Source(occupation_count, occupation_batches),
}
