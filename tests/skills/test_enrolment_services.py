"""Enrolment: places, the waiting list and promotion on drop, the 1131 training opportunity."""

import pytest

from minsheng.assistance.models import ServiceKind
from minsheng.assistance.selectors import person_1131, service_list
from minsheng.core.errors import Conflict, NotFound
from minsheng.core.models import AuditEvent
from minsheng.skills import enrolment_services, selectors
from minsheng.skills.levels import SkillsError

from .conftest import DAY, today

pytestmark = pytest.mark.django_db


def enrol(actor, course, person, **kwargs):
    return enrolment_services.enrol(actor=actor, course=course, person=person, **kwargs)


def test_a_full_course_puts_people_on_the_waiting_list_in_order(
    caseworker, make_course, make_person
):
    course = make_course(capacity=2)
    people = [make_person(name) for name in ("王一", "李二", "张三", "赵四")]

    enrolments = [enrol(caseworker, course, person) for person in people]

    assert [(e.status, e.waiting_position) for e in enrolments] == [
        ("enrolled", None),
        ("enrolled", None),
        ("waiting", 1),
        ("waiting", 2),
    ]
    detail = selectors.course_detail(actor=caseworker, course_id=course.pk)
    assert (detail.places_taken, detail.places_left) == (2, 0)
    assert [e.person.name for e in detail.waiting_list] == ["张三", "赵四"]


def test_when_someone_with_a_place_drops_the_first_waiting_moves_up(
    caseworker, make_course, make_person
):
    course = make_course(capacity=2)
    first, _second, third, fourth = (
        enrol(caseworker, course, make_person(name)) for name in ("王一", "李二", "张三", "赵四")
    )

    outcome = enrolment_services.drop(actor=caseworker, enrolment=first, reason="已就业")

    assert outcome.enrolment.status == "dropped"
    assert outcome.promoted.pk == third.pk
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, third.waiting_position) == ("enrolled", None)
    assert (fourth.status, fourth.waiting_position) == ("waiting", 1)
    assert AuditEvent.objects.filter(action="enrolment_promoted", object_id=str(third.pk)).exists()


def test_leaving_the_waiting_list_moves_those_behind_up_without_promoting_anyone(
    caseworker, make_course, make_person
):
    course = make_course(capacity=1)
    _holder, first, second, third = (
        enrol(caseworker, course, make_person(n)) for n in ("王一", "李二", "张三", "赵四")
    )

    outcome = enrolment_services.drop(actor=caseworker, enrolment=first, reason="时间冲突")

    assert outcome.promoted is None
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.waiting_position, third.waiting_position) == (1, 2)


def test_a_caseworker_enrolment_counts_as_the_1131_training_opportunity(
    caseworker, make_course, make_person
):
    person = make_person()
    before = person_1131(person=person, as_of=today()).counts["opportunities"]

    enrolment = enrol(caseworker, make_course(), person)

    assert before == 0
    assert person_1131(person=person, as_of=today()).counts["opportunities"] == 1
    [service] = service_list(actor=caseworker, person=person)
    assert service.kind == ServiceKind.TRAINING_OPPORTUNITY
    assert enrolment.service_record_id == service.pk and enrolment.via == "caseworker"


def test_a_citizen_enrols_themselves_without_a_service_being_recorded(
    citizen, make_course, make_person
):
    person = make_person(account=citizen)

    enrolment = enrol(citizen, make_course(), person)

    assert (enrolment.via, enrolment.service_record_id) == ("self", None)
    assert person_1131(person=person, as_of=today()).counts["opportunities"] == 0


def test_a_citizen_cannot_enrol_someone_else(citizen, make_course, make_person):
    make_person("本人", account=citizen)
    stranger = make_person("他人")

    with pytest.raises(NotFound):
        enrol(citizen, make_course(), stranger)


def test_a_caseworker_cannot_enrol_a_person_of_another_county(caseworker, make_course, make_person):
    with pytest.raises(NotFound):
        enrol(caseworker, make_course(), make_person("李滨江", "330108"))


def test_enrolling_twice_or_after_dropping_out_is_refused(caseworker, make_course, make_person):
    course, person = make_course(), make_person()
    enrolment = enrol(caseworker, course, person)
    with pytest.raises(Conflict) as twice:
        enrol(caseworker, course, person)
    enrolment_services.drop(actor=caseworker, enrolment=enrolment, reason="搬家")
    with pytest.raises(Conflict) as again:
        enrol(caseworker, course, person)

    assert twice.value.code == "already_enrolled"
    assert again.value.code == "dropped_before"


def test_enrolment_closes_when_the_course_starts(caseworker, past_course, make_person):
    with pytest.raises(SkillsError) as refused:
        enrol(caseworker, past_course(), make_person())

    assert refused.value.code == "course_started"


def test_a_closed_course_takes_no_one(caseworker, make_course, make_person):
    with pytest.raises(SkillsError) as refused:
        enrol(caseworker, make_course(status="closed"), make_person())

    assert refused.value.code == "enrolment_closed"


def test_enrolling_several_from_the_shortage_link_is_all_or_nothing(
    caseworker, make_course, make_person
):
    course = make_course(capacity=5)
    already = make_person("王一")
    enrol(caseworker, course, already)
    others = [make_person("李二"), make_person("张三")]

    with pytest.raises(Conflict):
        enrolment_services.enrol_many(actor=caseworker, course=course, people=[*others, already])

    assert selectors.enrolment_list(actor=caseworker, course=course).count() == 1
    enrolled = enrolment_services.enrol_many(actor=caseworker, course=course, people=others)
    assert [e.status for e in enrolled] == ["enrolled", "enrolled"]


def test_a_dated_enrolment_cannot_lie_in_the_future(caseworker, make_course, make_person):
    with pytest.raises(SkillsError) as refused:
        enrol(caseworker, make_course(), make_person(), on=today() + DAY)

    assert refused.value.field == "enrolled_on"
