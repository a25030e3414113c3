"""The skills API: the public catalogue, courses and enrolments, bad input with its field,
scoping (404 outside the caller's region), certificates and subsidies end to end."""

import pytest
from django.test import Client

from minsheng.skills.models import Enrolment

from .conftest import AI_TRAINER, BINJIANG, DAY, ELDERLY_CARER, SOLAR_OPERATOR, XIHU, today

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def api(api_client_for, caseworker):
    return api_client_for(caseworker)


@pytest.fixture
def binjiang_api(api_client_for, make_user):
    return api_client_for(make_user("caseworker_binjiang", role="caseworker", region_code=BINJIANG))


def provider_payload(**overrides) -> dict:
    return {
        "name": "杭州数智职业技能培训学校",
        "kind": "training_organisation",
        "credit_code": "52330106MJ0000017B",
        "region_code": XIHU,
        "accreditation_number": "杭人社培2024-017",
        "accredited_from": (today() - 100 * DAY).isoformat(),
    } | overrides


def course_payload(provider_id: int, **overrides) -> dict:
    return {
        "provider_id": provider_id,
        "title": "人工智能训练师（初级工）培训班",
        "occupation_code": AI_TRAINER,
        "target_level": 2,
        "hours": 80,
        "starts_on": (today() + 10 * DAY).isoformat(),
        "ends_on": (today() + 40 * DAY).isoformat(),
        "place": "西湖区文三路 478 号",
        "region_code": XIHU,
        "capacity": 1,
        "cost": "2400",
    } | overrides


def test_staff_add_courses_whose_focus_area_follows_the_occupation(api):
    provider = api.post("/skills/providers", provider_payload())
    assert provider.status_code == 201, provider.json()
    provider_id = provider.json()["id"]

    areas = {}
    for code in (AI_TRAINER, ELDERLY_CARER, SOLAR_OPERATOR, "4-03-02-01"):
        created = api.post("/skills/courses", course_payload(provider_id, occupation_code=code))
        assert created.status_code == 201, created.json()
        areas[code] = created.json()["focus_area"]

    assert areas == {
        AI_TRAINER: "digital", ELDERLY_CARER: "care", SOLAR_OPERATOR: "green", "4-03-02-01": "other"
    }  # fmt: skip
    catalogue = Client().get(f"{API}/skills/catalogue", {"focus_area": "care", "open_only": True})
    assert catalogue.status_code == 200
    [care] = catalogue.json()["items"]
    assert (care["occupation_name"], care["target_level_name"]) == ("养老护理员", "初级工")


@pytest.mark.parametrize(
    ("overrides", "status", "code", "field"),
    [
        ({"capacity": 0}, 400, "invalid_capacity", "capacity"),
        ({"occupation_code": "9-99-99-99"}, 400, "unknown_occupation", "occupation_code"),
        ({"target_level": 9}, 400, "unknown_skill_level", "target_level"),
        ({"ends_on": (today() - DAY).isoformat()}, 400, "course_ends_before_start", "ends_on"),
        ({"region_code": "110105"}, 400, "region_out_of_scope", "region_code"),
        ({"cost": "abc"}, 422, "invalid_payload", "cost"),
    ],
)
def test_bad_course_input_is_refused_naming_the_field(
    api, make_provider, overrides, status, code, field
):
    answer = api.post("/skills/courses", course_payload(make_provider().pk, **overrides))

    assert answer.status_code == status
    body = answer.json()
    assert (body["code"], body["field"]) == (code, field)
    assert set(body["messages"]) == {"zh-hans", "en"}


def test_enrolling_beyond_capacity_goes_to_the_waiting_list_and_moves_up_on_a_drop(
    api, make_course, make_person
):
    course = make_course(capacity=1)
    first, second = make_person("王一"), make_person("李二")

    placed = api.post(f"/skills/courses/{course.pk}/enrolments", {"person_id": first.pk})
    waiting = api.post(f"/skills/courses/{course.pk}/enrolments", {"person_id": second.pk})

    assert placed.status_code == waiting.status_code == 201
    assert (waiting.json()["status"], waiting.json()["waiting_position"]) == ("waiting", 1)
    assert placed.json()["identity_number_masked"].startswith("330106****")
    listed = api.get(f"/skills/courses/{course.pk}/waiting-list").json()["items"]
    assert [row["person_id"] for row in listed] == [second.pk]
    dropped = api.post(f"/skills/enrolments/{placed.json()['id']}/drop", {"reason": "已就业"})
    assert dropped.status_code == 200
    assert dropped.json()["promoted"]["person_id"] == second.pk
    detail = api.get(f"/skills/courses/{course.pk}").json()
    assert (detail["places_left"], detail["waiting_list"]) == (0, [])


def test_a_caseworker_of_another_county_gets_404_for_a_persons_enrolments(
    api, binjiang_api, make_course, make_person
):
    person = make_person()
    enrolled = api.post(f"/skills/courses/{make_course().pk}/enrolments", {"person_id": person.pk})

    assert api.get(f"/skills/people/{person.pk}/enrolments").status_code == 200
    for path in (
        f"/skills/people/{person.pk}/enrolments",
        f"/skills/people/{person.pk}",
        f"/skills/enrolments/{enrolled.json()['id']}",
    ):
        answer = binjiang_api.get(path)
        assert answer.status_code == 404, path
        assert answer.json()["code"] in ("person_not_found", "enrolment_not_found")


def test_a_citizen_enrols_themselves_and_sees_their_own_skills(
    api_client_for, citizen, make_course, make_person
):
    person = make_person(account=citizen)
    client = api_client_for(citizen)

    enrolled = client.post(f"/skills/courses/{make_course().pk}/enrolments", {})
    mine = client.get(f"/skills/people/{person.pk}")

    assert enrolled.status_code == 201 and enrolled.json()["via"] == "self"
    assert [e["id"] for e in mine.json()["enrolments"]] == [enrolled.json()["id"]]


def test_certificate_refused_without_a_pass_then_issued_verified_and_subsidised(
    api, api_client_for, supervisor, past_course, make_person
):
    person = make_person("刘洋")
    course = past_course()
    enrolment = api.post(
        f"/skills/courses/{course.pk}/enrolments",
        {"person_id": person.pk, "enrolled_on": (today() - 50 * DAY).isoformat()},
    ).json()
    path = f"/skills/enrolments/{enrolment['id']}"

    early = api.post(f"{path}/certificate", {})
    assert (early.status_code, early.json()["code"]) == (400, "assessment_not_passed")
    assert api.post(f"{path}/attendance", {"hours": "80"}).status_code == 200
    assert api.post(f"{path}/completion", {}).status_code == 200
    assert api.post(f"{path}/assessment", {"score": "86.5"}).json()["assessment_result"] == "pass"
    issued = api.post(f"{path}/certificate", {})
    assert issued.status_code == 201
    checked = Client().get(f"{API}/skills/certificates/verify/{issued.json()['number']}")
    assert checked.json()["holder"] == "刘**"
    decided = api.post(f"{path}/subsidy", {})
    assert decided.status_code == 201
    assert decided.json()["decision"] == "granted"
    assert [c["met"] for c in decided.json()["conditions"]] == [True, True, True, True]
    payer = api_client_for(supervisor)
    pay_path = f"/skills/subsidies/{decided.json()['id']}/pay"
    assert payer.post(pay_path, {"voucher": "PXBT-1"}).status_code == 201
    twice = payer.post(pay_path, {})
    assert (twice.status_code, twice.json()["code"]) == (409, "subsidy_already_paid")


def test_the_shortage_link_lists_courses_and_the_people_who_wish_the_occupation(
    api, make_course, make_person
):
    from minsheng.registry.models import JobWish

    course = make_course(occupation_code=AI_TRAINER)
    person = make_person("周敏")
    JobWish.objects.create(person=person, occupation_code=AI_TRAINER, expected_monthly_pay=7000)

    link = api.get(f"/skills/shortages/{AI_TRAINER}", {"region_code": XIHU})

    assert link.status_code == 200
    body = link.json()
    assert [c["id"] for c in body["courses"]] == [course.pk]
    assert [c["person_id"] for c in body["candidates"]] == [person.pk]
    assert body["shortage"]["seekers"] == 1 and body["course_region_code"] == "330100"
    enrolled = api.post(f"/skills/courses/{course.pk}/enrolments/bulk", {"person_ids": [person.pk]})
    assert enrolled.status_code == 201
    assert Enrolment.objects.filter(course=course, person=person).exists()
