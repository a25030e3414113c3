"""The ledger's XLSX export: Chinese headers, scope, masking, audited unmasking."""

import datetime
import io

import openpyxl
import pytest

from minsheng.core.errors import DomainError
from minsheng.core.models import AuditEvent
from minsheng.registry.exports import HEADERS, LedgerFilters, export_ledger
from minsheng.registry.models import KeyGroupMembership, LedgerEntry

pytestmark = pytest.mark.django_db


def put_on_ledger(person, reason="graduate_not_employed", group="college_graduate"):
    KeyGroupMembership.objects.create(person=person, group=group, since=datetime.date(2025, 7, 1))
    return LedgerEntry.objects.create(
        person=person,
        region_id=person.region_id,
        province_code=person.province_code,
        reason=reason,
        entered_on=datetime.date(2025, 7, 1),
    )


def exported_rows(actor, **options) -> list[tuple]:
    output = io.BytesIO()
    export_ledger(
        actor=actor, output=output, filters=options.pop("filters", LedgerFilters()), **options
    )
    sheet = openpyxl.load_workbook(io.BytesIO(output.getvalue()), read_only=True).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def ledger(people):
    for person in people.values():
        put_on_ledger(person)
    return people


def test_the_export_has_chinese_headers_and_only_the_actors_area_masked(caseworker, ledger):
    header, *rows = exported_rows(caseworker)

    assert header == HEADERS
    assert [row[0] for row in rows] == ["王西湖"]
    row = dict(zip(header, rows[0], strict=True))
    number = ledger["xihu"].identity_number
    assert row["身份证号"] == number[:6] + "********" + number[-4:]
    assert row["手机号"] == "138****5678"
    assert (row["性别"], row["人员类别"], row["入账原因"]) == (
        "男",
        "高校毕业生",
        "离校未就业高校毕业生",
    )
    assert row["行政区划代码"] == "330106"
    exported = AuditEvent.objects.get(action="ledger_exported")
    assert exported.after == {"rows": 1, "filters": {}, "unmasked": False}
    assert not AuditEvent.objects.filter(action="read_unmasked").exists()


def test_full_numbers_need_a_reason_which_is_audited_with_the_people(supervisor, ledger):
    with pytest.raises(DomainError):
        exported_rows(supervisor, reason="ok")

    _header, *rows = exported_rows(supervisor, reason="核对台账数据")

    assert {row[1] for row in rows} == {
        ledger["xihu"].identity_number,
        ledger["binjiang"].identity_number,
    }
    read = AuditEvent.objects.get(action="read_unmasked")
    assert read.reason == "核对台账数据" and read.actor == supervisor
    assert sorted(read.after["people"]) == sorted([ledger["xihu"].pk, ledger["binjiang"].pk])


def test_filters_narrow_the_export(supervisor, people):
    put_on_ledger(people["xihu"])
    put_on_ledger(people["binjiang"], reason="registered_youth", group="unemployed_youth")

    by_reason = exported_rows(supervisor, filters=LedgerFilters(reason="registered_youth"))
    by_region = exported_rows(supervisor, filters=LedgerFilters(region_code="330106"))
    by_group = exported_rows(supervisor, filters=LedgerFilters(group="college_graduate"))

    assert [row[0] for row in by_reason[1:]] == ["李滨江"]
    assert [row[0] for row in by_region[1:]] == ["王西湖"]
    assert [row[0] for row in by_group[1:]] == ["王西湖"]


def test_closed_entries_are_not_exported(caseworker, people):
    entry = put_on_ledger(people["xihu"])
    entry.exited_on, entry.exit_reason = datetime.date(2025, 9, 1), "employed"
    entry.save()

    assert exported_rows(caseworker)[1:] == []


def test_analysts_may_not_export(make_user, ledger):
    analyst = make_user("analyst_zj", role="analyst", region_code="330000")
    with pytest.raises(DomainError):
        exported_rows(analyst)
