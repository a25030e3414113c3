from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from minsheng.core import selectors, services
from minsheng.core.errors import DomainError
from minsheng.core.forms import IdentifierForm, SignInForm, TokenForm
from minsheng.core.identity import parse_credit_code, parse_resident_id
from minsheng.core.masking import mask_identity_number
from minsheng.core.models import Role
from minsheng.core.navigation import panels_for
from minsheng.core.regions import region_tree


def sign_in_view(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        return redirect(safe_next_url(request) or "dashboard")
    return render(request, "core/login.html", {"form": form}, status=401 if form.errors else 200)


def safe_next_url(request) -> str | None:
    """The `next` page if it is on this site; a link to another site must not follow a login."""
    target = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else None


@login_required
def dashboard(request):
    user = request.user
    scope = str(user.region) if user.region_id else None
    return render(
        request,
        "core/dashboard.html",
        {"panels": panels_for(user), "scope": scope, "role_label": Role(user.role).label},
    )


@login_required
def region_browser(request, code: str = "100000"):
    """The division tree; HTMX requests get only the children of one node."""
    region = selectors.region_get(code=code) if code in region_tree() else None
    if region is None:
        raise Http404
    children = selectors.region_list(parent_code=code)
    template = "core/_region_children.html" if request.htmx else "core/regions.html"
    return render(request, template, {"region": region, "children": children})


@login_required
def audit_log(request):
    if request.user.role not in (Role.ADMIN, Role.SUPERVISOR, Role.FUND_SUPERVISOR):
        raise Http404
    events = selectors.audit_event_list(
        actor=request.user, action=request.GET.get("action", "")
    ).select_related(None)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page})


@login_required
def api_tokens(request):
    issued = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, issued = services.issue_token(actor=request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    tokens = request.user.api_tokens.filter(revoked_at__isnull=True).order_by("-created_at")
    return render(
        request, "core/api_tokens.html", {"form": form, "tokens": tokens, "issued": issued}
    )


@login_required
@require_POST
def api_token_revoke(request, token_id: int):
    services.revoke_token(actor=request.user, token_id=token_id)
    return redirect("api_tokens")


@login_required
def identifier_check(request):
    """A clerk's check of an identity number or credit code; HTMX validates as they type."""
    form = IdentifierForm(request.GET or None)
    result = error = None
    if form.is_valid():
        number = form.cleaned_data["number"].strip()
        try:
            result = describe_identifier(number)
        except DomainError as refused:
            error = refused
    template = "core/_identifier_result.html" if request.htmx else "core/identifier_check.html"
    return render(request, template, {"form": form, "result": result, "error": error})


def describe_identifier(number: str) -> dict:
    if number[:1].isdigit() and len(number) in (15, 18) and number[:17].isdigit():
        parsed = parse_resident_id(number, field="number")
        return {
            "kind": _("Resident identity number"),
            "masked": mask_identity_number(parsed.number),
            "birth_date": parsed.birth_date,
            "sex": _("Male") if parsed.sex == "M" else _("Female"),
            "region": " ".join(selectors.region_path(parsed.region_code)),
        }
    code = parse_credit_code(number, field="number")
    region_code = region_tree().resolve_address_code(code[2:8])
    return {
        "kind": _("Unified social credit code"),
        "masked": code,
        "region": " ".join(selectors.region_path(region_code)),
    }
