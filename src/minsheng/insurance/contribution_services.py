"""Monthly declarations and payments: `declare_contributions` (an employer's list of wages),
`declare_flexible_base` (a flexible worker's own base) and `record_payment`.

Contributions are never changed in place. A row whose wage is the one already declared for
that person and month adds nothing; a changed wage is a correction, a new line with the next
version that supersedes the previous one, and both stay. Sending the same file again for the
same payer and month returns the earlier declaration and writes nothing.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.errors import Conflict
from minsheng.core.models import User
from minsheng.insurance.account_services import credit_paid_month
from minsheng.insurance.calculations import (
    InsuranceError,
    band_for,
    cents,
    due_on,
    flexible_amounts,
    money_sum,
    parse_month,
    province_of,
)
from minsheng.insurance.declaration_rows import (
    DeclaredRow,
    RowChecker,
    RowRefused,
    ValidRow,
    default_headers,
    read_declaration,
    row_error,
)
from minsheng.insurance.models import (
    ContributionLine,
    Declaration,
    Enrolment,
    EnrolmentKind,
    Payment,
    payer_of,
)
from minsheng.insurance.people import today_or
from minsheng.insurance.permissions import require_employer_agent, require_self_or_staff


@dataclass
class DeclarationOutcome:
    declaration: Declaration
    already_declared: bool = False
    lines: list[ContributionLine] = field(default_factory=list)

    @property
    def corrections(self) -> list[ContributionLine]:
        return [line for line in self.lines if line.version > 1]


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def rows_digest(rows: Iterable[DeclaredRow]) -> str:
    """A fingerprint of rows sent without a file (a form, the API), so re-sending is a no-op."""
    canonical = [[str(r.identity_number), str(r.wage), str(r.name or ""), str(r.month or "")]
                 for r in rows]  # fmt: skip
    return file_digest(json.dumps(canonical, ensure_ascii=False).encode())


def declared_month(month, today: datetime.date) -> datetime.date:
    month = parse_month(month)
    if month > today.replace(day=1):
        raise InsuranceError(
            "month_in_future",
            _("Contributions cannot be declared for a future month."),
            field="month",
        )
    return month


def declare_file(
    *,
    actor: User | None,
    employer,
    month,
    file_name: str,
    data: bytes,
    today: datetime.date | None = None,
) -> DeclarationOutcome:
    """An employer's declaration uploaded as CSV or XLSX (身份证号, 缴费工资; 姓名, 所属期)."""
    require_employer_agent(actor, employer)
    today = today_or(today)
    month = declared_month(month, today)
    earlier = earlier_declaration(payer_of(employer_id=employer.pk, person_id=None), month, data)
    if earlier is not None:
        return DeclarationOutcome(earlier, already_declared=True)
    table = read_declaration(data)
    return declare_contributions(
        actor=actor, employer=employer, month=month, rows=table.rows, headers=table.headers,
        file_name=file_name, digest=file_digest(data), today=today,
    )  # fmt: skip


def check_declaration_file(
    *, actor: User | None, employer, month, data: bytes, today: datetime.date | None = None
) -> Declaration | None:
    """What the upload page checks before queueing `declare_file`: the actor acts for the
    employer, the month is not in the future, the file has the required columns. The earlier
    declaration of the same file for that month, if there was one (nothing would change)."""
    require_employer_agent(actor, employer)
    month = declared_month(month, today_or(today))
    earlier = earlier_declaration(payer_of(employer_id=employer.pk, person_id=None), month, data)
    if earlier is None:
        read_declaration(data)
    return earlier


def earlier_declaration(payer: str, month: datetime.date, data: bytes) -> Declaration | None:
    digest = file_digest(data)
    return Declaration.objects.filter(payer=payer, month=month, file_sha256=digest).first()


def declare_contributions(
    *,
    actor: User | None,
    employer,
    month,
    rows: list[DeclaredRow],
    headers: dict[str, str] | None = None,
    file_name: str = "",
    digest: str = "",
    today: datetime.date | None = None,
) -> DeclarationOutcome:
    """Declare one month of an employer's wages, one row per employee.

    Each row is checked on its own (identity number, age, enrolment with this employer in the
    month, wage); a refused row is kept with its row, column and reason and the others go
    ahead. Accepted rows are clamped to the band and priced; a row equal to what is already
    declared adds nothing, a changed one is a correction. A month already paid in full credits
    the individual accounts with the difference at once.
    """
    require_employer_agent(actor, employer)
    today = today_or(today)
    month = declared_month(month, today)
    payer = payer_of(employer_id=employer.pk, person_id=None)
    digest = digest or rows_digest(rows)
    earlier = Declaration.objects.filter(payer=payer, month=month, file_sha256=digest).first()
    if earlier is not None:
        return DeclarationOutcome(earlier, already_declared=True)
    headers = default_headers() | (headers or {})
    checker = RowChecker(employer=employer, month=month, today=today)
    valid, errors = [], []
    for row in rows:
        try:
            valid.append(checker.check(row))
        except RowRefused as refused:
            errors.append(row_error(row.row, headers, refused))
    declaration = Declaration(
        employer=employer, payer=payer, month=month, region_id=employer.region_id,
        province_code=employer.province_code or province_of(employer.region_id),
        declared_on=today, due_on=due_on(month=month, region_code=employer.region_id),
        file_name=file_name[-255:], file_sha256=digest, rows_total=len(rows),
        rows_rejected=len(errors), errors=errors, submitted_by=actor,
    )  # fmt: skip
    declaration.late = today > declaration.due_on
    return save_declaration(actor, declaration, valid, today)


def save_declaration(actor, declaration: Declaration, valid: list[ValidRow], today):
    try:
        with transaction.atomic():
            current = current_lines(valid)
            declaration.save()
            lines = []
            for row in valid:
                previous = current.get((row.enrolment.pk, row.month))
                if previous is not None and previous.wage == row.wage:
                    declaration.rows_unchanged += 1
                    continue
                lines.append(line_for(declaration, row, previous, today))
            ContributionLine.objects.bulk_create(lines)
            declaration.rows_accepted = len(lines)
            declaration.save(update_fields=["rows_accepted", "rows_unchanged"])
            audit_declaration(actor, declaration, lines, current)
            for month in sorted({line.month for line in lines}):
                credit_paid_month(payer=declaration.payer, month=month, on=today)
    except IntegrityError:
        raise Conflict(
            "declaration_in_progress",
            _("Another declaration of this month was saved at the same moment; try again."),
        ) from None
    return DeclarationOutcome(declaration, lines=lines)


def current_lines(valid: list[ValidRow]) -> dict[tuple[int, datetime.date], ContributionLine]:
    if not valid:
        return {}
    lines = ContributionLine.objects.current().filter(
        enrolment__in={row.enrolment.pk for row in valid}, month__in={row.month for row in valid}
    )
    return {(line.enrolment_id, line.month): line for line in lines}


def line_for(declaration, row: ValidRow, previous, today) -> ContributionLine:
    enrolment, amounts = row.enrolment, row.amounts
    due = due_on(month=row.month, region_code=enrolment.region_id)
    return ContributionLine(
        declaration=declaration, enrolment=enrolment, person_id=enrolment.person_id,
        employer_id=enrolment.employer_id, payer=declaration.payer, month=row.month,
        version=previous.version + 1 if previous else 1, supersedes=previous,
        region_id=enrolment.region_id, province_code=enrolment.province_code,
        row_number=row.row, wage=row.wage, average_wage=row.band.average_wage,
        floor=row.band.floor, ceiling=row.band.ceiling, base=amounts.base,
        pension_employer=amounts.pension_employer, pension_individual=amounts.pension_individual,
        account_credit=amounts.account_credit,
        unemployment_employer=amounts.unemployment_employer,
        unemployment_individual=amounts.unemployment_individual, total=amounts.total,
        declared_on=today, late=today > due,
    )  # fmt: skip


def audit_declaration(actor, declaration: Declaration, lines, previous_lines) -> None:
    """One event for the declaration, and one for each correction (what it was, what it is)."""
    changes = [
        audit.Change(
            action="contributions_declared",
            object_type="insurance.declaration",
            object_id=str(declaration.pk),
            region_code=declaration.region_id,
            after={
                "payer": declaration.payer,
                "month": declaration.month,
                "file": declaration.file_name,
                "accepted": declaration.rows_accepted,
                "unchanged": declaration.rows_unchanged,
                "rejected": declaration.rows_rejected,
                "late": declaration.late,
                "due": str(sum((line.total for line in lines), Decimal(0))),
            },
        )
    ]
    for line in lines:
        if line.supersedes_id is None:
            continue
        changes.append(
            audit.Change(
                action="contribution_corrected",
                object_type="insurance.contributionline",
                object_id=str(line.pk),
                region_code=line.region_id,
                before={"line": line.supersedes_id, "wage": line.supersedes.wage},
                after={"version": line.version, "wage": line.wage, "month": line.month},
            )
        )
    audit.record_many(actor, changes)


def declare_flexible_base(
    *,
    actor: User | None,
    enrolment: Enrolment,
    month,
    base,
    today: datetime.date | None = None,
) -> DeclarationOutcome:
    """A flexible worker's own base for a month, which must lie within the band (60%–300% of
    the provincial average wage); outside it the declaration is refused with the band."""
    if enrolment.kind != EnrolmentKind.FLEXIBLE:
        raise InsuranceError(
            "not_flexible", _("Only a flexible worker's enrolment declares its own base.")
        )
    require_self_or_staff(actor, enrolment.person, enrolment.region_id)
    today = today_or(today)
    month = declared_month(month, today)
    if not (enrolment.started_on.replace(day=1) <= month <= (enrolment.ended_on or today)):
        raise InsuranceError(
            "not_enrolled", _("The enrolment does not cover that month."), field="month"
        )
    try:
        base = cents(Decimal(str(base)))
    except InvalidOperation:
        raise InsuranceError("base_invalid", _("The base is not a number."), field="base") from None
    band = band_for(region_code=enrolment.region_id, month=month)
    amounts = flexible_amounts(base=base, band=band, region_code=enrolment.region_id, month=month)
    person = enrolment.person
    payer = payer_of(employer_id=None, person_id=person.pk)
    row = DeclaredRow(row=1, identity_number=person.identity_number, wage=base)
    digest = rows_digest([row])
    earlier = Declaration.objects.filter(payer=payer, month=month, file_sha256=digest).first()
    if earlier is not None:
        return DeclarationOutcome(earlier, already_declared=True)
    declaration = Declaration(
        person=person, payer=payer, month=month, region_id=enrolment.region_id,
        province_code=enrolment.province_code, declared_on=today,
        due_on=due_on(month=month, region_code=enrolment.region_id), file_sha256=digest,
        rows_total=1, submitted_by=actor,
    )  # fmt: skip
    declaration.late = today > declaration.due_on
    valid = ValidRow(row=1, enrolment=enrolment, month=month, wage=base, band=band, amounts=amounts)
    return save_declaration(actor, declaration, [valid], today)


def outstanding(payer: str, month: datetime.date) -> tuple[Decimal, Decimal]:
    """(due, paid) for a payer's month: the current lines' total, and the payments against it."""
    due = ContributionLine.objects.current().filter(payer=payer, month=month)
    paid = Payment.objects.filter(payer=payer, month=month)
    return money_sum(due, "total"), money_sum(paid, "amount")


def record_payment(
    *,
    actor: User | None,
    month,
    amount,
    paid_on: datetime.date,
    employer=None,
    enrolment: Enrolment | None = None,
    reference: str = "",
    today: datetime.date | None = None,
) -> Payment:
    """Money paid against one month, by an employer or by a flexible worker (`enrolment`).

    A month whose payments reach what is due is paid in full: its individual-account shares
    are credited on the payment date. Paying more than is outstanding is refused.
    """
    today = today_or(today)
    if employer is not None:
        require_employer_agent(actor, employer)
        person, region_code = None, employer.region_id
        payer = payer_of(employer_id=employer.pk, person_id=None)
    elif enrolment is not None and enrolment.kind == EnrolmentKind.FLEXIBLE:
        require_self_or_staff(actor, enrolment.person, enrolment.region_id)
        person, region_code = enrolment.person, enrolment.region_id
        payer = payer_of(employer_id=None, person_id=person.pk)
    else:
        raise InsuranceError("payer_required", _("Name the employer or the flexible worker."))
    month = parse_month(month)
    try:
        amount = cents(Decimal(str(amount)))
    except InvalidOperation:
        raise InsuranceError(
            "amount_invalid", _("The amount is not a number."), field="amount"
        ) from None
    if amount <= 0:
        raise InsuranceError(
            "amount_not_positive", _("The amount must be above 0."), field="amount"
        )
    if paid_on is None or paid_on > today:
        raise InsuranceError(
            "paid_on_invalid", _("The payment date cannot be in the future."), field="paid_on"
        )
    with transaction.atomic():
        due, paid = outstanding(payer, month)
        if amount > due - paid:
            raise InsuranceError(
                "overpayment",
                _("Only %(left)s yuan is outstanding for %(month)s."),
                field="amount",
                params={"left": due - paid, "month": f"{month:%Y-%m}"},
            )
        payment = Payment.objects.create(
            employer=employer, person=person, payer=payer, month=month, amount=amount,
            paid_on=paid_on, reference=reference.strip()[:64], region_id=region_code,
            province_code=province_of(region_code), recorded_by=actor,
        )  # fmt: skip
        audit.record(
            actor,
            audit.Change(
                action="contribution_paid",
                object_type="insurance.payment",
                object_id=str(payment.pk),
                region_code=region_code,
                after={"payer": payer, "month": month, "amount": amount, "paid_on": paid_on},
            ),
        )
        credit_paid_month(payer=payer, month=month, on=paid_on)
    return payment
