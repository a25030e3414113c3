"""Matches, recommendations and applications through /api/v1, up to a hire leaving the ledger."""

import datetime

import pytest
from django.utils import translation

from minsheng.core.masking import mask_identity_number
from minsheng.jobs.models import Recommendation
from minsheng.registry.models import LedgerEntry, StatusChange

from .conftest import BINJIANG, CASHIER, SOFTWARE, today

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def api(api_client_for, caseworker):
    client = api_client_for(caseworker)
    client.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def recruiter(make_user):
    return make_user("hr_hengtai", role="employer")


@pytest.fixture
def hengtai(make_employer, recruiter):
    return make_employer("杭州恒泰机械制造有限公司", accounts=[recruiter])


@pytest.fixture
def employer_api(api_client_for, recruiter):
    return api_client_for(recruiter)


def recommendations_in_1131(api, person) -> int:
    with translation.override("en"):
        view = api.get(f"/people/{person.pk}/1131").json()
    return {r["label"]: r["have"] for r in view["requirements"]}["Job recommendation"]


def test_matches_rank_the_wished_job_first_and_say_why(api, make_seeker, hengtai, make_vacancy):
    person = make_seeker("陈明")
    welder = make_vacancy(hengtai, "焊工")
    make_vacancy(hengtai, "收银员", occupation_code=CASHIER)

    ranked = api.get(f"/people/{person.pk}/matches").json()

    assert ranked["count"] == 2
    best = ranked["items"][0]
    assert best["vacancy"]["id"] == welder.pk
    assert best["score"] > ranked["items"][1]["score"]
    occupation = {f["name"]: f for f in best["factors"]}["occupation"]
    assert occupation["reason"] == "same_occupation"
    assert occupation["explanation"] == "It is exactly the occupation the person is looking for."


def test_seekers_for_a_vacancy_show_masked_identity_numbers_only(
    api, make_seeker, hengtai, make_vacancy
):
    welder = make_seeker("陈明")
    cashier = make_seeker("林芳", sex="F", wish=CASHIER)
    make_seeker("李滨江", BINJIANG)
    vacancy = make_vacancy(hengtai, "焊工")

    response = api.get(f"/vacancies/{vacancy.pk}/seekers")

    ranked = response.json()["items"]
    assert [row["person_id"] for row in ranked] == [welder.pk, cashier.pk]
    assert ranked[0]["identity_number_masked"] == mask_identity_number(welder.identity_number)
    assert welder.identity_number not in response.content.decode()
    assert {f["name"] for f in ranked[0]["factors"]} >= {"occupation", "location", "pay"}


def test_an_employer_cannot_rank_seekers(employer_api, hengtai, make_vacancy, make_seeker):
    make_seeker("陈明")
    vacancy = make_vacancy(hengtai)

    assert employer_api.get(f"/vacancies/{vacancy.pk}/seekers").status_code == 403
    assert employer_api.get("/people/1/matches").status_code == 403


def test_a_recommendation_counts_toward_the_1131_once(api, make_seeker, hengtai, make_vacancy):
    person = make_seeker("陈明")
    vacancy = make_vacancy(hengtai)
    payload = {"person_id": person.pk, "vacancy_id": vacancy.pk, "channel": "phone"}

    created = api.post("/recommendations", payload)
    again = api.post("/recommendations", payload)

    assert created.status_code == 201
    assert created.json()["factors"][0]["explanation"]
    assert (again.status_code, again.json()["code"]) == (409, "already_recommended")
    assert recommendations_in_1131(api, person) == 1
    listed = api.get(f"/people/{person.pk}/recommendations").json()
    assert [r["vacancy"]["id"] for r in listed["items"]] == [vacancy.pk]


def test_a_closed_vacancy_cannot_be_recommended(api, make_seeker, hengtai, make_vacancy):
    person = make_seeker("陈明")
    vacancy = make_vacancy(hengtai, published=False)

    refused = api.post("/recommendations", {"person_id": person.pk, "vacancy_id": vacancy.pk})

    assert (refused.status_code, refused.json()["field"]) == (400, "vacancy")


def test_the_batch_recommends_new_jobs_only(api, make_seeker, hengtai, make_vacancy):
    people = [make_seeker("陈明"), make_seeker("林芳", sex="F", wish=SOFTWARE)]
    for title in ("焊工", "电焊工", "氩弧焊工"):
        make_vacancy(hengtai, title)

    first = api.post("/recommendations/batch", {"per_person": 2})
    second = api.post("/recommendations/batch", {"per_person": 2})

    assert (first.status_code, first.json()["count"]) == (200, 4)
    assert second.json()["count"] == 2
    assert api.post("/recommendations/batch", {"per_person": 2}).json()["count"] == 0
    assert [recommendations_in_1131(api, person) for person in people] == [3, 3]
    assert Recommendation.objects.filter(by_batch=True).count() == 6


def test_the_batch_refuses_a_region_outside_scope(api):
    response = api.post("/recommendations/batch", {"region_code": "110105"})
    assert (response.status_code, response.json()["field"]) == (400, "region_code")


def test_a_hire_ends_the_ledger_stay_with_the_employer_and_occupation(
    api, employer_api, make_seeker, hengtai, make_vacancy
):
    person = make_seeker("陈明")
    vacancy = make_vacancy(hengtai, headcount=1)
    api.post("/recommendations", {"person_id": person.pk, "vacancy_id": vacancy.pk})
    applied = api.post("/applications", {"person_id": person.pk, "vacancy_id": vacancy.pk})
    assert applied.status_code == 201
    assert applied.json()["recommendation_id"] is not None
    assert [s["status"] for s in applied.json()["steps"]] == ["applied"]
    duplicate = api.post("/applications", {"person_id": person.pk, "vacancy_id": vacancy.pk})
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "already_applied")
    steps = f"/applications/{applied.json()['id']}/steps"

    employer_api.post(steps, {"status": "interviewed", "note": "面试通过"})
    employer_api.post(steps, {"status": "offered"})
    unpaid = employer_api.post(steps, {"status": "hired"})
    assert (unpaid.status_code, unpaid.json()["field"]) == (400, "monthly_pay")
    hired = employer_api.post(steps, {"status": "hired", "monthly_pay": "7500"})

    assert hired.status_code == 200
    assert [s["status"] for s in hired.json()["steps"]] == [
        "applied", "interviewed", "offered", "hired",
    ]  # fmt: skip
    entry = LedgerEntry.objects.get(person=person)
    assert (entry.exited_on, entry.exit_reason) == (today(), "employed")
    job = StatusChange.objects.filter(person=person).latest("since")
    assert (job.status, job.employer_name, job.occupation_code) == (
        "employed", "杭州恒泰机械制造有限公司", vacancy.occupation_code,
    )  # fmt: skip
    assert api.get(f"/vacancies/{vacancy.pk}").json()["close_reason"] == "filled"
    assert employer_api.post(steps, {"status": "rejected"}).status_code == 409


def test_applications_never_show_an_employer_an_identity_number(
    api, employer_api, make_seeker, hengtai, make_vacancy
):
    person = make_seeker("陈明")
    application = api.post(
        "/applications", {"person_id": person.pk, "vacancy_id": make_vacancy(hengtai).pk}
    ).json()
    assert application["identity_number_masked"] == mask_identity_number(person.identity_number)

    responses = [
        employer_api.get("/applications"),
        employer_api.get(f"/applications/{application['id']}"),
        employer_api.post(f"/applications/{application['id']}/steps", {"status": "interviewed"}),
    ]

    assert [r.status_code for r in responses] == [200, 200, 200]
    assert responses[0].json()["items"][0]["person_name"] == "陈明"
    assert responses[0].json()["items"][0]["identity_number_masked"] is None
    for response in responses:
        text = response.content.decode()
        assert person.identity_number not in text
        assert mask_identity_number(person.identity_number) not in text


def test_an_employer_never_sees_another_employers_applications(
    api, api_client_for, make_user, make_employer, make_seeker, hengtai, make_vacancy
):
    person = make_seeker("陈明")
    application = api.post(
        "/applications", {"person_id": person.pk, "vacancy_id": make_vacancy(hengtai).pk}
    ).json()
    rival_user = make_user("hr_rival", role="employer")
    make_employer("杭州别家电子科技有限公司", accounts=[rival_user])
    rival = api_client_for(rival_user)

    assert rival.get("/applications").json()["count"] == 0
    assert rival.get(f"/applications/{application['id']}").status_code == 404
    step = rival.post(f"/applications/{application['id']}/steps", {"status": "interviewed"})
    assert step.status_code == 404
    assert rival.get(f"/people/{person.pk}/recommendations").status_code == 404


def test_a_citizen_applies_for_themself_only(
    api_client_for, make_user, make_seeker, hengtai, make_vacancy
):
    account = make_user("citizen_chen", role="citizen")
    own = make_seeker("陈明", account=account)
    other = make_seeker("林芳", sex="F")
    vacancy = make_vacancy(hengtai)
    citizen = api_client_for(account)

    assert (
        citizen.post("/applications", {"person_id": own.pk, "vacancy_id": vacancy.pk}).status_code
        == 201
    )
    refused = citizen.post("/applications", {"person_id": other.pk, "vacancy_id": vacancy.pk})
    assert refused.status_code == 404
    mine = citizen.get("/applications").json()
    assert [a["person_id"] for a in mine["items"]] == [own.pk]
