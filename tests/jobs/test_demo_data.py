import pytest

from minsheng.assistance.models import ServiceKind, ServiceRecord
from minsheng.core.audit import verify_chain
from minsheng.demo import services as demo_services
from minsheng.jobs.demo_data import seed_recruitment
from minsheng.jobs.models import (
    Application,
    ApplicationStatus,
    Campaign,
    CampaignKind,
    Recommendation,
    VacancyStatus,
)
from minsheng.registry.models import ExitReason, LedgerEntry, StatusChange

pytestmark = pytest.mark.django_db


def test_the_demo_runs_the_golden_autumn_campaign_and_hires_close_ledger_stays(monkeypatch):
    monkeypatch.setattr(demo_services, "DEMO_PERSONS", 800)

    demo_services.build_demo()

    golden = Campaign.objects.get(kind=CampaignKind.GOLDEN_AUTUMN)
    assert golden.starts_on.month == 10 and golden.fairs.count() == 2
    assert golden.fairs.filter(employers__isnull=False).exists()
    assert golden.fairs.filter(attendees__isnull=False).exists()
    vacancies = {v.status for v in golden.fairs.first().employers.first().vacancies.all()}
    assert vacancies <= {VacancyStatus.PUBLISHED, VacancyStatus.CLOSED}
    assert Recommendation.objects.filter(campaign=golden).exists()
    # Every recommendation is one of the person's 1131 job recommendations.
    assert (
        ServiceRecord.objects.filter(
            kind=ServiceKind.JOB_RECOMMENDATION, vacancy_id__isnull=False
        ).count()
        == Recommendation.objects.count()
    )
    hire = Application.objects.filter(status=ApplicationStatus.HIRED).first()
    assert hire is not None
    stay = LedgerEntry.objects.filter(person=hire.person).order_by("-entered_on").first()
    assert (stay.exited_on, stay.exit_reason) == (hire.hired_on, ExitReason.EMPLOYED)
    job = StatusChange.objects.filter(person=hire.person).order_by("-since", "-id").first()
    assert job.employer_name == hire.vacancy.employer.name
    assert job.occupation_code == hire.vacancy.occupation_code
    # The demo employer has vacancies, one of which may wait for review; a second run adds none.
    assert seed_recruitment(as_of=golden.ends_on, region_code="330100") is None
    assert verify_chain().intact
