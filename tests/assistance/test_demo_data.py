"""The demo seed: a mix of complete and overdue 1131s, balanced pairings, follow-ups due today."""

import datetime
from collections import Counter

import pytest

from minsheng.assistance import pairing_selectors, selectors
from minsheng.assistance.demo_data import seed_assistance
from minsheng.assistance.models import FollowUp, Pairing, ServiceRecord
from minsheng.core.models import AuditEvent, User

from .conftest import BINJIANG, join_group, put_on_ledger

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 6, 30)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def demo_region(make_person, make_user):
    make_user("caseworker", role="caseworker", region_code="330106")
    for index in range(120):
        region = "330106" if index % 3 else BINJIANG
        person = make_person(f"台账{index:03d}", region)
        put_on_ledger(person, AS_OF - (20 + index * 3) * DAY)
    for index in range(60):
        join_group(make_person(f"困难{index:02d}"), "low_income" if index % 2 else "disability")


def test_the_seed_gives_a_mix_that_the_pages_can_show(demo_region):
    report = seed_assistance(as_of=AS_OF, region_code="330100")

    assert report.caseworkers_created == 3
    supervisor = User(role="supervisor", region_id="330100", is_active=True)
    overall, _counties = selectors.completion_by_county(
        actor=supervisor, as_of=AS_OF, region_code="330100"
    )
    assert overall.on_ledger == 120 and 0 < overall.complete < 120
    assert selectors.overdue_list(actor=supervisor, as_of=AS_OF).exists()
    assert not ServiceRecord.objects.filter(delivered_on__gt=AS_OF).exists()

    loads = Counter(Pairing.objects.values_list("caseworker__username", flat=True))
    assert set(loads) == {"caseworker", "caseworker2", "caseworker3", "caseworker4"}
    assert max(loads.values()) - min(loads.values()) <= 1
    assert 40 < sum(loads.values()) < 60  # some are left for "assign suggested"

    demo_caseworker = User.objects.get(username="caseworker")
    due = pairing_selectors.follow_ups_due(
        actor=demo_caseworker, as_of=AS_OF, caseworker=demo_caseworker
    )
    due_dates = [p.due_on for p in pairing_selectors.set_due_dates(due, AS_OF)]
    assert AS_OF in due_dates
    assert due.count() < loads["caseworker"]
    assert not FollowUp.objects.filter(visited_on__gt=AS_OF).exists()
    for pairing in Pairing.objects.all():
        assert all(f.visited_on >= pairing.started_on for f in pairing.follow_ups.all())

    assert AuditEvent.objects.filter(action="assistance_demo_seeded").count() == 1


def test_the_seed_is_deterministic_and_a_second_run_adds_nothing(demo_region):
    first = seed_assistance(as_of=AS_OF, region_code="330100")
    rows = sorted(
        ServiceRecord.objects.values_list("person__name", "kind", "delivered_on", "channel")
    )

    second = seed_assistance(as_of=AS_OF, region_code="330100")

    assert (second.services, second.pairings, second.follow_ups) == (0, 0, 0)
    assert first.services == len(rows)
    ServiceRecord.objects.all().delete()
    FollowUp.objects.all().delete()
    Pairing.objects.all().delete()
    seed_assistance(as_of=AS_OF, region_code="330100")
    again = sorted(
        ServiceRecord.objects.values_list("person__name", "kind", "delivered_on", "channel")
    )
    assert again == rows
