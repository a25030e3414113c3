"""The employer's pages: our vacancies, posting and changing one, the applications, fairs.

An employer reaches its own records only; another employer's are 404, and no seeker's identity
number ever appears on its pages.
"""

import datetime

import pytest
from tests.jobs.conftest import BINJIANG, today

from minsheng.jobs.models import Application, ApplicationStep, FairEmployer, Vacancy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def signed_in_as(signed_in_as):
    """The shared fixture, asking for English pages so that texts match the msgids."""

    def sign_in(user):
        client = signed_in_as(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return sign_in


@pytest.fixture
def recruiter(make_user, make_employer):
    user = make_user("hr_hengtai", role="employer")
    make_employer("杭州恒泰机械制造有限公司", accounts=[user])
    return user


@pytest.fixture
def employer_client(signed_in_as, recruiter):
    return signed_in_as(recruiter)


def vacancy_form(**changes) -> dict:
    fields = {
        "title": "数控车床操作工",
        "description": "两班倒，包食宿",
        "headcount": "3",
        "pay_min": "6000",
        "pay_max": "9000",
        "education": "",
        "skill_level": "",
        "region_code": "330106",
        "contract_type": "full_time",
        "opens_on": today().isoformat(),
        "closes_on": (today() + datetime.timedelta(days=30)).isoformat(),
        "occupation_code": "",
    }
    return fields | changes


def apply_for(vacancy, person) -> Application:
    application = Application.objects.create(
        person=person, vacancy=vacancy, applied_on=today(), region_id=person.region_id,
        province_code=person.province_code,
    )  # fmt: skip
    ApplicationStep.objects.create(application=application, status="applied", on=today())
    return application


def test_our_vacancies_shows_status_review_note_and_applications(
    employer_client, recruiter, make_employer, make_vacancy, make_seeker
):
    own = recruiter.employers.get()
    published = make_vacancy(own, "焊工")
    sent_back = make_vacancy(own, "电工", published=False)
    Vacancy.objects.filter(pk=sent_back.pk).update(status="rejected", review_note="请写明工作时间")
    apply_for(published, make_seeker())
    make_vacancy(make_employer("杭州别家电子科技有限公司", region_code=BINJIANG), "钳工")

    page = employer_client.get("/jobs/our/").content.decode()

    assert "焊工" in page and "电工" in page
    assert "请写明工作时间" in page
    assert "Sent back" in page and "Published" in page
    assert f'href="/jobs/vacancies/{published.pk}/applications/">1</a>' in page
    assert "钳工" not in page


def test_posting_a_vacancy_codes_the_title_and_waits_for_review(employer_client, recruiter):
    response = employer_client.post("/jobs/our/new/", vacancy_form())

    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert response.url == f"/jobs/vacancies/{vacancy.pk}/"
    assert vacancy.status == "pending"
    assert vacancy.posted_by == recruiter
    page = employer_client.get(response.url).content.decode()
    assert "Sent for review" in page
    assert "Waiting for the employment office" in page
    assert vacancy.occupation_code == "6-18-01-07"
    assert "多工序数控机床操作调整工" in page  # the coded occupation's name, shown after saving
    assert "coded from the title automatically" in page


def test_pay_min_above_max_is_shown_next_to_the_field(employer_client):
    response = employer_client.post("/jobs/our/new/", vacancy_form(pay_min="9000", pay_max="6000"))

    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_pay_min-error"' in page
    assert "The lowest pay cannot be higher than the highest pay." in page
    assert not Vacancy.objects.exists()


def test_the_region_is_chosen_among_the_counties_of_the_province(employer_client):
    page = employer_client.get("/jobs/our/new/").content.decode()

    assert '<option value="330106" selected>杭州市 西湖区</option>' in page
    assert 'value="330108"' in page  # 滨江区, same province
    assert 'value="110105"' not in page  # 北京市朝阳区


def test_a_stale_edit_is_refused_with_the_services_message(
    employer_client, recruiter, make_vacancy
):
    vacancy = make_vacancy(recruiter.employers.get(), published=False)
    Vacancy.objects.filter(pk=vacancy.pk).update(version=2)

    response = employer_client.post(
        f"/jobs/vacancies/{vacancy.pk}/edit/",
        vacancy_form(title="高级焊工", occupation_code="6-18-02-04", version="1"),
    )

    assert response.status_code == 409
    assert "Someone else changed this vacancy" in response.content.decode()
    assert Vacancy.objects.get().title == "焊工"


def test_changing_a_published_vacancy_sends_it_back_to_review(
    employer_client, recruiter, make_vacancy
):
    vacancy = make_vacancy(recruiter.employers.get())

    response = employer_client.post(
        f"/jobs/vacancies/{vacancy.pk}/edit/",
        vacancy_form(title="高级焊工", occupation_code="6-18-02-04", version="1"),
        follow=True,
    )

    assert Vacancy.objects.get().status == "pending"
    assert "Staff check the vacancy again" in response.content.decode()


def test_another_employers_vacancy_and_applications_are_not_found(
    employer_client, make_employer, make_vacancy, make_seeker
):
    other = make_employer("杭州别家电子科技有限公司", region_code=BINJIANG)
    published, pending = make_vacancy(other), make_vacancy(other, "电工", published=False)
    application = apply_for(published, make_seeker())

    for url in (
        f"/jobs/vacancies/{published.pk}/",
        f"/jobs/vacancies/{pending.pk}/",
        f"/jobs/vacancies/{published.pk}/edit/",
        f"/jobs/vacancies/{published.pk}/applications/",
        f"/jobs/applications/{application.pk}/step/",
    ):
        assert employer_client.get(url).status_code == 404, url
    closing = employer_client.post(f"/jobs/vacancies/{published.pk}/close/", {"reason": "filled"})
    step = employer_client.post(
        f"/jobs/applications/{application.pk}/step/", {"status": "rejected", "on": today()}
    )
    assert closing.status_code == step.status_code == 404
    assert Vacancy.objects.get(pk=published.pk).status == "published"
    assert Application.objects.get().status == "applied"
    search = employer_client.get("/jobs/search/").content.decode()
    assert "杭州别家电子科技有限公司" not in search


def test_applications_show_a_masked_phone_and_never_an_identity_number(
    employer_client, recruiter, make_vacancy, make_seeker
):
    vacancy = make_vacancy(recruiter.employers.get())
    seeker = make_seeker("陈明")
    apply_for(vacancy, seeker)

    page = employer_client.get(f"/jobs/vacancies/{vacancy.pk}/applications/").content.decode()

    assert "陈明" in page
    assert "138****5678" in page and "13812345678" not in page
    assert seeker.identity_number not in page
    assert seeker.identity_number[-4:] + "<" not in page  # not even a masked form
    assert "Interviewed" in page and "Not taken" in page


def test_the_employer_records_the_next_steps_of_an_application(
    employer_client, recruiter, make_vacancy, make_seeker
):
    vacancy = make_vacancy(recruiter.employers.get())
    application = apply_for(vacancy, make_seeker())
    url = f"/jobs/applications/{application.pk}/step/"
    back_to = f"/jobs/vacancies/{vacancy.pk}/applications/"

    interviewed = employer_client.post(
        url, {"status": "interviewed", "on": today(), "next": back_to}
    )
    withdrawing = employer_client.post(url, {"status": "withdrawn", "on": today()})

    assert interviewed.status_code == 302 and interviewed.url == back_to
    assert withdrawing.status_code == 403
    assert "Only the applicant can withdraw." in withdrawing.content.decode()
    assert Application.objects.get().status == "interviewed"


def test_taking_part_in_a_fair_gives_a_booth(
    employer_client, recruiter, make_vacancy, make_campaign, make_fair
):
    vacancy = make_vacancy(recruiter.employers.get())
    fair = make_fair(make_campaign(), held_on=today() + datetime.timedelta(days=3))

    listing = employer_client.get("/jobs/our/fairs/").content.decode()
    response = employer_client.post(
        f"/jobs/fairs/{fair.pk}/join/", {"vacancies": [vacancy.pk]}, follow=True
    )

    assert fair.name in listing
    assert "Your booth is number 1." in response.content.decode()
    assert list(FairEmployer.objects.get().vacancies.all()) == [vacancy]


def test_a_fair_needs_a_published_vacancy(employer_client, make_campaign, make_fair):
    fair = make_fair(make_campaign())

    page = employer_client.get(f"/jobs/fairs/{fair.pk}/join/").content.decode()

    assert "You need at least one published vacancy" in page


def test_an_account_without_employer_is_told_to_ask_the_office(signed_in_as, make_user):
    client = signed_in_as(make_user("hr_nobody", role="employer"))

    page = client.get("/jobs/our/").content.decode()

    assert "not linked to an employer" in page
    assert client.get("/jobs/our/new/").status_code == 302


def test_the_dashboard_tells_the_employer_what_was_sent_back(
    employer_client, recruiter, make_vacancy
):
    vacancy = make_vacancy(recruiter.employers.get(), published=False)
    Vacancy.objects.filter(pk=vacancy.pk).update(status="rejected", review_note="请写明工作时间")

    page = employer_client.get("/").content.decode()

    assert "1 vacancy was sent back: see what to change." in page
    assert 'href="/jobs/our/"' in page
