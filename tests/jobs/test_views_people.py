"""The seeker's side: the person page's "Jobs" section, the citizen's own page and the search,
and the whole path from a posted vacancy to a hire that ends a stay on the ledger."""

import datetime
import html

import pytest
from tests.jobs.conftest import BINJIANG, CHAOYANG, today

from minsheng.jobs.models import Application, FairAttendee, Recommendation, Vacancy
from minsheng.registry.models import LedgerEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def signed_in_as(client):
    """A fresh English client per user, so that several people can act in one test."""
    from django.test import Client

    def sign_in(user):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        return client

    return sign_in


def text(response) -> str:
    return html.unescape(response.content.decode())


def recommend(person, vacancy) -> Recommendation:
    return Recommendation.objects.create(
        person=person, vacancy=vacancy, score=83,
        factors=[
            {"name": "occupation", "weight": 0.4, "value": 1.0, "reason": "same_occupation"},
            {"name": "pay", "weight": 0.15, "value": 0.8, "reason": "pay_below_expectation"},
        ],
        recommended_on=today(), region_id=person.region_id, province_code=person.province_code,
    )  # fmt: skip


def test_the_person_page_has_a_jobs_section_with_matches_to_recommend(
    signed_in_as, caseworker, make_employer, make_vacancy, make_seeker
):
    vacancy = make_vacancy(make_employer(), "焊工")
    seeker = make_seeker("陈明")
    client = signed_in_as(caseworker)

    page = text(client.get(f"/people/{seeker.pk}/"))
    assert 'id="jobs-section"' in page
    assert "Best matching open vacancies" in page
    assert "It is exactly the occupation the person is looking for." in page

    response = client.post(
        f"/jobs/vacancies/{vacancy.pk}/recommend/",
        {"person": seeker.pk, "next": f"/people/{seeker.pk}/#jobs-section"},
    )
    assert response.status_code == 302 and response.url == f"/people/{seeker.pk}/#jobs-section"

    page = text(client.get(f"/people/{seeker.pk}/"))
    jobs = page[page.index('id="jobs-section"') :]
    assert "Jobs recommended" in jobs and "焊工" in jobs
    assert "No open vacancy fits yet." in jobs  # the recommended one left the suggestions
    services = page[page.index('id="services-section"') : page.index('id="jobs-section"')]
    assert "<td>Job recommendation</td><td>1</td><td>3</td>" in services.replace("\n", "")


def test_a_caseworker_of_another_county_does_not_reach_the_jobs_section(
    signed_in_as, make_user, make_seeker
):
    seeker = make_seeker("陈明")
    binjiang = signed_in_as(make_user("cw_binjiang", role="caseworker", region_code=BINJIANG))

    assert binjiang.get(f"/jobs/people/{seeker.pk}/").status_code == 404
    assert binjiang.get(f"/people/{seeker.pk}/").status_code == 404


def test_the_jobs_section_page_for_the_caseworker(signed_in_as, caseworker, make_seeker):
    seeker = make_seeker("陈明")

    response = signed_in_as(caseworker).get(f"/jobs/people/{seeker.pk}/")

    assert response.status_code == 200
    assert "Jobs recommended" in text(response)


def test_the_citizen_sees_why_applies_withdraws_and_registers_for_a_fair(
    signed_in_as, citizen, make_employer, make_vacancy, make_seeker, make_campaign, make_fair
):
    seeker = make_seeker("陈明", account=citizen)
    vacancy = make_vacancy(make_employer(), "焊工")
    recommend(seeker, vacancy)
    fair = make_fair(make_campaign(), held_on=today() + datetime.timedelta(days=2))
    client = signed_in_as(citizen)

    dashboard = text(client.get("/"))
    mine = text(client.get("/jobs/mine/"))
    assert "Jobs for you" in dashboard and "焊工" in dashboard
    assert "It is exactly the occupation the person is looking for." in mine
    assert "The pay is below the person's expected pay." in mine
    assert fair.name in mine

    client.post(f"/jobs/vacancies/{vacancy.pk}/apply/", {"next": "/jobs/mine/"})
    application = Application.objects.get()
    assert application.person == seeker
    assert application.recommendation == Recommendation.objects.get()
    assert "Withdraw" in text(client.get("/jobs/mine/"))

    client.post(
        f"/jobs/applications/{application.pk}/step/",
        {"status": "withdrawn", "on": today(), "next": "/jobs/mine/"},
    )
    client.post(f"/jobs/fairs/{fair.pk}/attend/", {"next": "/jobs/mine/"})

    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert FairAttendee.objects.get().person == seeker
    assert "You are registered" in text(client.get("/jobs/mine/"))


def test_a_citizen_cannot_record_the_employers_steps(
    signed_in_as, citizen, make_employer, make_vacancy, make_seeker
):
    seeker = make_seeker("陈明", account=citizen)
    vacancy = make_vacancy(make_employer())
    client = signed_in_as(citizen)
    client.post(f"/jobs/vacancies/{vacancy.pk}/apply/")

    response = client.post(
        f"/jobs/applications/{Application.objects.get().pk}/step/",
        {"status": "hired", "on": today(), "monthly_pay": "7000"},
    )

    assert response.status_code == 403
    assert Application.objects.get(person=seeker).status == "applied"


def test_every_signed_in_user_searches_open_vacancies(
    signed_in_as, citizen, caseworker, make_employer, make_vacancy
):
    make_vacancy(make_employer(), "焊工")
    make_vacancy(make_employer("北京某科技公司", region_code=CHAOYANG), "软件开发工程师",
                 occupation_code="2-02-10-03", contract_type="internship")  # fmt: skip
    make_vacancy(make_employer(), "电工", published=False)

    for user in (citizen, caseworker):
        client = signed_in_as(user)
        everything = text(client.get("/jobs/search/"))
        in_zhejiang = text(client.get("/jobs/search/?region=330000"))
        internships = text(
            client.get("/jobs/search/?contract_type=internship", HTTP_HX_REQUEST="true")
        )
        by_employer = text(client.get("/jobs/search/?q=北京某科技"))
        assert ">焊工</a>" in everything and ">软件开发工程师</a>" in everything
        assert ">电工</a>" not in everything
        assert ">软件开发工程师</a>" not in in_zhejiang
        assert ">焊工</a>" not in internships and "<html" not in internships
        assert ">软件开发工程师</a>" in by_employer and ">焊工</a>" not in by_employer


def test_a_hire_without_pay_is_refused_next_to_the_pay(
    signed_in_as, caseworker, make_employer, make_vacancy, make_seeker
):
    seeker = make_seeker()
    vacancy = make_vacancy(make_employer())
    client = signed_in_as(caseworker)
    client.post(f"/jobs/vacancies/{vacancy.pk}/apply/", {"person": seeker.pk})
    application = Application.objects.get()
    client.post(f"/jobs/applications/{application.pk}/step/", {"status": "offered", "on": today()})

    response = client.post(
        f"/jobs/applications/{application.pk}/step/", {"status": "hired", "on": today()}
    )

    assert response.status_code == 400
    page = text(response)
    error_at = page.index("Enter the agreed monthly pay of the hire.")
    assert page.index('name="monthly_pay"') < error_at
    assert Application.objects.get().status == "offered"


def test_from_posting_to_hire_through_the_pages_ends_the_stay_on_the_ledger(
    signed_in_as, caseworker, citizen, make_user, make_employer, make_seeker
):
    recruiter = make_user("hr_hengtai", role="employer")
    make_employer(accounts=[recruiter])
    seeker = make_seeker("陈明", account=citizen)
    employer_client, staff, seeker_client = (
        signed_in_as(recruiter), signed_in_as(caseworker), signed_in_as(citizen)
    )  # fmt: skip

    employer_client.post(
        "/jobs/our/new/",
        {"title": "焊工", "headcount": "1", "pay_min": "6000", "pay_max": "8000",
         "region_code": "330106", "contract_type": "full_time", "opens_on": today(),
         "closes_on": today() + datetime.timedelta(days=30)},
    )  # fmt: skip
    vacancy = Vacancy.objects.get()
    assert "焊工" in text(staff.get("/jobs/review/"))
    staff.post(f"/jobs/vacancies/{vacancy.pk}/review/", {"version": vacancy.version, "publish": 1})
    assert "陈明" in text(staff.get(f"/jobs/vacancies/{vacancy.pk}/"))
    staff.post(f"/jobs/vacancies/{vacancy.pk}/recommend/", {"person": seeker.pk})
    assert "It is exactly the occupation" in text(seeker_client.get("/jobs/mine/"))
    seeker_client.post(f"/jobs/vacancies/{vacancy.pk}/apply/")
    application = Application.objects.get()
    step = f"/jobs/applications/{application.pk}/step/"
    for status in ("interviewed", "offered"):
        employer_client.post(step, {"status": status, "on": today()})
    employer_client.post(step, {"status": "hired", "on": today(), "monthly_pay": "7500"})

    person_page = text(staff.get(f"/people/{seeker.pk}/"))
    ledger = person_page[person_page.index('id="ledger"') : person_page.index('id="status"')]
    assert f"<td>{today():%Y-%m-%d}</td><td>Employed</td>" in ledger.replace("\n", "")
    assert "Hired on" in person_page and "7500 yuan a month" in person_page
    assert LedgerEntry.objects.get(person=seeker).exit_reason == "employed"
    assert Vacancy.objects.get().close_reason == "filled"  # headcount 1 met


def test_recording_a_hire_from_the_person_page_says_the_stay_ended(
    signed_in_as, caseworker, make_employer, make_vacancy, make_seeker
):
    seeker = make_seeker()
    vacancy = make_vacancy(make_employer())
    client = signed_in_as(caseworker)
    client.post(f"/jobs/vacancies/{vacancy.pk}/apply/", {"person": seeker.pk})
    application = Application.objects.get()
    step = f"/jobs/applications/{application.pk}/step/"
    client.post(step, {"status": "offered", "on": today()})

    response = client.post(
        step,
        {"status": "hired", "on": today(), "monthly_pay": "7000", "next": f"/people/{seeker.pk}/"},
        follow=True,
    )

    assert f"The stay on the ledger ended on {today():%Y-%m-%d} (employed)." in text(response)
