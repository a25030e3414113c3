"""Data for the assistance tests: people, ledger stays, key groups, status history, services."""

import datetime

import pytest
from stdnum.cn import ric

from minsheng.assistance import services
from minsheng.core.regions import region_tree
from minsheng.registry.models import KeyGroupMembership, LedgerEntry, Person, StatusChange

TODAY = datetime.date(2026, 6, 30)
XIHU, BINJIANG, CHAOYANG = "330106", "330108", "110105"


@pytest.fixture(autouse=True)
def _in_english(in_english):
    """Labels compared in these tests are the English msgids."""
    yield


@pytest.fixture
def make_person(db):
    """A factory: a person born 1995-01-01 in `region_code` with a valid identity number."""
    counter = iter(range(1, 999))

    def make(name: str, region_code: str = XIHU) -> Person:
        body = f"{region_code}19950101{next(counter):03d}"
        return Person.objects.create(
            identity_number=body + ric.calc_check_digit(body + "0"),
            name=name,
            sex="M",
            birth_date=datetime.date(1995, 1, 1),
            region_id=region_code,
            province_code=region_tree().province_of(region_code),
            phone="13812345678",
        )

    return make


def put_on_ledger(person: Person, entered_on: datetime.date, exited_on=None) -> LedgerEntry:
    return LedgerEntry.objects.create(
        person=person,
        region_id=person.region_id,
        province_code=person.province_code,
        reason="graduate_not_employed",
        entered_on=entered_on,
        exited_on=exited_on,
        exit_reason="employed" if exited_on else "",
    )


def join_group(person: Person, group: str, since=datetime.date(2024, 1, 1), until=None):
    return KeyGroupMembership.objects.create(person=person, group=group, since=since, until=until)


def status(person: Person, status: str, since: datetime.date) -> StatusChange:
    return StatusChange.objects.create(person=person, status=status, since=since)


def serve(actor, person, kind: str, on: datetime.date, times: int = 1) -> None:
    for _ in range(times):
        services.record_service(
            actor=actor, person=person, kind=kind, delivered_on=on, channel="phone", content="服务"
        )


def serve_1131(actor, person, on: datetime.date) -> None:
    """A complete 1131: briefing, guidance, three recommendations, a training chance."""
    serve(actor, person, "policy_briefing", on)
    serve(actor, person, "career_guidance", on)
    serve(actor, person, "job_recommendation", on, times=3)
    serve(actor, person, "training_opportunity", on)


@pytest.fixture
def signed_in_as(signed_in_as):
    """The shared fixture, asking for English pages so that texts match the msgids."""

    def sign_in(user):
        client = signed_in_as(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return sign_in
