"""Pages of "1131" services and paired assistance; thin: selectors read, services write."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minsheng.assistance import pairing_selectors, selectors, services
from minsheng.assistance.forms import AsOfForm, CaseworkerChoiceForm, FollowUpForm, ServiceForm
from minsheng.assistance.sections import pairing_section, services_section
from minsheng.core.errors import DomainError
from minsheng.core.models import Role
from minsheng.core.pages import PAGE_SIZE, page_of, signed_in


def attach_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def cleaned(form: AsOfForm, name: str) -> str:
    """A filter's value, or "" when the filter form is empty or invalid."""
    return (form.cleaned_data.get(name) if form.is_valid() else "") or ""


def region_or_own(request, form: AsOfForm) -> str:
    return cleaned(form, "region") or request.user.region_id or ""


@signed_in
def services_view(request, person_id: int):
    """The 1131 section of the person page; an HTMX post records a service and redraws it."""
    person = selectors.visible_person(actor=request.user, person_id=person_id)
    form = ServiceForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.record_service(actor=request.user, person=person, **form.cleaned_data)
        except DomainError as refused:
            attach_error(form, refused)
        else:
            if not request.htmx:
                messages.success(request, _("Service recorded."))
                return redirect("person", person.pk)
            form = ServiceForm()
    if form.errors and not request.htmx:
        status = 400
    data = services_section(request.user, person, form=form)
    template = "assistance/_services_section.html" if request.htmx else "assistance/services.html"
    return render(request, template, {"data": data, "person": person}, status=status)


@signed_in
def follow_up_view(request, pairing_id: int):
    pairing = pairing_selectors.pairing_get(actor=request.user, pairing_id=pairing_id)
    person = pairing.person
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_follow_up(actor=request.user, pairing=pairing, **form.cleaned_data)
        except DomainError as refused:
            attach_error(form, refused)
        else:
            if not request.htmx:
                messages.success(request, _("Follow-up recorded."))
                return redirect("person", person.pk)
            form = FollowUpForm()
    data = pairing_section(request.user, person, form=form)
    template = (
        "assistance/_pairing_section.html" if request.htmx else "assistance/pairing_form.html"
    )
    status = 400 if form.errors and not request.htmx else 200
    return render(request, template, {"data": data, "person": person}, status=status)


@signed_in
def completion_view(request):
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_or_today()
    region_code = region_or_own(request, form)
    overall, rows = selectors.completion_by_county(
        actor=request.user, as_of=as_of, region_code=region_code
    )
    return render(
        request,
        "assistance/completion.html",
        {"form": form, "as_of": as_of, "overall": overall, "rows": rows},
    )


@signed_in
def overdue_view(request):
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_or_today()
    entries = selectors.overdue_list(
        actor=request.user,
        as_of=as_of,
        region_code=cleaned(form, "region") or None,
        search=cleaned(form, "q"),
    )
    page, query = page_of(request, entries)
    rows = [(entry, selectors.completeness_of(entry)) for entry in page]
    return render(
        request,
        "assistance/overdue.html",
        {"form": form, "as_of": as_of, "page": page, "rows": rows, "query": query},
    )


@signed_in
def pairing_view(request):
    """Coverage under the region, and the eligible people still without a caseworker."""
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_or_today()
    overall, rows = pairing_selectors.coverage_by_county(
        actor=request.user, as_of=as_of, region_code=region_or_own(request, form)
    )
    search = cleaned(form, "q")
    unpaired = pairing_selectors.eligible_people(
        actor=request.user, as_of=as_of, search=search, unpaired_only=True
    )
    page, query = page_of(request, unpaired)
    suggestions = pairing_selectors.suggestions_for(page)
    return render(
        request,
        "assistance/pairing.html",
        {
            "form": form,
            "as_of": as_of,
            "overall": overall,
            "rows": rows,
            "page": page,
            "query": query,
            "suggestions": suggestions,
            "search": search,
            "can_assign": request.user.role in services.PAIRING_MANAGERS,
        },
    )


BULK_LIMIT = 1000


@signed_in
@require_POST
def assign_suggested_view(request):
    """Pair the listed people (one, or every unpaired match of the search) as suggested."""
    today = timezone.localdate()
    people = pairing_selectors.eligible_people(
        actor=request.user, as_of=today, search=request.POST.get("q", ""), unpaired_only=True
    )
    person_id = request.POST.get("person", "")
    if person_id:
        if not person_id.isdigit():
            raise Http404
        people = people.filter(pk=int(person_id))
    people = people.filter(region_id__in=sorted(pairing_selectors.covered_region_codes()))
    try:
        pairings = services.assign_suggested(
            actor=request.user, people=list(people[:BULK_LIMIT]), on=today
        )
    except DomainError as refused:
        messages.error(request, str(refused.message))
    else:
        messages.success(request, _("%(count)d people paired.") % {"count": len(pairings)})
    return redirect("assistance_pairing")


@signed_in
def reassign_view(request, pairing_id: int):
    pairing = pairing_selectors.pairing_get(actor=request.user, pairing_id=pairing_id)
    if request.user.role not in services.PAIRING_MANAGERS:
        raise Http404
    caseworkers = pairing_selectors.caseworkers_covering(pairing.region_id).exclude(
        pk=pairing.caseworker_id
    )
    form = CaseworkerChoiceForm(request.POST or None, caseworkers=caseworkers)
    if request.method == "POST" and form.is_valid():
        try:
            services.reassign(
                actor=request.user,
                pairing=pairing,
                caseworker=form.cleaned_data["caseworker"],
                on=form.cleaned_data["on"],
            )
        except DomainError as refused:
            attach_error(form, refused)
        else:
            messages.success(request, _("Reassigned."))
            return redirect("person", pairing.person_id)
    status = 400 if form.errors else 200
    return render(
        request, "assistance/reassign.html", {"form": form, "pairing": pairing}, status=status
    )


@signed_in
def caseworkers_view(request):
    if request.user.role not in services.PAIRING_MANAGERS:
        raise Http404
    caseworkers = pairing_selectors.caseworkers_in_scope(actor=request.user)
    page, query = page_of(request, caseworkers)
    can_hand_over = request.user.role in (Role.ADMIN, Role.SUPERVISOR)
    return render(
        request,
        "assistance/caseworkers.html",
        {"page": page, "query": query, "can_hand_over": can_hand_over},
    )


@signed_in
@require_POST
def staff_left_view(request, user_id: int):
    if request.user.role not in (Role.ADMIN, Role.SUPERVISOR):
        raise Http404
    caseworker = pairing_selectors.caseworker_get(actor=request.user, caseworker_id=user_id)
    try:
        moved = services.staff_left(actor=request.user, caseworker=caseworker)
    except DomainError as refused:
        messages.error(request, str(refused.message))
    else:
        messages.success(request, _("%(count)d people handed over.") % {"count": len(moved)})
    return redirect("assistance_caseworkers")


@signed_in
def today_view(request):
    """A caseworker's day: follow-ups due or overdue, and their ledger people overdue on 1131."""
    if request.user.role != Role.CASEWORKER:
        raise Http404
    as_of = timezone.localdate()
    due = pairing_selectors.follow_ups_due(actor=request.user, as_of=as_of, caseworker=request.user)
    page, query = page_of(request, due)
    overdue = selectors.overdue_list(actor=request.user, as_of=as_of)
    overdue_rows = [(entry, selectors.completeness_of(entry)) for entry in overdue[:PAGE_SIZE]]
    return render(
        request,
        "assistance/today.html",
        {
            "as_of": as_of,
            "page": page,
            "query": query,
            "due": pairing_selectors.set_due_dates(page, as_of),
            "overdue_rows": overdue_rows,
            "overdue_count": overdue.count(),
        },
    )
