"""`minsheng insurance declare`, `credit-interest`, `arrears` and `statement`."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.insurance.factories import (
    csv_bytes,
    declare,
    enrol,
    identity,
    make_employer,
    make_person,
    pay_in_full,
)

from minsheng.insurance.models import AccountEntry, ContributionLine, Declaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm():
    employer = make_employer()
    wang = make_person("王芳", sequence=2)
    enrol(employer, wang, datetime.date(2024, 1, 1))
    return employer, wang


def run(*arguments, capsys) -> str:
    call_command("insurance", *arguments)
    return capsys.readouterr().out


def test_declare_a_file_twice_writes_it_once(firm, tmp_path, capsys):
    employer, wang = firm
    path = tmp_path / "2024-10.csv"
    path.write_bytes(
        csv_bytes([["王芳", wang.identity_number, 9000], ["某人", identity(sequence=9), 5000]])
    )
    arguments = ("declare", str(path), "--employer", employer.credit_code, "--month", "2024-10")
    output = run(*arguments, capsys=capsys)
    assert "1 new lines" in output and "1 refused" in output and "row 3 [身份证号]" in output
    output = run(*arguments, capsys=capsys)
    assert "already declared" in output
    assert Declaration.objects.count() == 1 and ContributionLine.objects.count() == 1


def test_declare_refuses_an_unknown_employer(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(csv_bytes([]))
    with pytest.raises(CommandError, match="No such employer"):
        call_command("insurance", "declare", str(path), "--employer", "91330106MA00000000",
                     "--month", "2024-10")  # fmt: skip


def test_credit_interest_is_idempotent_and_refuses_an_unpublished_year(firm, capsys):
    employer, wang = firm
    month = datetime.date(2024, 3, 1)
    declare(employer, month, [(wang.identity_number, 10000)])
    pay_in_full(employer, month, paid_on=datetime.date(2024, 4, 10))
    # 800 credited in April: 800 × 9 × 2.62% ÷ 12 = 15.72.
    assert "1 accounts credited, 15.72 yuan" in run("credit-interest", "--year", "2024",
                                                    capsys=capsys)  # fmt: skip
    assert "0 accounts credited" in run("credit-interest", "--year", "2024", capsys=capsys)
    assert AccountEntry.objects.filter(kind="interest").count() == 1
    with pytest.raises(CommandError, match="2025"):
        call_command("insurance", "credit-interest", "--year", "2025")


def test_arrears_and_statement_print_what_the_pages_show(firm, capsys):
    employer, wang = firm
    declare(employer, datetime.date(2024, 10, 1), [(wang.identity_number, 10000)])
    assert "2500.00" in run("arrears", capsys=capsys)
    pay_in_full(employer, datetime.date(2024, 10, 1), paid_on=datetime.date(2024, 11, 10))
    output = run("statement", wang.identity_number, capsys=capsys)
    assert "balance 800.00" in output and wang.identity_number not in output
