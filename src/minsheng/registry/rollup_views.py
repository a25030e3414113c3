"""Region figures page: the roll-up of `registry.rollups` as tables and two server-drawn charts.

The charts are plain inline SVG laid out here (no JavaScript, no chart library), with text in
the page's CJK font stack at a legible size; each chart is followed by its numbers as a table.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from minsheng.core.charts import (
    CHART_HEIGHT,
    CHART_WIDTH,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    SERIES_COLOURS,
    Axis,
    nice_ceiling,
)
from minsheng.core.errors import NotFound
from minsheng.core.regions import COUNTY
from minsheng.registry.models import EmploymentStatus, KeyGroup
from minsheng.registry.rollups import (
    GROUP_KEYS,
    LONG_TERM_UNEMPLOYED,
    NO_STATUS,
    STATUS_KEYS,
    Month,
    Rollup,
    region_rollup,
    stored_rollup_total,
)


def parse_day(raw: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(raw or "")
    except ValueError:
        return None


def group_labels() -> dict[str, str]:
    labels = {group.value: group.label for group in KeyGroup}
    return labels | {LONG_TERM_UNEMPLOYED: _("Long-term unemployed")}


def status_labels() -> dict[str, str]:
    labels = {status.value: status.label for status in EmploymentStatus}
    return labels | {NO_STATUS: _("No status recorded")}


def month_ticks(trend: list[Month]) -> list[dict]:
    """x centre and label of each month; the year is written under the first and January."""
    slot = (CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / len(trend)
    return [
        {
            "x": round(MARGIN_LEFT + slot * (index + 0.5), 1),
            "slot": slot,
            # "11" in English, "11月" in Chinese: a month number alone stays legible.
            "label": pgettext("month on a chart axis", "%(month)s") % {"month": month.start.month},
            "year": month.start.year if index == 0 or month.start.month == 1 else None,
        }
        for index, month in enumerate(trend)
    ]


def size_chart(trend: list[Month]) -> dict:
    """Bars: people on the ledger at each month's end."""
    axis = Axis(*nice_ceiling(max(month.on_ledger for month in trend)))
    ticks = month_ticks(trend)
    bar_width = round(ticks[0]["slot"] * 0.6, 1)
    bars = [
        {
            "x": round(tick["x"] - bar_width / 2, 1),
            "y": axis.y(month.on_ledger),
            "width": bar_width,
            "height": round(axis.y(0) - axis.y(month.on_ledger), 1),
            "centre": tick["x"],
            "value": month.on_ledger,
        }
        for tick, month in zip(ticks, trend, strict=True)
    ]
    return {"grid": axis.grid(), "ticks": ticks, "bars": bars, "baseline": axis.y(0)}


def flow_chart(trend: list[Month]) -> dict:
    """Lines: entries, exits and exits into work per month."""
    series = (
        (_("Entries"), [month.entries for month in trend]),
        (_("Exits"), [month.exits for month in trend]),
        (_("Exits into work"), [month.employed_exits for month in trend]),
    )
    axis = Axis(*nice_ceiling(max(max(values) for _label, values in series)))
    ticks = month_ticks(trend)
    lines = []
    for index, ((label, values), colour) in enumerate(zip(series, SERIES_COLOURS, strict=True)):
        points = [(tick["x"], axis.y(value)) for tick, value in zip(ticks, values, strict=True)]
        lines.append(
            {
                "label": label,
                "colour": colour,
                "points": " ".join(f"{x},{y}" for x, y in points),
                "dots": [
                    {"x": x, "y": y, "value": v} for (x, y), v in zip(points, values, strict=True)
                ],
                "legend_x": MARGIN_LEFT + index * 180,
            }
        )
    return {"grid": axis.grid(), "ticks": ticks, "lines": lines, "baseline": axis.y(0)}


def breakdown_rows(rollup: Rollup, attribute: str, keys: tuple[str, ...]) -> list[dict]:
    rows = [
        {"figures": row, "counts": [getattr(row, attribute)[key] for key in keys]}
        for row in rollup.children
    ]
    total = getattr(rollup.total, attribute)
    return [*rows, {"figures": rollup.total, "counts": [total[key] for key in keys], "total": 1}]


def rollup_context(rollup: Rollup) -> dict:
    groups, statuses = group_labels(), status_labels()
    return {
        "rollup": rollup,
        "drill_down": rollup.level < COUNTY,
        "group_headers": [groups[key] for key in GROUP_KEYS],
        "group_rows": breakdown_rows(rollup, "by_group", GROUP_KEYS),
        "status_headers": [statuses[key] for key in STATUS_KEYS],
        "status_rows": breakdown_rows(rollup, "by_status", STATUS_KEYS),
        "size_chart": size_chart(rollup.trend),
        "flow_chart": flow_chart(rollup.trend),
        "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT, "left": MARGIN_LEFT},
    }


@login_required
def region_rollup_view(request):
    """Figures for `?region=` (default: the user's own) as of `?as_of=`, period from `?start=`."""
    try:
        rollup = region_rollup(
            actor=request.user,
            region_code=request.GET.get("region") or None,
            as_of=parse_day(request.GET.get("as_of")),
            period_start=parse_day(request.GET.get("start")),
        )
    except NotFound:
        raise Http404 from None
    return render(request, "registry/rollups.html", rollup_context(rollup))


def rollup_panel(user) -> dict:
    """The dashboard's short summary of the user's own region (nothing without a region)."""
    try:
        stored = stored_rollup_total(actor=user)
        if stored is not None:
            total, as_of, period_start = stored
            return {"total": total, "as_of": as_of, "period_start": period_start, "stored": True}
        rollup = region_rollup(actor=user)
    except NotFound:
        return {}
    return {"total": rollup.total, "as_of": rollup.as_of, "period_start": rollup.period_start}
