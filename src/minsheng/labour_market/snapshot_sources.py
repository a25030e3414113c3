"""Where each snapshot table's rows come from, read in keyset-paginated chunks as Arrow batches.

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
from django.db.models import QuerySet
from django.utils import timezone

from minsheng.core.regions import CITY, region_tree
from minsheng.jobs.models import Application, ApplicationStatus, Vacancy
from minsheng.labour_market.engine.tables import SCHEMAS
from minsheng.labour_market.models import WageSurveyRow
from minsheng.occupations.models import Occupation
from minsheng.registry.models import JobWish, LedgerEntry, StatusChange

CHUNK_ROWS = 20_000


@cache
def city_of(region_code: str | None) -> str | None:
    """The city (level 2) a region lies in; None for a province, the nation or nothing."""
    if not region_code or region_code not in region_tree():
        return None
    return region_tree().at_level(region_code, CITY)


def province_of(region_code: str | None) -> str | None:
    return region_tree().province_of(region_code) if region_code else None


def keyset_chunks(rows: QuerySet, fields: tuple[str, ...], size: int = CHUNK_ROWS) -> Iterator:
    """Lists of `values_list(pk, *fields)` tuples in primary-key order, `size` at a time."""
    last = None
    while True:
        page = rows.order_by("pk") if last is None else rows.filter(pk__gt=last).order_by("pk")
        chunk = list(page.values_list("pk", *fields)[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1][0]


def to_batch(table: str, columns: dict[str, list]) -> pa.RecordBatch:
    schema = SCHEMAS[table]
    return pa.RecordBatch.from_arrays(
        [pa.array(columns[field.name], type=field.type) for field in schema], schema=schema
    )


@dataclass(frozen=True)
class Source:
    count: Callable[[datetime.date, object], int]
    batches: Callable[[datetime.date, object], Iterator[pa.RecordBatch]]


def _vacancies(as_of):
    return Vacancy.objects.filter(opens_on__lte=as_of)


def vacancy_batches(as_of, actor):
    fields = (
        "occupation_code", "region_id", "province_code", "employer__industry", "skill_level",
        "headcount", "pay_min", "pay_max", "opens_on", "closes_on", "status",
    )  # fmt: skip
    for chunk in keyset_chunks(_vacancies(as_of), fields):
        (
            pk,
            occupation,
            region,
            province,
            industry,
            level,
            heads,
            low,
            high,
            opens,
            closes,
            status,
        ) = (list(column) for column in zip(*chunk, strict=True))
        yield to_batch("vacancies", {
            "vacancy_id": pk, "occupation_code": occupation, "region_code": region,
            "city_code": [city_of(code) for code in region], "province_code": province,
            "industry": industry, "skill_level": level, "headcount": heads, "pay_min": low,
            "pay_max": high, "opens_on": opens, "closes_on": closes, "status": status,
        })  # fmt: skip


def _wishes(as_of):
    return JobWish.objects.filter(created_at__date__lte=as_of, person__merged_into__isnull=True)


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
    fields = ("person_id", "occupation_code", "region_id", "person__region_id", "created_at")
    for chunk in keyset_chunks(_wishes(as_of), fields):
        pk, person, occupation, region, home, created = (list(c) for c in zip(*chunk, strict=True))
        cities = [wish_city(w, h) for w, h in zip(region, home, strict=True)]
        yield to_batch("job_wishes", {
            "wish_id": pk, "person_id": person, "occupation_code": occupation,
            "city_code": cities, "province_code": [province_of(c) or "" for c in cities],
            "created_on": [timezone.localtime(moment).date() for moment in created],
        })  # fmt: skip


def _status_changes(as_of):
    return StatusChange.objects.filter(since__lte=as_of, person__merged_into__isnull=True)


def status_batches(as_of, actor):
    fields = ("person_id", "person__province_code", "status", "since")
    for chunk in keyset_chunks(_status_changes(as_of), fields):
        pk, person, province, status, since = (list(c) for c in zip(*chunk, strict=True))
        yield to_batch("status_changes", {
            "change_id": pk, "person_id": person, "province_code": province,
            "status": status, "since": since,
        })  # fmt: skip


def _ledger(as_of):
    return LedgerEntry.objects.filter(entered_on__lte=as_of, person__merged_into__isnull=True)


def ledger_batches(as_of, actor):
    fields = ("person_id", "province_code", "entered_on", "exited_on")
    for chunk in keyset_chunks(_ledger(as_of), fields):
        pk, person, province, entered, exited = (list(c) for c in zip(*chunk, strict=True))
        yield to_batch("ledger_entries", {
            "entry_id": pk, "person_id": person, "province_code": province,
            "entered_on": entered,
            "exited_on": [day if day is not None and day <= as_of else None for day in exited],
        })  # fmt: skip


def _hires(as_of):
    return Application.objects.filter(status=ApplicationStatus.HIRED, hired_on__lte=as_of)


def hire_batches(as_of, actor):
    fields = (
        "vacancy__occupation_code", "vacancy__region_id", "vacancy__province_code",
        "vacancy__employer__industry", "vacancy__skill_level", "hired_on", "monthly_pay",
    )  # fmt: skip
    for chunk in keyset_chunks(_hires(as_of), fields):
        pk, occupation, region, province, industry, level, hired, pay = (
            list(c) for c in zip(*chunk, strict=True)
        )
        yield to_batch("hires", {
            "application_id": pk, "occupation_code": occupation,
            "city_code": [city_of(code) for code in region], "province_code": province,
            "industry": industry, "skill_level": level, "hired_on": hired, "monthly_pay": pay,
        })  # fmt: skip


def _survey(as_of):
    return WageSurveyRow.objects.filter(survey_year__lte=as_of.year)


def survey_batches(as_of, actor):
    fields = ("survey_year", "employer_credit_code", "industry", "city_code", "province_code",
              "occupation_code", "skill_level", "annual_pay")  # fmt: skip
    for chunk in keyset_chunks(_survey(as_of), fields):
        pk, year, credit, industry, city, province, occupation, level, pay = (
            list(c) for c in zip(*chunk, strict=True)
        )
        yield to_batch("wage_survey", {
            "row_id": pk, "survey_year": year, "employer_credit_code": credit,
            "industry": industry, "city_code": city, "province_code": province,
            "occupation_code": occupation, "skill_level": level, "annual_pay": pay,
        })  # fmt: skip


def _occupations(as_of, actor):
    # Reference data, read for the system as for anyone: not through the actor-scoped selector.
    return Occupation.objects.as_of(as_of).order_by("code")


def occupation_batches(as_of, actor):
    rows = list(_occupations(as_of, actor).values_list("code", "level", "name", "digital", "green"))
    if rows:
        code, level, name, digital, green = (list(c) for c in zip(*rows, strict=True))
        yield to_batch("occupations", {
            "code": code, "level": level, "name": name, "digital": digital, "green": green,
        })  # fmt: skip


SOURCES: dict[str, Source] = {
    "vacancies": Source(lambda day, actor: _vacancies(day).count(), vacancy_batches),
    "job_wishes": Source(lambda day, actor: _wishes(day).count(), wish_batches),
    "status_changes": Source(lambda day, actor: _status_changes(day).count(), status_batches),
    "ledger_entries": Source(lambda day, actor: _ledger(day).count(), ledger_batches),
    "hires": Source(lambda day, actor: _hires(day).count(), hire_batches),
    "wage_survey": Source(lambda day, actor: _survey(day).count(), survey_batches),
    "occupations": Source(lambda day, actor: _occupations(day, actor).count(), occupation_batches),
}
