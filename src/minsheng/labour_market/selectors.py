"""Reads of labour-market statistics for pages, API and downloads.

Releases are read through `StatisticsRelease.objects.for_actor`: published ones by every signed-in
user, drafts by statistics staff. Table rows come back as plain dicts (Decimals for pay, ints for
counts, floats for ratios), each naming its ``snapshot``; `release_table` gives the Arrow table
for CSV / XLSX downloads. An unknown or county-level region is refused with the reason.
"""

import datetime

import pyarrow as pa
import pyarrow.compute as pc
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from minsheng.core.chunks import ColumnChunks
from minsheng.core.errors import NotFound
from minsheng.core.models import User
from minsheng.core.regions import CITY, NATIONAL_CODE, region_tree
from minsheng.labour_market.engine.pay_guide import METHOD
from minsheng.labour_market.engine.salary import BREAKDOWNS
from minsheng.labour_market.engine.statistics import RELEASE_TABLES
from minsheng.labour_market.errors import StatisticsError, check_region, parse_period
from minsheng.labour_market.minimum_wages import MinimumWage, minimum_wage, province_tiers
from minsheng.labour_market.models import (
    ReleaseStatus,
    Snapshot,
    StatisticsRelease,
    WageSurveyRow,
)
from minsheng.labour_market.release_files import stored_table

PAY_GUIDE_METHOD = _(
    "For each city and skill level, the guide's low, middle and high values are the 25th, 50th "
    "and 75th percentiles (nearest rank) of the annual pay of that skill level in that city: "
    "recorded hires at 12 × the monthly pay and enterprise salary survey rows of the twelve "
    "months ending with the period. Each value is raised to 12 × the city's monthly minimum "
    "wage (full-time standard in force at the end of the period, tier of the city's districts) "
    "where it falls below it. Cells with too few observations are not published."
)


def snapshot_list(*, actor: User) -> QuerySet[Snapshot]:
    return Snapshot.objects.for_actor(actor).select_related("taken_by")


def release_list(*, actor: User, status: str | None = None) -> QuerySet[StatisticsRelease]:
    rows = StatisticsRelease.objects.for_actor(actor).select_related("snapshot", "region")
    return rows.filter(status=status) if status else rows


def release_get(*, actor: User, release_id: int) -> StatisticsRelease:
    found = release_list(actor=actor).filter(pk=release_id).first()
    if found is None:
        raise NotFound("release_not_found", _("No such statistics release."))
    return found


def latest_published(
    *, actor: User, period: str | None = None, region_code: str = NATIONAL_CODE
) -> StatisticsRelease:
    """The published release of the period (default: the latest period) for the region."""
    region_code = check_region(region_code)
    rows = release_list(actor=actor, status=ReleaseStatus.PUBLISHED).filter(region=region_code)
    if period:
        rows = rows.filter(period=parse_period(period).label)
    found = rows.order_by("-published_at").first()
    if found is None:
        raise NotFound("release_not_found", _("No statistics have been published for this."))
    return found


def release_table(
    *, actor: User, release: StatisticsRelease, name: str, city_code: str | None = None
) -> pa.Table:
    """One of the release's tables (`RELEASE_TABLES`), optionally only one city's rows."""
    release = release_get(actor=actor, release_id=release.pk)
    if name not in RELEASE_TABLES or name not in release.tables:
        raise NotFound("table_not_found", _("This release has no such table."))
    table = stored_table(release, release.tables[name]["file"])
    if city_code is not None:
        city_code = check_city(city_code)
        if "city_code" not in table.column_names:
            raise NotFound("table_not_found", _("This table is not broken down by city."))
        table = table.filter(pc.equal(table["city_code"], city_code))
    return table


def check_city(city_code: str) -> str:
    city_code = check_region(city_code)
    if region_tree().get(city_code).level != CITY:
        raise StatisticsError("region_not_city", _("Choose a city."), field="region")
    return city_code


def shortage_ranking(*, actor: User, release: StatisticsRelease, limit: int = 100) -> list[dict]:
    """The national (or the release region's) top-100 shortage ranking, first `limit` rows."""
    table = release_table(actor=actor, release=release, name="shortage_national")
    return table.slice(0, max(limit, 0)).to_pylist()


def city_shortage(*, actor: User, release: StatisticsRelease, city_code: str) -> list[dict]:
    """A city's top-20 occupations by gap."""
    table = release_table(
        actor=actor, release=release, name="shortage_city_top", city_code=city_code
    )
    return table.to_pylist()


def salary_cells(*, actor: User, release: StatisticsRelease, breakdown: str) -> list[dict]:
    """`breakdown` is one of `engine.salary.BREAKDOWNS` (``salary_by_city`` …)."""
    if breakdown not in BREAKDOWNS:
        raise NotFound("table_not_found", _("This release has no such table."))
    return release_table(actor=actor, release=release, name=breakdown).to_pylist()


def pay_guide(
    *, actor: User, release: StatisticsRelease, city_code: str | None = None
) -> list[dict]:
    return release_table(
        actor=actor, release=release, name="pay_guide", city_code=city_code
    ).to_pylist()


def pay_guide_method() -> dict[str, str]:
    """The pay guide's method in words: for the page (translated) and as the engine states it."""
    return {"text": str(PAY_GUIDE_METHOD), "engine_docstring": METHOD}


def region_minimum_wage(*, region_code: str, day: datetime.date) -> MinimumWage | None:
    """The minimum wage of any region (county included) on the day; None when not recorded."""
    if region_code not in region_tree():
        check_region(region_code)  # raises region_unknown
    return minimum_wage(region_code, day)


def minimum_wage_overview(*, province_code: str, day: datetime.date) -> list[dict]:
    """A province's tiers on the day with the localities listed for each."""
    province_code = check_region(province_code)
    return [
        {
            "tier": tier.tier,
            "monthly": tier.monthly,
            "hourly": tier.hourly,
            "regions": [(code, region_tree().get(code).name) for code in tier.regions],
        }
        for tier in province_tiers(province_code, day)
    ]


def wage_survey_for_snapshot(*, as_of: datetime.date) -> ColumnChunks:
    """Salary-survey rows of the years up to `as_of`'s, by id, for the statistics snapshot: a
    system job over every region, so no actor (never serve this to a page or the API)."""
    return ColumnChunks(
        WageSurveyRow.objects.filter(survey_year__lte=as_of.year),
        {
            "row_id": "pk", "survey_year": "survey_year",
            "employer_credit_code": "employer_credit_code", "industry": "industry",
            "city_code": "city_code", "province_code": "province_code",
            "occupation_code": "occupation_code", "skill_level": "skill_level",
            "annual_pay": "annual_pay",
        },
    )  # fmt: skip
