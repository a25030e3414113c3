"""`minsheng skills …`: verify a certificate, the catalogue, decide and pay a course's subsidies."""

import io

import pytest
from django.core.management import CommandError, call_command

from minsheng.skills import enrolment_services, progress_services
from minsheng.skills.certificate_numbers import grouped

from .conftest import DAY, finish, today

pytestmark = pytest.mark.django_db


def run(*arguments: str) -> str:
    output = io.StringIO()
    call_command("skills", *arguments, stdout=output)
    return output.getvalue()


@pytest.fixture
def finished(caseworker, past_course, make_person):
    """A course that ended, with one participant who passed and one who failed."""
    course = past_course(capacity=5)
    for name, score in (("王小明", 85), ("李华", 40)):
        enrolment = enrolment_services.enrol(
            actor=caseworker, course=course, person=make_person(name), on=today() - 50 * DAY
        )
        finish(caseworker, enrolment, score=score, completed_on=today() - 10 * DAY)
        if score >= 60:
            progress_services.issue_certificate(actor=caseworker, enrolment=enrolment)
    return course


def test_verify_prints_the_public_fields_only(finished):
    certificate = finished.certificates.get()

    printed = run("verify", grouped(certificate.number))

    assert "王**" in printed and "王小明" not in printed
    assert certificate.person.identity_number not in printed
    assert "valid / 有效" in printed


def test_a_mistyped_number_is_refused_with_the_reason(finished):
    number = finished.certificates.get().number
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")

    with pytest.raises(CommandError) as refused:
        run("verify", wrong)

    assert "check character" in str(refused.value)


def test_subsidies_are_decided_with_their_reasons_then_paid_once(finished, caseworker, supervisor):
    decided = run("decide-subsidies", "--course", str(finished.pk), "--user", caseworker.username)
    paid = run("pay-subsidies", "--course", str(finished.pk), "--user", supervisor.username)
    again = run("pay-subsidies", "--course", str(finished.pk), "--user", supervisor.username)

    assert "2 decided, 1 granted" in decided
    assert "✗ Holds no valid certificate from this course." in decided
    assert "1 subsidies paid, 1000.00 yuan" in paid
    assert "0 subsidies paid" in again


def test_the_catalogue_lists_courses_with_their_places(finished, make_course):
    make_course(title="养老护理员（初级工）培训班", occupation_code="4-10-01-05", focus_area="care")

    printed = run("catalogue", "--focus", "care")

    assert "养老护理员（初级工）培训班" in printed and "人工智能训练师" not in printed
