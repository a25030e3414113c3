"""Demo ledger histories: realistic, deterministic, written once, audited once."""

import datetime

import pytest

from minsheng.core.audit import verify_chain
from minsheng.core.models import AuditEvent, User
from minsheng.demo import services as demo_services
from minsheng.demo.services import generate
from minsheng.registry.demo_data import seed_ledger
from minsheng.registry.models import JobWish, LedgerEntry, Person, StatusChange
from minsheng.registry.occupations import occupation_names
from minsheng.registry.selectors import ledger_list, long_term_unemployed

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 11, 25)


@pytest.fixture
def generated():
    generate(persons=1500, seed=11, region_code="330106", as_of=AS_OF)


def snapshot() -> list[tuple]:
    histories = StatusChange.objects.values_list(
        "person__identity_number", "status", "since", "employer_name", "occupation_code"
    )
    stays = LedgerEntry.objects.values_list(
        "person__identity_number", "reason", "entered_on", "exited_on", "exit_reason"
    )
    return sorted(histories) + sorted(stays)


def test_seeding_writes_histories_stays_and_wishes_once(generated, caseworker):
    report = seed_ledger(as_of=AS_OF, region_code="330106")

    assert report.people == Person.objects.count() == 1500
    assert report.status_changes == StatusChange.objects.count() > 1500
    open_stays = LedgerEntry.objects.filter(exited_on__isnull=True)
    assert 100 < open_stays.count() < report.ledger_entries
    assert report.exits == LedgerEntry.objects.filter(exited_on__isnull=False).count() > 50
    assert not LedgerEntry.objects.exclude(exit_reason="").filter(exited_on__isnull=True).exists()
    assert set(open_stays.values_list("reason", flat=True)) == {
        "graduate_not_employed",
        "registered_youth",
    }
    assert 0 < long_term_unemployed(Person.objects.all(), AS_OF).count() < 1500
    wishes = JobWish.objects.all()
    assert report.job_wishes == wishes.count() > 100
    assert set(wishes.values_list("occupation_code", flat=True)) <= set(occupation_names())
    assert all(w.expected_monthly_pay % 500 == 0 for w in wishes)
    employed = StatusChange.objects.filter(status="employed")
    assert not employed.filter(employer_name="").exists()
    # The caseworker's ledger page shows what was seeded.
    assert ledger_list(actor=caseworker).count() == open_stays.count()

    first = snapshot()
    again = seed_ledger(as_of=AS_OF, region_code="330106")

    assert (again.people, again.status_changes) == (0, 0)
    assert snapshot() == first
    runs = AuditEvent.objects.filter(action="ledger_demo_seeded")
    assert [run.after["status_changes"] for run in runs] == [report.status_changes, 0]
    assert verify_chain().intact


def test_seeding_is_deterministic(generated):
    seed_ledger(as_of=AS_OF, region_code="330106")
    first = snapshot()
    StatusChange.objects.all().delete()
    LedgerEntry.objects.all().delete()
    JobWish.objects.all().delete()

    seed_ledger(as_of=AS_OF, region_code="330106")

    assert snapshot() == first


def test_the_demo_builder_fills_the_caseworkers_ledger(monkeypatch):
    monkeypatch.setattr(demo_services, "DEMO_PERSONS", 800)

    demo_services.build_demo()

    caseworker = User.objects.get(username="caseworker")
    assert ledger_list(actor=caseworker).exists()
    assert AuditEvent.objects.filter(action="ledger_demo_seeded").count() == 1
