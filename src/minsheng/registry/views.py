"""People and ledger pages. Views are thin: forms check shape, services decide, selectors read.

Actions on the person page post to their own URL and redirect back on success; on a refusal the
person page is shown again with the filled-in form and the message next to the field (400, or
409 when someone else saved first).
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError, NotFound
from minsheng.core.navigation import person_sections_for
from minsheng.registry import forms, selectors, services
from minsheng.registry.checks import EDITOR_ROLES
from minsheng.registry.models import EmploymentStatus, KeyGroup, LedgerReason


def visible_person(request, person_id: int):
    try:
        return selectors.person_get(actor=request.user, person_id=person_id)
    except NotFound:
        raise Http404 from None


def editable_person(request, person_id: int):
    """The person, when the user may change the ledger; others get the same 404 as strangers."""
    if request.user.role not in EDITOR_ROLES:
        raise Http404
    return visible_person(request, person_id)


def page_query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def person_list_view(request):
    if request.user.role not in selectors.CASE_ROLES:
        raise Http404
    search, group = request.GET.get("q", ""), request.GET.get("group", "")
    people = selectors.person_list(actor=request.user, search=search, group=group)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/person_list.html",
        {
            "page": page,
            "search": search,
            "group": group,
            "groups": KeyGroup.choices,
            "query": page_query(request),
            "can_edit": request.user.role in EDITOR_ROLES,
        },
    )


def parse_day(raw: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        return None


@login_required
def ledger_list_view(request):
    """Search-first: name or identity number, then narrow by group, status, reason, date."""
    if request.user.role not in selectors.CASE_ROLES:
        raise Http404
    filters = {key: request.GET.get(key, "") for key in ("q", "group", "status", "reason")}
    entered_before = parse_day(request.GET.get("entered_before", ""))
    entries = selectors.ledger_list(
        actor=request.user,
        search=filters["q"],
        group=filters["group"],
        status=filters["status"],
        reason=filters["reason"],
        entered_before=entered_before,
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "entered_before": entered_before,
        "groups": [*KeyGroup.choices, (selectors.LONG_TERM_UNEMPLOYED, _("Long-term unemployed"))],
        "statuses": EmploymentStatus.choices,
        "reasons": LedgerReason.choices,
        "query": page_query(request),
    }
    template = "registry/_ledger_table.html" if request.htmx else "registry/ledger_list.html"
    return render(request, template, context)


@login_required
def person_register(request):
    if request.user.role not in EDITOR_ROLES:
        raise Http404
    initial = {"region_code": request.user.region_id if request.user.region_id else ""}
    form = forms.PersonRegisterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.register_person(actor=request.user, **form.cleaned_data)
        except DomainError as refused:
            forms.show_domain_error(form, refused)
            status = refused.status
        else:
            messages.success(request, _("Registered %(name)s.") % {"name": person.name})
            return redirect("person", person.pk)
    else:
        status = 400 if form.errors else 200
    return render(request, "registry/person_register.html", {"form": form}, status=status)


@login_required
def person_edit(request, person_id: int):
    person = editable_person(request, person_id)
    form = forms.PersonEditForm.for_person(person)
    status = 200
    if request.method == "POST":
        form = forms.PersonEditForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.update_person(
                    actor=request.user,
                    person=person,
                    version=form.cleaned_data["version"],
                    **form.changes(),
                )
            except DomainError as refused:
                forms.show_domain_error(form, refused)
                status = refused.status
            else:
                messages.success(request, _("Saved."))
                return redirect("person", person.pk)
    return render(
        request, "registry/person_edit.html", {"person": person, "form": form}, status=status
    )


def person_page(request, person, *, status: int = 200, **bound_forms):
    """The person page; `bound_forms` replace the empty action forms (to show their errors)."""
    offer = exit_offer(request, person)
    action_forms = {
        "status_form": forms.StatusChangeForm(),
        "enter_form": forms.LedgerEnterForm(
            initial={"entered_on": timezone.localdate(), "reason": default_reason(person)}
        ),
        "exit_form": forms.LedgerExitForm(
            initial={"reason": offer[1], "exited_on": offer[2]}
            if offer
            else {"exited_on": timezone.localdate()}
        ),
        "wish_form": forms.JobWishForm(initial={"region_code": person.region_id}),
        "membership_form": forms.MembershipForm(),
        **bound_forms,
    }
    context = {
        "person": person,
        "memberships": person.memberships.order_by("-since"),
        "sections": person_sections_for(request.user, person),
        "timeline": selectors.person_timeline(actor=request.user, person=person),
        "current_status": selectors.current_status(person=person),
        "open_entry": selectors.open_ledger_entry(person=person),
        "stays": selectors.ledger_stays(person=person),
        "wishes": selectors.job_wishes(person=person),
        "can_edit": request.user.role in EDITOR_ROLES,
        "exit_offer": offer,
        **action_forms,
    }
    return render(request, "registry/person_detail.html", context, status=status)


def default_reason(person) -> str:
    if person.graduation_date:
        return LedgerReason.GRADUATE_NOT_EMPLOYED
    return LedgerReason.REGISTERED_UNEMPLOYED_YOUTH


def exit_offer(request, person):
    """After a new job (or study, enlistment…) is recorded: the stay it may end, reason, date."""
    change_id = request.GET.get("offer_exit", "")
    if not change_id.isdigit():
        return None
    change = person.status_history.filter(pk=int(change_id)).first()
    suggestion = services.suggested_ledger_exit(change) if change else None
    return (suggestion[0], suggestion[1], change.since) if suggestion else None


@login_required
def person_detail(request, person_id: int):
    return person_page(request, visible_person(request, person_id))


def person_action(form_class, form_name: str):
    """Decorator for a POST action on the person page: form, service call, redirect or errors."""

    def wrap(act):
        @login_required
        @require_POST
        def view(request, person_id: int, **ids):
            person = editable_person(request, person_id)
            form = form_class(request.POST)
            if form.is_valid():
                try:
                    target = act(request, person, form, **ids)
                except DomainError as refused:
                    forms.show_domain_error(form, refused)
                    return person_page(request, person, status=refused.status, **{form_name: form})
                return target or redirect("person", person.pk)
            return person_page(request, person, status=400, **{form_name: form})

        return view

    return wrap


@person_action(forms.StatusChangeForm, "status_form")
def person_status(request, person, form):
    change = services.record_status_change(actor=request.user, person=person, **form.cleaned_data)
    messages.success(request, _("Status recorded."))
    if services.suggested_ledger_exit(change):
        page = reverse("person", args=[person.pk])
        return redirect(f"{page}?offer_exit={change.pk}#ledger")
    return None


@person_action(forms.LedgerEnterForm, "enter_form")
def ledger_enter(request, person, form):
    services.enter_ledger(actor=request.user, person=person, **form.cleaned_data)
    messages.success(request, _("Entered on the ledger."))


@person_action(forms.LedgerExitForm, "exit_form")
def ledger_exit(request, person, form, entry_id: int):
    entry = person.ledger_entries.filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    services.exit_ledger(actor=request.user, entry=entry, **form.cleaned_data)
    messages.success(request, _("Left the ledger."))


@person_action(forms.JobWishForm, "wish_form")
def wish_add(request, person, form):
    services.add_job_wish(actor=request.user, person=person, **form.cleaned_data)
    messages.success(request, _("Job wish added."))


@person_action(forms.forms.Form, "wish_form")
def wish_remove(request, person, form, wish_id: int):
    try:
        wish = selectors.job_wish_get(actor=request.user, person=person, wish_id=wish_id)
    except NotFound:
        raise Http404 from None
    services.remove_job_wish(actor=request.user, wish=wish)
    messages.success(request, _("Job wish removed."))


@person_action(forms.MembershipForm, "membership_form")
def membership_add(request, person, form):
    services.add_membership(
        actor=request.user,
        person=person,
        group=form.cleaned_data["group"],
        since=form.cleaned_data["since"],
        details=form.details(),
    )
    messages.success(request, _("Key group added."))


@person_action(forms.MembershipEndForm, "membership_end_form")
def membership_end(request, person, form, membership_id: int):
    try:
        membership = selectors.membership_get(
            actor=request.user, person=person, membership_id=membership_id
        )
    except NotFound:
        raise Http404 from None
    services.end_membership(actor=request.user, membership=membership, **form.cleaned_data)
    messages.success(request, _("Key-group membership ended."))


@login_required
@require_POST
def person_reveal(request, person_id: int):
    """HTMX: the full identity number in place of the masked one, once a reason is given."""
    person = visible_person(request, person_id)
    try:
        number = services.reveal_identity_number(
            actor=request.user, person=person, reason=request.POST.get("reason", "")
        )
    except DomainError as refused:
        return render(
            request,
            "registry/_reveal.html",
            {"person": person, "error": refused},
            status=refused.status,
        )
    return render(request, "registry/_reveal.html", {"person": person, "number": number})
