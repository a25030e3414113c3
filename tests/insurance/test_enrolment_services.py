"""Enrolment through an employer and as a flexible worker: found nationally by identity number,
no household-registration condition, one open enrolment at a time, who may enrol whom."""

import datetime

import pytest
from tests.insurance.factories import (
    TODAY,
    XIHU,
    ZHENGZHOU_JINSHUI,
    enrol,
    identity,
    make_employer,
    make_person,
)

from minsheng.core.errors import Conflict, DomainError, NotFound
from minsheng.core.models import AuditEvent
from minsheng.insurance import enrolment_services
from minsheng.insurance.calculations import InsuranceError
from minsheng.insurance.models import EndReason, Enrolment
from minsheng.registry.models import Person

pytestmark = pytest.mark.django_db


def test_a_person_registered_in_another_province_enrols_where_they_work(make_user):
    clerk = make_user("clerk_hz", role="insurance_clerk", region_code="330100")
    employer = make_employer()
    henan = make_person("马涛", region_code=ZHENGZHOU_JINSHUI, sequence=5)
    enrolment = enrolment_services.enrol_employee(
        actor=clerk, employer=employer, identity_number=henan.identity_number,
        started_on=datetime.date(2025, 3, 1), today=TODAY,
    )  # fmt: skip
    assert enrolment.person == henan and enrolment.region_id == XIHU
    assert enrolment.province_code == "330000" and henan.province_code == "410000"


def test_a_flexible_worker_registered_elsewhere_enrols_directly(citizen):
    person = make_person("陈静", region_code=ZHENGZHOU_JINSHUI, sequence=4, account=citizen)
    enrolment = enrolment_services.enrol_flexible_worker(
        actor=citizen, region_code=XIHU, person=person, started_on=datetime.date(2026, 1, 1),
        today=TODAY,
    )  # fmt: skip
    assert (enrolment.kind, enrolment.region_id, enrolment.employer) == ("flexible", XIHU, None)
    assert AuditEvent.objects.filter(action="enrolled", object_id=str(enrolment.pk)).exists()


def test_a_person_the_registry_does_not_know_is_registered_once(make_user):
    employer = make_employer()
    number = identity("420106", "19950412", 7)
    enrolment_services.enrol_employee(
        actor=None, employer=employer, identity_number=number, name="周敏",
        started_on=datetime.date(2025, 3, 1), today=TODAY,
    )  # fmt: skip
    person = Person.objects.get(identity_number=number)
    assert (person.name, person.birth_date, person.region_id) == (
        "周敏", datetime.date(1995, 4, 12), "420106",
    )  # fmt: skip
    assert AuditEvent.objects.filter(action="person_registered", object_id=str(person.pk)).exists()


def test_the_name_must_match_the_registered_one():
    employer = make_employer()
    person = make_person("王芳", sequence=2)
    with pytest.raises(InsuranceError) as refused:
        enrolment_services.enrol_employee(
            actor=None, employer=employer, identity_number=person.identity_number,
            name="王方", started_on=datetime.date(2025, 3, 1), today=TODAY,
        )  # fmt: skip
    assert refused.value.code == "name_mismatch"


def test_one_open_enrolment_at_a_time_and_a_new_one_after_the_end():
    first, second = make_employer("甲公司"), make_employer("乙公司")
    person = make_person("王芳", sequence=2)
    enrolment = enrol(first, person, datetime.date(2024, 1, 1))
    with pytest.raises(Conflict):
        enrol(second, person, datetime.date(2025, 1, 1))
    enrolment_services.end_enrolment(
        actor=None, enrolment=enrolment, ended_on=datetime.date(2024, 12, 31),
        reason=EndReason.LEFT_EMPLOYER, today=TODAY,
    )  # fmt: skip
    with pytest.raises(InsuranceError):
        enrol(second, person, datetime.date(2024, 12, 1))  # overlaps the first
    later = enrol(second, person, datetime.date(2025, 1, 1))
    assert Enrolment.objects.filter(person=person).count() == 2 and later.ended_on is None


@pytest.mark.parametrize(
    ("born", "started_on", "code"),
    [
        ("20120101", datetime.date(2025, 1, 1), "too_young"),
        ("18760301", datetime.date(2025, 1, 1), "identity_number_birth_date"),
        ("19900101", datetime.date(2027, 1, 1), "start_in_future"),
    ],
)
def test_impossible_enrolments_are_refused(born, started_on, code):
    employer = make_employer()
    with pytest.raises(DomainError) as refused:
        enrolment_services.enrol_employee(
            actor=None, employer=employer, identity_number=identity(XIHU, born, 3), name="某人",
            started_on=started_on, today=TODAY,
        )  # fmt: skip
    assert refused.value.code == code


def test_an_employer_enrols_for_itself_only(make_user):
    account = make_user("hr", role="employer")
    own, other = make_employer("甲公司", accounts=[account]), make_employer("乙公司")
    person = make_person("王芳", sequence=2)
    with pytest.raises(NotFound):
        enrolment_services.enrol_employee(
            actor=account, employer=other, identity_number=person.identity_number,
            started_on=datetime.date(2025, 1, 1), today=TODAY,
        )  # fmt: skip
    enrolment = enrolment_services.enrol_employee(
        actor=account, employer=own, identity_number=person.identity_number,
        started_on=datetime.date(2025, 1, 1), today=TODAY,
    )  # fmt: skip
    assert enrolment.employer == own


def test_a_clerk_of_another_region_cannot_enrol_there(make_user):
    beijing_clerk = make_user("clerk_bj", role="insurance_clerk", region_code="110000")
    employer = make_employer()
    with pytest.raises(NotFound):
        enrolment_services.enrol_employee(
            actor=beijing_clerk, employer=employer, identity_number=identity(XIHU, "19900101", 3),
            name="某人", started_on=datetime.date(2025, 1, 1), today=TODAY,
        )  # fmt: skip


def test_a_citizen_enrols_only_themselves(citizen):
    someone = make_person("李强", sequence=3)
    with pytest.raises(NotFound):
        enrolment_services.enrol_flexible_worker(
            actor=citizen, region_code=XIHU, person=someone,
            started_on=datetime.date(2025, 1, 1), today=TODAY,
        )  # fmt: skip
