"""Region figures: exact numbers on a hand-made ledger, roll-up, dates, scoping, page and API."""

import datetime
import re

import pytest

from minsheng.assistance import pairing_selectors
from minsheng.assistance import sections as assistance_sections
from minsheng.assistance import selectors as assistance_selectors
from minsheng.assistance.models import Pairing, ServiceKind, ServiceRecord
from minsheng.assistance.rollups import long_term_unemployed_ids
from minsheng.core.errors import NotFound
from minsheng.core.regions import region_tree
from minsheng.registry.models import KeyGroupMembership, LedgerEntry, Person, StatusChange
from minsheng.registry.rollups import (
    STORED_COUNTS,
    region_rollup,
    store_rollup_figures,
    stored_rollup_total,
)
from minsheng.registry.selectors import long_term_unemployed
from minsheng.registry.tallies import refresh_region_tallies

AS_OF = datetime.date(2026, 6, 30)
XIHU, BINJIANG, HAISHU, CHAOYANG = "330106", "330108", "330203", "110105"
HANGZHOU, ZHEJIANG = "330100", "330000"
D = datetime.date


def stay(person, entered, exited=None, reason=""):
    return LedgerEntry.objects.create(
        person=person,
        region_id=person.region_id,
        province_code=person.province_code,
        reason="graduate_not_employed",
        entered_on=entered,
        exited_on=exited,
        exit_reason=reason,
    )


def status(person, value, since):
    StatusChange.objects.create(person=person, status=value, since=since)


def group(person, value, since=None):
    since = since or D(2020, 1, 1)
    KeyGroupMembership.objects.create(person=person, group=value, since=since)


def serve(person, kind, day):
    ServiceRecord.objects.create(
        person=person,
        kind=kind,
        delivered_on=day,
        channel="in_person",
        content="-",
        region_id=person.region_id,
        province_code=person.province_code,
    )


def pair(person, caseworker, started, ended=None):
    Pairing.objects.create(
        person=person,
        caseworker=caseworker,
        region_id=person.region_id,
        province_code=person.province_code,
        started_on=started,
        ended_on=ended,
        end_reason="no_longer_needed" if ended else "",
    )


@pytest.fixture
def ledger(make_person, caseworker):
    """Xihu: A on the ledger with a complete 1131, B left into work, C low-income and paired
    (no status recorded), H enters after AS_OF. Binjiang: D long-term unemployed on the ledger,
    E left for further study, F with a disability whose pairing ended. Haishu (Ningbo): G.
    Chaoyang (Beijing): Z."""
    people = {
        key: make_person(f"人员{key}", region, sequence=index)
        for index, (key, region) in enumerate(
            [
                ("A", XIHU), ("B", XIHU), ("C", XIHU), ("H", XIHU),
                ("D", BINJIANG), ("E", BINJIANG), ("F", BINJIANG),
                ("G", HAISHU), ("Z", CHAOYANG),
            ],
            start=11,
        )
    }  # fmt: skip
    a, b, c, h = people["A"], people["B"], people["C"], people["H"]
    d, e, f, g, z = people["D"], people["E"], people["F"], people["G"], people["Z"]
    stay(a, D(2026, 2, 1))
    status(a, "unemployed", D(2026, 2, 1))
    group(a, "college_graduate", D(2025, 7, 1))
    for kind, day in [
        (ServiceKind.POLICY_BRIEFING, D(2026, 2, 3)),
        (ServiceKind.CAREER_GUIDANCE, D(2026, 2, 10)),
        (ServiceKind.JOB_RECOMMENDATION, D(2026, 3, 1)),
        (ServiceKind.JOB_RECOMMENDATION, D(2026, 3, 2)),
        (ServiceKind.JOB_RECOMMENDATION, D(2026, 3, 3)),
        (ServiceKind.INTERNSHIP_OPPORTUNITY, D(2026, 4, 1)),
    ]:
        serve(a, kind, day)
    stay(b, D(2025, 10, 1), D(2026, 3, 15), "employed")
    status(b, "unemployed", D(2025, 10, 1))
    status(b, "employed", D(2026, 3, 15))
    stay(c, D(2026, 4, 1))
    group(c, "low_income")
    serve(c, ServiceKind.POLICY_BRIEFING, D(2026, 4, 2))
    pair(c, caseworker, D(2026, 5, 1))
    stay(h, D(2026, 7, 10))
    status(h, "unemployed", D(2026, 7, 10))
    stay(d, D(2024, 1, 10))
    status(d, "unemployed", D(2024, 1, 1))
    stay(e, D(2026, 1, 5), D(2026, 5, 20), "further_study")
    status(e, "unemployed", D(2026, 1, 5))
    status(e, "further_study", D(2026, 5, 20))
    group(f, "disability")
    pair(f, caseworker, D(2026, 1, 1), D(2026, 6, 1))
    stay(g, D(2026, 3, 1))
    status(g, "unemployed", D(2026, 3, 1))
    stay(z, D(2026, 3, 1))
    return people


def row(rollup, code):
    return next(child for child in rollup.children if child.region_code == code)


def test_a_city_shows_exact_figures_per_county(supervisor, ledger):
    rollup = region_rollup(actor=supervisor, as_of=AS_OF)

    assert rollup.region_code == HANGZHOU
    assert rollup.period_start == D(2026, 1, 1)
    assert {child.region_code for child in rollup.children} == set(region_tree().children[HANGZHOU])
    xihu, binjiang, total = row(rollup, XIHU), row(rollup, BINJIANG), rollup.total
    assert (xihu.on_ledger, xihu.entries, xihu.exits) == (2, 2, 1)
    assert (xihu.in_period, xihu.employed_exits, xihu.employment_rate) == (3, 1, 1 / 3)
    assert (xihu.complete_1131, xihu.eligible, xihu.paired) == (1, 1, 1)
    assert xihu.by_group["college_graduate"] == 1 and xihu.by_group["low_income"] == 1
    assert xihu.by_status["unemployed"] == 1 and xihu.by_status["none"] == 1
    assert (binjiang.on_ledger, binjiang.entries, binjiang.exits) == (1, 1, 1)
    assert (binjiang.in_period, binjiang.employed_exits) == (2, 0)
    assert (binjiang.complete_1131, binjiang.eligible, binjiang.paired) == (0, 2, 0)
    assert binjiang.by_group["long_term_unemployed"] == 1
    assert (total.on_ledger, total.entries, total.exits, total.in_period) == (3, 3, 2, 5)
    assert total.employment_rate == pytest.approx(0.2)
    assert total.completion_rate == pytest.approx(1 / 3)
    assert total.coverage_rate == pytest.approx(1 / 3)


def test_the_monthly_trend_counts_month_ends_entries_and_exits(supervisor, ledger):
    trend = {month.start: month for month in region_rollup(actor=supervisor, as_of=AS_OF).trend}

    assert list(trend) == [D(2025, 7, 1), *(D(2025, m, 1) for m in range(8, 13))] + [
        D(2026, m, 1) for m in range(1, 7)
    ]
    assert [trend[D(2025, 10, 1)].on_ledger, trend[D(2026, 3, 1)].on_ledger] == [2, 3]
    assert trend[D(2026, 6, 1)].on_ledger == 3 and trend[D(2026, 6, 1)].end == AS_OF
    assert (trend[D(2026, 3, 1)].exits, trend[D(2026, 3, 1)].employed_exits) == (1, 1)
    assert (trend[D(2026, 5, 1)].exits, trend[D(2026, 5, 1)].employed_exits) == (1, 0)
    assert sum(month.entries for month in trend.values()) == 4


def test_children_add_up_to_the_total_at_every_level(administrator, supervisor, ledger):
    for actor, code in [(supervisor, HANGZHOU), (administrator, ZHEJIANG), (administrator, None)]:
        rollup = region_rollup(actor=actor, region_code=code, as_of=AS_OF)
        for figure in ("on_ledger", "entries", "exits", "in_period", "complete_1131", "eligible"):
            children = sum(getattr(child, figure) for child in rollup.children)
            assert children == getattr(rollup.total, figure), (code, figure)

    province = region_rollup(actor=administrator, region_code=ZHEJIANG, as_of=AS_OF)
    city = region_rollup(actor=supervisor, as_of=AS_OF)
    assert row(province, HANGZHOU).on_ledger == city.total.on_ledger == 3
    assert row(province, "330200").on_ledger == 1
    nation = region_rollup(actor=administrator, as_of=AS_OF)
    assert (row(nation, ZHEJIANG).on_ledger, row(nation, "110000").on_ledger) == (4, 1)


def test_a_county_shows_itself(caseworker, ledger):
    rollup = region_rollup(actor=caseworker, as_of=AS_OF)

    assert [child.region_code for child in rollup.children] == [XIHU]
    assert rollup.total.on_ledger == 2


def test_figures_follow_the_date_asked_for(supervisor, ledger):
    later = region_rollup(actor=supervisor, region_code=XIHU, as_of=D(2026, 7, 31))
    earlier = region_rollup(actor=supervisor, region_code=XIHU, as_of=D(2026, 3, 1))
    period = region_rollup(
        actor=supervisor, region_code=XIHU, as_of=AS_OF, period_start=D(2026, 4, 1)
    )

    assert later.total.on_ledger == 3  # H entered on 10 July
    assert (earlier.total.on_ledger, earlier.total.exits, earlier.total.paired) == (2, 0, 0)
    assert earlier.total.complete_1131 == 0  # A's services were not all delivered yet
    assert (period.total.entries, period.total.exits, period.total.in_period) == (1, 0, 2)


def test_same_figures_as_the_assistance_views(supervisor, ledger):
    rollup = region_rollup(actor=supervisor, as_of=AS_OF)
    completion, _ = assistance_selectors.completion_by_county(
        actor=supervisor, as_of=AS_OF, region_code=HANGZHOU
    )
    coverage, _ = pairing_selectors.coverage_by_county(
        actor=supervisor, as_of=AS_OF, region_code=HANGZHOU
    )

    assert (rollup.total.on_ledger, rollup.total.complete_1131) == (
        completion.on_ledger,
        completion.complete,
    )
    assert (rollup.total.eligible, rollup.total.paired) == (coverage.eligible, coverage.paired)


@pytest.mark.parametrize(
    "history",
    [
        [("unemployed", D(2025, 1, 1))],
        [("unemployed", D(2025, 9, 1))],
        [("unemployed", D(2024, 1, 1)), ("employed", D(2024, 6, 1))],
        [("unemployed", D(2024, 1, 1)), ("employed", D(2024, 6, 1)), ("unemployed", D(2025, 2, 1))],
        [("employed", D(2023, 1, 1)), ("unemployed", D(2025, 6, 30))],
        [("unemployed", D(2025, 1, 1)), ("in_training", D(2026, 7, 1))],
        [],
    ],
)
def test_long_term_unemployment_in_one_group_by_matches_the_registry_rule(make_person, history):
    person = make_person("某人", XIHU)
    for value, since in history:
        status(person, value, since)
    people = Person.objects.filter(pk=person.pk)

    grouped = long_term_unemployed_ids(people.values("pk"), AS_OF)
    expected = set(long_term_unemployed(people, AS_OF).values_list("pk", flat=True))

    assert {row["person_id"] for row in grouped} == expected


def test_outside_the_scope_is_not_found(caseworker, supervisor, citizen, ledger):
    for actor, code in [(caseworker, HANGZHOU), (supervisor, CHAOYANG), (supervisor, "999999")]:
        with pytest.raises(NotFound):
            region_rollup(actor=actor, region_code=code, as_of=AS_OF)
    with pytest.raises(NotFound):
        region_rollup(actor=citizen, as_of=AS_OF)


def test_pages_and_api_answer_404_outside_the_scope(
    caseworker, supervisor, signed_in_as, api_client_for, ledger
):
    api = api_client_for(caseworker)
    assert api.get("/rollups", {"region": HANGZHOU}).status_code == 404
    assert api.get("/rollups", {"region": XIHU}).status_code == 200
    assert signed_in_as(supervisor).get("/people/rollups/?region=110105").status_code == 404
    assert signed_in_as(caseworker).get("/people/rollups/?region=330100").status_code == 404


def test_the_api_gives_the_same_figures(supervisor, api_client_for, ledger):
    response = api_client_for(supervisor).get(
        "/rollups", {"as_of": "2026-06-30", "start": "2026-01-01"}
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["region_code"], body["as_of"], body["period_start"]) == (
        HANGZHOU,
        "2026-06-30",
        "2026-01-01",
    )
    assert body["total"]["on_ledger"] == 3
    assert body["total"]["employment_rate"] == pytest.approx(0.2)
    xihu = next(child for child in body["children"] if child["region_code"] == XIHU)
    assert xihu["by_group"]["low_income"] == 1 and xihu["coverage_rate"] == 1.0
    assert len(body["trend"]) == 12 and body["trend"][-1]["end"] == "2026-06-30"


def test_an_analyst_sees_aggregates_but_no_names(make_user, signed_in_as, api_client_for, ledger):
    analyst = make_user("analyst_zj", role="analyst", region_code=ZHEJIANG)

    page = signed_in_as(analyst).get("/people/rollups/?as_of=2026-06-30")
    api = api_client_for(analyst).get("/rollups", {"region": HANGZHOU, "as_of": "2026-06-30"})

    assert page.status_code == 200 and api.status_code == 200
    assert api.json()["total"]["on_ledger"] == 3
    assert "人员A" not in page.content.decode()
    assert signed_in_as(analyst).get("/people/").status_code == 404


def test_the_page_draws_the_trend_as_inline_svg(supervisor, signed_in_as, ledger):
    html = signed_in_as(supervisor).get("/people/rollups/?as_of=2026-06-30").content.decode()

    assert html.count("<svg") == 2
    assert len(re.findall(r'<rect class="bar"', html)) == 12
    assert len(re.findall(r'<polyline class="series"', html)) == 3
    assert "font-family=\"'PingFang SC'" in html
    assert "?region=330106&amp;as_of=2026-06-30" in html  # drill down into a county


def test_the_supervisor_dashboard_summarises_the_city(supervisor, signed_in_as, ledger):
    html = signed_in_as(supervisor).get("/").content.decode()

    assert 'href="/people/rollups/"' in html
    assert '<p class="lead">杭州市 · ' in html


def test_stored_figures_add_up_to_the_live_roll_up_and_survive_a_recount(supervisor, ledger):
    """The dashboard of a city sums the regions' stored figures instead of counting live."""
    assert stored_rollup_total(actor=supervisor) is None  # never computed: counted live

    refresh_region_tallies()
    store_rollup_figures(as_of=AS_OF)
    refresh_region_tallies(region_code=XIHU)  # an import's recount keeps the figures

    total, as_of, period_start = stored_rollup_total(actor=supervisor)
    live = region_rollup(actor=supervisor, as_of=AS_OF).total
    assert (as_of, period_start) == (AS_OF, D(2026, 1, 1))
    for name in STORED_COUNTS:
        assert getattr(total, name) == getattr(live, name), name
    assert (total.on_ledger, total.in_period, total.employed_exits) == (3, 5, 1)


@pytest.mark.parametrize("user", ["supervisor", "caseworker"])
def test_the_1131_panel_adds_up_the_stored_figures(user, request, ledger, monkeypatch):
    user = request.getfixturevalue(user)
    refresh_region_tallies()
    store_rollup_figures(as_of=AS_OF)
    monkeypatch.setattr(assistance_sections.timezone, "localdate", lambda: AS_OF)
    stored = assistance_sections.region_panel(user)
    monkeypatch.setattr(assistance_sections, "stored_region_figures", lambda user: None)
    counted = assistance_sections.region_panel(user)

    assert stored["as_of"] == AS_OF
    assert stored["completion"] == {
        "on_ledger": counted["completion"].on_ledger,
        "complete": counted["completion"].complete,
    }
    assert stored["coverage"] == {
        "eligible": counted["coverage"].eligible,
        "paired": counted["coverage"].paired,
    }
