from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "minsheng.assistance"
    label = "assistance"
    verbose_name = _("Employment services and paired assistance")

    def ready(self) -> None:
        from minsheng.assistance import sections
        from minsheng.core.models import Role
        from minsheng.core.navigation import (
            NavItem,
            Panel,
            PersonSection,
            register_nav,
            register_panel,
            register_person_section,
        )
        from minsheng.registry.selectors import CASE_ROLES

        caseworkers = frozenset({Role.CASEWORKER})
        register_nav(NavItem(_("My people today"), "assistance_today", caseworkers, order=15))
        register_nav(NavItem(_("1131 overdue"), "assistance_overdue", CASE_ROLES, order=20))
        register_nav(NavItem(_("Paired assistance"), "assistance_pairing", CASE_ROLES, order=25))
        register_panel(
            Panel(
                _("Today"),
                "assistance/_today_panel.html",
                caseworkers,
                sections.today_panel,
                order=5,
            )
        )
        register_panel(
            Panel(
                _("1131 services and paired assistance"),
                "assistance/_region_panel.html",
                CASE_ROLES,
                sections.region_panel,
                order=20,
            )
        )
        register_person_section(
            PersonSection(
                _("1131 services"), "assistance/_services_section.html", sections.services_section
            )
        )
        register_person_section(
            PersonSection(
                _("Paired assistance"),
                "assistance/_pairing_section.html",
                sections.pairing_section,
                order=110,
            )
        )
