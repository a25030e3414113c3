"""The demo's statistics: a published quarterly release of Zhejiang's eleven cities, made once."""

import datetime

import pytest
from django.utils import timezone

from minsheng.labour_market import selectors
from minsheng.labour_market.demo_data import demo_period, seed_statistics
from minsheng.labour_market.models import ReleaseStatus, Snapshot, StatisticsRelease

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def analyst(make_user):
    return make_user("analyst_zhejiang", role="analyst", region_code="330000")


def test_the_demo_publishes_the_last_complete_quarter_with_many_cities(analyst):
    release = seed_statistics(as_of=timezone.localdate(), region_code="330100")
    expected = demo_period(timezone.localdate()).label
    assert (release.period, release.region_id, release.status) == (
        expected,
        "330000",
        ReleaseStatus.PUBLISHED,
    )
    ranking = selectors.shortage_ranking(actor=analyst, release=release)
    assert len(ranking) == 100
    city_rows = selectors.release_table(actor=analyst, release=release, name="shortage_city_top")
    assert len(set(city_rows["city_code"].to_pylist())) == 11
    by_occupation = selectors.salary_cells(
        actor=analyst, release=release, breakdown="salary_by_occupation"
    )
    published = [cell for cell in by_occupation if not cell["suppressed"]]
    assert len(published) >= 30
    assert any(cell["suppressed"] for cell in by_occupation)


def test_a_second_run_adds_nothing(analyst):
    first = seed_statistics(as_of=timezone.localdate(), region_code="330100")
    assert seed_statistics(as_of=timezone.localdate(), region_code="330100") == first
    assert Snapshot.objects.count() == 1
    assert StatisticsRelease.objects.count() == 1


def test_the_period_is_the_quarter_before_the_day():
    assert demo_period(datetime.date(2026, 4, 1)).label == "2026Q1"
    assert demo_period(datetime.date(2026, 3, 31)).label == "2025Q4"
