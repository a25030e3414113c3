"""Statistics pages: the list of releases, a release's page (shortage ranking, a city's top-20,
salary percentiles, the reference pay guide and minimum wages, with charts), CSV / XLSX
downloads of each table, and review / publish for authorised staff.

Published releases are read by every signed-in user; drafts by statistics staff (the selectors
decide). Every page and every download names the snapshot its figures came from.
"""

import csv
import io
from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError
from minsheng.core.pages import page_of, signed_in
from minsheng.core.regions import CITY, NATIONAL_CODE, region_tree
from minsheng.core.skill_levels import SkillLevel
from minsheng.jobs.selectors import industry_choices
from minsheng.labour_market import charts, selectors, services
from minsheng.labour_market.engine.periods import Period
from minsheng.labour_market.engine.statistics import RELEASE_TABLES
from minsheng.labour_market.models import PUBLISHING_ROLES, ReleaseStatus
from minsheng.occupations.engine.taxonomy import Taxonomy

# The salary tables shown on the page, in order, with the key columns each is broken down by.
SALARY_TABLES = (
    ("salary_by_medium_group", ("medium_group",)),
    ("salary_by_occupation", ("medium_group", "occupation_code")),
    ("salary_by_skill_level", ("skill_level",)),
    ("salary_by_city", ("city_code",)),
    ("salary_by_industry", ("industry",)),
)
RANGE_CHART_ROWS = 8
GAP_CHART_ROWS = 20


def table_titles() -> dict[str, str]:
    return {
        "shortage_cells": _("Demand and seekers by city and occupation"),
        "shortage_city_top": _("Each city's top 20 occupations by gap"),
        "shortage_national": _("Shortage ranking (top 100)"),
        "salary_total": _("Annual pay, all observations"),
        "salary_by_medium_group": _("Annual pay by medium occupation group"),
        "salary_by_occupation": _("Annual pay by occupation"),
        "salary_by_skill_level": _("Annual pay by skill level"),
        "salary_by_city": _("Annual pay by region"),
        "salary_by_industry": _("Annual pay by industry"),
        "salary_by_city_skill_level": _("Annual pay by region and skill level"),
        "pay_guide": _("Reference pay guide for skilled workers"),
    }


def occupation_name(code: str | None) -> str:
    entry = Taxonomy.default().get(code or "")
    return entry.name if entry else ""


def region_name(code: str | None) -> str:
    info = region_tree().get(code or "")
    return info.name if info else (code or "")


def key_label(key: str, value) -> str:
    """A readable label for a salary cell's key value."""
    if value is None:
        return "—"
    if key in ("medium_group", "occupation_code"):
        return f"{value} {occupation_name(value)}".strip()
    if key == "skill_level":
        return str(SkillLevel(int(value)).label)
    if key == "city_code":
        return region_name(value)
    if key == "industry":
        label = dict(industry_choices()).get(value)
        return f"{value} {label}" if label else str(value)
    return str(value)


def salary_rows(cells: list[dict], keys: tuple[str, ...]) -> list[dict]:
    return [
        {
            "keys": [key_label(key, cell.get(key)) for key in keys],
            "n": cell["n"],
            "values": [cell[f"p{p}"] for p in (10, 25, 50, 75, 90)],
            "suppressed": bool(cell.get("suppressed")),
        }
        for cell in cells
    ]


def cities_of(release, city_rows: list[dict]) -> list[tuple[str, str]]:
    codes = sorted({row["city_code"] for row in city_rows})
    return [(code, region_name(code)) for code in codes]


def chosen_city(request, release, cities: list[tuple[str, str]]) -> str | None:
    wanted = request.GET.get("city", "")
    known = [code for code, _name in cities]
    if wanted in known:
        return wanted
    if release.region_id in known:
        return release.region_id
    return known[0] if known else None


def range_chart_items(occupation_cells: list[dict]) -> list[tuple[str, dict]]:
    """The occupations with the most observations among the published cells."""
    published = [c for c in occupation_cells if not c.get("suppressed") and c["p90"] is not None]
    published.sort(key=lambda c: (-c["n"], c["occupation_code"]))
    return [
        (occupation_name(c["occupation_code"]) or c["occupation_code"], c)
        for c in published[:RANGE_CHART_ROWS]
    ]


def minimum_wages_for(release) -> tuple[str, list[dict]]:
    """The minimum wages of the release's province (a national release: none is chosen)."""
    code = release.region_id
    if code == NATIONAL_CODE:
        return "", []
    province = code[:2] + "0000"
    day = Period.parse(release.period).end
    return region_name(province), selectors.minimum_wage_overview(province_code=province, day=day)


@signed_in
def release_list(request):
    releases = selectors.release_list(actor=request.user).order_by(
        "-period", "-generated_at", "-pk"
    )
    page, query = page_of(request, releases)
    return render(request, "labour_market/release_list.html", {"page": page, "query": query})


def paged(request, rows: list, name: str) -> dict:
    """One list of the release page, paginated under its own parameter (``<name>_page``)."""
    param = f"{name}_page"
    page, query = page_of(request, rows, param=param)
    return {"page": page, "query": query, "param": param, "anchor": name}


def chosen_medium_group(request, groups: list[tuple[str, str]]) -> str:
    """The medium group whose occupations are listed ("" for every occupation)."""
    wanted = request.GET.get("medium_group", "")
    return wanted if wanted in {code for code, _label in groups} else ""


def salary_tables(request, release, actor) -> dict:
    """Each salary table with its page of rows, the occupation table only for the medium group
    chosen (if any); and all the occupation cells, for the pay-range chart."""
    cells_of = {
        name: selectors.salary_cells(actor=actor, release=release, breakdown=name)
        for name, _keys in SALARY_TABLES
    }
    groups = [
        (cell["medium_group"], key_label("medium_group", cell["medium_group"]))
        for cell in cells_of["salary_by_medium_group"]
    ]
    group = chosen_medium_group(request, groups)
    tables = []
    for name, keys in SALARY_TABLES:
        cells = cells_of[name]
        if name == "salary_by_occupation" and group:
            cells = [cell for cell in cells if cell["medium_group"] == group]
        listing = paged(request, cells, name)
        listing.update(
            name=name,
            title=table_titles()[name],
            key_titles=[key_title(key) for key in keys],
            rows=salary_rows(listing["page"].object_list, keys),
        )
        tables.append(listing)
    return {
        "tables": tables,
        "occupation_cells": cells_of["salary_by_occupation"],
        "medium_groups": groups,
        "medium_group": group,
    }


@signed_in
def release_detail(request, release_id: int):
    """One page per release; each long list on it is paginated (`paged`), while the charts
    always show the top entries and the downloads every row."""
    actor = request.user
    release = selectors.release_get(actor=actor, release_id=release_id)
    ranking = selectors.shortage_ranking(actor=actor, release=release)
    city_rows = selectors.release_table(
        actor=actor, release=release, name="shortage_city_top"
    ).to_pylist()
    cities = cities_of(release, city_rows)
    city = chosen_city(request, release, cities)
    city_top = [row for row in city_rows if row["city_code"] == city]
    salary = salary_tables(request, release, actor)
    guide = paged(request, selectors.pay_guide(actor=actor, release=release), "guide")
    for row in guide["page"].object_list:
        row["city_name"] = region_name(row["city_code"])
        row["level_name"] = key_label("skill_level", row["skill_level"])
    province_name, minimum_wages = minimum_wages_for(release)
    context = {
        "release": release,
        "snapshot": release.snapshot.name,
        "ranking": paged(request, ranking, "ranking"),
        "gap_chart": charts.horizontal_bars(
            [(f"{r['occupation_name'] or r['occupation_code']}", r["total_gap"]) for r in ranking][
                :GAP_CHART_ROWS
            ]
        ),
        "cities": cities,
        "city": city,
        "city_name": region_name(city),
        "city_top": city_top,
        "city_chart": charts.horizontal_bars(
            [
                (occupation_name(r["occupation_code"]) or r["occupation_code"], r["gap"])
                for r in city_top
            ]
        ),
        "salary": salary["tables"],
        "medium_groups": salary["medium_groups"],
        "medium_group": salary["medium_group"],
        "range_chart": charts.pay_ranges(range_chart_items(salary["occupation_cells"])),
        "guide": guide,
        "method": selectors.pay_guide_method()["text"],
        "province_name": province_name,
        "minimum_wages": minimum_wages,
        "titles": table_titles(),
        "downloads": [name for name in RELEASE_TABLES if name in release.tables],
        "can_review": actor.role in PUBLISHING_ROLES and release.status == ReleaseStatus.DRAFT,
        "can_publish": actor.role in PUBLISHING_ROLES and release.status == ReleaseStatus.REVIEWED,
        "region_name": region_name(release.region_id),
        "city_level": CITY,
    }
    return render(request, "labour_market/release_detail.html", context)


def key_title(key: str) -> str:
    return {
        "medium_group": _("Medium group"),
        "occupation_code": _("Occupation"),
        "skill_level": _("Skill level"),
        "city_code": _("Region"),
        "industry": _("Industry"),
    }[key]


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


@signed_in
def release_download(request, release_id: int, name: str, file_format: str):
    """A table as CSV or XLSX; the file's name and every row name the snapshot."""
    release = selectors.release_get(actor=request.user, release_id=release_id)
    city = request.GET.get("city") or None
    try:
        table = selectors.release_table(
            actor=request.user, release=release, name=name, city_code=city
        )
    except DomainError:
        raise Http404 from None
    filename = f"{release.period}-{release.region_id}-{name}-{release.snapshot.name}"
    columns, rows = table.column_names, table.to_pylist()
    if file_format == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # a BOM, so spreadsheet programs read the Chinese names
        writer = csv.writer(response)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell_text(row[c]) for c in columns])
    else:
        response = HttpResponse(content_type=XLSX)
        response.write(xlsx_bytes(release, name, columns, rows))
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    response["X-Snapshot"] = release.snapshot.name
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(release, name: str, columns: list[str], rows: list[dict]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(name[:31])
    for row in ([columns], ([row[c] for c in columns] for row in rows)):
        for values in row:
            sheet.append([float(v) if isinstance(v, Decimal) else v for v in values])
    about = book.create_sheet("about")
    about.append(["period", release.period])
    about.append(["region", release.region_id])
    about.append(["status", release.status])
    about.append(["snapshot", release.snapshot.name])
    about.append(["snapshot_as_of", release.snapshot.as_of.isoformat()])
    book.properties.title = f"{release.period} {name}"
    book.properties.subject = f"snapshot {release.snapshot.name}"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _staff_action(request, release_id: int, action) -> HttpResponse:
    release = selectors.release_get(actor=request.user, release_id=release_id)
    if request.user.role not in PUBLISHING_ROLES:
        raise Http404
    try:
        action(release)
    except DomainError as error:
        messages.error(request, error.message_in(get_language() or "zh-hans"))
    return redirect("statistics_release", release.pk)


@signed_in
@require_POST
def release_review(request, release_id: int):
    def review(release):
        services.review_release(
            actor=request.user, release=release, note=request.POST.get("note", "")
        )
        messages.success(request, _("The release is marked as reviewed."))

    return _staff_action(request, release_id, review)


@signed_in
@require_POST
def release_publish(request, release_id: int):
    def publish(release):
        services.publish_release(actor=request.user, release=release)
        messages.success(request, _("The release is published."))

    return _staff_action(request, release_id, publish)
