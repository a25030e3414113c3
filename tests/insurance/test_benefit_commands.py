"""`minsheng insurance pay-benefits --month 2026-11`: the month's payments, once."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.insurance.benefit_factories import granted_claim, unemployed_worker

from minsheng.insurance.unemployment_models import BenefitPayment

pytestmark = pytest.mark.django_db


def run(*arguments, capsys) -> str:
    call_command("insurance", *arguments)
    return capsys.readouterr().out


def test_pay_benefits_records_the_month_once(capsys):
    granted_claim(unemployed_worker())
    first = run("pay-benefits", "--month", "2026-11", capsys=capsys)
    second = run("pay-benefits", "--month", "2026-11", capsys=capsys)
    assert "1 payments recorded, 2241.00 yuan" in first
    assert "0 payments recorded" in second and "1 already paid" in second
    assert BenefitPayment.objects.get().month.isoformat() == "2026-11-01"


def test_a_month_not_yet_begun_is_refused(capsys):
    with pytest.raises(CommandError, match="cannot be paid before that month"):
        run("pay-benefits", "--month", "2099-01", capsys=capsys)


def test_a_caseworker_may_not_pay(make_user, capsys):
    make_user("cw", role="caseworker", region_code="330106")
    with pytest.raises(CommandError):
        run("pay-benefits", "--month", "2026-11", "--user", "cw", capsys=capsys)
