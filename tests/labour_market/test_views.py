"""The statistics pages: who sees which release, what a release page shows, the downloads."""

import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from minsheng.labour_market import selectors, services
from minsheng.labour_market.demo_data import seed_statistics
from minsheng.labour_market.models import ReleaseStatus, StatisticsRelease

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


def table_of(text: str, table_id: str) -> str:
    return text.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]


def first_cells(text: str, table_id: str) -> list[str]:
    return re.findall(r"<tr[^>]*>\s*<td>([^<]*)</td>", table_of(text, table_id))


def gap_chart(text: str) -> str:
    return text.split('aria-labelledby="gap-chart-title"', 1)[1].split("</svg>", 1)[0]


def test_the_ranking_is_paginated_while_its_chart_keeps_the_top_20(analyst, published):
    assert len(selectors.shortage_ranking(actor=analyst, release=published)) == 100
    client, url = client_for(analyst), f"/statistics/releases/{published.pk}/"
    first = client.get(url).content.decode()
    second = client.get(url, {"ranking_page": 2}).content.decode()
    assert first_cells(first, "ranking-table") == [str(rank) for rank in range(1, 51)]
    assert first_cells(second, "ranking-table") == [str(rank) for rank in range(51, 101)]
    assert "Page 2 of 2 (100 in all)" in second
    assert gap_chart(first) == gap_chart(second)
    assert gap_chart(second).count('class="bar"') == 20


def test_downloads_hold_every_row_whichever_page_is_shown(analyst, published):
    client = client_for(analyst)
    base = f"/statistics/releases/{published.pk}"
    ranking = client.get(f"{base}/shortage_national.csv", {"ranking_page": 2})
    assert len(ranking.content.decode("utf-8-sig").splitlines()) == 1 + 100
    book = load_workbook(io.BytesIO(client.get(f"{base}/shortage_national.xlsx").content))
    assert len(list(book["shortage_national"].values)) == 1 + 100
    cells = selectors.salary_cells(
        actor=analyst, release=published, breakdown="salary_by_occupation"
    )
    occupations = client.get(f"{base}/salary_by_occupation.csv").content.decode("utf-8-sig")
    assert len(cells) > 50 and len(occupations.splitlines()) == 1 + len(cells)


def test_occupation_pay_by_medium_group_and_pages_that_keep_the_other_lists(analyst, published):
    client, url = client_for(analyst), f"/statistics/releases/{published.pk}/"
    groups = selectors.salary_cells(
        actor=analyst, release=published, breakdown="salary_by_medium_group"
    )
    occupations = selectors.salary_cells(
        actor=analyst, release=published, breakdown="salary_by_occupation"
    )
    group = groups[-1]["medium_group"]  # the last: not on the first page of every occupation
    text = client.get(url, {"medium_group": group}).content.decode()
    listed = first_cells(text, "table-salary_by_occupation")
    assert listed and all(label.startswith(group) for label in listed)
    assert len(listed) == min(50, sum(cell["medium_group"] == group for cell in occupations))
    paged = client.get(url, {"ranking_page": 2}).content.decode()
    pages = paged.split('id="table-salary_by_occupation"', 1)[1].split("</nav>", 1)[0]
    assert "?ranking_page=2&amp;salary_by_occupation_page=2#salary_by_occupation" in pages
    assert len(first_cells(paged, "table-salary_by_occupation")) == 50


def test_the_list_of_releases_is_paginated(analyst, published):
    StatisticsRelease.objects.bulk_create(
        StatisticsRelease(
            key=f"{year}-draft", period=str(year), region_id="330000",
            snapshot=published.snapshot, generated_at=timezone.now(),
        )
        for year in range(1960, 2010)
    )  # fmt: skip
    client = client_for(analyst)
    first = client.get("/statistics/").content.decode()
    second = client.get("/statistics/", {"page": 2}).content.decode()
    assert "Page 1 of 2 (51 in all)" in first
    assert f">{published.period}</a>" in first and ">1961</a>" in first and ">1960</a>" not in first
    assert ">1960</a>" in second and ">1961</a>" not in second
