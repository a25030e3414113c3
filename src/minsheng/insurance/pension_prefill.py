"""The pension calculator filled in from a signed-in citizen's own record: birth month and the
category their sex gives, the province that keeps the record, the paid months so far, the
average contribution index of the statement and today's account balance. The form stays
editable: the citizen adds the months still to come, or changes any figure."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from minsheng.core.models import User
from minsheng.insurance import selectors
from minsheng.insurance.personal_pension_rules import default_category
from minsheng.insurance.statement import account_statement


@dataclass(frozen=True)
class RecordPrefill:
    as_of: datetime.date
    initial: dict
    months: int
    average_index: Decimal | None
    balance: Decimal
    province_name: str

    @property
    def province_filled(self) -> bool:
        return "province_code" in self.initial

    @property
    def years(self) -> tuple[int, int]:
        return divmod(self.months, 12)


def record_prefill(
    *, actor: User, as_of: datetime.date, provinces: set[str]
) -> RecordPrefill | None:
    """The calculator's initial values from the actor's own record (None: no record linked).
    `provinces` are those the calculator offers; another province is left for the citizen."""
    person = selectors.own_person(actor=actor)
    if person is None:
        return None
    statement = account_statement(person=person, as_of=as_of)
    province = statement.holding_province or person.province_code
    initial = {
        "birth_month": f"{person.birth_date:%Y-%m}",
        "category": default_category(person.sex),
        "contribution_months": statement.months_counted,
        "account_balance": statement.balance,
    }
    if statement.average_index is not None:
        initial["average_index"] = statement.average_index
    if province in provinces:
        initial["province_code"] = province
    return RecordPrefill(
        as_of=as_of,
        initial=initial,
        months=statement.months_counted,
        average_index=statement.average_index,
        balance=statement.balance,
        province_name=statement.holding_province_name,
    )
