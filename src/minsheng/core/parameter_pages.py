"""Pages of the legal parameters: every file under `rules/`, grouped by folder, with its
description and unit in the reader's language, legal reference and every dated value; and one
page per parameter.

A value is shown as rows of (what, value): a region-keyed value names its regions, a table
(by age, by category…) shows one row per entry, a list is joined.
"""

from dataclasses import dataclass
from itertools import groupby

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from minsheng.core import parameters
from minsheng.core.pages import signed_in
from minsheng.core.regions import region_tree

# A table with more rows than this is folded on the list page.
FOLD_ROWS = 8


@dataclass(frozen=True)
class DatedValue:
    start: object
    rows: tuple[tuple[str, str], ...]
    in_force: bool


@dataclass(frozen=True)
class ParameterView:
    name: str
    leaf: str
    description: str
    unit: str
    reference: str
    history: tuple[DatedValue, ...]

    @property
    def path(self) -> str:
        return parameters.file_of(self.name)


def key_text(key) -> str:
    """A region code as its name; any other key as it is written."""
    region = region_tree().get(str(key)) if str(key).isdigit() and len(str(key)) == 6 else None
    return f"{region.name} ({key})" if region else str(key)


def scalar_text(value) -> str:
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, list):
        return ", ".join(scalar_text(item) for item in value)
    return str(value)


def value_rows(value, prefix: str = "") -> list[tuple[str, str]]:
    """Nested values flattened to (path, text) rows: `male › step_months: 4`."""
    if not isinstance(value, dict):
        return [(prefix, scalar_text(value))]
    rows = []
    for key, item in value.items():
        path = f"{prefix} › {key_text(key)}" if prefix else key_text(key)
        rows.extend(value_rows(item, path))
    return rows


def parameter_view(found: parameters.Parameter, today) -> ParameterView:
    current = max((start for start, _ in found.values if start <= today), default=None)
    return ParameterView(
        name=found.name,
        leaf=found.name.rsplit(".", 1)[-1],
        description=found.description,
        unit=found.unit,
        reference=found.reference,
        history=tuple(
            DatedValue(start, tuple(value_rows(value)), start == current)
            for start, value in reversed(found.values)
        ),
    )


def folder_of(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else ""


@signed_in
def parameter_list(request):
    today = timezone.localdate()
    views = [parameter_view(found, today) for found in parameters.all_parameters().values()]
    views.sort(key=lambda view: (folder_of(view.name), view.name))
    groups = [
        (folder or "—", list(members))
        for folder, members in groupby(views, key=lambda view: folder_of(view.name))
    ]
    return render(
        request,
        "core/parameter_list.html",
        {"groups": groups, "today": today, "fold_rows": FOLD_ROWS},
    )


@signed_in
def parameter_detail(request, name: str):
    try:
        found = parameters.parameter(name)
    except parameters.ParameterError:
        raise Http404 from None
    view = parameter_view(found, timezone.localdate())
    return render(request, "core/parameter_detail.html", {"parameter": view})
