"""Labour-market statistics API: releases, their tables as JSON (paginated), minimum wages.

Published releases are read by every token holder, drafts by statistics staff. Each table row
names its ``snapshot``. A bad period (malformed, in the future, not published), an unknown
region or an unknown table is refused in the project's error shape, with its ``field``.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from minsheng.core.regions import NATIONAL_CODE
from minsheng.labour_market import selectors
from minsheng.labour_market.errors import check_period_over, check_region, parse_period

router = Router(tags=["statistics"])


class ReleaseOut(Schema):
    id: int
    period: str
    region_code: str
    status: str
    snapshot: str
    snapshot_as_of: datetime.date
    generated_at: datetime.datetime
    published_at: datetime.datetime | None
    tables: dict[str, int]
    parameters: dict

    @staticmethod
    def resolve_region_code(release) -> str:
        return release.region_id

    @staticmethod
    def resolve_snapshot(release) -> str:
        return release.snapshot.name

    @staticmethod
    def resolve_snapshot_as_of(release) -> datetime.date:
        return release.snapshot.as_of

    @staticmethod
    def resolve_tables(release) -> dict[str, int]:
        return {name: entry["rows"] for name, entry in release.tables.items()}


class TierOut(Schema):
    tier: int
    monthly: Decimal
    hourly: Decimal
    regions: list[tuple[str, str]]


def json_value(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@router.get("/statistics/releases", response=list[ReleaseOut])
@paginate(PageNumberPagination)
def release_list(request, period: str = "", region_code: str = "", status: str = ""):
    rows = selectors.release_list(actor=request.auth, status=status or None)
    if period:
        chosen = parse_period(period)
        check_period_over(chosen, timezone.localdate())
        rows = rows.filter(period=chosen.label)
    if region_code:
        rows = rows.filter(region=check_region(region_code))
    return rows


@router.get("/statistics/releases/latest", response=ReleaseOut)
def release_latest(request, period: str = "", region_code: str = NATIONAL_CODE):
    if period:
        check_period_over(parse_period(period), timezone.localdate())
    return selectors.latest_published(
        actor=request.auth, period=period or None, region_code=region_code
    )


@router.get("/statistics/releases/{release_id}", response=ReleaseOut)
def release_detail(request, release_id: int):
    return selectors.release_get(actor=request.auth, release_id=release_id)


@router.get("/statistics/releases/{release_id}/tables/{name}", response=list[dict])
@paginate(PageNumberPagination)
def release_table(request, release_id: int, name: str, city_code: str = ""):
    release = selectors.release_get(actor=request.auth, release_id=release_id)
    table = selectors.release_table(
        actor=request.auth, release=release, name=name, city_code=city_code or None
    )
    return [{k: json_value(v) for k, v in row.items()} for row in table.to_pylist()]


@router.get("/statistics/minimum-wages", response=list[TierOut])
def minimum_wages(request, province_code: str, day: datetime.date | None = None):
    return selectors.minimum_wage_overview(
        province_code=province_code, day=day or timezone.localdate()
    )
