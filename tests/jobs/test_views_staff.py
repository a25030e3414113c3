"""Staff pages: vacancies and their review, matching people, the batch, employers, campaigns
and fairs."""

import datetime
import html

import pytest
from tests.jobs.conftest import BINJIANG, CHAOYANG, credit_code, today

from minsheng.assistance.models import ServiceRecord
from minsheng.jobs.models import (
    Campaign,
    Employer,
    Fair,
    FairAttendee,
    FairEmployer,
    Recommendation,
    Vacancy,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def signed_in_as(signed_in_as):
    def sign_in(user):
        client = signed_in_as(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return sign_in


def test_staff_pages_render_for_each_staff_role(
    signed_in_as, caseworker, supervisor, administrator, make_user, make_employer,
    make_vacancy, make_campaign, make_fair, make_seeker,
):  # fmt: skip
    employer = make_employer()
    vacancy = make_vacancy(employer)
    campaign = make_campaign()
    fair = make_fair(campaign)
    make_seeker()
    pages = [
        "/jobs/vacancies/", "/jobs/review/", f"/jobs/vacancies/{vacancy.pk}/", "/jobs/employers/",
        "/jobs/employers/new/", f"/jobs/employers/{employer.pk}/", "/jobs/campaigns/",
        "/jobs/campaigns/new/", f"/jobs/campaigns/{campaign.pk}/",
        f"/jobs/campaigns/{campaign.pk}/fairs/new/", f"/jobs/fairs/{fair.pk}/", "/jobs/search/",
        "/",
    ]  # fmt: skip
    for user in (caseworker, supervisor, administrator):
        client = signed_in_as(user)
        for url in pages:
            assert client.get(url).status_code == 200, (user.role, url)
    analyst = signed_in_as(make_user("analyst", role="analyst", region_code="330100"))
    assert analyst.get(f"/jobs/campaigns/{campaign.pk}/").status_code == 200
    assert analyst.get("/jobs/vacancies/").status_code == 404


def test_seekers_and_employers_do_not_reach_staff_pages(
    signed_in_as, citizen, make_user, make_employer, make_campaign
):
    employer = make_employer()
    campaign = make_campaign()
    for user in (citizen, make_user("hr", role="employer")):
        client = signed_in_as(user)
        for url in (
            "/jobs/vacancies/", "/jobs/review/", "/jobs/employers/",
            f"/jobs/employers/{employer.pk}/", "/jobs/campaigns/",
            f"/jobs/campaigns/{campaign.pk}/",
        ):  # fmt: skip
            assert client.get(url).status_code == 404, (user.role, url)


def test_the_vacancy_list_filters_by_status_within_the_region(
    signed_in_as, caseworker, make_employer, make_vacancy
):
    employer = make_employer()
    make_vacancy(employer, "焊工")
    make_vacancy(employer, "电工", published=False)
    make_vacancy(make_employer("北京某公司", region_code=CHAOYANG), "钳工")
    client = signed_in_as(caseworker)

    everything = client.get("/jobs/vacancies/").content.decode()
    pending = client.get("/jobs/vacancies/?status=pending").content.decode()

    assert ">焊工</a>" in everything and ">电工</a>" in everything and "钳工" not in everything
    assert ">电工</a>" in pending and ">焊工</a>" not in pending
    assert "1 vacancy waits for review" in everything


def test_sending_back_needs_a_note_shown_next_to_it(
    signed_in_as, caseworker, make_employer, make_vacancy
):
    vacancy = make_vacancy(make_employer(), published=False)
    client = signed_in_as(caseworker)

    refused = client.post(f"/jobs/vacancies/{vacancy.pk}/review/", {"version": 1, "send_back": 1})
    sent_back = client.post(
        f"/jobs/vacancies/{vacancy.pk}/review/",
        {"version": 1, "send_back": 1, "note": "请补充工作时间", "from": "queue"},
    )

    assert refused.status_code == 400
    assert 'id="id_note-error"' in refused.content.decode()
    assert "Say what the employer must change" in refused.content.decode()
    assert sent_back.status_code == 302 and sent_back.url == "/jobs/review/"
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.review_note) == ("rejected", "请补充工作时间")


def test_publishing_from_the_review_queue(signed_in_as, caseworker, make_employer, make_vacancy):
    vacancy = make_vacancy(make_employer(), "电工", published=False)
    client = signed_in_as(caseworker)

    queue = client.get("/jobs/review/").content.decode()
    client.post(f"/jobs/vacancies/{vacancy.pk}/review/", {"version": 1, "publish": 1})

    assert "电工" in queue
    assert Vacancy.objects.get().status == "published"
    assert "Nothing waits for review." in client.get("/jobs/review/").content.decode()


def test_the_vacancy_page_lists_matching_people_with_their_reasons(
    signed_in_as, caseworker, make_employer, make_vacancy, make_seeker
):
    vacancy = make_vacancy(make_employer())
    seeker = make_seeker("陈明")
    make_seeker("张远", CHAOYANG)  # outside the caseworker's region
    client = signed_in_as(caseworker)

    page = html.unescape(client.get(f"/jobs/vacancies/{vacancy.pk}/").content.decode())

    assert "Matching people on the ledger" in page
    assert "陈明" in page and "张远" not in page
    assert "It is exactly the occupation the person is looking for." in page
    assert "The job is in the person's own county or district." in page

    response = client.post(
        f"/jobs/vacancies/{vacancy.pk}/recommend/", {"person": seeker.pk}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200 and "Recommended" in response.content.decode()
    recommendation = Recommendation.objects.get()
    assert (recommendation.person, recommendation.vacancy) == (seeker, vacancy)
    assert ServiceRecord.objects.filter(person=seeker, kind="job_recommendation").count() == 1
    again = client.post(f"/jobs/vacancies/{vacancy.pk}/recommend/", {"person": seeker.pk})
    assert again.status_code == 302
    assert Recommendation.objects.count() == 1


def test_the_supervisor_runs_the_batch_for_the_region(
    signed_in_as, supervisor, caseworker, make_employer, make_vacancy, make_seeker
):
    make_vacancy(make_employer())
    make_seeker("陈明")
    make_seeker("李华", BINJIANG)

    listing = signed_in_as(caseworker).get("/jobs/vacancies/").content.decode()
    assert signed_in_as(caseworker).post("/jobs/batch/").status_code == 404
    response = signed_in_as(supervisor).post("/jobs/batch/", follow=True)

    assert "Recommend now" not in listing
    assert "2 recommendations sent to people on the ledger." in response.content.decode()
    assert Recommendation.objects.filter(by_batch=True).count() == 2


def test_registering_an_employer_and_its_recruiter_account(signed_in_as, caseworker):
    client = signed_in_as(caseworker)
    code = credit_code(7)

    response = client.post(
        "/jobs/employers/new/",
        {"credit_code": code, "name": "杭州新建精密机械有限公司", "industry": "C",
         "size": "small", "region_code": "330106"},
    )  # fmt: skip
    employer = Employer.objects.get()
    duplicate = client.post(
        "/jobs/employers/new/",
        {"credit_code": code, "name": "别名", "industry": "C", "size": "small",
         "region_code": "330106"},
    )  # fmt: skip
    account = client.post(
        f"/jobs/employers/{employer.pk}/account/",
        {"username": "hr_xinjian", "password": "Xinjian-hr-2025!"},
        follow=True,
    )

    assert response.status_code == 302 and response.url == f"/jobs/employers/{employer.pk}/"
    assert duplicate.status_code == 409
    assert "already registered" in duplicate.content.decode()
    assert "hr_xinjian" in account.content.decode()
    assert employer.accounts.get().role == "employer"


def test_the_employer_page_masks_the_contact_phone(signed_in_as, caseworker, make_employer):
    employer = make_employer()

    page = signed_in_as(caseworker).get(f"/jobs/employers/{employer.pk}/").content.decode()

    assert '<dd class="code">057******6666</dd>' in page
    assert "0571-88886666" not in page


def test_a_refused_registration_keeps_the_full_phone_typed_in_its_field(signed_in_as, caseworker):
    client = signed_in_as(caseworker)
    form = {"name": "杭州新建精密机械有限公司", "industry": "C", "size": "small",
            "region_code": "330106", "contact_phone": "13812345678"}  # fmt: skip

    refused = client.post("/jobs/employers/new/", form | {"credit_code": "91330106MA00000000"})
    registered = client.post("/jobs/employers/new/", form | {"credit_code": credit_code(8)})

    assert refused.status_code == 400
    assert 'value="13812345678"' in refused.content.decode()
    assert registered.status_code == 302 and Employer.objects.get().contact_phone == "13812345678"
    assert "138****5678" in client.get(registered.url).content.decode()


def test_a_bad_credit_code_is_shown_next_to_its_field(signed_in_as, caseworker):
    response = signed_in_as(caseworker).post(
        "/jobs/employers/new/",
        {"credit_code": "91330106MA00000000", "name": "某公司", "industry": "C",
         "size": "small", "region_code": "330106"},
    )  # fmt: skip

    assert response.status_code == 400
    assert 'id="id_credit_code-error"' in response.content.decode()


def test_creating_a_campaign_and_a_fair_then_registering_an_attendee(
    signed_in_as, supervisor, make_seeker
):
    seeker = make_seeker("陈明")
    client = signed_in_as(supervisor)
    starts = today()

    created = client.post(
        "/jobs/campaigns/new/",
        {"name": "2026年金秋招聘月", "kind": "golden_autumn", "starts_on": starts,
         "ends_on": starts + datetime.timedelta(days=30), "region_code": "330100",
         "target_groups": ["college_graduate"]},
    )  # fmt: skip
    campaign = Campaign.objects.get()
    outside = client.post(
        f"/jobs/campaigns/{campaign.pk}/fairs/new/",
        {"name": "专场", "mode": "online", "held_on": starts - datetime.timedelta(days=1),
         "region_code": "330106", "booths": 0},
    )  # fmt: skip
    added = client.post(
        f"/jobs/campaigns/{campaign.pk}/fairs/new/",
        {"name": "西湖区专场招聘会", "mode": "on_site", "held_on": starts,
         "region_code": "330106", "venue": "西湖文化广场", "booths": 10},
    )  # fmt: skip
    fair = Fair.objects.get()
    found = client.get(f"/jobs/fairs/{fair.pk}/?q=陈明", HTTP_HX_REQUEST="true")
    client.post(f"/jobs/fairs/{fair.pk}/attendees/", {"person": seeker.pk})

    assert created.status_code == 302 and added.status_code == 302
    assert outside.status_code == 400
    assert 'id="id_held_on-error"' in outside.content.decode()
    assert "陈明" in found.content.decode() and "Register to attend" in found.content.decode()
    assert FairAttendee.objects.get().person == seeker
    page = client.get(f"/jobs/fairs/{fair.pk}/").content.decode()
    assert '<p class="figure" id="attendee-count">1</p>' in page


def test_the_campaign_page_shows_results_chart_and_fairness_flag(
    signed_in_as, supervisor, make_employer, make_vacancy, make_campaign, make_fair, make_seeker
):
    campaign = make_campaign()
    fair = make_fair(campaign)
    vacancy = make_vacancy(make_employer())
    FairEmployer.objects.create(fair=fair, employer=vacancy.employer, booth=1).vacancies.add(
        vacancy
    )
    man, woman = make_seeker("陈明", sex="M"), make_seeker("林芳", sex="F")
    for person in (man, woman):
        FairAttendee.objects.create(fair=fair, person=person)
    Recommendation.objects.create(
        person=man, vacancy=vacancy, score=80, factors=[], recommended_on=today(),
        campaign=campaign, region_id=man.region_id, province_code=man.province_code,
    )  # fmt: skip

    page = signed_in_as(supervisor).get(f"/jobs/campaigns/{campaign.pk}/").content.decode()

    assert fair.name in page
    assert "<svg" in page and 'class="bar"' in page
    assert "Fairness report" in page
    assert "Disparity flagged" in page
    assert "Male" in page and "Female" in page


def test_a_second_recommendation_in_place_says_why_it_was_refused(
    signed_in_as, caseworker, make_employer, make_vacancy, make_seeker
):
    vacancy = make_vacancy(make_employer())
    seeker = make_seeker()
    client = signed_in_as(caseworker)
    url = f"/jobs/vacancies/{vacancy.pk}/recommend/"
    client.post(url, {"person": seeker.pk}, HTTP_HX_REQUEST="true")

    again = client.post(url, {"person": seeker.pk}, HTTP_HX_REQUEST="true")

    assert again.status_code == 200  # htmx swaps only 2xx answers
    assert "already been recommended" in again.content.decode()
    assert Recommendation.objects.count() == 1
