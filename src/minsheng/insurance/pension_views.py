"""The pension calculator page: a signed-in person estimates their own retirement month and
pension, and sees every figure with its formula and legal reference. A citizen may fill the
form in from their own record (`?from=record`) and change any figure before estimating."""

from django.shortcuts import render
from django.utils import timezone

from minsheng.core.errors import DomainError
from minsheng.core.forms import show_domain_error
from minsheng.core.models import Role
from minsheng.core.pages import signed_in
from minsheng.insurance.pension_estimates import estimate_pension, rules_on
from minsheng.insurance.pension_forms import PensionEstimateForm
from minsheng.insurance.pension_prefill import record_prefill
from minsheng.insurance.pension_rules import provinces_with_pension_base


@signed_in
def pension_estimate(request):
    as_of = timezone.localdate()
    estimate = error = None
    try:
        rules_on(as_of)
    except DomainError as refused:
        error = refused
    form = prefill = None
    if error is None:
        if request.method == "GET" and request.GET.get("from") == "record":
            prefill = prefill_for(request.user, as_of)
        initial = prefill.initial if prefill else None
        form = PensionEstimateForm(request.POST or None, as_of=as_of, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                estimate = estimate_pension(**form.cleaned_data, as_of=as_of)
            except DomainError as refused:
                show_domain_error(form, refused)
    context = {
        "form": form, "estimate": estimate, "error": error, "as_of": as_of, "prefill": prefill,
        "can_prefill": request.user.role == Role.CITIZEN,
    }  # fmt: skip
    status = 400 if form is not None and form.errors else 200
    return render(request, "insurance/pension_estimate.html", context, status=status)


def prefill_for(user, as_of):
    if user.role != Role.CITIZEN:
        return None
    provinces = set(provinces_with_pension_base(as_of))
    return record_prefill(actor=user, as_of=as_of, provinces=provinces)
