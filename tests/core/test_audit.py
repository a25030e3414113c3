import pytest
from django.db import connection

from minsheng.core import audit
from minsheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db

TABLE = AuditEvent._meta.db_table


def execute(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{table}", connection.ops.quote_name(TABLE)), params)


@pytest.fixture
def three_writes(make_user):
    """Three audited writes on top of whatever the session already recorded."""
    first = make_user("clerk_a", role="caseworker", region_code="330106")
    make_user("clerk_b", role="caseworker", region_code="330108")
    make_user("clerk_c", role="supervisor", region_code="330100")
    return list(AuditEvent.objects.filter(sequence__gte=first_event_of(first).sequence))


def first_event_of(user) -> AuditEvent:
    return AuditEvent.objects.get(action="user_created", object_id=str(user.pk))


def test_writes_append_linked_events(three_writes, caseworker):
    event = first_event_of(caseworker)
    previous = AuditEvent.objects.get(sequence=event.sequence - 1)

    assert event.previous_hash == previous.hash
    assert event.hash == audit.row_hash(event)
    assert event.actor_name == "system"
    assert event.region_code == "330106"
    assert event.after == {"username": "caseworker_xihu", "role": "caseworker", "region": "330106"}


def test_chain_of_untouched_log_is_intact(three_writes):
    report = audit.verify_chain()

    assert report.intact
    assert report.checked == AuditEvent.objects.count()


def test_row_edited_with_raw_sql_breaks_the_chain_at_that_row(three_writes):
    target = three_writes[1].sequence
    execute("UPDATE {table} SET reason = %s WHERE sequence = %s", "nothing to see", target)

    report = audit.verify_chain()

    assert not report.intact
    assert report.broken_at == target
    assert report.checked == target - 1
    assert "edited" in report.problem


def test_row_whose_hash_was_also_recomputed_breaks_the_next_link(three_writes):
    edited = three_writes[0]
    execute("UPDATE {table} SET actor_name = %s WHERE sequence = %s", "someone", edited.sequence)
    edited.refresh_from_db()
    execute(
        "UPDATE {table} SET hash = %s WHERE sequence = %s", audit.row_hash(edited), edited.sequence
    )

    assert audit.verify_chain().broken_at == edited.sequence + 1


def test_row_deleted_with_raw_sql_is_reported_as_missing(three_writes):
    target = three_writes[1].sequence
    execute("DELETE FROM {table} WHERE sequence = %s", target)

    report = audit.verify_chain()

    assert report.broken_at == target
    assert "missing" in report.problem


def test_last_row_deleted_with_raw_sql_is_reported(three_writes):
    last = three_writes[-1].sequence
    execute("DELETE FROM {table} WHERE sequence = %s", last)

    report = audit.verify_chain()

    assert report.broken_at == last
    assert "missing" in report.problem


def test_orm_refuses_to_change_or_remove_audit_rows(three_writes):
    event = three_writes[0]
    events = AuditEvent.objects.filter(pk=event.pk)

    with pytest.raises(TypeError, match="append-only"):
        events.update(reason="edited")
    with pytest.raises(TypeError, match="append-only"):
        events.delete()
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
    event.reason = "edited"
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    assert audit.verify_chain().intact


def test_unmasked_read_is_recorded_with_its_reason(caseworker):
    event = audit.record_read(
        caseworker,
        object_type="registry.person",
        object_id="42",
        field="identity_number",
        reason="applicant asked for a certificate",
        region_code="330106",
    )

    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.actor_name) == ("read_unmasked", "caseworker_xihu")
    assert stored.reason == "applicant asked for a certificate"
    assert stored.after == {"field": "identity_number"}
    assert audit.verify_chain().intact


def test_request_id_of_the_request_is_recorded(administrator, client):
    response = client.post(
        "/api/v1/auth/token",
        {"username": "admin_national", "password": "Minsheng-test-2025"},
        content_type="application/json",
        headers={"X-Request-ID": "req-20261125-0001"},
    )

    assert response.status_code == 201
    assert response["X-Request-ID"] == "req-20261125-0001"
    issued = AuditEvent.objects.get(action="token_issued", object_id=str(response.json()["id"]))
    assert issued.request_id == "req-20261125-0001"
