"""The staff pages of skills: providers and courses, running a course (attendance, completion,
assessment, certificates, dropping out and the waiting list), the subsidy decisions with their
reasons and their payment, and the shortage link enrolling several people at once."""

import html
from decimal import Decimal

import pytest
from django.test import Client
from stdnum.cn import uscc

from minsheng.jobs.models import Employer, Vacancy
from minsheng.registry.models import JobWish
from minsheng.skills import enrolment_services
from minsheng.skills.certificate_numbers import grouped
from minsheng.skills.models import Certificate, Course, SubsidyPayment, TrainingProvider

from .conftest import BINJIANG, DAY, E_COMMERCE, XIHU, finish, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_as():
    def sign_in(user) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        return client

    return sign_in


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_staff_pages_are_for_caseworkers_supervisors_and_administrators(
    signed_in_as, caseworker, supervisor, administrator, citizen, make_user
):
    analyst = make_user("analyst_zj", role="analyst", region_code="330000")
    pages = ("/skills/courses/", "/skills/providers/", "/skills/courses/new/", "/skills/shortage/")

    for user in (caseworker, supervisor, administrator):
        client = signed_in_as(user)
        assert all(client.get(page).status_code == 200 for page in pages)
        assert "Our courses" in text(client.get("/")) and "Training" in text(client.get("/"))
    for user in (citizen, analyst):
        client = signed_in_as(user)
        assert all(client.get(page).status_code == 404 for page in pages)


def test_a_provider_is_registered_and_a_course_added_through_the_pages(signed_in_as, caseworker):
    client = signed_in_as(caseworker)
    body = f"52{XIHU}MJ0000001"

    registered = client.post(
        "/skills/providers/new/",
        {"name": "杭州数智职业技能培训学校", "kind": "training_organisation",
         "credit_code": body + uscc.calc_check_digit(body), "region_code": XIHU,
         "accreditation_number": "杭人社培2024-017", "accredited_from": today() - 900 * DAY},
    )  # fmt: skip
    provider = TrainingProvider.objects.get()
    assert registered.url == f"/skills/courses/new/?provider={provider.pk}"
    fields = {
        "provider": provider.pk, "title": "人工智能训练师（初级工）培训班",
        "occupation_code": "4-04-05-05", "target_level": 2, "hours": 80,
        "starts_on": today() + 10 * DAY, "ends_on": today() + 40 * DAY,
        "place": "文三路 478 号", "region_code": XIHU, "capacity": 12, "cost": "2400",
    }  # fmt: skip
    refused = client.post("/skills/courses/new/", {**fields, "occupation_code": "9-99-99-99"})
    added = client.post("/skills/courses/new/", fields)

    assert refused.status_code == 400 and "Unknown occupation code" in text(refused)
    course = Course.objects.get()
    assert added.url == f"/skills/courses/{course.pk}/manage/"
    assert course.focus_area == "digital"
    assert "人工智能训练师（初级工）培训班" in text(client.get("/skills/courses/"))


def test_running_a_course_from_attendance_to_certificate_and_revocation(
    signed_in_as, caseworker, past_course, make_person
):
    course = past_course()
    person = make_person("陈静")
    enrolment = enrolment_services.enrol(
        actor=caseworker, course=course, person=person, on=today() - 50 * DAY
    )
    client = signed_in_as(caseworker)
    manage = f"/skills/courses/{course.pk}/manage/"
    steps = f"/skills/enrolments/{enrolment.pk}"
    page = text(client.get(manage))
    assert "Record attendance" in page and f'id="id_{enrolment.pk}_hours"' in page

    too_early = client.post(f"{steps}/completion/", {"completed_on": today()}, follow=True)
    assert "陈静 · 0.0 of the course's 80 hours attended" in text(too_early)
    client.post(f"{steps}/attendance/", {"hours": "80", "on": today() - 5 * DAY})
    client.post(f"{steps}/completion/", {"completed_on": today() - 5 * DAY})
    failed = client.post(
        f"{steps}/assessment/", {"score": "52", "assessed_on": today()}, follow=True
    )
    assert "陈静 did not pass the assessment" in text(failed)
    refused = client.post(f"{steps}/certificate/", {"issued_on": today()}, follow=True)
    assert "failed this course's assessment (score 52.0)" in text(refused)
    client.post(f"{steps}/assessment/", {"score": "75", "assessed_on": today()})
    issued = text(client.post(f"{steps}/certificate/", {"issued_on": today()}, follow=True))

    certificate = Certificate.objects.get()
    assert f"Certificate {grouped(certificate.number)} issued to 陈静." in issued
    no_reason = client.post(f"/skills/certificates/{certificate.pk}/revoke/", {"reason": ""})
    assert no_reason.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_on is None
    revoked = client.post(
        f"/skills/certificates/{certificate.pk}/revoke/", {"reason": "考核材料不实"}, follow=True
    )
    assert "Revoked on" in text(revoked) and "考核材料不实" in text(revoked)


def test_dropping_out_says_who_moved_up_from_the_waiting_list(
    signed_in_as, caseworker, make_course, make_person
):
    course = make_course(capacity=1)
    holder, first, second = (make_person(name) for name in ("李雷", "韩梅梅", "王小明"))
    places = [
        enrolment_services.enrol(actor=caseworker, course=course, person=person)
        for person in (holder, first, second)
    ]
    client = signed_in_as(caseworker)
    waiting = text(client.get(f"/skills/courses/{course.pk}/manage/"))
    assert "韩梅梅" in waiting[waiting.index('id="waiting-list"') :]

    page = text(
        client.post(f"/skills/enrolments/{places[0].pk}/drop/", {"reason": "已就业"}, follow=True)
    )

    assert (
        "李雷 left the course. 韩梅梅 moved up from the waiting list into the freed place." in page
    )
    waiting_list = page[page.index('id="waiting-list"') :]
    assert "<td>1</td><td><a" in waiting_list and "王小明" in waiting_list
    assert "已就业" in waiting_list  # the dropped-out table


def test_a_caseworker_of_another_county_cannot_run_the_course(
    signed_in_as, make_user, make_course, make_person, caseworker
):
    course = make_course()
    enrolment = enrolment_services.enrol(actor=caseworker, course=course, person=make_person())
    binjiang = signed_in_as(make_user("cw_binjiang", role="caseworker", region_code=BINJIANG))

    assert binjiang.get(f"/skills/courses/{course.pk}/manage/").status_code == 404
    assert (
        binjiang.post(f"/skills/enrolments/{enrolment.pk}/drop/", {"reason": "x"}).status_code
        == 404
    )
    assert binjiang.get(f"/skills/courses/{course.pk}/").status_code == 200  # the public page


def test_a_subsidy_decision_is_explained_condition_by_condition_and_paid_once(
    signed_in_as, caseworker, supervisor, past_course, make_person
):
    course = past_course()
    certified, uncertified = make_person("陈静"), make_person("李雷", on_ledger=False)
    for person, score in ((certified, 80), (uncertified, 40)):
        enrolment = enrolment_services.enrol(
            actor=caseworker, course=course, person=person, on=today() - 50 * DAY
        )
        finish(caseworker, enrolment, score=score, completed_on=today() - 10 * DAY)
    staff = signed_in_as(caseworker)
    staff.post(
        f"/skills/enrolments/{certified.enrolments.get().pk}/certificate/", {"issued_on": today()}
    )

    decided = text(staff.post(f"/skills/courses/{course.pk}/subsidies/", follow=True))
    assert "1 subsidies granted, 1 refused." in decided
    granted = certified.skill_subsidies.get()
    page = text(staff.get(f"/skills/subsidies/{granted.pk}/"))
    conditions = page[page.index('id="conditions"') :]
    assert "Completed the course on" in conditions and "Obtained certificate" in conditions
    assert "Eligible as: On the real-name ledger." in conditions
    assert "1000.00 yuan" in page
    rule = page[page.index('<a class="rule-link"') :]
    assert rule.startswith('<a class="rule-link" href="/parameters/skills.subsidy_amounts/"')
    assert ">Vocational training subsidy per person, by region," in rule
    assert "EXAMPLE VALUES" not in page  # the legal note is on the parameter's page
    assert "Waiting for payment by a supervisor" in page
    refused = text(staff.get(f"/skills/subsidies/{uncertified.skill_subsidies.get().pk}/"))
    assert "✗ No" in refused and "Holds no valid certificate from this course." in refused
    assert staff.post(f"/skills/subsidies/{granted.pk}/pay/").status_code == 404  # not a payer

    payer = signed_in_as(supervisor)
    pay = f"/skills/subsidies/{granted.pk}/pay/"
    paid = text(payer.post(pay, {"paid_on": today(), "voucher": "PXBT-1"}, follow=True))
    again = text(payer.post(pay, {"paid_on": today()}, follow=True))

    assert "Paid 1000.00 yuan to 陈静." in paid and "PXBT-1" in paid
    assert "was already paid a training subsidy for this course" in again
    assert SubsidyPayment.objects.count() == 1


def test_the_shortage_link_enrols_several_people_in_a_few_clicks(
    signed_in_as, caseworker, make_course, make_person
):
    body = f"91{XIHU}MA0000001"
    employer = Employer.objects.create(
        credit_code=body + uscc.calc_check_digit(body), name="杭州西溪电子商务有限公司",
        industry="I", size="small", region_id=XIHU, province_code="330000",
    )  # fmt: skip
    Vacancy.objects.create(
        employer=employer, title="直播电商运营", occupation_code=E_COMMERCE, headcount=6,
        pay_min=Decimal(5000), pay_max=Decimal(8000), region_id=XIHU, province_code="330000",
        contract_type="full_time", opens_on=today() - 5 * DAY, closes_on=today() + 30 * DAY,
        status="published",
    )  # fmt: skip
    course = make_course(occupation_code=E_COMMERCE, title="电子商务师（初级工）直播电商实训班")
    people = [make_person(name) for name in ("王一", "李二", "张三")]
    for person in people:
        JobWish.objects.create(person=person, occupation_code=E_COMMERCE)
    client = signed_in_as(caseworker)

    ranking = text(client.get("/skills/shortage/"))
    by_name = text(client.get("/skills/shortage/", {"occupation": "电子商务师"}))
    link = text(client.get("/skills/shortage/", {"region": XIHU, "occupation": E_COMMERCE}))
    assert "电子商务师" in ranking and "<td>6</td><td>3</td><td>3</td><td>2.0</td>" in ranking
    assert f"occupation={E_COMMERCE}" in by_name
    assert course.title in link and all(person.name in link for person in people)

    response = client.post(
        "/skills/shortage/enrol/",
        {"course": course.pk, "person": [p.pk for p in people], "next": "/skills/shortage/"},
        follow=True,
    )

    outcome = text(response)
    assert (
        "3 enrolled in 电子商务师（初级工）直播电商实训班, 1 of them on the waiting list."
        in outcome
    )
    assert sorted(e.status for e in course.enrolments.all()) == ["enrolled", "enrolled", "waiting"]
    assert all(p.services.get().kind == "training_opportunity" for p in people)
    again = client.post(
        "/skills/shortage/enrol/", {"course": course.pk, "person": [people[0].pk]}, follow=True
    )
    assert "Already enrolled in this course or on its waiting list: 王一." in text(again)
