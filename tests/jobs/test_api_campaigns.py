"""Campaigns and fairs through /api/v1: organising, registering, results and fairness."""

import datetime

import pytest

from .conftest import CHAOYANG, XIHU, today

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def api(api_client_for, caseworker):
    return api_client_for(caseworker)


@pytest.fixture
def recruiter(make_user):
    return make_user("hr_hengtai", role="employer")


@pytest.fixture
def hengtai(make_employer, recruiter):
    return make_employer("杭州恒泰机械制造有限公司", accounts=[recruiter])


def campaign_payload(**overrides) -> dict:
    return {
        "name": "2026年西湖区金秋招聘月",
        "kind": "golden_autumn",
        "starts_on": today().isoformat(),
        "ends_on": (today() + 30 * DAY).isoformat(),
        "region_code": XIHU,
        "target_groups": ["college_graduate"],
    } | overrides


def fair_payload(**overrides) -> dict:
    return {
        "name": "西湖文化广场专场",
        "mode": "on_site",
        "held_on": (today() + 3 * DAY).isoformat(),
        "region_code": XIHU,
        "venue": "西湖文化广场",
        "booths": 40,
    } | overrides


def test_organising_a_campaign_with_fairs(api, api_client_for, citizen):
    created = api.post("/campaigns", campaign_payload())
    assert created.status_code == 201
    campaign_id = created.json()["id"]
    assert created.json()["fairs"] == []

    on_site = api.post(f"/campaigns/{campaign_id}/fairs", fair_payload())
    online = api.post(
        f"/campaigns/{campaign_id}/fairs",
        fair_payload(name="线上直播带岗", mode="online", venue="", booths=0),
    )

    assert (on_site.status_code, online.status_code) == (201, 201)
    detail = api_client_for(citizen).get(f"/campaigns/{campaign_id}").json()
    assert [f["name"] for f in detail["fairs"]] == ["西湖文化广场专场", "线上直播带岗"]
    assert api_client_for(citizen).get("/campaigns").json()["count"] == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": (today() - DAY).isoformat()}, "ends_on"),
        ({"kind": "summer_party"}, "kind"),
        ({"region_code": CHAOYANG}, "region_code"),
        ({"target_groups": ["astronauts"]}, "target_groups"),
    ],
)
def test_a_bad_campaign_names_its_field(api, overrides, field):
    response = api.post("/campaigns", campaign_payload(**overrides))
    assert (response.status_code, response.json()["field"]) == (400, field)


def test_a_bad_fair_names_its_field(api, make_campaign):
    campaign = make_campaign(region_code=XIHU)
    path = f"/campaigns/{campaign.pk}/fairs"

    late = api.post(path, fair_payload(held_on=(today() + 90 * DAY).isoformat()))
    boothless = api.post(path, fair_payload(booths=0))

    assert (late.status_code, late.json()["field"]) == (400, "held_on")
    assert (boothless.status_code, boothless.json()["field"]) == (400, "booths")
    citywide = api.post(f"/campaigns/{make_campaign().pk}/fairs", fair_payload())
    assert citywide.status_code == 404  # a Hangzhou campaign is organised by the city


def test_a_full_on_site_fair_refuses_the_next_employer(
    api, api_client_for, recruiter, hengtai, make_employer, make_vacancy, make_campaign, make_fair
):
    fair = make_fair(make_campaign(), booths=1)
    own = make_vacancy(hengtai)
    rival = make_employer("杭州别家电子科技有限公司")
    rivals_job = make_vacancy(rival, "电子商务师", occupation_code="4-01-06-01")
    employer_api = api_client_for(recruiter)

    taken = employer_api.post(
        f"/fairs/{fair.pk}/employers", {"employer_id": hengtai.pk, "vacancy_ids": [own.pk]}
    )
    full = api.post(
        f"/fairs/{fair.pk}/employers", {"employer_id": rival.pk, "vacancy_ids": [rivals_job.pk]}
    )

    assert taken.status_code == 201
    assert (taken.json()["booth"], taken.json()["vacancy_ids"]) == (1, [own.pk])
    assert (full.status_code, full.json()["code"]) == (409, "fair_full")


def test_an_employer_brings_only_its_own_published_vacancies(
    api_client_for, recruiter, hengtai, make_employer, make_vacancy, make_campaign, make_fair
):
    fair = make_fair(make_campaign())
    rivals_job = make_vacancy(make_employer("杭州别家电子科技有限公司"))
    pending = make_vacancy(hengtai, published=False)
    employer_api = api_client_for(recruiter)
    path = f"/fairs/{fair.pk}/employers"

    theirs = employer_api.post(path, {"employer_id": hengtai.pk, "vacancy_ids": [rivals_job.pk]})
    unpublished = employer_api.post(path, {"employer_id": hengtai.pk, "vacancy_ids": [pending.pk]})

    assert theirs.status_code == 404
    assert (unpublished.status_code, unpublished.json()["field"]) == (400, "vacancies")


def test_attendees_register_once(api, make_seeker, make_campaign, make_fair):
    fair = make_fair(make_campaign())
    person = make_seeker("陈明")

    first = api.post(f"/fairs/{fair.pk}/attendees", {"person_id": person.pk})
    again = api.post(f"/fairs/{fair.pk}/attendees", {"person_id": person.pk})

    assert (first.status_code, first.json()["person_id"]) == (201, person.pk)
    assert (again.status_code, again.json()["code"]) == (409, "already_registered")


def test_results_and_fairness_of_a_campaign(
    api, api_client_for, recruiter, citizen, hengtai, make_vacancy, make_campaign, make_fair,
    make_seeker,
):  # fmt: skip
    campaign = make_campaign()
    fair = make_fair(campaign)
    vacancy = make_vacancy(hengtai, headcount=5)
    api.post(
        f"/fairs/{fair.pk}/employers", {"employer_id": hengtai.pk, "vacancy_ids": [vacancy.pk]}
    )
    men = [make_seeker(f"男{i}") for i in range(2)]
    women = [make_seeker(f"女{i}", sex="F") for i in range(2)]
    for person in men + women:
        api.post(f"/fairs/{fair.pk}/attendees", {"person_id": person.pk})
    for person in men:
        api.post("/recommendations", {"person_id": person.pk, "vacancy_id": vacancy.pk})
    application = api.post(
        "/applications", {"person_id": men[0].pk, "vacancy_id": vacancy.pk, "fair_id": fair.pk}
    ).json()
    steps = f"/applications/{application['id']}/steps"
    api.post(steps, {"status": "offered"})
    api.post(steps, {"status": "hired", "monthly_pay": "7000"})

    results = api.get(f"/campaigns/{campaign.pk}/results").json()
    fairness = api.get(f"/campaigns/{campaign.pk}/fairness").json()

    assert results["totals"] == {
        "fairs": 1, "employers": 1, "vacancies": 1, "headcount": 5, "attendees": 4,
        "recommendations": 2, "applications": 1, "hires": 1,
    }  # fmt: skip
    assert results["fairs"][0] | {"id": 0} == {
        "id": 0, "name": fair.name, "mode": "on_site", "held_on": fair.held_on.isoformat(),
        "employers": 1, "attendees": 4, "applications": 1, "hires": 1,
    }  # fmt: skip
    by_sex = fairness[0]
    assert [(row["seekers"], row["recommended"]) for row in by_sex["rows"]] == [(2, 2), (2, 0)]
    assert by_sex["flagged"] is True and by_sex["lowest_to_highest"] == 0
    for outsider in (api_client_for(recruiter), api_client_for(citizen)):
        assert outsider.get(f"/campaigns/{campaign.pk}/results").status_code == 404
        assert outsider.get(f"/campaigns/{campaign.pk}/fairness").status_code == 404
