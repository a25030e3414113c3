"""Reads of the core context."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import NotFound
from minsheng.core.models import AuditEvent, Region, Role, User
from minsheng.core.regions import region_tree


def region_list(*, parent_code: str | None = None, search: str = "") -> QuerySet[Region]:
    regions = Region.objects.all()
    if parent_code:
        regions = regions.filter(parent_id=parent_code)
    if search:
        regions = regions.filter(name__contains=search) | regions.filter(pinyin__iexact=search)
    return regions.order_by("code")


def region_get(*, code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise NotFound("region_not_found", _("Unknown region code."), field="code")
    return region


def region_path(code: str) -> list[str]:
    """Names from the province down to the region, for display."""
    tree = region_tree()
    return [tree.by_code[c].name for c in reversed(tree.ancestors(code)) if tree.by_code[c].level]


def audit_event_list(
    *, actor: User, object_type: str = "", action: str = ""
) -> QuerySet[AuditEvent]:
    if actor.role not in (Role.ADMIN, Role.FUND_SUPERVISOR, Role.SUPERVISOR):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.for_actor(actor)
    if object_type:
        events = events.filter(object_type=object_type)
    if action:
        events = events.filter(action=action)
    return events.order_by("-sequence")
