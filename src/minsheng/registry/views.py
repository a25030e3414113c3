from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError, NotFound
from minsheng.core.navigation import person_sections_for
from minsheng.registry import selectors, services
from minsheng.registry.models import KeyGroup


def visible_person(request, person_id: int):
    try:
        return selectors.person_get(actor=request.user, person_id=person_id)
    except NotFound:
        raise Http404 from None


@login_required
def person_list_view(request):
    if request.user.role not in selectors.CASE_ROLES:
        raise Http404
    search, group = request.GET.get("q", ""), request.GET.get("group", "")
    people = selectors.person_list(actor=request.user, search=search, group=group)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "registry/person_list.html",
        {
            "page": page,
            "search": search,
            "group": group,
            "groups": KeyGroup.choices,
            "query": query.urlencode(),
        },
    )


@login_required
def person_detail(request, person_id: int):
    person = visible_person(request, person_id)
    memberships = person.memberships.order_by("-since")
    sections = person_sections_for(request.user, person)
    return render(
        request,
        "registry/person_detail.html",
        {"person": person, "memberships": memberships, "sections": sections},
    )


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
