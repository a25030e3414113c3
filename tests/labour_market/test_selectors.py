"""Reads of releases for the pages: who sees what, one city's rows, refusals with the reason."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation
from stdnum.cn import uscc

from minsheng.core.errors import NotFound
from minsheng.labour_market import selectors, services
from minsheng.labour_market.errors import StatisticsError

from . import records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def analyst(make_user):
    return make_user("analyst_national", role="analyst", region_code="100000")


@pytest.fixture
def release(analyst):
    quarter = records.last_finished_quarter()
    records.recruitment_quarter(quarter)
    services.take_snapshot(actor=analyst)
    return services.generate_release(actor=analyst, period=quarter.label)


def publish(analyst, release):
    services.review_release(actor=analyst, release=release)
    return services.publish_release(actor=analyst, release=release)


def test_drafts_are_seen_by_statistics_staff_and_publications_by_everyone(
    analyst, citizen, release
):
    assert list(selectors.release_list(actor=analyst)) == [release]
    assert list(selectors.release_list(actor=citizen)) == []
    with pytest.raises(NotFound):
        selectors.release_get(actor=citizen, release_id=release.pk)
    publish(analyst, release)
    assert selectors.latest_published(actor=citizen, period=release.period) == release
    assert list(selectors.release_list(actor=None)) == []


def test_the_ranking_and_a_citys_list_name_their_snapshot(analyst, release):
    ranking = selectors.shortage_ranking(actor=analyst, release=release)
    assert [(r["rank"], r["occupation_code"], r["snapshot"]) for r in ranking] == [
        (1, records.WELDER, release.snapshot.name)
    ]
    hangzhou = selectors.city_shortage(actor=analyst, release=release, city_code="330100")
    assert [(r["occupation_code"], r["demand"], r["seekers"], r["ratio"]) for r in hangzhou] == [
        (records.WELDER, 5, 2, 2.5)
    ]
    assert selectors.city_shortage(actor=analyst, release=release, city_code="110100") == []


@pytest.mark.parametrize(
    ("city", "code"),
    [("999999", "region_unknown"), ("330106", "region_level"), ("330000", "region_not_city")],
)
def test_a_city_list_for_an_unknown_region_or_a_non_city_is_refused(analyst, release, city, code):
    with pytest.raises(StatisticsError) as refused:
        selectors.city_shortage(actor=analyst, release=release, city_code=city)
    assert (refused.value.code, refused.value.field) == (code, "region")


def test_salary_tables_and_the_pay_guide_with_its_method(analyst, release):
    cells = selectors.salary_cells(
        actor=analyst, release=release, breakdown="salary_by_skill_level"
    )
    assert [(c["skill_level"], c["n"], c["suppressed"]) for c in cells] == [(3, 10, "")]
    guide = selectors.pay_guide(actor=analyst, release=release, city_code="330100")
    assert [(g["skill_level"], g["low"], g["middle"], g["high"]) for g in guide] == [
        (3, 78000, 84000, 93000)
    ]
    with translation.override("en"):
        method = selectors.pay_guide_method()
    assert "25th, 50th and 75th percentiles" in method["text"]
    assert method["engine_docstring"].startswith("Reference annual pay for skilled workers")
    with pytest.raises(NotFound):
        selectors.salary_cells(actor=analyst, release=release, breakdown="salary_by_shoe_size")


def test_minimum_wage_overview_of_a_province():
    overview = selectors.minimum_wage_overview(
        province_code="330000", day=datetime.date(2025, 1, 1)
    )
    assert [(t["tier"], t["monthly"], t["hourly"]) for t in overview] == [
        (1, 2490, 24), (2, 2260, 22), (3, 2010, 20),
    ]  # fmt: skip
    assert overview[0]["regions"] == [("330100", "杭州市")]
    with pytest.raises(StatisticsError):
        selectors.region_minimum_wage(region_code="123456", day=datetime.date(2025, 1, 1))


def test_the_snapshot_reads_survey_rows_of_the_years_up_to_its_day(analyst):
    body = "91330106MA0000001"
    employer = body + uscc.calc_check_digit(body)
    lines = [
        "调查年度,统一社会信用代码,行业,地区代码,职业编码,技能等级,年工资",
        f"2024,{employer},C,330106,6-18-02-04,4,86000",
        f"2025,{employer},C,330212,6-18-02-04,,91000",
        f"2026,{employer},C,330106,6-18-02-04,5,99000",
    ]
    services.import_wage_survey(
        actor=analyst, file_name="survey.csv", data="\n".join(lines).encode("utf-8")
    )

    chunks = selectors.wage_survey_for_snapshot(as_of=datetime.date(2025, 12, 31))

    rows = [
        dict(zip(chunk, values, strict=True))
        for chunk in chunks
        for values in zip(*chunk.values(), strict=True)
    ]
    assert [
        (r["survey_year"], r["city_code"], r["province_code"], r["skill_level"], r["annual_pay"])
        for r in rows
    ] == [
        (2024, "330100", "330000", 4, Decimal(86000)),
        (2025, "330200", "330000", None, Decimal(91000)),
    ]
    assert chunks.count() == 2 and {r["employer_credit_code"] for r in rows} == {employer}
