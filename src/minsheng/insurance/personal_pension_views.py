"""Pages of personal pensions: the clerk's accounts of their region (opening one for a person),
an account with its years, contributions and withdrawals (a clerk records conditions from
documents), and the citizen's own account. Identity numbers are masked; outside the region
is a 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from minsheng.core.errors import DomainError
from minsheng.core.forms import show_domain_error
from minsheng.core.models import Role
from minsheng.core.pages import page_of, refused, require_roles, signed_in
from minsheng.insurance import personal_pension_selectors as pp_selectors
from minsheng.insurance import personal_pension_services as pp_services
from minsheng.insurance import selectors, unemployment_selectors
from minsheng.insurance.benefit_forms import (
    IdentityForm,
    PersonalContributionForm,
    PersonalPensionSearchForm,
    StaffWithdrawalForm,
    WithdrawalForm,
)
from minsheng.insurance.permissions import INSURANCE_READERS, INSURANCE_STAFF
from minsheng.insurance.personal_pension_rules import annual_cap, withdrawal_tax_rate


@signed_in
def accounts(request):
    require_roles(request, INSURANCE_READERS)
    search = PersonalPensionSearchForm(request.GET or None)
    query_text = search.cleaned_data["q"] if search.is_valid() else ""
    rows = pp_selectors.account_list(actor=request.user, search=query_text)
    page, query = page_of(request, rows)
    form = IdentityForm(request.POST or None)
    status = 200
    if request.method == "POST":
        require_roles(request, INSURANCE_STAFF)
        status = 400
        if form.is_valid():
            try:
                person = unemployment_selectors.person_by_number(
                    form.cleaned_data["identity_number"]
                )
                account = pp_services.open_personal_pension(actor=request.user, person=person)
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                messages.success(request, _("Personal pension account opened."))
                return redirect("personal_pension_account", account.pk)
    context = {
        "search": search, "page": page, "query": query, "form": form,
        "can_open": request.user.role in INSURANCE_STAFF,
    }  # fmt: skip
    return render(request, "insurance/personal_pension_accounts.html", context, status=status)


def handle_account_forms(request, account, contribution_form, withdrawal_form) -> bool:
    """Record a contribution or a withdrawal request from the posted form; True when done."""
    action = request.POST.get("action", "")
    form = {"contribute": contribution_form, "withdraw": withdrawal_form}.get(action)
    if form is None or not form.is_valid():
        return False
    try:
        if action == "contribute":
            pp_services.contribute_personal_pension(
                actor=request.user, account=account, **form.cleaned_data
            )
            messages.success(request, _("Contribution recorded."))
            return True
        withdrawal = pp_services.request_withdrawal(
            actor=request.user, account=account, **form.cleaned_data
        )
    except DomainError as error:
        show_domain_error(form, error)
        return False
    if withdrawal.status == "approved":
        messages.success(request, _("Withdrawal approved: %(net)s yuan after %(tax)s yuan tax.")
                         % {"net": withdrawal.net_amount, "tax": withdrawal.tax})  # fmt: skip
    else:
        messages.warning(request, _("Withdrawal refused: no condition is met (see below)."))
    return True


def account_page(request, account, *, staff: bool, template: str, redirect_to):
    action = request.POST.get("action", "")
    withdrawal_class = StaffWithdrawalForm if staff else WithdrawalForm
    contribution_form = PersonalContributionForm(
        request.POST if action == "contribute" else None, prefix="pay"
    )
    withdrawal_form = withdrawal_class(
        request.POST if action == "withdraw" else None, prefix="withdraw"
    )
    status = 200
    if request.method == "POST":
        if handle_account_forms(request, account, contribution_form, withdrawal_form):
            return redirect(*redirect_to)
        status = 400
    context = {
        "view": pp_selectors.account_view(account=account, as_of=timezone.localdate()),
        "contribution_form": contribution_form, "withdrawal_form": withdrawal_form,
        "can_write": staff or request.user.role == Role.CITIZEN,
    }  # fmt: skip
    return render(request, template, context, status=status)


@signed_in
def account_detail(request, account_id: int):
    require_roles(request, INSURANCE_READERS)
    account = pp_selectors.account_get(actor=request.user, account_id=account_id)
    if request.method == "POST":
        require_roles(request, INSURANCE_STAFF)
    staff = request.user.role in INSURANCE_STAFF
    return account_page(
        request, account, staff=staff, template="insurance/personal_pension_account.html",
        redirect_to=("personal_pension_account", account.pk),
    )  # fmt: skip


@signed_in
def my_personal_pension(request):
    require_roles(request, {Role.CITIZEN})
    person = selectors.own_person(actor=request.user)
    account = pp_selectors.own_account(actor=request.user)
    if account is None:
        status = 200
        if request.method == "POST" and person is not None:
            try:
                pp_services.open_personal_pension(actor=request.user, person=person)
            except DomainError as error:
                refused(request, error)
                status = error.status
            else:
                messages.success(request, _("Your personal pension account is open."))
                return redirect("personal_pension_mine")
        today = timezone.localdate()
        context = {
            "person": person, "view": None, "cap": annual_cap(today),
            "tax_percent": (withdrawal_tax_rate(today) * 100).normalize(),
        }  # fmt: skip
        return render(request, "insurance/my_personal_pension.html", context, status=status)
    return account_page(
        request, account, staff=False, template="insurance/my_personal_pension.html",
        redirect_to=("personal_pension_mine",),
    )  # fmt: skip
