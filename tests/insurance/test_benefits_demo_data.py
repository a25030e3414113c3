"""The demo's unemployment claims (one granted with two months paid, one refused for a
resignation) and the demo citizen's personal pension, written through the services."""

import datetime
from decimal import Decimal

import pytest
from tests.insurance.factories import XIHU, make_employer, make_person

from minsheng.core.audit import verify_chain
from minsheng.demo import services as demo_services
from minsheng.insurance.benefits_demo_data import seed_benefits
from minsheng.insurance.personal_pension_models import PersonalPensionAccount
from minsheng.insurance.unemployment_models import ClaimStatus, UnemploymentClaim

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def demo_accounts(make_user):
    make_user("clerk", role="insurance_clerk", region_code="330100")
    make_user("caseworker", role="caseworker", region_code=XIHU)
    citizen = make_user("citizen", role="citizen")
    make_person("张敏", sequence=11, born="19990101", account=citizen)
    make_employer("杭州西溪物流有限公司")
    make_person("周伟", sequence=13, born="19860203")
    make_person("吴静", sequence=14, born="19900704")


def test_one_claim_granted_and_paid_twice_one_refused_and_a_personal_pension(demo_accounts):
    report = seed_benefits(as_of=TODAY)
    granted, refused = UnemploymentClaim.objects.order_by("pk")
    assert (granted.status, granted.reason, granted.months) == (
        ClaimStatus.GRANTED, "redundancy", 12,
    )  # fmt: skip
    assert granted.lost_job_on == datetime.date(2026, 8, 31)
    assert list(granted.payments.values_list("month", flat=True).order_by("month")) == [
        datetime.date(2026, 9, 1), datetime.date(2026, 10, 1),
    ]  # fmt: skip
    assert (refused.status, refused.reason) == (ClaimStatus.REFUSED, "resigned")
    assert [c["code"] for c in refused.assessment if not c["met"]] == ["involuntary"]
    account = PersonalPensionAccount.objects.get()
    assert sorted(account.contributions.values_list("amount", flat=True)) == [
        Decimal("3000.00"), Decimal("6000.00"), Decimal("6000.00"),
    ]  # fmt: skip
    assert report.payments == 2
    assert seed_benefits(as_of=TODAY) is None
    assert verify_chain().intact


def test_the_demo_build_decides_two_claims_and_opens_the_citizens_personal_pension(monkeypatch):
    monkeypatch.setattr(demo_services, "DEMO_PERSONS", 800)
    demo_services.build_demo()
    statuses = sorted(UnemploymentClaim.objects.values_list("status", flat=True))
    assert statuses == [ClaimStatus.GRANTED, ClaimStatus.REFUSED]
    assert PersonalPensionAccount.objects.get().person.account.username == "citizen"
