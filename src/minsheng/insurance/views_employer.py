"""Pages of an employer's social-insurance work: its insured employees, the monthly declaration
upload, its declarations with their refused rows and corrections, arrears and payments.
A declaration file is checked at once and declared by the background worker (`tasks`).

Clerks of the employer's region use the same declaration, arrears and payment pages for the
employers they keep; an employer reaches only its own records (anything else is a 404).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError
from minsheng.core.forms import show_domain_error
from minsheng.core.jobs import job_list
from minsheng.core.models import Role
from minsheng.core.pages import back, page_of, refused, require_roles, signed_in
from minsheng.insurance import contribution_services, enrolment_services, selectors
from minsheng.insurance.forms import (
    DeclareForm,
    EndEnrolmentForm,
    EnrolEmployeeForm,
    PaymentForm,
    last_month,
)
from minsheng.insurance.permissions import INSURANCE_READERS, INSURANCE_STAFF
from minsheng.insurance.tasks import DECLARATION_JOB, queue_declaration

EMPLOYER = {Role.EMPLOYER}
PAYERS = {Role.EMPLOYER, *INSURANCE_STAFF}
READERS = {Role.EMPLOYER, *INSURANCE_READERS}


def current_employer(request):
    """The employer the account acts for (the one asked for, when it has several)."""
    employers = selectors.employers_of(actor=request.user)
    wanted = request.POST.get("employer") or request.GET.get("employer") or ""
    if wanted.isdigit():
        return employers.filter(pk=int(wanted)).first()
    return employers.first() if request.user.role == Role.EMPLOYER else None


@signed_in
def our_employees(request):
    require_roles(request, EMPLOYER)
    employer = current_employer(request)
    form = EnrolEmployeeForm(request.POST or None)
    status = 200
    if request.method == "POST" and employer is not None:
        status = 400
        if form.is_valid():
            try:
                enrolment_services.enrol_employee(
                    actor=request.user, employer=employer, **form.cleaned_data
                )
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                messages.success(request, _("Enrolled."))
                return redirect(request.get_full_path())
    enrolments = selectors.enrolment_list(actor=request.user, employer=employer)
    page, query = page_of(request, enrolments if employer else enrolments.none())
    context = {
        "employer": employer,
        "employers": list(selectors.employers_of(actor=request.user)),
        "form": form,
        "end_form": EndEnrolmentForm(initial={"ended_on": timezone.localdate()}),
        "page": page,
        "query": query,
    }
    return render(request, "insurance/our_employees.html", context, status=status)


@signed_in
@require_POST
def enrolment_end(request, enrolment_id: int):
    require_roles(request, {Role.EMPLOYER, Role.CITIZEN, *INSURANCE_STAFF})
    enrolment = selectors.enrolment_get(actor=request.user, enrolment_id=enrolment_id)
    form = EndEnrolmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the end date and the reason."))
        return back(request, "insurance_our_employees")
    try:
        enrolment_services.end_enrolment(
            actor=request.user, enrolment=enrolment, **form.cleaned_data
        )
    except DomainError as error:
        refused(request, error)
    else:
        messages.success(request, _("The enrolment has ended."))
    return back(request, "insurance_our_employees")


@signed_in
def declare(request):
    require_roles(request, EMPLOYER)
    employer = current_employer(request)
    form = DeclareForm(request.POST or None, request.FILES or None, initial={"month": last_month()})
    status = 200
    if request.method == "POST" and employer is not None:
        status = 400
        if form.is_valid():
            upload, month = form.cleaned_data["file"], form.cleaned_data["month"]
            data, today = upload.read(), timezone.localdate()
            try:
                earlier = contribution_services.check_declaration_file(
                    actor=request.user, employer=employer, month=month, data=data, today=today
                )
                if earlier is not None:
                    messages.info(request, _("This file was declared before; nothing changed."))
                    return redirect("insurance_declaration", earlier.pk)
                job = queue_declaration(
                    actor=request.user, employer=employer, month=month,
                    file_name=upload.name, data=data, today=today,
                )  # fmt: skip
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                return redirect("job_status", job.pk)
    context = {
        "employer": employer,
        "employers": list(selectors.employers_of(actor=request.user)),
        "form": form,
        "recent": selectors.declaration_list(actor=request.user, employer=employer)[:10]
        if employer
        else [],
        "jobs": job_list(actor=request.user, kind=DECLARATION_JOB),
    }
    return render(request, "insurance/declare.html", context, status=status)


@signed_in
def declarations(request):
    require_roles(request, READERS)
    late_only = request.GET.get("late") == "1"
    rows = selectors.declaration_list(actor=request.user, late_only=late_only)
    page, query = page_of(request, rows)
    context = {"page": page, "query": query, "late_only": late_only}
    return render(request, "insurance/declarations.html", context)


@signed_in
def declaration_detail(request, declaration_id: int):
    require_roles(request, READERS)
    declaration = selectors.declaration_get(actor=request.user, declaration_id=declaration_id)
    lines = selectors.line_list(actor=request.user, declaration=declaration)
    page, query = page_of(request, lines)
    due, paid = contribution_services.outstanding(declaration.payer, declaration.month)
    context = {
        "declaration": declaration,
        "page": page,
        "query": query,
        "due": due,
        "paid": paid,
        "can_pay": request.user.role in PAYERS and declaration.employer_id and due > paid,
        "payment_form": PaymentForm(
            initial={"month": f"{declaration.month:%Y-%m}", "amount": due - paid}
        ),
    }
    return render(request, "insurance/declaration_detail.html", context)


@signed_in
def corrections(request):
    require_roles(request, READERS)
    lines = selectors.line_list(actor=request.user, corrections_only=True)
    page, query = page_of(request, lines)
    return render(request, "insurance/corrections.html", {"page": page, "query": query})


@signed_in
def arrears(request):
    require_roles(request, READERS)
    rows = selectors.arrears_list(actor=request.user, as_of=timezone.localdate())
    page, query = page_of(request, rows)
    late = selectors.declaration_list(actor=request.user, late_only=True)[:20]
    context = {
        "page": page,
        "query": query,
        "late": late,
        "can_pay": request.user.role in PAYERS,
        "total": sum(row.outstanding for row in rows),
    }
    return render(request, "insurance/arrears.html", context)


@signed_in
@require_POST
def payment_record(request):
    require_roles(request, PAYERS)
    wanted = request.POST.get("employer", "")
    if not wanted.isdigit():
        raise Http404
    employer = selectors.employer_get(actor=request.user, employer_id=int(wanted))
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the month, the amount and the payment date."))
        return back(request, "insurance_arrears")
    try:
        contribution_services.record_payment(
            actor=request.user, employer=employer, **form.cleaned_data
        )
    except DomainError as error:
        refused(request, error)
    else:
        messages.success(request, _("Payment recorded."))
    return back(request, "insurance_arrears")
