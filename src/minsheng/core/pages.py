"""Helpers every app's pages share: 404 for what lies outside the user's reach, role checks,
pagination that keeps the filters, going back to the page an action came from, refusals.

Views stay thin: forms check shape, services decide, selectors read.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

from minsheng.core.errors import DomainError, NotFound

PAGE_SIZE = 50


def not_found_as_404(view):
    """A record outside the user's reach is a 404, as if it did not exist."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None

    return wrapped


def signed_in(view):
    """Signed-in users only, and a 404 for what lies outside their reach."""
    return login_required(not_found_as_404(view))


def require_roles(request, roles) -> None:
    if request.user.role not in roles:
        raise Http404


def page_of(request, rows, size: int = PAGE_SIZE, param: str = "page"):
    """A page of rows and the query string of the other filters, for the page links.

    A page with several lists gives each its own `param` (pass it to ``core/_pagination.html``
    as ``page_param``), so turning one list's page keeps the others where they were.
    """
    page = Paginator(rows, size).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    return page, query.urlencode()


def back(request, fallback: str, *args):
    """Back to the page the action came from (`next`, on this site only), else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback, *args)


def message_of(error: DomainError) -> str:
    return error.message_in(get_language() or "zh-hans")


def refused(request, error: DomainError) -> None:
    messages.error(request, message_of(error))
