"""JSON API of enrolment, contributions and accounts (mounted on the insurance router).

Lists are paginated; records outside the caller's reach are 404; errors have the standard
shape. A declaration answers 201 when it was written now and 200 when the same file (or the
same rows) had been declared before for that payer and month, in which case nothing changed.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Status, UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from minsheng.core.errors import NotFound
from minsheng.core.models import Role
from minsheng.insurance import (
    account_services,
    contribution_services,
    enrolment_services,
    selectors,
)
from minsheng.insurance.calculations import InsuranceError
from minsheng.insurance.contribution_schemas import (
    ArrearsOut,
    DeclarationOut,
    DeclarationRowsIn,
    EnrolmentEndIn,
    EnrolmentIn,
    EnrolmentOut,
    FlexibleDeclarationIn,
    InterestIn,
    InterestOut,
    LineOut,
    PaymentIn,
    PaymentOut,
    StatementOut,
    TransferIn,
    TransferOut,
    statement_out,
)
from minsheng.insurance.declaration_rows import DeclaredRow
from minsheng.insurance.models import EnrolmentKind
from minsheng.insurance.statement import account_statement

router = Router(tags=["insurance"])


def declaration_answer(outcome):
    declaration = outcome.declaration
    declaration.already_declared = outcome.already_declared
    return Status(200 if outcome.already_declared else 201, declaration)


# Enrolment --------------------------------------------------------------------------------


@router.get("/insurance/enrolments", response=list[EnrolmentOut])
@paginate(PageNumberPagination)
def enrolment_list(request, q: str = "", kind: str = "", open_only: bool = False):
    """Enrolments the caller may see: a clerk's region, an employer's own, a citizen's own."""
    return selectors.enrolment_list(actor=request.auth, search=q, kind=kind, open_only=open_only)


@router.post("/insurance/enrolments", response={201: EnrolmentOut})
def enrolment_add(request, payload: EnrolmentIn):
    """Enrol an employee (`kind=employee`, `employer_id`, `identity_number`) or a flexible
    worker (`kind=flexible`, `region_code`; a citizen enrols themself without a number).
    No condition on where the person's household is registered."""
    actor = request.auth
    if payload.kind == EnrolmentKind.EMPLOYEE:
        if payload.employer_id is None:
            raise InsuranceError("employer_required", _("Name the employer."), field="employer_id")
        employer = selectors.employer_get(actor=actor, employer_id=payload.employer_id)
        enrolment = enrolment_services.enrol_employee(
            actor=actor, employer=employer, identity_number=payload.identity_number,
            name=payload.name, started_on=payload.started_on,
        )  # fmt: skip
    else:
        own = selectors.own_person(actor=actor)
        enrolment = enrolment_services.enrol_flexible_worker(
            actor=actor, region_code=payload.region_code, started_on=payload.started_on,
            identity_number=payload.identity_number, name=payload.name, person=own,
        )  # fmt: skip
    return Status(201, enrolment)


@router.post("/insurance/enrolments/{enrolment_id}/end", response=EnrolmentOut)
def enrolment_end(request, enrolment_id: int, payload: EnrolmentEndIn):
    enrolment = selectors.enrolment_get(actor=request.auth, enrolment_id=enrolment_id)
    return enrolment_services.end_enrolment(
        actor=request.auth, enrolment=enrolment, ended_on=payload.ended_on, reason=payload.reason
    )


# Declarations -----------------------------------------------------------------------------


@router.post("/insurance/declarations", response={200: DeclarationOut, 201: DeclarationOut})
def declaration_upload(request, file: File[UploadedFile], employer_id: Form[int], month: Form[str]):
    """An employer's monthly declaration as CSV or XLSX (身份证号, 缴费工资; 姓名, 所属期).
    Refused rows come back in `errors` with row, column and reason; the rest is declared."""
    employer = selectors.employer_get(actor=request.auth, employer_id=employer_id)
    outcome = contribution_services.declare_file(
        actor=request.auth, employer=employer, month=month, file_name=file.name, data=file.read()
    )
    return declaration_answer(outcome)


@router.post("/insurance/declarations/rows", response={200: DeclarationOut, 201: DeclarationOut})
def declaration_rows(request, payload: DeclarationRowsIn):
    """The same declaration as JSON rows (row numbers are positions, from 1)."""
    employer = selectors.employer_get(actor=request.auth, employer_id=payload.employer_id)
    rows = [
        DeclaredRow(number, row.identity_number, row.wage, row.name or None, row.month or None)
        for number, row in enumerate(payload.rows, start=1)
    ]
    outcome = contribution_services.declare_contributions(
        actor=request.auth, employer=employer, month=payload.month, rows=rows
    )
    return declaration_answer(outcome)


@router.post(
    "/insurance/flexible-declarations", response={200: DeclarationOut, 201: DeclarationOut}
)
def flexible_declaration(request, payload: FlexibleDeclarationIn):
    """A flexible worker's own base for a month (a citizen's own enrolment, or one a clerk
    names); a base outside 60%–300% of the provincial average wage is refused with the band."""
    actor = request.auth
    if payload.enrolment_id is not None:
        enrolment = selectors.enrolment_get(actor=actor, enrolment_id=payload.enrolment_id)
    else:
        enrolment = selectors.own_flexible_enrolment(actor=actor)
        if enrolment is None:
            raise NotFound("enrolment_not_found", _("You are not enrolled as a flexible worker."))
    outcome = contribution_services.declare_flexible_base(
        actor=actor, enrolment=enrolment, month=payload.month, base=payload.base
    )
    return declaration_answer(outcome)


@router.get("/insurance/declarations", response=list[DeclarationOut])
@paginate(PageNumberPagination)
def declaration_list(request, late: bool = False, employer_id: int | None = None):
    employer = None
    if employer_id is not None:
        employer = selectors.employer_get(actor=request.auth, employer_id=employer_id)
    return selectors.declaration_list(actor=request.auth, employer=employer, late_only=late)


@router.get("/insurance/declarations/{declaration_id}", response=DeclarationOut)
def declaration_detail(request, declaration_id: int):
    return selectors.declaration_get(actor=request.auth, declaration_id=declaration_id)


@router.get("/insurance/declarations/{declaration_id}/lines", response=list[LineOut])
@paginate(PageNumberPagination)
def declaration_lines(request, declaration_id: int):
    declaration = selectors.declaration_get(actor=request.auth, declaration_id=declaration_id)
    return selectors.line_list(actor=request.auth, declaration=declaration)


@router.get("/insurance/corrections", response=list[LineOut])
@paginate(PageNumberPagination)
def corrections(request):
    """Lines that correct an earlier line of the same person and month (both are kept)."""
    return selectors.line_list(actor=request.auth, corrections_only=True)


# Payments and arrears ---------------------------------------------------------------------


@router.post("/insurance/payments", response={201: PaymentOut})
def payment_add(request, payload: PaymentIn):
    actor = request.auth
    employer = enrolment = None
    if payload.employer_id is not None:
        employer = selectors.employer_get(actor=actor, employer_id=payload.employer_id)
    elif payload.enrolment_id is not None:
        enrolment = selectors.enrolment_get(actor=actor, enrolment_id=payload.enrolment_id)
    elif actor.role == Role.CITIZEN:
        enrolment = selectors.own_flexible_enrolment(actor=actor)
    payment = contribution_services.record_payment(
        actor=actor, month=payload.month, amount=payload.amount, paid_on=payload.paid_on,
        employer=employer, enrolment=enrolment, reference=payload.reference,
    )  # fmt: skip
    return Status(201, payment)


@router.get("/insurance/payments", response=list[PaymentOut])
@paginate(PageNumberPagination)
def payment_list(request):
    return selectors.payment_list(actor=request.auth)


@router.get("/insurance/arrears", response=list[ArrearsOut])
@paginate(PageNumberPagination)
def arrears(request):
    """Months past their due date (the 15th of the next month) with less paid than declared."""
    return selectors.arrears_list(actor=request.auth, as_of=timezone.localdate())


# Accounts ---------------------------------------------------------------------------------


@router.get("/insurance/statement", response=StatementOut)
def own_statement(request):
    """The caller's own statement (citizens)."""
    person = selectors.own_person(actor=request.auth)
    if person is None:
        raise NotFound("person_not_found", _("No person record is linked to this account."))
    return statement_out(account_statement(person=person, as_of=timezone.localdate()))


@router.get("/insurance/people/{person_id}/statement", response=StatementOut)
def person_statement(request, person_id: int):
    """A person's whole record, for staff of a region that keeps part of it."""
    person = selectors.insured_person_get(actor=request.auth, person_id=person_id)
    return statement_out(account_statement(person=person, as_of=timezone.localdate()))


@router.post("/insurance/transfers", response={201: TransferOut})
def transfer_add(request, payload: TransferIn):
    person = selectors.insured_person_get(actor=request.auth, person_id=payload.person_id)
    transfer = account_services.record_transfer(
        actor=request.auth, person=person, to_region_code=payload.to_region_code,
        transferred_on=payload.transferred_on,
    )  # fmt: skip
    return Status(201, transfer)


@router.post("/insurance/interest", response=InterestOut)
def interest_credit(request, payload: InterestIn):
    """Credit a finished year's interest to the accounts of the clerk's region (idempotent)."""
    return account_services.credit_interest(actor=request.auth, year=payload.year)
