"""Monthly declarations: clamping, idempotent re-runs, corrections as new lines, bad rows
refused one by one, late declarations, payments and arrears, flexible workers' own base."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from tests.insurance.factories import (
    TODAY,
    XIHU,
    ZHEJIANG_2024,
    csv_bytes,
    declare,
    enrol,
    identity,
    make_employer,
    make_person,
    pay_in_full,
)

from minsheng.core.audit import verify_chain
from minsheng.core.models import AuditEvent
from minsheng.insurance import contribution_services, enrolment_services, selectors
from minsheng.insurance.calculations import InsuranceError
from minsheng.insurance.declaration_rows import DeclaredRow
from minsheng.insurance.models import AccountEntry, ContributionLine, Declaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    employer = make_employer()
    wang = make_person("王芳", sequence=2)
    li = make_person("李强", sequence=3)
    for person in (wang, li):
        enrol(employer, person)
    return employer, wang, li


def test_wages_are_clamped_to_the_band_and_priced(staff):
    employer, wang, li = staff
    outcome = declare(
        employer, ZHEJIANG_2024, [(wang.identity_number, 3000), (li.identity_number, 30000)]
    )
    lines = {line.person_id: line for line in outcome.lines}
    assert lines[wang.pk].base == 4810 and lines[wang.pk].total == Decimal("1202.50")
    assert lines[li.pk].base == 24051 and lines[li.pk].total == Decimal("6012.76")
    assert (lines[wang.pk].floor, lines[wang.pk].ceiling, lines[wang.pk].average_wage) == (
        4810, 24051, 8017,
    )  # fmt: skip


def test_the_same_file_again_writes_nothing(staff):
    employer, wang, li = staff
    data = csv_bytes([["王芳", wang.identity_number, 9000], ["李强", li.identity_number, 12000]])
    first = contribution_services.declare_file(
        actor=None, employer=employer, month="2024-10", file_name="十月.csv", data=data, today=TODAY
    )
    events = AuditEvent.objects.count()
    again = contribution_services.declare_file(
        actor=None, employer=employer, month="2024-10", file_name="十月.csv", data=data, today=TODAY
    )
    assert again.already_declared and again.declaration.pk == first.declaration.pk
    assert Declaration.objects.count() == 1 and ContributionLine.objects.count() == 2
    assert AuditEvent.objects.count() == events


def test_an_unchanged_row_in_another_file_adds_no_line(staff):
    employer, wang, li = staff
    declare(employer, ZHEJIANG_2024, [(wang.identity_number, 9000), (li.identity_number, 12000)])
    outcome = declare(employer, ZHEJIANG_2024, [(wang.identity_number, "9000.00")])
    assert outcome.lines == [] and outcome.declaration.rows_unchanged == 1
    assert ContributionLine.objects.count() == 2


def test_a_changed_wage_is_a_correction_and_both_lines_are_kept(staff):
    employer, wang, _li = staff
    first = declare(employer, ZHEJIANG_2024, [(wang.identity_number, 9000)]).lines[0]
    corrected = declare(employer, ZHEJIANG_2024, [(wang.identity_number, 9500)]).lines[0]
    first.refresh_from_db()
    assert first.wage == 9000 and first.total == Decimal("2250.00")  # untouched
    assert (corrected.version, corrected.supersedes_id, corrected.wage) == (2, first.pk, 9500)
    current = ContributionLine.objects.current().get(person=wang)
    assert current.pk == corrected.pk
    event = AuditEvent.objects.get(action="contribution_corrected")
    assert event.before["wage"] == "9000.00" and event.after["wage"] == "9500.00"
    assert verify_chain().intact


def bad_rows(wang, li, stranger_number):
    return [
        DeclaredRow(2, wang.identity_number, 9000),
        DeclaredRow(3, stranger_number, 8000),  # not enrolled with this employer
        DeclaredRow(4, wang.identity_number, -100, month="2024-09"),
        DeclaredRow(5, identity(XIHU, "18760301", 5), 7000),  # 150 years old
        DeclaredRow(6, identity(XIHU, "19000301", 7), 7000),  # 124 years old
        DeclaredRow(7, "330106199001010011", 7000),  # wrong check digit
        DeclaredRow(8, wang.identity_number, 7000, month="2026-12"),  # a future month
        DeclaredRow(9, li.identity_number, "七千"),
        DeclaredRow(10, wang.identity_number, 9100),  # twice in the file
    ]


def test_each_bad_row_is_refused_with_row_column_and_reason_and_the_rest_goes_ahead(staff):
    employer, wang, li = staff
    stranger = make_person("赵六", sequence=9)
    outcome = declare(employer, ZHEJIANG_2024, bad_rows(wang, li, stranger.identity_number))
    errors = {error["row"]: error for error in outcome.declaration.errors}
    assert [line.person_id for line in outcome.lines] == [wang.pk]
    assert outcome.declaration.rows_rejected == 8 and outcome.declaration.rows_accepted == 1
    expected = {
        3: ("身份证号", "not_enrolled"),
        4: ("缴费工资", "wage_negative"),
        5: ("身份证号", "identity_number_birth_date"),
        6: ("身份证号", "implausible_age"),
        7: ("身份证号", "identity_number_checksum"),
        8: ("所属期", "month_in_future"),
        9: ("缴费工资", "wage_invalid"),
        10: ("身份证号", "duplicate_row"),
    }
    assert {row: (e["column"], e["code"]) for row, e in errors.items()} == expected
    assert "not enrolled" in errors[3]["messages"]["en"] and "未" not in errors[3]["messages"]["en"]
    assert errors[6]["messages"]["en"].startswith("The birth date in the identity number makes")
    assert "124" in errors[6]["messages"]["en"]


def test_a_declaration_for_a_future_month_is_refused_whole(staff):
    employer, wang, _li = staff
    with pytest.raises(InsuranceError) as refused:
        declare(employer, "2026-12", [(wang.identity_number, 9000)])
    assert refused.value.code == "month_in_future"


def test_a_bad_file_names_the_missing_columns(staff):
    employer, _wang, _li = staff
    with pytest.raises(InsuranceError) as refused:
        contribution_services.declare_file(
            actor=None, employer=employer, month="2024-10", file_name="x.csv",
            data=csv_bytes([["王芳", "5000"]], headers=("姓名", "工号")), today=TODAY,
        )  # fmt: skip
    assert refused.value.code == "missing_columns"


def test_a_declaration_after_the_15th_of_the_next_month_is_late(staff):
    employer, wang, _li = staff
    on_time = declare(employer, ZHEJIANG_2024, [(wang.identity_number, 9000)],
                      today=datetime.date(2024, 11, 15)).declaration  # fmt: skip
    late = declare(employer, datetime.date(2024, 11, 1), [(wang.identity_number, 9000)],
                   today=datetime.date(2024, 12, 16)).declaration  # fmt: skip
    assert (on_time.late, late.late) == (False, True)
    assert list(selectors.declaration_list(actor=None, late_only=True)) == [late]


def test_arrears_are_what_was_declared_less_what_was_paid_after_the_due_date(staff):
    employer, wang, li = staff
    declare(employer, ZHEJIANG_2024, [(wang.identity_number, 10000), (li.identity_number, 10000)])
    contribution_services.record_payment(
        actor=None, employer=employer, month=ZHEJIANG_2024, amount="3000", paid_on=TODAY,
        today=TODAY,
    )  # fmt: skip
    before_due = selectors.arrears_list(actor=None, as_of=datetime.date(2024, 11, 15))
    assert before_due == []
    [row] = selectors.arrears_list(actor=None, as_of=datetime.date(2024, 11, 16))
    assert (row.due, row.paid, row.outstanding) == (Decimal(5000), Decimal(3000), Decimal(2000))
    assert row.payer_name == employer.name and row.due_on == datetime.date(2024, 11, 15)
    assert AccountEntry.objects.count() == 0  # not paid in full: nothing credited yet


def test_paying_a_month_in_full_credits_each_account_with_its_8_percent(staff):
    employer, wang, li = staff
    declare(employer, ZHEJIANG_2024, [(wang.identity_number, 10000), (li.identity_number, 3000)])
    pay_in_full(employer, ZHEJIANG_2024, paid_on=datetime.date(2024, 11, 10))
    credited = dict(AccountEntry.objects.values_list("person_id", "amount"))
    assert credited == {wang.pk: Decimal("800.00"), li.pk: Decimal("384.80")}
    assert selectors.arrears_list(actor=None, as_of=TODAY) == []


def test_a_correction_of_a_paid_month_credits_only_the_difference(staff):
    employer, wang, _li = staff
    declare(employer, ZHEJIANG_2024, [(wang.identity_number, 10000)])
    pay_in_full(employer, ZHEJIANG_2024, paid_on=datetime.date(2024, 11, 10))
    declare(employer, ZHEJIANG_2024, [(wang.identity_number, 9000)])  # lower: still paid
    amounts = sorted(AccountEntry.objects.values_list("amount", flat=True))
    assert amounts == [Decimal("-80.00"), Decimal("800.00")]


def test_paying_more_than_is_outstanding_is_refused(staff):
    employer, wang, _li = staff
    declare(employer, ZHEJIANG_2024, [(wang.identity_number, 10000)])
    with pytest.raises(InsuranceError) as refused:
        contribution_services.record_payment(
            actor=None, employer=employer, month=ZHEJIANG_2024, amount="2500.01",
            paid_on=TODAY, today=TODAY,
        )  # fmt: skip
    assert refused.value.code == "overpayment"


@pytest.fixture
def flexible_worker():
    person = make_person("陈静", region_code="410105", sequence=4)  # registered in Zhengzhou
    return enrolment_services.enrol_flexible_worker(
        actor=None, region_code=XIHU, person=person, started_on=datetime.date(2024, 9, 1),
        today=TODAY,
    )  # fmt: skip


def test_a_flexible_worker_declares_a_base_within_the_band(flexible_worker):
    outcome = contribution_services.declare_flexible_base(
        actor=None, enrolment=flexible_worker, month="2024-10", base="6000", today=TODAY
    )
    [line] = outcome.lines
    assert (line.base, line.total, line.account_credit) == (6000, 1200, 480)
    again = contribution_services.declare_flexible_base(
        actor=None, enrolment=flexible_worker, month="2024-10", base="6000", today=TODAY
    )
    assert again.already_declared and ContributionLine.objects.count() == 1


def test_a_flexible_base_outside_the_band_is_refused_with_the_reason(flexible_worker):
    with pytest.raises(InsuranceError) as refused:
        contribution_services.declare_flexible_base(
            actor=None, enrolment=flexible_worker, month="2024-10", base="30000", today=TODAY
        )
    assert refused.value.code == "base_outside_band"
    assert "24051" in refused.value.message_in("zh-hans")
    assert ContributionLine.objects.count() == 0


def test_a_flexible_worker_pays_their_own_month(flexible_worker):
    contribution_services.declare_flexible_base(
        actor=None, enrolment=flexible_worker, month="2024-10", base="6000", today=TODAY
    )
    contribution_services.record_payment(
        actor=None, enrolment=flexible_worker, month="2024-10", amount="1200",
        paid_on=datetime.date(2024, 11, 3), today=TODAY,
    )  # fmt: skip
    entry = AccountEntry.objects.get()
    assert (entry.amount, entry.credited_on, entry.province_code) == (
        480, datetime.date(2024, 11, 3), "330000",
    )  # fmt: skip


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["2024年9月社会保险费申报表"])  # a title line above the header
    sheet.append(["序号", "姓名", "身份证号", "缴费工资（元）", "所属期"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_declaration_with_a_title_line_and_an_earlier_month(staff):
    employer, wang, li = staff
    data = xlsx_bytes(
        [
            [1, "王芳", wang.identity_number, 9000, "2024-09"],
            [2, "李强", li.identity_number, 8000, None],
        ]
    )
    outcome = contribution_services.declare_file(
        actor=None, employer=employer, month="2024-10", file_name="申报.xlsx", data=data,
        today=TODAY,
    )  # fmt: skip
    months = {line.person_id: (line.month, line.row_number) for line in outcome.lines}
    assert months == {
        wang.pk: (datetime.date(2024, 9, 1), 3),
        li.pk: (datetime.date(2024, 10, 1), 4),
    }
    assert all(line.late for line in outcome.lines)  # both due in 2024, declared in 2026
