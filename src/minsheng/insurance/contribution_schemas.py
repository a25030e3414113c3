"""Shapes of the enrolment, contribution and account API. Money is a decimal string; people
appear with masked identity numbers only."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from minsheng.core.masking import mask_identity_number
from minsheng.insurance.statement import Statement, province_name


class EnrolmentIn(Schema):
    kind: str = Field(..., description="employee (through employer_id) or flexible")
    started_on: datetime.date
    employer_id: int | None = None
    identity_number: str = Field("", description="empty for a citizen enrolling themself")
    name: str = ""
    region_code: str = Field("", description="flexible workers: where they contribute")


class EnrolmentEndIn(Schema):
    ended_on: datetime.date
    reason: str = Field(..., description="left_employer, stopped_flexible, moved, retired, …")


class EnrolmentOut(Schema):
    id: int
    kind: str
    person_id: int
    person_name: str = Field(..., alias="person.name")
    identity_number_masked: str
    employer_id: int | None
    region_code: str = Field(..., alias="region_id")
    province_code: str
    started_on: datetime.date
    ended_on: datetime.date | None
    end_reason: str

    @staticmethod
    def resolve_identity_number_masked(enrolment) -> str:
        return mask_identity_number(enrolment.person.identity_number)


class DeclaredRowIn(Schema):
    identity_number: str
    wage: str = Field(..., description="the month's wage, yuan")
    name: str = ""
    month: str = Field("", description="YYYY-MM when the row is for an earlier month")


class DeclarationRowsIn(Schema):
    employer_id: int
    month: str = Field(..., description="YYYY-MM")
    rows: list[DeclaredRowIn]


class FlexibleDeclarationIn(Schema):
    month: str
    base: Decimal
    enrolment_id: int | None = Field(None, description="staff: the flexible enrolment")


class RowErrorOut(Schema):
    row: int
    column: str
    code: str
    message: str
    messages: dict[str, str]


class DeclarationOut(Schema):
    id: int
    already_declared: bool = False
    payer: str
    employer_id: int | None
    month: str
    region_code: str = Field(..., alias="region_id")
    declared_on: datetime.date
    due_on: datetime.date
    late: bool
    file_name: str
    rows_total: int
    rows_accepted: int
    rows_unchanged: int
    rows_rejected: int
    errors: list[RowErrorOut]

    @staticmethod
    def resolve_month(declaration) -> str:
        return f"{declaration.month:%Y-%m}"


class LineOut(Schema):
    id: int
    declaration_id: int
    month: str
    person_id: int
    person_name: str = Field(..., alias="person.name")
    identity_number_masked: str
    version: int
    supersedes_id: int | None
    wage: Decimal
    average_wage: Decimal
    floor: Decimal
    ceiling: Decimal
    base: Decimal
    pension_employer: Decimal
    pension_individual: Decimal
    account_credit: Decimal
    unemployment_employer: Decimal
    unemployment_individual: Decimal
    total: Decimal
    declared_on: datetime.date
    late: bool

    @staticmethod
    def resolve_month(line) -> str:
        return f"{line.month:%Y-%m}"

    @staticmethod
    def resolve_identity_number_masked(line) -> str:
        return mask_identity_number(line.person.identity_number)


class PaymentIn(Schema):
    month: str
    amount: Decimal
    paid_on: datetime.date
    employer_id: int | None = None
    enrolment_id: int | None = Field(None, description="a flexible worker's enrolment")
    reference: str = ""


class PaymentOut(Schema):
    id: int
    payer: str
    month: str
    amount: Decimal
    paid_on: datetime.date
    reference: str

    @staticmethod
    def resolve_month(payment) -> str:
        return f"{payment.month:%Y-%m}"


class ArrearsOut(Schema):
    payer: str
    payer_name: str
    employer_id: int | None
    month: datetime.date
    due_on: datetime.date
    due: Decimal
    paid: Decimal
    outstanding: Decimal


class TransferIn(Schema):
    person_id: int
    to_region_code: str
    transferred_on: datetime.date


class TransferOut(Schema):
    id: int
    person_id: int
    from_province: str
    to_province: str
    transferred_on: datetime.date
    account_balance: Decimal
    bases_total: Decimal
    pooled_amount: Decimal


class InterestIn(Schema):
    year: int


class InterestOut(Schema):
    year: int
    rate: Decimal
    people: int
    total: Decimal


class StatementYearOut(Schema):
    year: int
    months: int
    contributions: Decimal
    by_province: dict[str, Decimal]
    interest: Decimal | None
    interest_rate: Decimal | None
    closing_balance: Decimal
    index: Decimal | None


class StatementProvinceOut(Schema):
    code: str
    name: str
    months: int
    contributions: Decimal
    first_month: datetime.date
    last_month: datetime.date


class StatementOut(Schema):
    person_id: int
    name: str
    identity_number_masked: str
    as_of: datetime.date
    months_counted: int
    balance: Decimal
    average_index: Decimal | None
    holding_province: str | None
    holding_province_name: str
    years: list[StatementYearOut]
    provinces: list[StatementProvinceOut]
    transfers: list[TransferOut]


def statement_out(statement: Statement) -> StatementOut:
    return StatementOut(
        person_id=statement.person.pk,
        name=statement.person.name,
        identity_number_masked=statement.identity_number_masked,
        as_of=statement.as_of,
        months_counted=statement.months_counted,
        balance=statement.balance,
        average_index=statement.average_index,
        holding_province=statement.holding_province,
        holding_province_name=province_name(statement.holding_province or ""),
        years=[StatementYearOut.from_orm(row) for row in statement.years],
        provinces=[StatementProvinceOut.from_orm(row) for row in statement.provinces],
        transfers=[TransferOut.from_orm(t) for t in statement.transfers],
    )
