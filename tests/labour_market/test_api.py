"""The statistics API: releases and their tables as JSON, minimum wages, bad input refused."""

import pytest
from django.utils import timezone

from minsheng.labour_market.demo_data import seed_statistics

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def analyst(make_user):
    return make_user("analyst_zhejiang", role="analyst", region_code="330000")


@pytest.fixture
def published(analyst):
    return seed_statistics(as_of=timezone.localdate(), region_code="330100")


def test_releases_and_tables_name_their_snapshot(citizen, api_client_for, published):
    api = api_client_for(citizen)
    listing = api.get("/statistics/releases").json()
    assert [r["id"] for r in listing["items"]] == [published.pk]
    detail = api.get(f"/statistics/releases/{published.pk}").json()
    assert detail["snapshot"] == published.snapshot.name and detail["status"] == "published"
    rows = api.get(f"/statistics/releases/{published.pk}/tables/shortage_national").json()
    assert rows["count"] == 100
    assert rows["items"][0]["rank"] == 1
    assert rows["items"][0]["snapshot"] == published.snapshot.name
    latest = api.get("/statistics/releases/latest", {"region_code": "330000"}).json()
    assert latest["id"] == published.pk


def test_minimum_wages_of_a_province(citizen, api_client_for):
    tiers = api_client_for(citizen).get("/statistics/minimum-wages", {"province_code": "330000"})
    assert tiers.status_code == 200 and tiers.json()[0]["tier"] == 1


@pytest.mark.parametrize(
    ("path", "query", "code", "field"),
    [
        ("/statistics/releases", {"period": "2026Q9"}, "period_invalid", "period"),
        ("/statistics/releases", {"period": "2999Q1"}, "period_in_future", "period"),
        ("/statistics/releases", {"region_code": "999999"}, "region_unknown", "region"),
        ("/statistics/minimum-wages", {"province_code": "999999"}, "region_unknown", "region"),
    ],
)
def test_bad_input_is_refused_with_its_field(citizen, api_client_for, path, query, code, field):
    response = api_client_for(citizen).get(path, query)
    body = response.json()
    assert response.status_code == 400, body
    assert (body["code"], body["field"]) == (code, field)
    assert body["messages"]["en"]


def test_an_unknown_table_or_release_is_404(citizen, api_client_for, published):
    api = api_client_for(citizen)
    assert api.get(f"/statistics/releases/{published.pk}/tables/nonsense").status_code == 404
    assert api.get(f"/statistics/releases/{published.pk + 1}").status_code == 404
