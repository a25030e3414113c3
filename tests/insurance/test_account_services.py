"""Individual accounts: yearly interest by the monthly-product method (worked by hand),
crediting once, and the transfer of a record between provinces under national pooling."""

import datetime
from decimal import Decimal

import pytest
from tests.insurance.factories import (
    TODAY,
    XIHU,
    declare,
    enrol,
    make_employer,
    make_person,
    pay_in_full,
)

from minsheng.core.errors import NotFound
from minsheng.insurance import account_services, enrolment_services
from minsheng.insurance.calculations import InsuranceError, add_months
from minsheng.insurance.models import AccountEntry, EndReason, EntryKind, Transfer
from minsheng.insurance.statement import account_statement

pytestmark = pytest.mark.django_db
JANUARY_2024 = datetime.date(2024, 1, 1)


def contribute(employer, person, months, *, wage=10000):
    """Declare `months` from January 2024 and pay each on the 10th of the month after."""
    for offset in range(months):
        month = add_months(JANUARY_2024, offset)
        declare(employer, month, [(person.identity_number, wage)])
        pay_in_full(employer, month, paid_on=add_months(month, 1).replace(day=10))


@pytest.fixture
def worker():
    employer = make_employer()
    person = make_person("王芳", sequence=2)
    enrol(employer, person, JANUARY_2024)
    return employer, person


def test_interest_for_2024_is_worked_by_the_month_each_credit_arrived(worker):
    employer, person = worker
    contribute(employer, person, 12)  # 800 a month, credited 10 Feb … 10 Jan 2025
    outcome = account_services.credit_interest(actor=None, year=2024, as_of=TODAY)
    # Credits in February … December: 800 × (11 + 10 + … + 1) = 52800; × 2.62% ÷ 12 = 115.28.
    entry = AccountEntry.objects.get(kind=EntryKind.INTEREST)
    assert (entry.amount, entry.year, entry.credited_on) == (
        Decimal("115.28"), 2024, datetime.date(2024, 12, 31),
    )  # fmt: skip
    assert (outcome.people, outcome.total, outcome.rate) == (
        1,
        Decimal("115.28"),
        Decimal("0.0262"),
    )


def test_crediting_twice_credits_once(worker):
    employer, person = worker
    contribute(employer, person, 3)
    account_services.credit_interest(actor=None, year=2024, as_of=TODAY)
    again = account_services.credit_interest(actor=None, year=2024, as_of=TODAY)
    assert again.people == 0
    assert AccountEntry.objects.filter(kind=EntryKind.INTEREST).count() == 1


def test_the_opening_balance_earns_the_whole_year(worker):
    employer, person = worker
    contribute(employer, person, 12)
    account_services.credit_interest(actor=None, year=2024, as_of=TODAY)
    # Opening 2023 … none; 2024 closes at 800 × 11 + 115.28 = 8915.28.
    assert account_services.balance(person, datetime.date(2024, 12, 31)) == Decimal("8915.28")


def test_an_unpublished_or_unfinished_year_is_refused():
    with pytest.raises(InsuranceError) as refused:
        account_services.credit_interest(actor=None, year=2025, as_of=TODAY)
    assert refused.value.code == "rate_not_published"
    with pytest.raises(InsuranceError) as refused:
        account_services.credit_interest(actor=None, year=2024, as_of=datetime.date(2024, 12, 31))
    assert refused.value.code == "year_not_ended"


def test_earlier_years_left_out_are_credited_first_in_order(worker):
    employer, person = worker
    contribute(employer, person, 1)  # 800 credited 10 February 2024
    entry = AccountEntry.objects.get()
    AccountEntry.objects.filter(pk=entry.pk).update(
        credited_on=datetime.date(2023, 2, 10), year=2023
    )
    account_services.credit_interest(actor=None, year=2024, as_of=TODAY)
    interest = dict(
        AccountEntry.objects.filter(kind=EntryKind.INTEREST).values_list("year", "amount")
    )
    # 2023: 800 × 11 × 3.97% ÷ 12 = 29.11; 2024: 829.11 × 2.62% = 21.72.
    assert interest == {2023: Decimal("29.11"), 2024: Decimal("21.72")}


def test_a_clerk_credits_only_accounts_enrolled_in_their_region(worker, make_user):
    employer, person = worker
    contribute(employer, person, 2)
    beijing = make_user("clerk_bj", role="insurance_clerk", region_code="110000")
    assert account_services.credit_interest(actor=beijing, year=2024, as_of=TODAY).people == 0
    hangzhou = make_user("clerk_hz", role="insurance_clerk", region_code="330100")
    assert account_services.credit_interest(actor=hangzhou, year=2024, as_of=TODAY).people == 1


@pytest.fixture
def moved(worker, make_user):
    """Six months in Hangzhou, then a Shanghai employer from July 2024."""
    employer, person = worker
    contribute(employer, person, 6)
    enrolment = person_enrolment(person)
    enrolment_services.end_enrolment(
        actor=None, enrolment=enrolment, ended_on=datetime.date(2024, 6, 30),
        reason=EndReason.MOVED, today=TODAY,
    )  # fmt: skip
    shanghai = make_employer("上海浦江贸易有限公司", region_code="310101")
    enrol(shanghai, person, datetime.date(2024, 7, 1))
    clerk = make_user("clerk_sh", role="insurance_clerk", region_code="310000")
    return person, shanghai, clerk


def person_enrolment(person):
    from minsheng.insurance.models import Enrolment

    return Enrolment.objects.get(person=person, ended_on__isnull=True)


def test_a_transfer_moves_the_balance_and_names_both_provinces(moved):
    person, _shanghai, clerk = moved
    transfer = account_services.record_transfer(
        actor=clerk, person=person, to_region_code="310101",
        transferred_on=datetime.date(2024, 8, 1), today=TODAY,
    )  # fmt: skip
    # Six months of 800 credited by 10 July; the pooled fund sends 12% of 6 × 10000.
    assert (transfer.from_province, transfer.to_province) == ("330000", "310000")
    assert transfer.account_balance == Decimal("4800.00")
    assert transfer.pooled_amount == Decimal("7200.00")
    on = datetime.date(2024, 8, 1)
    assert account_services.balance(person, on) == Decimal("4800.00")
    assert account_services.balance(person, on, province="330000") == 0
    assert account_services.balance(person, on, province="310000") == Decimal("4800.00")
    assert account_services.holding_province(person.pk, on) == "310000"


def test_contributions_from_both_provinces_count_on_one_record(moved):
    person, shanghai, clerk = moved
    account_services.record_transfer(
        actor=clerk, person=person, to_region_code="310101",
        transferred_on=datetime.date(2024, 8, 1), today=TODAY,
    )  # fmt: skip
    for month in (datetime.date(2024, 7, 1), datetime.date(2024, 8, 1)):
        declare(shanghai, month, [(person.identity_number, 10000)])
        pay_in_full(shanghai, month, paid_on=add_months(month, 1).replace(day=10))
    statement = account_statement(person=person, as_of=TODAY)
    assert statement.months_counted == 8
    assert [(row.code, row.months) for row in statement.provinces] == [
        ("330000", 6), ("310000", 2),
    ]  # fmt: skip
    assert [t.to_province for t in statement.transfers] == ["310000"]
    [year_2024] = [row for row in statement.years if row.year == 2024]
    assert dict(year_2024.by_province) == {"330000": Decimal(4800), "310000": Decimal(1600)}


def test_a_transfer_needs_an_enrolment_in_the_receiving_province(worker, make_user):
    employer, person = worker
    contribute(employer, person, 1)
    clerk = make_user("clerk_sh", role="insurance_clerk", region_code="310000")
    with pytest.raises(InsuranceError) as refused:
        account_services.record_transfer(
            actor=clerk, person=person, to_region_code="310101",
            transferred_on=datetime.date(2024, 8, 1), today=TODAY,
        )  # fmt: skip
    assert refused.value.code == "not_enrolled_here"
    assert Transfer.objects.count() == 0


def test_a_clerk_records_transfers_into_their_own_region_only(moved, make_user):
    person, _shanghai, _clerk = moved
    other = make_user("clerk_bj", role="insurance_clerk", region_code="110000")
    with pytest.raises(NotFound):
        account_services.record_transfer(
            actor=other, person=person, to_region_code="310101",
            transferred_on=datetime.date(2024, 8, 1), today=TODAY,
        )  # fmt: skip


def test_the_statement_counts_paid_months_and_the_average_index(worker):
    employer, person = worker
    contribute(employer, person, 12, wage=8017)  # July on: exactly the average → index 1
    account_services.credit_interest(actor=None, year=2024, as_of=TODAY)
    statement = account_statement(person=person, as_of=TODAY)
    assert statement.months_counted == 12 and statement.years_counted == (1, 0)
    [year] = [row for row in statement.years if row.year == 2024]
    # Jan–Jun on Zhejiang's 2023 average 7437: 8017 / 7437 = 1.07799 …; Jul–Dec 1.
    assert year.index == Decimal("1.0390")
    assert statement.balance == Decimal("7696.32") + year.interest  # 12 × 641.36 + interest
    assert statement.identity_number_masked.startswith("330106") and "*" in (
        statement.identity_number_masked
    )
    assert XIHU in [e.region_id for e in statement.enrolments]


def test_interest_credited_after_a_transfer_joins_the_account_where_it_is_now(moved):
    person, _shanghai, clerk = moved
    account_services.record_transfer(
        actor=clerk, person=person, to_region_code="310101",
        transferred_on=datetime.date(2024, 8, 1), today=TODAY,
    )  # fmt: skip
    account_services.credit_interest(actor=None, year=2024, as_of=TODAY)
    interest = AccountEntry.objects.get(kind=EntryKind.INTEREST)
    assert interest.province_code == "310000"
    assert account_services.balance(person, TODAY, province="330000") == 0
