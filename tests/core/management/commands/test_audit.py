import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from minsheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_verify_reports_an_intact_chain(caseworker, capsys):
    call_command("audit", "verify")

    out = capsys.readouterr().out
    assert "audit chain intact" in out
    assert f"{AuditEvent.objects.count()} rows" in out


def test_verify_fails_on_a_row_edited_in_the_database(caseworker):
    event = AuditEvent.objects.get(action="user_created", object_id=str(caseworker.pk))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET object_id = %s WHERE sequence = %s",
            ["999", event.sequence],
        )

    with pytest.raises(CommandError, match=f"broken at row {event.sequence}"):
        call_command("audit", "verify")
