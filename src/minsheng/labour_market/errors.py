"""Errors of labour-market statistics, and the checks of a period and a region they come from."""

import datetime

from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import DomainError, PermissionDenied
from minsheng.core.regions import CITY, NATIONAL_CODE, region_tree
from minsheng.labour_market.engine.periods import Period


class StatisticsError(DomainError):
    """A statistics request refused for a stated reason (period, region, snapshot…)."""


def require_role(actor, roles, *, system_allowed: bool = False) -> None:
    """`actor` must hold one of `roles`; `None` is the system (cron, CLI) where allowed."""
    if actor is None and system_allowed:
        return
    if actor is None or not actor.is_active or actor.role not in roles:
        raise PermissionDenied(
            "statistics_not_allowed", _("Your role may not do this with labour-market statistics.")
        )


def parse_period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError:
        raise StatisticsError(
            "period_invalid",
            _("Give the period as a quarter such as 2026Q3 or a year such as 2026."),
            field="period",
        ) from None


def check_period_over(period: Period, today: datetime.date) -> None:
    """A period is published only once it has ended; a future one is refused as such."""
    if period.start > today:
        raise StatisticsError(
            "period_in_future",
            _("The period %(period)s lies in the future."),
            field="period",
            params={"period": period.label},
        )
    if period.end >= today:
        raise StatisticsError(
            "period_not_over",
            _("The period %(period)s ends on %(end)s; its statistics can be made after that day."),
            field="period",
            params={"period": period.label, "end": period.end.isoformat()},
        )


def check_region(region_code: str, *, field: str = "region") -> str:
    """A known region at nation, province or city level (the levels statistics are made for)."""
    region_code = (region_code or "").strip()
    info = region_tree().get(region_code)
    if info is None:
        raise StatisticsError(
            "region_unknown",
            _("%(code)s is not a known region code."),
            field=field,
            params={"code": region_code or "—"},
        )
    if info.level > CITY:
        raise StatisticsError(
            "region_level",
            _("Statistics are made for the nation, a province or a city, not a county."),
            field=field,
        )
    return region_code


def is_national(region_code: str) -> bool:
    return region_code == NATIONAL_CODE
