"""The shortage link: vacancies against ledger seekers per occupation, with the courses and
people that could close the gap."""

from decimal import Decimal

import pytest
from stdnum.cn import uscc

from minsheng.jobs.models import Employer, Vacancy
from minsheng.registry.models import JobWish
from minsheng.skills import enrolment_services, shortage
from minsheng.skills.levels import SkillsError

from .conftest import AI_TRAINER, BINJIANG, DAY, E_COMMERCE, WELDER, XIHU, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer(db):
    body = f"91{XIHU}MA0000001"
    return Employer.objects.create(
        credit_code=body + uscc.calc_check_digit(body), name="杭州西溪电子商务有限公司",
        industry="I", size="small", region_id=XIHU, province_code="330000",
    )  # fmt: skip


def post(employer, code: str, headcount: int, *, published: bool = True) -> Vacancy:
    return Vacancy.objects.create(
        employer=employer, title=code, occupation_code=code, headcount=headcount,
        pay_min=Decimal(5000), pay_max=Decimal(8000), region_id=XIHU, province_code="330000",
        contract_type="full_time", opens_on=today() - 5 * DAY, closes_on=today() + 30 * DAY,
        status="published" if published else "pending",
    )  # fmt: skip


def wish(person, code: str) -> JobWish:
    return JobWish.objects.create(person=person, occupation_code=code)


def test_occupations_are_ranked_by_the_gap_between_open_jobs_and_seekers(
    caseworker, employer, make_person
):
    post(employer, E_COMMERCE, 10)
    post(employer, WELDER, 3)
    post(employer, AI_TRAINER, 50, published=False)  # waiting for review: not demand yet
    for name in ("王一", "李二"):
        wish(make_person(name), E_COMMERCE)
    for name in ("张三", "赵四", "钱五", "孙六"):
        wish(make_person(name), WELDER)
    wish(make_person("吴七", on_ledger=False), WELDER)  # not on the ledger: not counted

    rows = shortage.occupation_shortages(actor=caseworker, region_code=XIHU, as_of=today())

    assert [(r.occupation_code, r.demand, r.seekers, r.gap, r.ratio) for r in rows] == [
        (E_COMMERCE, 10, 2, 8, 5.0),
        (WELDER, 3, 4, -1, 0.75),
    ]
    assert rows[0].occupation_name == "电子商务师"


def test_the_link_flags_candidates_already_enrolled_and_hides_people_from_analysts(
    caseworker, make_user, employer, make_course, make_person
):
    post(employer, E_COMMERCE, 4)
    course = make_course(occupation_code=E_COMMERCE, title="电子商务师（初级工）")
    make_course(occupation_code=E_COMMERCE, region_code=BINJIANG, title="滨江同城课程")
    make_course(occupation_code=E_COMMERCE, status="closed", title="已截止报名")
    keen, enrolled = make_person("王一"), make_person("李二")
    wish(keen, E_COMMERCE)
    wish(enrolled, E_COMMERCE)
    enrolment_services.enrol(actor=caseworker, course=course, person=enrolled)

    link = shortage.shortage_link(
        actor=caseworker, occupation_code=E_COMMERCE, region_code=XIHU, as_of=today()
    )
    analyst = make_user("analyst_zj", role="analyst", region_code="330000")
    seen_by_analyst = shortage.shortage_link(
        actor=analyst, occupation_code=E_COMMERCE, region_code=XIHU, as_of=today()
    )

    assert (link.shortage.demand, link.shortage.seekers) == (4, 2)
    assert sorted(c.title for c in link.courses) == ["滨江同城课程", "电子商务师（初级工）"]
    assert {c.person.name: c.enrolled_course_ids for c in link.candidates} == {
        "王一": (),
        "李二": (course.pk,),
    }
    assert seen_by_analyst.shortage.seekers == 2 and seen_by_analyst.candidates == []


def test_an_unknown_region_is_refused():
    with pytest.raises(SkillsError) as refused:
        shortage.occupation_shortages(actor=None, region_code="999999", as_of=today())

    assert refused.value.field == "region_code"
