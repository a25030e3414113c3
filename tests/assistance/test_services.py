"""Recording services: validation, who and where is recorded, and the audit row."""

import datetime

import pytest
from django.utils import timezone

from minsheng.assistance.models import ServiceRecord
from minsheng.assistance.services import AssistanceError, record_service
from minsheng.core.errors import NotFound
from minsheng.core.models import AuditEvent

from .conftest import BINJIANG

pytestmark = pytest.mark.django_db


def record(actor, person, **overrides):
    fields = {
        "kind": "policy_briefing",
        "delivered_on": datetime.date(2026, 3, 1),
        "channel": "in_person",
        "content": "讲解一次性扩岗补贴政策",
    }
    return record_service(actor=actor, person=person, **(fields | overrides))


def test_a_service_is_recorded_by_the_actor_in_the_persons_region_and_audited(
    caseworker, make_person
):
    person = make_person("陈一")

    service = record(caseworker, person)

    assert (service.staff, service.region_id, service.province_code) == (
        caseworker,
        "330106",
        "330000",
    )
    event = AuditEvent.objects.get(action="service_recorded")
    assert (event.actor_id, event.object_id, event.region_code) == (
        caseworker.pk,
        str(service.pk),
        "330106",
    )
    assert event.after["kind"] == "policy_briefing"
    assert event.after["person"] == person.pk


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"delivered_on": timezone.localdate() + datetime.timedelta(days=1)}, "delivered_on"),
        ({"delivered_on": datetime.date(1994, 12, 31)}, "delivered_on"),
        ({"kind": ""}, "kind"),
        ({"kind": "massage"}, "kind"),
        ({"channel": ""}, "channel"),
        ({"content": "   "}, "content"),
    ],
)
def test_bad_services_are_refused_with_the_field_at_fault(
    caseworker, make_person, overrides, field
):
    person = make_person("陈二")

    with pytest.raises(AssistanceError) as refused:
        record(caseworker, person, **overrides)

    assert refused.value.field == field
    assert not ServiceRecord.objects.exists()
    assert not AuditEvent.objects.filter(action="service_recorded").exists()


def test_a_person_outside_the_actors_region_cannot_be_served(caseworker, make_person):
    with pytest.raises(NotFound):
        record(caseworker, make_person("滨江人", BINJIANG))
