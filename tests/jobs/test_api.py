"""Employers and vacancies through /api/v1: registering, posting, review, bad input, scoping."""

import datetime

import pytest

from minsheng.core.models import AuditEvent, User

from .conftest import BINJIANG, CHAOYANG, SOFTWARE, WELDER, XIHU, credit_code, today

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


@pytest.fixture
def employer_api(api_client_for, recruiter, hengtai):
    return api_client_for(recruiter)


def vacancy_payload(**overrides) -> dict:
    return {
        "title": "焊工",
        "occupation_code": WELDER,
        "description": "二氧化碳保护焊，持证优先",
        "headcount": 3,
        "pay_min": "6000",
        "pay_max": "9000",
        "region_code": XIHU,
        "contract_type": "full_time",
        "opens_on": today().isoformat(),
        "closes_on": (today() + 30 * DAY).isoformat(),
    } | overrides


def test_staff_register_an_employer_and_give_it_a_recruiter_account(api, api_client_for):
    payload = {
        "credit_code": credit_code(77),
        "name": "杭州西溪电子科技有限公司",
        "industry": "I",
        "size": "medium",
        "region_code": XIHU,
        "contact_name": "钱女士",
        "contact_phone": "13812345678",
    }
    created = api.post("/employers", payload)
    assert created.status_code == 201
    employer_id = created.json()["id"]
    assert created.json()["contact_phone_masked"] == "138****5678"
    assert "13812345678" not in api.get(f"/employers/{employer_id}").content.decode()
    assert "13812345678" not in api.get("/employers").content.decode()
    assert api.get("/employers", {"q": "西溪"}).json()["count"] == 1
    assert api.get(f"/employers/{employer_id}").json()["credit_code"] == credit_code(77)
    assert api.post("/employers", payload).status_code == 409

    account = api.post(
        f"/employers/{employer_id}/accounts",
        {"username": "hr_xixi", "password": "Xixi-recruit-2026"},
    )
    assert account.status_code == 201
    assert (account.json()["role"], account.json()["employer_id"]) == ("employer", employer_id)
    recruiter = api_client_for(User.objects.get(username="hr_xixi"))
    listed = recruiter.get("/employers").json()
    assert [e["id"] for e in listed["items"]] == [employer_id]
    assert AuditEvent.objects.filter(action="employer_account_created").count() == 1


def test_a_bad_credit_code_names_its_field(api):
    bad = api.post(
        "/employers",
        {"credit_code": "91330106MA00000001", "name": "某公司", "industry": "C",
         "size": "small", "region_code": XIHU},
    )  # fmt: skip
    assert (bad.status_code, bad.json()["field"]) == (400, "credit_code")


def test_an_employer_posts_and_staff_publish(api, employer_api, api_client_for, citizen):
    posted = employer_api.post("/vacancies", vacancy_payload())
    assert posted.status_code == 201
    vacancy = posted.json()
    assert (vacancy["status"], vacancy["version"]) == ("pending", 1)
    assert vacancy["employer_name"] == "杭州恒泰机械制造有限公司"
    assert vacancy["occupation_name"] == "焊工"
    seeker = api_client_for(citizen)
    assert seeker.get("/vacancies/open").json()["count"] == 0
    assert [v["id"] for v in api.get("/vacancies", {"status": "pending"}).json()["items"]] == [
        vacancy["id"]
    ]

    reviewed = api.post(f"/vacancies/{vacancy['id']}/review", {"approve": True, "version": 1})

    assert reviewed.status_code == 200
    assert (reviewed.json()["status"], reviewed.json()["version"]) == ("published", 2)
    found = seeker.get("/vacancies/open", {"q": "焊工"}).json()
    assert [v["id"] for v in found["items"]] == [vacancy["id"]]
    assert seeker.get(f"/vacancies/{vacancy['id']}").status_code == 200


def test_sending_back_needs_a_note_and_the_edit_goes_back_to_review(api, employer_api):
    vacancy = employer_api.post("/vacancies", vacancy_payload()).json()
    path = f"/vacancies/{vacancy['id']}"

    silent = api.post(f"{path}/review", {"approve": False, "version": 1})
    assert (silent.status_code, silent.json()["field"]) == (400, "note")
    sent_back = api.post(f"{path}/review", {"approve": False, "note": "写明工作时间", "version": 1})
    assert sent_back.json()["status"] == "rejected"
    assert employer_api.get(path).json()["review_note"] == "写明工作时间"

    edited = employer_api.patch(path, {"version": 2, "description": "两班倒，8小时"})
    assert (edited.status_code, edited.json()["status"]) == (200, "pending")
    assert edited.json()["review_note"] == ""
    assert api.post(f"{path}/review", {"approve": True, "version": 3}).json()["status"] == (
        "published"
    )
    assert api.post(f"{path}/review", {"approve": True, "version": 4}).status_code == 409


def test_an_edit_on_a_stale_version_is_a_conflict(api, employer_api):
    vacancy = employer_api.post("/vacancies", vacancy_payload()).json()
    path = f"/vacancies/{vacancy['id']}"

    assert employer_api.patch(path, {"version": 1, "headcount": 5}).status_code == 200
    late = api.patch(path, {"version": 1, "headcount": 8})

    assert (late.status_code, late.json()["code"]) == (409, "vacancy_changed")
    assert api.get(path).json()["headcount"] == 5


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"pay_min": "9000", "pay_max": "6000"}, "pay_min", "pay_min_above_max"),
        (
            {"opens_on": (today() + 10 * DAY).isoformat(), "closes_on": today().isoformat()},
            "closes_on",
            "closes_before_opening",
        ),
        ({"occupation_code": "6-99-99-99"}, "occupation_code", "unknown_occupation"),
        ({"region_code": "999999"}, "region_code", "unknown_region"),
        ({"region_code": "000000"}, "region_code", "unknown_region"),
        ({"headcount": 0}, "headcount", "invalid_headcount"),
    ],
)
def test_bad_vacancies_are_refused_with_the_field_and_reason(employer_api, overrides, field, code):
    response = employer_api.post("/vacancies", vacancy_payload(**overrides))

    assert response.status_code == 400
    body = response.json()
    assert (body["field"], body["code"]) == (field, code)
    assert set(body["messages"]) == {"zh-hans", "en"} and body["messages"]["en"]


def test_a_bad_edit_is_refused_with_the_field_too(employer_api):
    vacancy = employer_api.post("/vacancies", vacancy_payload()).json()

    response = employer_api.patch(f"/vacancies/{vacancy['id']}", {"version": 1, "pay_min": 10000})

    assert (response.status_code, response.json()["field"]) == (400, "pay_min")


def test_without_a_code_the_title_is_coded_automatically(employer_api):
    vacancy = employer_api.post("/vacancies", vacancy_payload(occupation_code="")).json()

    assert vacancy["occupation_code"] == WELDER
    assert vacancy["occupation_coded_automatically"] is True


def test_staff_post_for_an_employer_of_their_region_only(api, hengtai, make_employer):
    bare = api.post("/vacancies", vacancy_payload())
    assert (bare.status_code, bare.json()["field"]) == (400, "employer_id")
    assert api.post("/vacancies", vacancy_payload(employer_id=hengtai.pk)).status_code == 201

    beijing = make_employer("北京朝阳科技有限公司", region_code=CHAOYANG)
    refused = api.post("/vacancies", vacancy_payload(employer_id=beijing.pk))
    assert refused.status_code == 404


def test_an_employer_never_sees_another_employers_vacancies(
    employer_api, hengtai, make_employer, make_vacancy
):
    own = make_vacancy(hengtai)
    rival = make_employer("杭州别家电子科技有限公司", region_code=BINJIANG)
    theirs = make_vacancy(rival, "电子商务师", occupation_code="4-01-06-01")
    path = f"/vacancies/{theirs.pk}"

    assert employer_api.get(path).status_code == 404
    assert employer_api.patch(path, {"version": 1, "headcount": 1}).status_code == 404
    assert employer_api.post(f"{path}/close", {"reason": "withdrawn"}).status_code == 404
    assert employer_api.get(f"/employers/{rival.pk}").status_code == 404
    assert employer_api.post("/vacancies", vacancy_payload(employer_id=rival.pk)).status_code == 404
    assert [v["id"] for v in employer_api.get("/vacancies").json()["items"]] == [own.pk]
    assert [v["id"] for v in employer_api.get("/vacancies/open").json()["items"]] == [own.pk]
    assert employer_api.post(f"{path}/review", {"approve": True, "version": 1}).status_code == 404


def test_staff_of_another_district_do_not_see_a_pending_vacancy(
    api_client_for, make_user, hengtai, make_vacancy
):
    pending = make_vacancy(hengtai, published=False)
    binjiang = api_client_for(make_user("cw_binjiang", role="caseworker", region_code=BINJIANG))

    assert binjiang.get(f"/vacancies/{pending.pk}").status_code == 404
    review = binjiang.post(f"/vacancies/{pending.pk}/review", {"approve": True, "version": 1})
    assert review.status_code == 404


def test_closing_a_vacancy(employer_api, hengtai, make_vacancy):
    vacancy = make_vacancy(hengtai)
    path = f"/vacancies/{vacancy.pk}/close"

    closed = employer_api.post(path, {"reason": "filled"})
    assert (closed.json()["status"], closed.json()["close_reason"]) == ("closed", "filled")
    assert employer_api.post(path, {"reason": "filled"}).status_code == 409
    assert (
        employer_api.post(f"/vacancies/{vacancy.pk}/close", {"reason": "expired"}).json()["field"]
        == "reason"
    )


def test_searching_open_vacancies(api, make_employer, make_vacancy):
    xihu = make_employer("杭州恒泰机械制造有限公司")
    welder = make_vacancy(xihu, "焊工")
    coder = make_vacancy(
        xihu, "Java开发工程师", occupation_code=SOFTWARE, contract_type="internship"
    )
    beijing = make_vacancy(make_employer("北京朝阳焊接有限公司", region_code=CHAOYANG), "焊工")
    make_vacancy(xihu, "将来的焊工", opens_on=today() + 5 * DAY)
    make_vacancy(xihu, "待审核的焊工", published=False)

    def ids(**query):
        return {v["id"] for v in api.get("/vacancies/open", query).json()["items"]}

    assert ids() == {welder.pk, coder.pk, beijing.pk}
    assert ids(q="焊") == {welder.pk, beijing.pk}
    assert ids(region_code="330100") == {welder.pk, coder.pk}
    assert ids(occupation_code="6-18-00-00") == {welder.pk, beijing.pk}
    assert ids(contract_type="internship") == {coder.pk}
    page = api.get("/vacancies/open", {"page_size": 2}).json()
    assert page["count"] == 3 and len(page["items"]) == 2
