"""Pages of social-insurance staff (enrolments of their region, a person's statement, the
transfer of a record into their region) and of citizens (their own statement, enrolling and
declaring as a flexible worker). Identity numbers are masked on every list."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError
from minsheng.core.forms import show_domain_error
from minsheng.core.models import Role
from minsheng.core.pages import page_of, refused, require_roles, signed_in
from minsheng.insurance import (
    account_services,
    contribution_services,
    enrolment_services,
    selectors,
)
from minsheng.insurance.forms import (
    EndEnrolmentForm,
    EnrolmentFilterForm,
    FlexibleBaseForm,
    FlexibleEnrolForm,
    PaymentForm,
    StaffFlexibleEnrolForm,
    TransferForm,
    last_month,
)
from minsheng.insurance.permissions import INSURANCE_READERS, INSURANCE_STAFF
from minsheng.insurance.statement import account_statement

CITIZEN = {Role.CITIZEN}


@signed_in
def enrolments(request):
    require_roles(request, INSURANCE_READERS)
    filters = EnrolmentFilterForm(request.GET or None)
    rows = selectors.enrolment_list(actor=request.user, **filters.filters())
    page, query = page_of(request, rows)
    form = StaffFlexibleEnrolForm(request.POST or None)
    status = 200
    if request.method == "POST":
        require_roles(request, INSURANCE_STAFF)
        status = 400
        if form.is_valid():
            try:
                enrolment_services.enrol_flexible_worker(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                messages.success(request, _("Enrolled."))
                return redirect("insurance_enrolments")
    context = {
        "filters": filters,
        "page": page,
        "query": query,
        "form": form,
        "can_enrol": request.user.role in INSURANCE_STAFF,
    }
    return render(request, "insurance/enrolments.html", context, status=status)


@signed_in
def person_statement(request, person_id: int):
    require_roles(request, INSURANCE_READERS)
    person = selectors.insured_person_get(actor=request.user, person_id=person_id)
    context = {
        "statement": account_statement(person=person, as_of=timezone.localdate()),
        "transfer_form": TransferForm(initial={"to_region_code": request.user.region_id}),
        "can_transfer": request.user.role in INSURANCE_STAFF,
    }
    return render(request, "insurance/person_statement.html", context)


@signed_in
@require_POST
def transfer_record(request, person_id: int):
    require_roles(request, INSURANCE_STAFF)
    person = selectors.insured_person_get(actor=request.user, person_id=person_id)
    form = TransferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the receiving region and the date."))
    else:
        try:
            account_services.record_transfer(actor=request.user, person=person, **form.cleaned_data)
        except DomainError as error:
            refused(request, error)
        else:
            messages.success(request, _("The record was transferred."))
    return redirect("insurance_person", person.pk)


@signed_in
def my_insurance(request):
    require_roles(request, CITIZEN)
    person = selectors.own_person(actor=request.user)
    statement = account_statement(person=person, as_of=timezone.localdate()) if person else None
    return render(request, "insurance/mine.html", {"statement": statement, "person": person})


@signed_in
def my_flexible(request):
    """Enrol as a flexible worker, then declare and pay one's own base month by month."""
    require_roles(request, CITIZEN)
    person = selectors.own_person(actor=request.user)
    enrolment = selectors.own_flexible_enrolment(actor=request.user)
    action = request.POST.get("action", "")
    enrol_form = FlexibleEnrolForm(request.POST if action == "enrol" else None)
    base_form = FlexibleBaseForm(
        request.POST if action == "declare" else None, initial={"month": last_month()}
    )
    pay_form = PaymentForm(request.POST if action == "pay" else None, prefix="pay")
    status = 200
    if request.method == "POST" and person is not None:
        status = 400
        done = handle_flexible(request, action, person, enrolment, enrol_form, base_form, pay_form)
        if done:
            return redirect("insurance_my_flexible")
    context = {
        "person": person,
        "enrolment": enrolment,
        "enrol_form": enrol_form,
        "base_form": base_form,
        "pay_form": pay_form,
        "end_form": EndEnrolmentForm(initial={"ended_on": timezone.localdate()}),
        "declarations": selectors.declaration_list(actor=request.user)[:12],
        "arrears": selectors.arrears_list(actor=request.user, as_of=timezone.localdate()),
    }
    return render(request, "insurance/my_flexible.html", context, status=status)


def handle_flexible(request, action, person, enrolment, enrol_form, base_form, pay_form) -> bool:
    forms = {"enrol": enrol_form, "declare": base_form, "pay": pay_form}
    form = forms.get(action)
    if form is None or not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        if action == "enrol":
            enrolment_services.enrol_flexible_worker(actor=request.user, person=person, **data)
            messages.success(request, _("Enrolled as a flexible worker."))
        elif enrolment is None:
            return False
        elif action == "declare":
            outcome = contribution_services.declare_flexible_base(
                actor=request.user, enrolment=enrolment, month=data["month"], base=data["base"]
            )
            due = sum(line.total for line in outcome.lines)
            messages.success(request, _("Declared: %(due)s yuan to pay.") % {"due": due})
        else:
            contribution_services.record_payment(actor=request.user, enrolment=enrolment, **data)
            messages.success(request, _("Payment recorded."))
    except DomainError as error:
        show_domain_error(form, error)
        return False
    return True
