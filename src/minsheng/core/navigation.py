"""What each role sees: navigation entries and dashboard panels, contributed by the apps.

Core knows no app; each app registers its entries in its AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str]
    order: int = 100


@dataclass(frozen=True)
class Panel:
    title: str | Promise
    template: str
    roles: frozenset[str]
    context: Callable[..., dict]
    order: int = 100


@dataclass(frozen=True)
class PersonSection:
    """A section of the person page contributed by another app (services, pairing, skills…)."""

    title: str | Promise
    template: str
    context: Callable[..., dict]  # (actor, person) -> template data
    order: int = 100


NAV_ITEMS: list[NavItem] = []
PANELS: list[Panel] = []
PERSON_SECTIONS: list[PersonSection] = []


def register_nav(item: NavItem) -> None:
    NAV_ITEMS.append(item)


def register_panel(panel: Panel) -> None:
    PANELS.append(panel)


def register_person_section(section: PersonSection) -> None:
    PERSON_SECTIONS.append(section)


def person_sections_for(actor, person) -> list[dict]:
    sections = sorted(PERSON_SECTIONS, key=lambda section: section.order)
    return [
        {"title": s.title, "template": s.template, "context": s.context(actor, person)}
        for s in sections
    ]


def nav_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    items = sorted((i for i in NAV_ITEMS if user.role in i.roles), key=lambda i: i.order)
    return [{"label": item.label, "url": reverse(item.url_name)} for item in items]


def panels_for(user) -> list[dict]:
    panels = sorted((p for p in PANELS if user.role in p.roles), key=lambda p: p.order)
    return [
        {"title": panel.title, "template": panel.template, "context": panel.context(user)}
        for panel in panels
    ]


def navigation(request) -> dict:
    """Template context processor: the signed-in user's navigation."""
    return {"nav_items": nav_for(request.user) if hasattr(request, "user") else []}
