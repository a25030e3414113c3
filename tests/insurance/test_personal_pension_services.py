"""Personal pensions: one account a person, contributions capped by the calendar year (a
payment beyond the cap refused with the room left), the tax deduction, withdrawals checked
against the conditions in force on the day and taxed at 3%."""

import datetime
from decimal import Decimal

import pytest
from tests.insurance.benefit_factories import granted_claim, unemployed_worker
from tests.insurance.factories import BINJIANG, make_person

from minsheng.core.errors import Conflict, NotFound, PermissionDenied
from minsheng.core.models import AuditEvent
from minsheng.insurance import personal_pension_services as services
from minsheng.insurance import unemployment_services
from minsheng.insurance.calculations import InsuranceError
from minsheng.insurance.personal_pension_models import WithdrawalStatus
from minsheng.insurance.personal_pension_selectors import account_view

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
TODAY = datetime.date(2026, 11, 25)


def open_for(person, opened_on=datetime.date(2025, 1, 6)):
    return services.open_personal_pension(
        actor=None, person=person, opened_on=opened_on, today=TODAY
    )


def pay_in(account, amount, paid_on=datetime.date(2026, 3, 1)):
    return services.contribute_personal_pension(
        actor=None, account=account, amount=amount, paid_on=paid_on, today=TODAY
    )


def withdraw(account, amount, **extra):
    return services.request_withdrawal(
        actor=extra.pop("actor", None), account=account, amount=amount,
        today=extra.pop("today", TODAY), **extra,
    )  # fmt: skip


def test_one_account_a_person_opened_from_the_nationwide_start():
    person = make_person()
    with pytest.raises(InsuranceError) as refused:
        open_for(person, opened_on=datetime.date(2024, 12, 14))
    assert "from 2024-12-15" in refused.value.message_in("en")
    account = open_for(person)
    assert account.province_code == "330000"
    with pytest.raises(Conflict):
        open_for(person)


def test_a_payment_beyond_the_years_cap_is_refused_with_the_room_left():
    account = open_for(make_person())
    pay_in(account, "8000")
    with pytest.raises(InsuranceError) as refused:
        pay_in(account, "4000.01")
    assert refused.value.code == "personal_pension_cap_exceeded"
    assert "4000.00 yuan of room is left" in refused.value.message_in("en")
    pay_in(account, "4000")  # exactly up to the cap
    pay_in(account, "12000", paid_on=datetime.date(2025, 12, 31))  # another year, its own cap
    assert account.contributions.count() == 3


@pytest.mark.parametrize("amount", ["0", "-5", "abc", "10.001"])
def test_nonsense_amounts_are_refused(amount):
    account = open_for(make_person())
    with pytest.raises(InsuranceError):
        pay_in(account, amount)


def test_the_years_deduction_is_what_was_paid_in_up_to_the_cap():
    account = open_for(make_person())
    pay_in(account, "5000")
    pay_in(account, "2500", paid_on=datetime.date(2026, 6, 1))
    pay_in(account, "12000", paid_on=datetime.date(2025, 6, 1))
    rows = {row.year: row for row in account_view(account=account, as_of=TODAY).years}
    assert (rows[2026].contributed, rows[2026].deduction, rows[2026].room) == (
        Decimal("7500.00"), Decimal("7500.00"), Decimal("4500.00"),
    )  # fmt: skip
    assert (rows[2025].deduction, rows[2025].room) == (Decimal("12000.00"), Decimal("0.00"))


def test_a_withdrawal_before_any_condition_is_refused_listing_every_condition():
    account = open_for(make_person(born="19900101"))
    pay_in(account, "10000")
    refused = withdraw(account, "1000")
    assert refused.status == WithdrawalStatus.REFUSED
    assert (refused.tax, refused.net_amount) == (Decimal("0"), Decimal("0"))
    unmet = [c["code"] for c in refused.conditions if not c["met"]]
    assert unmet == [
        "pension_age", "total_incapacity", "emigration", "medical_costs",
        "unemployment_benefit", "minimum_living_allowance",
    ]  # fmt: skip
    row = account_view(account=account, as_of=TODAY).withdrawals[0]
    assert "retirement month is 2053-01" in row.unmet[0].text  # born 1990-01: 63 years
    assert services.account_balance(account) == Decimal("10000.00")


def test_at_the_statutory_retirement_age_a_withdrawal_is_taxed_at_3_percent():
    # A man born 1963-05 retires at 60 in 2023-05 (before the reform's first affected month).
    account = open_for(make_person(born="19630515"))
    pay_in(account, "12000", paid_on=datetime.date(2025, 2, 1))
    approved = withdraw(account, "10000")
    assert approved.status == WithdrawalStatus.APPROVED
    assert (approved.tax, approved.net_amount) == (Decimal("300.00"), Decimal("9700.00"))
    assert services.account_balance(account) == Decimal("2000.00")
    with pytest.raises(InsuranceError):
        withdraw(account, "2000.01")


def test_twelve_months_of_unemployment_benefit_within_two_years_count_from_2025_09_01():
    person = unemployed_worker(months=36, lost_job_on=datetime.date(2025, 4, 30))
    granted_claim(
        person, lost_job_on=datetime.date(2025, 4, 30), filed_on=datetime.date(2025, 5, 6)
    )
    for offset in range(12):
        month = datetime.date(2025 + (4 + offset) // 12, (4 + offset) % 12 + 1, 1)
        unemployment_services.pay_benefits(actor=None, month=month, today=TODAY)
    account = open_for(person)
    pay_in(account, "6000", paid_on=datetime.date(2025, 6, 1))
    early = withdraw(account, "1", today=datetime.date(2025, 8, 31))
    assert early.status == WithdrawalStatus.REFUSED
    assert "unemployment_benefit" not in [c["code"] for c in early.conditions]
    approved = withdraw(account, "6000")
    condition = next(c for c in approved.conditions if c["code"] == "unemployment_benefit")
    assert approved.status == WithdrawalStatus.APPROVED
    assert condition["params"] == {"months": 12, "required": 12, "within": 24}


def test_only_a_clerk_records_conditions_from_other_agencies_documents(make_user):
    citizen = make_user("citizen_pp", role="citizen")
    person = make_person(account=citizen)
    account = open_for(person)
    pay_in(account, "3000", paid_on=datetime.date(2025, 3, 1))
    with pytest.raises(PermissionDenied):
        withdraw(account, "100", actor=citizen, attested=["emigration"], evidence="出境定居证明")
    clerk = make_user("clerk_pp", role="insurance_clerk", region_code="330100")
    with pytest.raises(InsuranceError):
        withdraw(account, "100", actor=clerk, attested=["emigration"])  # no document named
    approved = withdraw(account, "100", actor=clerk, attested=["emigration"], evidence="No. 7")
    assert approved.status == WithdrawalStatus.APPROVED
    early = withdraw(account, "100", actor=clerk, attested=["medical_costs"], evidence="No. 8",
                     today=datetime.date(2025, 8, 1))  # fmt: skip
    assert early.status == WithdrawalStatus.REFUSED
    row = account_view(account=account, as_of=TODAY).withdrawals[-1]
    assert "Not a condition for withdrawal before 2025-09-01" in row.unmet[-1].text


def test_a_clerk_outside_the_region_finds_no_account(make_user):
    account = open_for(make_person())
    binjiang = make_user("clerk_bj", role="insurance_clerk", region_code=BINJIANG)
    with pytest.raises(NotFound):
        services.contribute_personal_pension(actor=binjiang, account=account, amount="100")


def test_a_woman_is_assumed_to_retire_at_55_unless_the_request_says_otherwise():
    # Born 1972-02 (sequence 2: a woman): at 55 + 7 months in 2027-09; at 50 in 2022-02.
    account = open_for(make_person(born="19720215", sequence=2))
    pay_in(account, "1000")
    assert withdraw(account, "100").status == WithdrawalStatus.REFUSED
    approved = withdraw(account, "100", retirement_category="female_worker")
    assert approved.status == WithdrawalStatus.APPROVED
    with pytest.raises(InsuranceError):
        withdraw(account, "100", retirement_category="male")


def test_each_write_leaves_an_audit_row():
    account = open_for(make_person())
    pay_in(account, "100")
    withdraw(account, "50")
    actions = list(AuditEvent.objects.order_by("-sequence").values_list("action", flat=True)[:3])
    assert actions == [
        "personal_pension_withdrawal_refused", "personal_pension_contributed",
        "personal_pension_opened",
    ]  # fmt: skip
