"""Pages of unemployment benefit: the clerk's claims of their region (filing a claim for a
person, recording a month's payments), a claim with its decision explained and its payments,
and the citizen's own claims. Identity numbers are masked; outside the region is a 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError
from minsheng.core.forms import show_domain_error
from minsheng.core.models import Role
from minsheng.core.pages import page_of, refused, require_roles, signed_in
from minsheng.insurance import selectors, unemployment_selectors, unemployment_services
from minsheng.insurance.benefit_forms import (
    ClaimFilterForm,
    ClaimForm,
    PayBenefitsForm,
    StaffClaimForm,
)
from minsheng.insurance.calculations import parse_month
from minsheng.insurance.permissions import INSURANCE_READERS, INSURANCE_STAFF


@signed_in
def claims(request):
    require_roles(request, INSURANCE_READERS)
    filters = ClaimFilterForm(request.GET or None)
    rows = unemployment_selectors.claim_list(actor=request.user, **filters.filters())
    page, query = page_of(request, rows)
    action = request.POST.get("action", "")
    claim_form = StaffClaimForm(request.POST if action == "file" else None)
    pay_form = PayBenefitsForm(
        request.POST if action == "pay" else None,
        initial={"month": f"{timezone.localdate():%Y-%m}"},
    )
    status = 200
    if request.method == "POST":
        require_roles(request, INSURANCE_STAFF)
        status = 400
        if action == "file" and claim_form.is_valid():
            data = dict(claim_form.cleaned_data)
            try:
                person = unemployment_selectors.person_by_number(data.pop("identity_number"))
                claim = unemployment_services.file_claim(actor=request.user, person=person, **data)
            except DomainError as error:
                show_domain_error(claim_form, error)
                status = error.status
            else:
                messages.success(request, _("Claim filed."))
                return redirect("unemployment_claim", claim.pk)
        elif action == "pay" and pay_form.is_valid():
            try:
                run = unemployment_services.pay_benefits(
                    actor=request.user, month=parse_month(pay_form.cleaned_data["month"])
                )
            except DomainError as error:
                show_domain_error(pay_form, error)
                status = error.status
            else:
                messages.success(request, _("%(paid)s payments recorded, %(total)s yuan; "
                                            "%(already)s were already paid.") % {
                    "paid": run.paid, "total": run.total, "already": run.already_paid})  # fmt: skip
                return redirect("unemployment_claims")
    context = {
        "filters": filters, "page": page, "query": query, "claim_form": claim_form,
        "pay_form": pay_form, "can_file": request.user.role in INSURANCE_STAFF,
    }  # fmt: skip
    return render(request, "insurance/unemployment_claims.html", context, status=status)


@signed_in
def claim_detail(request, claim_id: int):
    require_roles(request, INSURANCE_READERS | {Role.CITIZEN})
    claim = unemployment_selectors.claim_get(actor=request.user, claim_id=claim_id)
    view = unemployment_selectors.claim_view(actor=request.user, claim=claim)
    context = {"view": view, "claim": claim, "can_decide": request.user.role in INSURANCE_STAFF}
    return render(request, "insurance/unemployment_claim.html", context)


@signed_in
@require_POST
def claim_decide(request, claim_id: int):
    require_roles(request, INSURANCE_STAFF)
    claim = unemployment_selectors.claim_get(actor=request.user, claim_id=claim_id)
    try:
        claim = unemployment_services.decide_claim(actor=request.user, claim=claim)
    except DomainError as error:
        refused(request, error)
    else:
        if claim.status == "granted":
            messages.success(request, _("Granted."))
        else:
            messages.warning(request, _("Refused: see the conditions not met."))
    return redirect("unemployment_claim", claim.pk)


@signed_in
def my_claims(request):
    require_roles(request, {Role.CITIZEN})
    person = selectors.own_person(actor=request.user)
    form = ClaimForm(request.POST or None)
    status = 200
    if request.method == "POST" and person is not None:
        status = 400
        if form.is_valid():
            try:
                claim = unemployment_services.file_claim(
                    actor=request.user, person=person, **form.cleaned_data
                )
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                messages.success(request, _("Your claim was filed; the agency will decide it."))
                return redirect("unemployment_claim", claim.pk)
    own = unemployment_selectors.own_claims(actor=request.user)
    views = [unemployment_selectors.claim_view(actor=request.user, claim=c) for c in own[:5]]
    context = {"person": person, "form": form, "views": views}
    return render(request, "insurance/my_unemployment.html", context, status=status)
