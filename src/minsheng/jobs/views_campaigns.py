"""Campaign and fair pages for staff: organising them, their results and fairness report, and
registering people on the ledger as attendees."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from minsheng.core.charts import (
    CHART_HEIGHT,
    CHART_WIDTH,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    Axis,
    nice_ceiling,
)
from minsheng.core.errors import DomainError
from minsheng.core.forms import show_domain_error
from minsheng.core.models import STAFF_ROLES
from minsheng.core.pages import page_of, refused, require_roles, signed_in
from minsheng.jobs import campaign_reports, campaign_services, selectors, services
from minsheng.jobs.forms import CampaignForm, FairForm
from minsheng.registry import selectors as registry_selectors
from minsheng.registry.models import KeyGroup

ORGANISERS = services.JOBS_STAFF
ATTENDEE_SEARCH_LIMIT = 20
RESULT_BARS = (
    ("employers", gettext_lazy("Employers")),
    ("vacancies", gettext_lazy("Vacancies")),
    ("headcount", gettext_lazy("People wanted")),
    ("attendees", gettext_lazy("Attendees")),
    ("recommendations", gettext_lazy("Recommendations")),
    ("applications", gettext_lazy("Applications")),
    ("hires", gettext_lazy("Hires")),
)


def bar_chart(items: list[tuple[str, int]]) -> dict:
    """Bars for a few labelled counts, on the axis of the region-figures charts."""
    axis = Axis(*nice_ceiling(max((value for _label, value in items), default=0)))
    slot = (CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / max(len(items), 1)
    width = round(slot * 0.6, 1)
    bars = []
    for index, (label, value) in enumerate(items):
        centre = round(MARGIN_LEFT + slot * (index + 0.5), 1)
        bars.append(
            {
                "x": round(centre - width / 2, 1),
                "y": axis.y(value),
                "width": width,
                "height": round(axis.y(0) - axis.y(value), 1),
                "centre": centre,
                "value": value,
                "label": label,
            }
        )
    return {
        "grid": axis.grid(),
        "bars": bars,
        "baseline": axis.y(0),
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": MARGIN_LEFT,
    }


@signed_in
def campaign_list(request):
    require_roles(request, STAFF_ROLES)
    page, query = page_of(request, selectors.campaign_list(actor=request.user))
    context = {"page": page, "query": query, "can_organise": request.user.role in ORGANISERS}
    return render(request, "jobs/campaign_list.html", context)


@signed_in
def campaign_create(request):
    require_roles(request, ORGANISERS)
    form = CampaignForm(request.POST or None, initial={"region_code": request.user.region_id})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                campaign = campaign_services.create_campaign(
                    actor=request.user, **form.cleaned_data
                )
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                messages.success(request, _("Campaign created. Now add its fairs."))
                return redirect("jobs_campaign", campaign.pk)
    return render(request, "jobs/campaign_form.html", {"form": form}, status=status)


@signed_in
def campaign_detail(request, campaign_id: int):
    """Fairs, results, results per fair, and the fairness report of one campaign."""
    require_roles(request, STAFF_ROLES)
    campaign = selectors.campaign_get(actor=request.user, campaign_id=campaign_id)
    results = campaign_reports.campaign_results(actor=request.user, campaign=campaign)
    groups = dict(KeyGroup.choices)
    context = {
        "campaign": campaign,
        "target_groups": [groups.get(group, group) for group in campaign.target_groups],
        "results": results,
        "chart": bar_chart([(str(label), results[key]) for key, label in RESULT_BARS]),
        "fairs": campaign_reports.fair_results(actor=request.user, campaign=campaign),
        "fairness": campaign_reports.fairness_report(actor=request.user, campaign=campaign),
        "flag_ratio": campaign_reports.DISPARITY_FLAG_RATIO,
        "can_organise": request.user.role in ORGANISERS
        and request.user.can_see_region(campaign.region_id),
    }
    return render(request, "jobs/campaign_detail.html", context)


@signed_in
def fair_add(request, campaign_id: int):
    require_roles(request, ORGANISERS)
    campaign = selectors.campaign_get(actor=request.user, campaign_id=campaign_id)
    initial = {"region_code": campaign.region_id, "held_on": campaign.starts_on}
    form = FairForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                fair = campaign_services.add_fair(
                    actor=request.user, campaign=campaign, **form.cleaned_data
                )
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                messages.success(request, _("Fair added: %(name)s.") % {"name": fair.name})
                return redirect("jobs_fair", fair.pk)
    context = {"form": form, "campaign": campaign}
    return render(request, "jobs/fair_form.html", context, status=status)


@signed_in
def fair_detail(request, fair_id: int):
    """Employers and their booths, how many attend, and registering a person from the ledger."""
    require_roles(request, STAFF_ROLES)
    fair = selectors.fair_get(actor=request.user, fair_id=fair_id)
    search = request.GET.get("q", "").strip()
    found = []
    if search and request.user.role in ORGANISERS:
        found = registry_selectors.ledger_list(actor=request.user, search=search)[
            :ATTENDEE_SEARCH_LIMIT
        ]
    context = {
        "fair": fair,
        "registrations": selectors.fair_employer_list(actor=request.user, fair=fair),
        "attendees": selectors.attendee_count(fair=fair),
        "search": search,
        "found": found,
        "can_register": request.user.role in ORGANISERS,
    }
    template = "jobs/_attendee_search.html" if request.htmx else "jobs/fair_detail.html"
    return render(request, template, context)


@signed_in
@require_POST
def fair_attendee_add(request, fair_id: int):
    require_roles(request, ORGANISERS)
    fair = selectors.fair_get(actor=request.user, fair_id=fair_id)
    person_id = request.POST.get("person", "")
    person = registry_selectors.person_get(
        actor=request.user, person_id=int(person_id) if person_id.isdigit() else 0
    )
    try:
        campaign_services.register_attendee(actor=request.user, fair=fair, person=person)
    except DomainError as error:
        refused(request, error)
    else:
        messages.success(request, _("%(name)s is registered to attend.") % {"name": person.name})
    return redirect("jobs_fair", fair.pk)
