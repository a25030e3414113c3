import datetime

import pytest
from django.core.management import CommandError, call_command

from minsheng.core.audit import verify_chain
from minsheng.core.models import AuditEvent, User
from minsheng.demo import services
from minsheng.jobs.models import Employer
from minsheng.registry.models import KeyGroupMembership, Person

pytestmark = pytest.mark.django_db


def generate(**options):
    call_command("generate", region="330106", seed=5, as_of=datetime.date(2026, 11, 25), **options)


def test_generate_writes_people_memberships_and_employers_once():
    generate(persons=1200)
    assert Person.objects.count() == 1200
    assert KeyGroupMembership.objects.count() > 900
    assert Employer.objects.count() == 30
    assert set(Person.objects.values_list("region_id", flat=True)) == {"330106"}
    first = list(Person.objects.order_by("identity_number").values_list("identity_number", "name"))

    generate(persons=1200)  # the same seed again: nothing new

    assert Person.objects.count() == 1200
    assert Employer.objects.count() == 30
    assert (
        list(Person.objects.order_by("identity_number").values_list("identity_number", "name"))
        == first
    )
    runs = AuditEvent.objects.filter(action="synthetic_data_generated").order_by("sequence")
    assert [run.after["people"] for run in runs] == [1200, 0]
    assert verify_chain().intact


def test_generate_refuses_an_unknown_region_and_writes_nothing():
    with pytest.raises(CommandError, match="unknown region code 990000"):
        call_command("generate", persons=10, region="990000")
    assert not Person.objects.exists()


def test_demo_sets_up_accounts_for_every_role_and_prints_the_logins(monkeypatch, capsys, client):
    monkeypatch.setattr(services, "DEMO_PERSONS", 800)
    call_command("demo", no_serve=True)
    output = capsys.readouterr().out
    assert services.DEMO_PASSWORD in output
    assert "http://127.0.0.1:8000/" in output
    for account in services.DEMO_ACCOUNTS:
        assert account.username in output
        assert User.objects.get(username=account.username).role == account.role
    employer_user = User.objects.get(username="employer")
    assert Employer.objects.filter(accounts=employer_user).count() == 1
    assert Person.objects.get(account__username="citizen").memberships.exists()
    assert client.login(username="caseworker", password=services.DEMO_PASSWORD)

    call_command("demo", no_serve=True)  # a second start reuses the data
    assert "already present" in capsys.readouterr().out
    assert Person.objects.count() == 800
