"""Plain factories for the enrolment, contribution and account tests (no fixtures, so the
engine tests in this folder keep their own): employers, people, enrolments and paid months.

Rows that are not what a test is about are written directly; what a test is about goes
through the services.
"""

import datetime
import itertools

from stdnum.cn import ric, uscc

from minsheng.core.regions import region_tree
from minsheng.insurance import contribution_services, enrolment_services
from minsheng.insurance.declaration_rows import DeclaredRow
from minsheng.jobs.models import Employer
from minsheng.registry.models import Person

XIHU, BINJIANG, CHAOYANG, HUANGPU = "330106", "330108", "110105", "310101"
ZHENGZHOU_JINSHUI = "410105"
# 2024-07 to 2025-06 in Zhejiang: average wage 8017 → band 4810 to 24051.
ZHEJIANG_2024 = datetime.date(2024, 10, 1)
TODAY = datetime.date(2026, 11, 20)
_numbers = itertools.count(1)


def identity(region: str = XIHU, born: str = "19900101", sequence: int = 1) -> str:
    body = f"{region}{born}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def credit_code(sequence: int, region_code: str = XIHU) -> str:
    body = f"91{region_code}MA{sequence:07d}"
    return body + uscc.calc_check_digit(body)


def make_employer(name="杭州恒泰机械制造有限公司", *, region_code=XIHU, accounts=()) -> Employer:
    employer = Employer.objects.create(
        credit_code=credit_code(next(_numbers), region_code),
        name=name,
        industry="C",
        size="small",
        region_id=region_code,
        province_code=region_tree().province_of(region_code),
    )
    employer.accounts.add(*accounts)
    return employer


def make_person(name="王芳", *, region_code=XIHU, born="19900101", sequence=1, account=None):
    number = identity(region_code, born, sequence)
    return Person.objects.create(
        identity_number=number,
        name=name,
        sex="M" if sequence % 2 else "F",
        birth_date=datetime.date(int(born[:4]), int(born[4:6]), int(born[6:])),
        region_id=region_code,
        province_code=region_tree().province_of(region_code),
        account=account,
    )


def enrol(employer, person, started_on=datetime.date(2024, 1, 1)):
    return enrolment_services.enrol_employee(
        actor=None,
        employer=employer,
        identity_number=person.identity_number,
        name=person.name,
        started_on=started_on,
        today=TODAY,
    )


def declare(employer, month, rows, *, today=TODAY):
    """`rows`: [(identity number, wage), …] or DeclaredRow objects."""
    declared = [
        row if isinstance(row, DeclaredRow) else DeclaredRow(number + 2, row[0], row[1])
        for number, row in enumerate(rows)
    ]
    return contribution_services.declare_contributions(
        actor=None, employer=employer, month=month, rows=declared, today=today
    )


def pay_in_full(employer, month, *, paid_on):
    due, paid = contribution_services.outstanding(f"employer:{employer.pk}", month)
    return contribution_services.record_payment(
        actor=None, employer=employer, month=month, amount=due - paid, paid_on=paid_on,
        today=TODAY,
    )  # fmt: skip


def csv_bytes(rows: list[list], headers=("姓名", "身份证号", "缴费工资")) -> bytes:
    lines = [",".join(headers)] + [",".join(str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")
