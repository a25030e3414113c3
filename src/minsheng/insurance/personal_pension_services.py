"""Personal pension writes: `open_personal_pension` (one account per person),
`contribute_personal_pension` (refused beyond the year's cap, with the room left stated) and
`request_withdrawal` (decided on the day against the conditions then in force; refused requests
are kept with every unmet condition). Each runs in one transaction with its audit row.

A citizen acts for themself; a clerk of the region that keeps the account acts for anyone in
it, and only a clerk records conditions that rest on another agency's documents.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import Conflict, PermissionDenied
from minsheng.core.masking import mask_identity_number
from minsheng.core.models import User
from minsheng.insurance.calculations import InsuranceError, cents, money_sum, province_of
from minsheng.insurance.engine.rules import Category
from minsheng.insurance.enrolment_services import record
from minsheng.insurance.people import today_or
from minsheng.insurance.permissions import INSURANCE_STAFF, require_self_or_staff
from minsheng.insurance.personal_pension_models import (
    PersonalPensionAccount,
    PersonalPensionContribution,
    PersonalPensionWithdrawal,
    WithdrawalStatus,
)
from minsheng.insurance.personal_pension_rules import (
    ATTESTED,
    WithdrawalFacts,
    annual_cap,
    check_withdrawal,
    default_category,
    nationwide_start,
    open_nationwide,
    withdrawal_tax,
    withdrawal_tax_rate,
)
from minsheng.insurance.unemployment_models import BenefitPayment
from minsheng.registry.models import Person

ZERO = Decimal("0.00")


def positive_amount(amount, field: str = "amount") -> Decimal:
    try:
        value = Decimal(str(amount))
    except ArithmeticError:
        value = None
    if value is None or not value.is_finite() or value <= 0:
        raise InsuranceError("amount_not_positive", _("Enter an amount above zero."), field=field)
    if value != cents(value):
        raise InsuranceError(
            "amount_fractional_fen", _("Enter the amount in yuan and fen."), field=field
        )
    return value


def not_in_future(day: datetime.date | None, today: datetime.date, field: str) -> datetime.date:
    day = day or today
    if day > today:
        raise InsuranceError("date_in_future", _("The date lies in the future."), field=field)
    return day


def open_personal_pension(
    *, actor: User | None, person: Person, opened_on=None, today: datetime.date | None = None
) -> PersonalPensionAccount:
    today = today_or(today)
    opened_on = not_in_future(opened_on, today, "opened_on")
    region = person.region_id
    require_self_or_staff(actor, person, region)
    if not open_nationwide(opened_on):
        raise InsuranceError(
            "personal_pension_not_open",
            _("Personal pension accounts can be opened from %(day)s, when the scheme went "
              "nationwide."),
            field="opened_on", params={"day": nationwide_start().isoformat()},
        )  # fmt: skip
    account = PersonalPensionAccount(
        person=person, opened_on=opened_on, region_id=region,
        province_code=province_of(region), opened_by=actor,
    )  # fmt: skip
    try:
        with transaction.atomic():
            account.save()
            record(actor, "personal_pension_opened", account, region, after={
                "person": person.pk, "identity_number": mask_identity_number(
                    person.identity_number), "opened_on": opened_on})  # fmt: skip
    except IntegrityError:
        raise Conflict(
            "personal_pension_exists", _("This person already has a personal pension account.")
        ) from None
    return account


def contributed_in(account: PersonalPensionAccount, year: int) -> Decimal:
    return money_sum(account.contributions.filter(year=year), "amount")


def contribute_personal_pension(
    *,
    actor: User | None,
    account: PersonalPensionAccount,
    amount,
    paid_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> PersonalPensionContribution:
    """Money paid in on a day; beyond the calendar year's cap it is refused whole, with the
    room left that year (国办发〔2022〕7号: 每年缴纳个人养老金的上限为12000元)."""
    today = today_or(today)
    require_self_or_staff(actor, account.person, account.region_id)
    amount = positive_amount(amount)
    paid_on = not_in_future(paid_on, today, "paid_on")
    if paid_on < account.opened_on:
        raise InsuranceError(
            "paid_before_opening", _("The account was opened on %(day)s, after this payment."),
            field="paid_on", params={"day": account.opened_on.isoformat()},
        )  # fmt: skip
    with transaction.atomic():
        PersonalPensionAccount.objects.select_for_update().filter(pk=account.pk).first()
        cap = annual_cap(paid_on)
        so_far = contributed_in(account, paid_on.year)
        if so_far + amount > cap:
            raise InsuranceError(
                "personal_pension_cap_exceeded",
                _("%(amount)s yuan would exceed the %(year)s cap of %(cap)s yuan: %(paid)s "
                  "yuan are paid in already, %(room)s yuan of room is left this year."),
                field="amount",
                params={"amount": amount, "year": paid_on.year, "cap": cap, "paid": so_far,
                        "room": max(ZERO, cap - so_far)},
            )  # fmt: skip
        contribution = PersonalPensionContribution.objects.create(
            account=account, person_id=account.person_id, amount=amount, paid_on=paid_on,
            year=paid_on.year, region_id=account.region_id, province_code=account.province_code,
            recorded_by=actor,
        )  # fmt: skip
        record(actor, "personal_pension_contributed", contribution, account.region_id, after={
            "account": account.pk, "amount": amount, "paid_on": paid_on,
            "year_total": so_far + amount})  # fmt: skip
    return contribution


def account_balance(account: PersonalPensionAccount, on: datetime.date | None = None) -> Decimal:
    """Paid in less approved withdrawals (investment returns are kept by the bank, not here)."""
    contributions = account.contributions.all()
    withdrawals = account.withdrawals.filter(status=WithdrawalStatus.APPROVED)
    if on is not None:
        contributions = contributions.filter(paid_on__lte=on)
        withdrawals = withdrawals.filter(requested_on__lte=on)
    return money_sum(contributions, "amount") - money_sum(withdrawals, "amount")


def check_attested(actor, attested, evidence: str) -> frozenset[str]:
    attested = frozenset(attested or ())
    unknown = attested - set(ATTESTED)
    if unknown:
        raise InsuranceError(
            "unknown_condition", _("Unknown withdrawal condition: %(codes)s."),
            field="attested", params={"codes": ", ".join(sorted(unknown))},
        )  # fmt: skip
    if attested and actor is not None and actor.role not in INSURANCE_STAFF:
        raise PermissionDenied(
            "attestation_by_clerk",
            _("Only a social-insurance clerk records conditions from other agencies' documents."),
            field="attested",
        )
    if attested and not (evidence or "").strip():
        raise InsuranceError(
            "evidence_required", _("Name the document the condition is recorded from."),
            field="evidence",
        )  # fmt: skip
    return attested


def check_category(person: Person, category: str) -> str:
    category = category or default_category(person.sex)
    if category not in set(Category) or (person.sex == "M") != (category == Category.MALE):
        raise InsuranceError(
            "category_mismatch",
            _("Choose the retirement category that fits the person (men: male)."),
            field="retirement_category",
        )
    return category


def request_withdrawal(
    *,
    actor: User | None,
    account: PersonalPensionAccount,
    amount,
    retirement_category: str = "",
    attested=(),
    evidence: str = "",
    today: datetime.date | None = None,
) -> PersonalPensionWithdrawal:
    """A withdrawal asked for today: approved when any condition in force today is met, with
    3% tax withheld; refused otherwise, with every condition and why it is not met."""
    today = today_or(today)
    person = account.person
    require_self_or_staff(actor, person, account.region_id)
    amount = positive_amount(amount)
    attested = check_attested(actor, attested, evidence)
    category = check_category(person, retirement_category)
    with transaction.atomic():
        PersonalPensionAccount.objects.select_for_update().filter(pk=account.pk).first()
        balance = account_balance(account, on=today)
        if amount > balance:
            raise InsuranceError(
                "withdrawal_exceeds_balance",
                _("%(amount)s yuan is more than the %(balance)s yuan in the account."),
                field="amount", params={"amount": amount, "balance": balance},
            )  # fmt: skip
        paid_months = list(
            BenefitPayment.objects.filter(person=person).values_list("month", flat=True)
        )
        facts = WithdrawalFacts(person.birth_date, category, paid_months, attested)
        conditions = check_withdrawal(facts, today)
        approved = any(condition["met"] for condition in conditions)
        rate = withdrawal_tax_rate(today) if approved else None
        tax = withdrawal_tax(amount, rate) if approved else ZERO
        withdrawal = PersonalPensionWithdrawal.objects.create(
            account=account, person=person, requested_on=today, amount=amount,
            status=WithdrawalStatus.APPROVED if approved else WithdrawalStatus.REFUSED,
            retirement_category=category, attested=sorted(attested),
            evidence=(evidence or "").strip(), conditions=conditions, tax_rate=rate, tax=tax,
            net_amount=amount - tax if approved else ZERO, region_id=account.region_id,
            province_code=account.province_code, requested_by=actor,
        )  # fmt: skip
        record(actor, "personal_pension_withdrawal_" + withdrawal.status, withdrawal,
               account.region_id, after={
                   "account": account.pk, "amount": amount, "tax": tax,
                   "net_amount": withdrawal.net_amount, "attested": sorted(attested),
                   "unmet": [c["code"] for c in conditions if not c["met"]]})  # fmt: skip
    return withdrawal
