"""Reads of personal pension accounts; each starts from `for_actor(actor)`. A clerk sees the
accounts kept in their region (404 outside it), a citizen their own.

An account is shown year by year: paid in, the cap and the room left, the tax deduction; and
its withdrawals with the tax withheld, or the conditions that were not met.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import NotFound
from minsheng.core.models import User
from minsheng.insurance.calculations import money_sum
from minsheng.insurance.personal_pension_models import (
    PersonalPensionAccount,
    PersonalPensionWithdrawal,
)
from minsheng.insurance.personal_pension_rules import (
    LABELS,
    RULES,
    annual_cap,
    condition_text,
    year_deduction,
)
from minsheng.insurance.personal_pension_services import account_balance
from minsheng.insurance.selectors import readable


def account_list(*, actor: User | None, search: str = "") -> QuerySet[PersonalPensionAccount]:
    accounts = readable(actor, PersonalPensionAccount.objects.for_actor(actor))
    search = search.strip()
    if search:
        if len(search) == 18 and search[:17].isdigit():
            accounts = accounts.filter(person__identity_number=search.upper())
        else:
            accounts = accounts.filter(person__name__contains=search)
    return accounts.select_related("person", "region").order_by("-opened_on", "-pk")


def account_get(*, actor: User | None, account_id: int) -> PersonalPensionAccount:
    account = account_list(actor=actor).filter(pk=account_id).first()
    if account is None:
        raise NotFound("personal_pension_not_found", _("No such personal pension account."))
    return account


def own_account(*, actor: User) -> PersonalPensionAccount | None:
    return account_list(actor=actor).filter(person__account=actor).first()


@dataclass(frozen=True)
class YearRow:
    year: int
    contributed: Decimal
    cap: Decimal
    room: Decimal
    deduction: Decimal


@dataclass(frozen=True)
class ExplainedCondition:
    code: str
    label: str
    met: bool
    text: str


@dataclass(frozen=True)
class WithdrawalRow:
    withdrawal: PersonalPensionWithdrawal
    conditions: list[ExplainedCondition]

    @property
    def unmet(self) -> list[ExplainedCondition]:
        return [condition for condition in self.conditions if not condition.met]

    @property
    def met(self) -> list[ExplainedCondition]:
        return [condition for condition in self.conditions if condition.met]


@dataclass(frozen=True)
class AccountView:
    account: PersonalPensionAccount
    balance: Decimal
    years: list[YearRow]
    contributions: list
    withdrawals: list[WithdrawalRow]
    rules: dict[str, str]


def year_rows(account: PersonalPensionAccount, as_of: datetime.date) -> list[YearRow]:
    """Every calendar year from the opening to `as_of` (the cap of each year at its end)."""
    rows = []
    for year in range(account.opened_on.year, as_of.year + 1):
        day = min(datetime.date(year, 12, 31), as_of)
        paid = money_sum(account.contributions.filter(year=year), "amount")
        cap = annual_cap(day)
        rows.append(YearRow(year, paid, cap, max(Decimal("0.00"), cap - paid),
                            year_deduction(paid, day)))  # fmt: skip
    return list(reversed(rows))


def explained(condition: dict) -> ExplainedCondition:
    return ExplainedCondition(
        condition["code"],
        str(LABELS.get(condition["code"], condition["code"])),
        condition["met"],
        condition_text(condition),
    )


def account_view(*, account: PersonalPensionAccount, as_of: datetime.date) -> AccountView:
    """The caller has read the account through `account_get` or `own_account`."""
    withdrawals = account.withdrawals.order_by("-requested_on", "-pk")
    return AccountView(
        account=account,
        balance=account_balance(account),
        years=year_rows(account, as_of),
        contributions=list(account.contributions.order_by("-paid_on", "-pk")[:50]),
        withdrawals=[
            WithdrawalRow(w, [explained(c) for c in w.conditions]) for w in withdrawals[:50]
        ],
        rules={
            "cap": RULES + "annual_cap",
            "deduction": RULES + "deduction_cap",
            "tax": RULES + "withdrawal_tax_rate",
            "conditions": RULES + "withdrawal_conditions",
        },
    )
