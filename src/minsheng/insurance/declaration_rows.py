"""Reading an employer's monthly declaration: one row per employee, identity number and wage.

Files are CSV or XLSX with Chinese headers, read by the registry's list reader (encoding
detection, title lines above the header, Excel row numbers). Besides 身份证号 and 缴费工资 a
file may carry 姓名 (checked against the registered name) and 所属期 (a row for an earlier
month, which makes it a late declaration of that month). Each row is checked on its own: a
refused row is reported with its row, column and reason in both languages, and the rest of the
declaration goes ahead.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import DomainError
from minsheng.core.row_errors import RowError
from minsheng.insurance.calculations import (
    Amounts,
    Band,
    InsuranceError,
    band_for,
    cents,
    employee_amounts,
    month_end,
    parse_month,
)
from minsheng.insurance.models import Enrolment
from minsheng.insurance.people import insured_identity
from minsheng.registry.import_files import UnreadableFile, normalise_header, read_table
from minsheng.registry.import_rows import text

# Field → header spellings (compared after `normalise_header`); the first is the one we print.
DECLARATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "identity_number": (
        "身份证号", "公民身份号码", "身份证号码", "证件号码", "社会保障号码", "社会保障号",
        "identitynumber", "idnumber",
    ),
    "wage": (
        "缴费工资", "月缴费工资", "申报工资", "工资", "月工资", "应发工资", "工资总额",
        "缴费基数", "wage", "monthlywage", "salary",
    ),
    "name": ("姓名", "职工姓名", "name"),
    "month": ("所属期", "费款所属期", "缴费月份", "所属月份", "月份", "month"),
}  # fmt: skip
HEADER_TO_FIELD = {
    normalise_header(spelling): field
    for field, spellings in DECLARATION_COLUMNS.items()
    for spelling in spellings
}
REQUIRED = ("identity_number", "wage")
MAXIMUM_WAGE = Decimal(10_000_000)


@dataclass(frozen=True)
class DeclaredRow:
    """A row as given: by a file (its Excel row number), a form or the API (its position)."""

    row: int
    identity_number: object
    wage: object
    name: object = None
    month: object = None


@dataclass(frozen=True)
class DeclaredTable:
    headers: dict[str, str]  # field → the header as the file spells it
    rows: list[DeclaredRow]


@dataclass(frozen=True)
class ValidRow:
    row: int
    enrolment: Enrolment
    month: datetime.date
    wage: Decimal
    band: Band
    amounts: Amounts


def default_headers() -> dict[str, str]:
    return {field: spellings[0] for field, spellings in DECLARATION_COLUMNS.items()}


def read_declaration(data: bytes) -> DeclaredTable:
    """The rows of an uploaded file; a file without the two required columns is refused."""
    try:
        table = read_table(data)
    except UnreadableFile:
        raise InsuranceError(
            "file_unreadable", _("The file is not a readable CSV or XLSX list."), field="file"
        ) from None
    columns: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        field = HEADER_TO_FIELD.get(normalise_header(header))
        if field and field not in columns:
            columns[field] = index
    missing = [field for field in REQUIRED if field not in columns]
    if missing:
        raise InsuranceError(
            "missing_columns",
            _("The file needs the columns 身份证号 and 缴费工资 (identity number and wage)."),
            field="file",
        )

    def cell(cells: tuple, field: str):
        index = columns.get(field)
        return cells[index] if index is not None and index < len(cells) else None

    rows = [
        DeclaredRow(
            row=number,
            identity_number=cell(cells, "identity_number"),
            wage=cell(cells, "wage"),
            name=cell(cells, "name"),
            month=cell(cells, "month"),
        )
        for number, cells in table.rows
    ]
    headers = default_headers() | {field: table.headers[i] for field, i in columns.items()}
    return DeclaredTable(headers, rows)


class RowMessage:
    """A business error's message in whichever language is active when it is printed."""

    def __init__(self, error: DomainError) -> None:
        self.error = error

    def __str__(self) -> str:
        return self.error.message_in(translation.get_language() or "zh-hans")


class RowRefused(Exception):
    def __init__(self, field: str, code: str, message: str | Promise) -> None:
        super().__init__(code)
        self.field, self.code, self.message = field, code, message


def parse_wage(raw) -> Decimal:
    try:
        wage = Decimal(text(raw).replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise RowRefused("wage", "wage_invalid", _("The wage is not a number.")) from None
    if not wage.is_finite():
        raise RowRefused("wage", "wage_invalid", _("The wage is not a number."))
    if wage < 0:
        raise RowRefused("wage", "wage_negative", _("The wage cannot be negative."))
    if wage == 0:
        raise RowRefused(
            "wage", "wage_zero", _("A wage of 0 is not declared; end the enrolment instead.")
        )
    if wage > MAXIMUM_WAGE:
        raise RowRefused("wage", "wage_implausible", _("The wage is implausibly high."))
    return cents(wage)


class RowChecker:
    """Checks rows against one employer's enrolments, for a declaration of `month`."""

    def __init__(self, *, employer, month: datetime.date, today: datetime.date) -> None:
        self.month, self.today = month, today
        self.enrolments: dict[str, list[Enrolment]] = {}
        for enrolment in Enrolment.objects.filter(employer=employer).select_related("person"):
            number = enrolment.person.identity_number
            self.enrolments.setdefault(number, []).append(enrolment)
        self.seen: set[tuple[str, datetime.date]] = set()

    def check(self, row: DeclaredRow) -> ValidRow:
        month = self.row_month(row)
        try:
            resident = insured_identity(row.identity_number, month=month, today=self.today)
        except DomainError as error:
            raise RowRefused("identity_number", error.code, RowMessage(error)) from None
        if (resident.number, month) in self.seen:
            raise RowRefused(
                "identity_number", "duplicate_row", _("This person appears twice in the file.")
            )
        self.seen.add((resident.number, month))
        wage = parse_wage(row.wage)
        enrolment = self.enrolment_in(resident.number, month)
        if text(row.name) and text(row.name) != enrolment.person.name:
            raise RowRefused(
                "name",
                "name_mismatch",
                _("The name does not match the one registered for this identity number."),
            )
        try:
            band = band_for(region_code=enrolment.region_id, month=month)
        except DomainError as error:
            raise RowRefused("wage", error.code, RowMessage(error)) from None
        amounts = employee_amounts(
            wage=wage, band=band, region_code=enrolment.region_id, month=month
        )
        return ValidRow(row.row, enrolment, month, wage, band, amounts)

    def row_month(self, row: DeclaredRow) -> datetime.date:
        if row.month in (None, ""):
            return self.month
        try:
            month = parse_month(row.month)
        except DomainError:
            raise RowRefused("month", "month_invalid", _("The month is not YYYY-MM.")) from None
        if month > self.today.replace(day=1):
            raise RowRefused(
                "month",
                "month_in_future",
                _("Contributions cannot be declared for a future month."),
            )
        return month

    def enrolment_in(self, number: str, month: datetime.date) -> Enrolment:
        for enrolment in self.enrolments.get(number, ()):
            ends = enrolment.ended_on
            if enrolment.started_on <= month_end(month) and (ends is None or ends >= month):
                return enrolment
        raise RowRefused(
            "identity_number",
            "not_enrolled",
            _("This person is not enrolled with this employer in that month; enrol them first."),
        )


def row_error(row: int, headers: dict[str, str], refused: RowRefused) -> dict:
    return RowError(
        row, headers.get(refused.field, refused.field), refused.code, refused.message
    ).as_dict()
