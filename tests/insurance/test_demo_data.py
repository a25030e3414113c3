"""The demo's social insurance: several years of declarations and payments, a few arrears, a
late declaration and a correction, interest, and the demo citizen's record in two provinces."""

import pytest
from django.utils import timezone

from minsheng.core.audit import verify_chain
from minsheng.core.models import User
from minsheng.demo import services as demo_services
from minsheng.insurance import selectors
from minsheng.insurance.demo_data import seed_insurance
from minsheng.insurance.models import AccountEntry, ContributionLine, Declaration
from minsheng.insurance.statement import account_statement

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_citizen_a_record_in_two_provinces(monkeypatch):
    monkeypatch.setattr(demo_services, "DEMO_PERSONS", 800)
    demo_services.build_demo()
    today = timezone.localdate()
    citizen = User.objects.get(username="citizen")
    statement = account_statement(person=selectors.own_person(actor=citizen), as_of=today)
    assert {row.code for row in statement.provinces} == {"310000", "330000"}
    assert [t.to_province for t in statement.transfers] == ["330000"]
    assert statement.months_counted >= 12 and statement.balance > 0
    employer = User.objects.get(username="employer")
    assert selectors.arrears_list(actor=employer, as_of=today)
    assert Declaration.objects.filter(late=True, employer__isnull=False).exists()
    assert ContributionLine.objects.filter(version=2).exists()
    assert AccountEntry.objects.filter(kind="interest").exists()
    assert seed_insurance(as_of=today, region_code="330100") is None
    assert verify_chain().intact
