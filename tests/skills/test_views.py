"""The skills pages everyone meets: the catalogue and a course's page per role, enrolling
oneself (and the waiting list), enrolling people from the ledger (their 1131), the person
page's "Skills" section, the citizen's panel, and the public certificate verification."""

import html

import pytest
from django.core.cache import cache
from django.test import Client

from minsheng.skills import enrolment_services, progress_services
from minsheng.skills.api_certificates import VERIFY_RATE
from minsheng.skills.certificate_numbers import grouped, new_number

from .conftest import BINJIANG, DAY, ELDERLY_CARER, finish, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_as():
    """A fresh English client per user, so that several people can act in one test."""

    def sign_in(user) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def fresh_limits():
    """Verification counts per address in the cache: start and leave it empty."""
    cache.clear()
    yield
    cache.clear()


def text(response) -> str:
    return html.unescape(response.content.decode())


def section(page: str, start: str, end: str | None = None) -> str:
    page = page[page.index(start) :]
    return page[: page.index(end)] if end else page


def certified(caseworker, past_course, make_person):
    person = make_person("王小明")
    enrolment = enrolment_services.enrol(
        actor=caseworker, course=past_course(), person=person, on=today() - 50 * DAY
    )
    finish(caseworker, enrolment, score=88, completed_on=today() - 5 * DAY)
    return progress_services.issue_certificate(actor=caseworker, enrolment=enrolment)


def test_every_signed_in_role_browses_and_filters_the_catalogue(
    signed_in_as, citizen, caseworker, make_user, make_course
):
    make_course(title="人工智能训练师（初级工）培训班")
    make_course(
        title="养老护理员（初级工）培训班", occupation_code=ELDERLY_CARER, focus_area="care",
        region_code=BINJIANG,
    )  # fmt: skip
    make_course(title="已取消的课程", status="cancelled")
    analyst = make_user("analyst_zj", role="analyst", region_code="330000")

    for user in (citizen, caseworker, analyst):
        client = signed_in_as(user)
        everything = text(client.get("/skills/"))
        care = text(client.get("/skills/?focus_area=care", HTTP_HX_REQUEST="true"))
        in_binjiang = text(client.get(f"/skills/?region={BINJIANG}"))
        assert "人工智能训练师（初级工）培训班" in everything
        assert "养老护理员（初级工）培训班" in everything and "已取消的课程" not in everything
        assert "养老护理员" in care and "人工智能训练师" not in care and "<html" not in care
        assert "养老护理员" in in_binjiang and "人工智能训练师" not in in_binjiang
    assert Client().get("/skills/").status_code == 302  # the catalogue needs a sign-in


def test_the_course_page_shows_its_facts_and_what_each_role_can_do(
    signed_in_as, citizen, caseworker, make_user, make_person, make_course
):
    course = make_course(capacity=2)
    make_person("王小明", account=citizen)
    enrolment_services.enrol(actor=caseworker, course=course, person=make_person("李雷"))
    insurance_clerk = make_user("clerk_xihu", role="insurance_clerk", region_code="330106")

    as_citizen = text(signed_in_as(citizen).get(f"/skills/courses/{course.pk}/"))
    as_staff = text(signed_in_as(caseworker).get(f"/skills/courses/{course.pk}/"))
    as_clerk = text(signed_in_as(insurance_clerk).get(f"/skills/courses/{course.pk}/"))

    for page in (as_citizen, as_staff, as_clerk):
        assert course.provider.name in page and "人工智能训练师" in page
        assert "Junior worker" in page and "Digital economy" in page
        assert "1 place left" in page and "2400.00 yuan" in page
    assert ">Enrol</button>" in as_citizen and "Enrol people from the ledger" not in as_citizen
    assert "Enrol people from the ledger" in as_staff and "1131" in as_staff
    assert "Run this course" in as_staff
    assert "Enrol people from the ledger" not in as_clerk and ">Enrol</button>" not in as_clerk


def test_a_citizen_enrolling_in_a_full_course_is_told_their_waiting_list_position(
    signed_in_as, citizen, caseworker, make_person, make_course
):
    course = make_course(capacity=1)
    enrolment_services.enrol(actor=caseworker, course=course, person=make_person("李雷"))
    own = make_person("王小明", account=citizen)
    client = signed_in_as(citizen)
    assert "Join the waiting list" in text(client.get(f"/skills/courses/{course.pk}/"))

    response = client.post(f"/skills/courses/{course.pk}/enrol/", follow=True)

    page = text(response)
    assert "The course is full: you are number 1 on its waiting list." in page
    assert "You are number 1 on the waiting list." in page
    assert own.enrolments.get().status == "waiting"
    dashboard = text(client.get("/"))
    assert "Your training" in dashboard and "Number 1 on the waiting list" in dashboard


def test_a_citizen_leaving_frees_the_place_without_learning_who_takes_it(
    signed_in_as, citizen, caseworker, make_person, make_course
):
    course = make_course(capacity=1)
    own = make_person("王小明", account=citizen)
    client = signed_in_as(citizen)
    client.post(f"/skills/courses/{course.pk}/enrol/")
    enrolment_services.enrol(actor=caseworker, course=course, person=make_person("李雷"))

    page = text(
        client.post(
            f"/skills/enrolments/{own.enrolments.get().pk}/drop/",
            {"reason": "时间冲突", "next": f"/skills/courses/{course.pk}/"},
            follow=True,
        )
    )

    assert "王小明 left the course." in page and "李雷" not in page
    assert "You left this course on" in page
    assert course.enrolments.get(person__name="李雷").status == "enrolled"


def test_staff_enrol_from_the_ledger_and_it_counts_in_the_persons_1131(
    signed_in_as, caseworker, make_person, make_course
):
    course = make_course()
    person = make_person("陈静")
    client = signed_in_as(caseworker)
    opportunities = "<td>Training or internship opportunity</td><td>{}</td><td>1</td>"
    before = text(client.get(f"/people/{person.pk}/")).replace("\n", "")
    assert opportunities.format(0) in before

    found = text(client.get(f"/skills/courses/{course.pk}/?q=陈静", HTTP_HX_REQUEST="true"))
    assert found.startswith('<div id="ledger-search">') and "陈静" in found
    assert person.identity_number not in found  # masked
    answer = text(
        client.post(
            f"/skills/courses/{course.pk}/enrol/", {"person": person.pk}, HTTP_HX_REQUEST="true"
        )
    )

    assert "陈静 has a place on 人工智能训练师（初级工）培训班." in answer
    assert "Recorded as the training opportunity of their 1131 services." in answer
    after = text(client.get(f"/people/{person.pk}/")).replace("\n", "")
    assert opportunities.format(1) in section(after, 'id="services-section"')
    skills = section(after, 'id="skills-section"')
    assert "人工智能训练师（初级工）培训班" in skills and "By a caseworker" in skills
    found_again = text(client.get(f"/skills/courses/{course.pk}/?q=陈静", HTTP_HX_REQUEST="true"))
    assert "Already enrolled" in found_again


def test_the_quick_enrolment_on_the_person_page(signed_in_as, caseworker, make_person, make_course):
    course = make_course(title="养老护理员（初级工）培训班", occupation_code=ELDERLY_CARER)
    person = make_person("陈静")
    client = signed_in_as(caseworker)
    assert course.title in text(client.get(f"/skills/people/{person.pk}/"))

    response = client.post(
        f"/skills/people/{person.pk}/enrol/",
        {"course": course.pk, "next": f"/people/{person.pk}/#skills-section"},
    )

    assert response.status_code == 302 and response.url == f"/people/{person.pk}/#skills-section"
    assert person.enrolments.get().course == course
    assert person.services.get().kind == "training_opportunity"


def test_a_caseworker_of_another_county_does_not_reach_the_skills_section(
    signed_in_as, make_user, make_person
):
    person = make_person("陈静")
    binjiang = signed_in_as(make_user("cw_binjiang", role="caseworker", region_code=BINJIANG))

    assert binjiang.get(f"/skills/people/{person.pk}/").status_code == 404
    assert binjiang.post(f"/skills/people/{person.pk}/enrol/", {"course": 1}).status_code == 404
    assert binjiang.get(f"/people/{person.pk}/").status_code == 404


def test_the_skills_section_shows_levels_certificates_and_subsidies(
    signed_in_as, caseworker, past_course, make_person
):
    certificate = certified(caseworker, past_course, make_person)
    client = signed_in_as(caseworker)

    page = text(client.get(f"/skills/people/{certificate.person_id}/"))

    assert "Junior worker" in page and "人工智能训练师" in page
    assert grouped(certificate.number) in page
    assert "Skill-level certificate" in page  # how the level was obtained
    assert "No training subsidies." in page

    client.post(
        f"/skills/people/{certificate.person_id}/levels/",
        {"occupation_code": "6-31-01-03", "level": 2, "obtained_by": "enterprise_evaluation",
         "obtained_on": today() - 400 * DAY, "evaluated_by": "杭州示范电气设备有限公司"},
    )  # fmt: skip
    page = text(client.get(f"/skills/people/{certificate.person_id}/"))
    assert "Enterprise skill evaluation" in page and "杭州示范电气设备有限公司" in page


def test_anyone_verifies_a_certificate_and_sees_only_the_listed_fields(
    fresh_limits, caseworker, past_course, make_person
):
    certificate = certified(caseworker, past_course, make_person)
    person = certificate.person

    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        "/skills/verify/", {"number": certificate.number.lower()}
    )

    assert response.status_code == 200
    page = text(response)
    shown = section(page, 'id="certificate-check"', "</section>")
    assert "Valid certificate" in shown and grouped(certificate.number) in shown
    assert "王**" in shown and "Junior worker" in shown and "人工智能训练师" in shown
    assert certificate.issuer.name in shown
    for secret in (person.name, "小明", person.identity_number, person.phone, "Sign out"):
        assert secret not in page


def test_a_wrong_number_is_refused_next_to_the_field(fresh_limits):
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="en")
    number = new_number(issued_on=today(), region_code="330106")
    wrong = number[:-1] + ("A" if number[-1] != "A" else "B")

    mistyped = anonymous.get("/skills/verify/", {"number": wrong})
    blank = anonymous.get("/skills/verify/")

    assert mistyped.status_code == 400
    assert "The check character of the certificate number is wrong" in text(mistyped)
    assert blank.status_code == 200 and "Check a skill certificate" in text(blank)


def test_the_verification_page_shares_the_apis_limit_per_address(fresh_limits):
    limit = int(VERIFY_RATE.split("/")[0])
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR="203.0.113.9")
    number = "JN-2025-330106-K7M3QP-X"

    answers = [
        anonymous.get("/skills/verify/", {"number": number}).status_code for _ in range(limit)
    ]
    page = anonymous.get("/skills/verify/", {"number": number})
    api = anonymous.get(f"/api/v1/skills/certificates/verify/{number}")

    assert 429 not in answers
    assert page.status_code == 429 and "Too many checks" in text(page)
    assert api.status_code == 429
    other = Client(REMOTE_ADDR="198.51.100.7").get("/skills/verify/", {"number": number})
    assert other.status_code != 429
