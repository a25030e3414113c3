"""The demo's skills: a digital-economy course with ledger enrolments by the caseworker (each
a 1131 training opportunity), an assessment, certificates verifiable in public, paid subsidies,
and a full course with a waiting list."""

import pytest

from minsheng.assistance.selectors import person_1131
from minsheng.core.audit import verify_chain
from minsheng.demo import services as demo_services
from minsheng.skills import selectors
from minsheng.skills.demo_data import seed_skills
from minsheng.skills.models import Course, EnrolmentStatus

from .conftest import today

pytestmark = pytest.mark.django_db


def test_the_demo_builds_courses_certificates_subsidies_and_a_waiting_list(monkeypatch):
    monkeypatch.setattr(demo_services, "DEMO_PERSONS", 800)

    demo_services.build_demo()
    finished = Course.objects.get(title__startswith="人工智能训练师")
    assert finished.focus_area == "digital" and finished.provider.region_id.startswith("3301")
    enrolments = list(finished.enrolments.select_related("person"))
    assert {e.via for e in enrolments} == {"caseworker"}
    for enrolment in enrolments:
        assert person_1131(person=enrolment.person, as_of=today()).counts["opportunities"] >= 1
    assert finished.enrolments.filter(assessment_result="pass").exists()
    assert finished.enrolments.filter(assessment_result="fail").exists()
    certificate = finished.certificates.first()
    check = selectors.verify_certificate(number=certificate.number)
    assert check.valid and check.holder.endswith("**")
    paid = finished.subsidy_applications.filter(decision="granted", payment__isnull=False)
    assert paid.count() == finished.certificates.count()
    assert finished.subsidy_applications.filter(decision="refused").exists()
    full = Course.objects.get(title__startswith="电子商务师")
    places = full.enrolments.exclude(status__in=[EnrolmentStatus.WAITING, EnrolmentStatus.DROPPED])
    assert places.count() == full.capacity
    assert full.enrolments.filter(status=EnrolmentStatus.WAITING).exists()
    assert set(Course.objects.values_list("focus_area", flat=True)) == {"digital", "care", "green"}
    assert seed_skills(as_of=today(), region_code="330100") is None
    assert verify_chain().intact
