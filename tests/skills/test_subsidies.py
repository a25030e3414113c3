"""Training subsidies: the decision explains each condition; no person is paid twice for a
course (by the service, and by the database whatever writes the payment)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from minsheng.core.errors import Conflict, PermissionDenied
from minsheng.registry.models import KeyGroupMembership, LedgerEntry
from minsheng.skills import enrolment_services, progress_services, selectors, subsidy_services
from minsheng.skills.models import SubsidyPayment

from .conftest import DAY, finish, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(caseworker, past_course, make_person):
    """A person who completed a junior-worker course; certified unless `certified=False`."""

    def make(*, on_ledger: bool = True, score: int = 80, certified: bool = True, course=None):
        course = course or past_course()
        person = make_person("陈静", on_ledger=on_ledger)
        enrolment = enrolment_services.enrol(
            actor=caseworker, course=course, person=person, on=today() - 50 * DAY
        )
        finish(caseworker, enrolment, score=score, completed_on=today() - 10 * DAY)
        if certified and score >= 60:
            progress_services.issue_certificate(actor=caseworker, enrolment=enrolment)
        return enrolment

    return make


def decide(actor, enrolment):
    return subsidy_services.decide_subsidy(actor=actor, enrolment=enrolment)


def explained(application) -> dict[str, tuple[bool, str]]:
    return {
        row.code: (row.met, row.explanation) for row in selectors.subsidy_explanation(application)
    }


def test_a_certified_person_on_the_ledger_is_granted_the_junior_worker_amount(
    caseworker, completed
):
    application = decide(caseworker, completed())

    assert (application.decision, application.amount) == ("granted", Decimal(1000))
    assert application.group == "on_ledger"
    conditions = explained(application)
    assert all(met for met, _text in conditions.values())
    assert conditions["amount_for_level"][1] == (
        "1000 yuan for Junior worker (On the real-name ledger)."
    )
    assert application.rule["parameter"] == "skills.subsidy_amounts"
    assert "国办发〔2019〕24号" in application.rule["reference"]


def test_a_low_income_family_gets_its_own_higher_amount(caseworker, completed):
    enrolment = completed()
    KeyGroupMembership.objects.create(
        person=enrolment.person, group="low_income", since=today() - 300 * DAY
    )

    application = decide(caseworker, enrolment)

    assert (application.amount, application.group) == (Decimal(1200), "low_income")


def test_without_a_certificate_the_subsidy_is_refused_and_says_why(caseworker, completed):
    application = decide(caseworker, completed(score=40))

    assert (application.decision, application.amount) == ("refused", None)
    conditions = explained(application)
    assert conditions["course_completed"][0] is True
    assert conditions["certificate_obtained"] == (
        False,
        "Holds no valid certificate from this course.",
    )


def test_someone_in_no_eligible_group_is_refused(caseworker, completed):
    enrolment = completed()
    LedgerEntry.objects.filter(person=enrolment.person).update(
        exited_on=today() - 5 * DAY, exit_reason="employed"
    )

    application = decide(caseworker, enrolment)

    assert application.decision == "refused"
    assert explained(application)["eligible_group"][0] is False


def test_a_refused_decision_may_be_taken_again_but_a_granted_one_only_once(caseworker, completed):
    enrolment = completed(certified=False)
    first = decide(caseworker, enrolment)
    progress_services.issue_certificate(actor=caseworker, enrolment=enrolment)

    second = decide(caseworker, enrolment)

    assert (first.decision, second.decision) == ("refused", "granted")
    with pytest.raises(Conflict) as refused:
        decide(caseworker, enrolment)
    assert refused.value.code == "subsidy_already_granted"


def test_a_second_payment_for_the_same_course_is_refused_with_the_date_of_the_first(
    caseworker, supervisor, completed
):
    application = decide(caseworker, completed())
    payment = subsidy_services.pay_subsidy(actor=supervisor, application=application)

    with pytest.raises(Conflict) as refused:
        subsidy_services.pay_subsidy(actor=supervisor, application=application)

    assert payment.amount == Decimal(1000)
    assert refused.value.code == "subsidy_already_paid"
    assert today().isoformat() in refused.value.message_in("en")
    assert SubsidyPayment.objects.count() == 1


def test_the_database_refuses_a_second_payment_whatever_writes_it(
    caseworker, supervisor, completed
):
    application = decide(caseworker, completed())
    payment = subsidy_services.pay_subsidy(actor=supervisor, application=application)
    refused = decide(caseworker, completed(score=30, course=application.course))

    with pytest.raises(IntegrityError), transaction.atomic():
        SubsidyPayment.objects.create(
            application=refused, person=payment.person, course=payment.course,
            amount=Decimal(1000), paid_on=today(), region_id=payment.region_id,
            province_code=payment.province_code,
        )  # fmt: skip


def test_caseworkers_decide_but_do_not_pay(caseworker, completed):
    application = decide(caseworker, completed())

    with pytest.raises(PermissionDenied):
        subsidy_services.pay_subsidy(actor=caseworker, application=application)


def test_a_refused_subsidy_cannot_be_paid(caseworker, supervisor, completed):
    application = decide(caseworker, completed(score=20))

    with pytest.raises(Conflict) as refused:
        subsidy_services.pay_subsidy(actor=supervisor, application=application)

    assert refused.value.code == "subsidy_not_granted"


def test_deciding_a_course_covers_everyone_who_completed_it_once(
    caseworker, completed, past_course
):
    course = past_course(capacity=5)
    completed(course=course)
    completed(course=course, score=45)

    decided = subsidy_services.decide_course_subsidies(actor=caseworker, course=course)
    again = subsidy_services.decide_course_subsidies(actor=caseworker, course=course)

    assert sorted(a.decision for a in decided) == ["granted", "refused"]
    assert again == []
