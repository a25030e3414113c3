"""The statistics pages: who sees which release, what a release page shows, the downloads."""

import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from minsheng.labour_market import services
from minsheng.labour_market.demo_data import seed_statistics
from minsheng.labour_market.models import ReleaseStatus

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


@pytest.fixture
def draft(analyst, published):
    return services.generate_release(
        actor=analyst, period=published.period, region_code="330000", snapshot=published.snapshot
    )


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_release_page_shows_ranking_charts_tables_and_its_snapshot(
    analyst, supervisor, published
):
    for user in (analyst, supervisor):
        page = client_for(user).get(f"/statistics/releases/{published.pk}/")
        assert page.status_code == 200
        text = page.content.decode()
        assert published.snapshot.name in text
        for part in ("ranking-table", "gap-chart", "city-table", "range-chart", "guide-method"):
            assert part in text
        assert text.count('class="bar"') >= 20
        assert "table-salary_by_occupation" in text and "minimum-wage-table" in text
    listing = client_for(analyst).get("/statistics/").content.decode()
    assert published.period in listing and published.snapshot.name in listing


def test_choosing_a_city_shows_its_top_20(analyst, published):
    page = client_for(analyst).get(f"/statistics/releases/{published.pk}/", {"city": "330200"})
    assert "Top 20 occupations by gap in 宁波市" in page.content.decode()


def test_suppressed_cells_show_a_dash_with_the_footnote(analyst, published):
    text = client_for(analyst).get(f"/statistics/releases/{published.pk}/").content.decode()
    assert 'class="suppressed"><td>' in text
    assert "<td>—<sup>*</sup></td><td>—</td>" in text
    assert "suppression-note" in text


def test_a_citizen_reads_a_published_release_but_not_a_draft(citizen, published, draft):
    client = client_for(citizen)
    assert client.get(f"/statistics/releases/{published.pk}/").status_code == 200
    assert client.get(f"/statistics/releases/{draft.pk}/").status_code == 404
    assert draft.period in client.get("/statistics/").content.decode()  # the published one
    assert (
        "Mark as reviewed"
        not in client.get(f"/statistics/releases/{published.pk}/").content.decode()
    )


def test_downloads_name_their_snapshot(analyst, published):
    client, name = client_for(analyst), published.snapshot.name
    csv = client.get(f"/statistics/releases/{published.pk}/shortage_national.csv")
    assert csv.status_code == 200 and name in csv["Content-Disposition"]
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("snapshot,rank,") and lines[1].startswith(f"{name},1,")
    xlsx = client.get(f"/statistics/releases/{published.pk}/salary_by_city.xlsx")
    assert name in xlsx["Content-Disposition"]
    book = load_workbook(io.BytesIO(xlsx.content))
    rows = list(book["salary_by_city"].values)
    assert rows[0][0] == "snapshot" and rows[1][0] == name
    assert ("snapshot", name) in list(book["about"].values)
    city = client.get(
        f"/statistics/releases/{published.pk}/shortage_city_top.csv", {"city": "330200"}
    )
    assert {line.split(",")[1] for line in city.content.decode("utf-8-sig").splitlines()[1:]} == {
        "330200"
    }
    assert client.get(f"/statistics/releases/{published.pk}/nonsense.csv").status_code == 404


def test_staff_review_then_publish_a_draft(analyst, supervisor, draft):
    client = client_for(supervisor)
    page = client.get(f"/statistics/releases/{draft.pk}/").content.decode()
    assert "Mark as reviewed" in page
    client.post(f"/statistics/releases/{draft.pk}/review/", {"note": "checked"})
    assert "Publish" in client.get(f"/statistics/releases/{draft.pk}/").content.decode()
    client.post(f"/statistics/releases/{draft.pk}/publish/")
    draft.refresh_from_db()
    assert draft.status == ReleaseStatus.PUBLISHED


def test_a_citizen_cannot_publish(citizen, draft):
    response = client_for(citizen).post(f"/statistics/releases/{draft.pk}/review/")
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == ReleaseStatus.DRAFT
