"""Pages: browse and search the classification as of a day, one code's detail and history, and
the coding review queue (accept / correct in place with HTMX)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError, NotFound
from minsheng.core.models import STAFF_ROLES
from minsheng.occupations import selectors, services
from minsheng.occupations.models import AliasSource, Level, ReviewStatus


def _staff(request) -> None:
    if request.user.role not in STAFF_ROLES:
        raise Http404


def _as_of(request) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return selectors.today()


def _flag(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value)


@login_required
def occupation_browse(request):
    """Search by code, name or alias with filters; without a search, the tree of major groups."""
    _staff(request)
    as_of = _as_of(request)
    search = request.GET.get("q", "").strip()
    digital, green = _flag(request.GET.get("digital", "")), _flag(request.GET.get("green", ""))
    level = request.GET.get("level", "")
    level = int(level) if level in {"1", "2", "3", "4"} else None
    searching = bool(search) or digital is not None or green is not None or level is not None
    context = {
        "as_of": as_of,
        "search": search,
        "digital": request.GET.get("digital", ""),
        "green": request.GET.get("green", ""),
        "level": level,
        "levels": Level.choices,
        "searching": searching,
        "releases": selectors.release_list(actor=request.user)[:10],
    }
    if searching:
        rows = selectors.occupation_list(
            actor=request.user, as_of=as_of, search=search, digital=digital, green=green,
            level=level,
        )  # fmt: skip
        query = request.GET.copy()
        query.pop("page", None)
        context |= {
            "page": Paginator(rows, 50).get_page(request.GET.get("page")),
            "query": query.urlencode(),
        }
    else:
        context["children"] = selectors.occupation_children(
            actor=request.user, code=None, as_of=as_of
        )
    return render(request, "occupations/browse.html", context)


@login_required
def occupation_children(request, code: str):
    """HTMX: the codes under one group, as a nested list."""
    _staff(request)
    as_of = _as_of(request)
    children = selectors.occupation_children(actor=request.user, code=code, as_of=as_of)
    return render(request, "occupations/_children.html", {"children": children, "as_of": as_of})


@login_required
def occupation_detail(request, code: str):
    _staff(request)
    as_of = _as_of(request)
    history = selectors.occupation_history(actor=request.user, code=code)
    if not history.exists():
        raise Http404
    try:
        row = selectors.occupation_get(actor=request.user, code=code, as_of=as_of)
    except NotFound:
        row = None
    aliases = list(selectors.alias_list(actor=request.user, code=code, as_of=as_of))
    return render(
        request,
        "occupations/detail.html",
        {
            "code": code,
            "row": row,
            "as_of": as_of,
            "history": history,
            "work_types": [a for a in aliases if a.source == AliasSource.WORK_TYPE],
            "reviewed": [a for a in aliases if a.source == AliasSource.REVIEW],
            "ancestors": _ancestors(request.user, row, as_of),
        },
    )


def _ancestors(actor, row, as_of) -> list:
    chain = []
    while row is not None and row.parent_code:
        try:
            row = selectors.occupation_get(actor=actor, code=row.parent_code, as_of=as_of)
        except NotFound:
            break
        chain.append(row)
    return list(reversed(chain))


@login_required
def review_queue(request):
    _staff(request)
    status = request.GET.get("status", ReviewStatus.PENDING)
    if status not in ReviewStatus.values:
        status = ReviewStatus.PENDING
    reviews = selectors.review_list(actor=request.user, status=status)
    return render(
        request,
        "occupations/reviews.html",
        {
            "page": Paginator(reviews, 50).get_page(request.GET.get("page")),
            "status": status,
            "statuses": ReviewStatus.choices,
            "query": f"status={status}",
        },
    )


@login_required
@require_POST
def review_decide(request, review_id: int):
    """HTMX: accept the suggestion, or correct it to the code typed in; answers with the row."""
    _staff(request)
    try:
        review = selectors.review_get(actor=request.user, review_id=review_id)
    except NotFound:
        raise Http404 from None
    try:
        if request.POST.get("decision") == "accept":
            review = services.accept_review(actor=request.user, review=review)
        else:
            review = services.correct_review(
                actor=request.user, review=review, code=request.POST.get("code", "")
            )
    except DomainError as refused:
        return render(
            request,
            "occupations/_review_row.html",
            {"review": review, "error": refused},
            # htmx swaps only 2xx answers; the refusal must replace the row to be seen.
            status=200 if request.htmx else refused.status,
        )
    return render(request, "occupations/_review_row.html", {"review": review})
