from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "minsheng.registry"
    label = "registry"
    verbose_name = _("Real-name ledger")

    def ready(self) -> None:
        from minsheng.core.models import STAFF_ROLES, Role
        from minsheng.core.navigation import NavItem, Panel, register_nav, register_panel
        from minsheng.registry.dedup import DEDUP_ROLES
        from minsheng.registry.imports import IMPORT_ROLES
        from minsheng.registry.rollup_views import rollup_panel
        from minsheng.registry.rollups import ROLLUP_ROLES
        from minsheng.registry.selectors import CASE_ROLES, people_overview, person_list

        register_nav(NavItem(_("People"), "people", CASE_ROLES, order=10))
        register_nav(NavItem(_("Ledger"), "ledger", CASE_ROLES, order=11))
        register_nav(NavItem(_("Duplicates"), "dedup_list", DEDUP_ROLES, order=12))
        register_nav(NavItem(_("Import and export"), "import_upload", IMPORT_ROLES, order=13))
        # Region figures are aggregates only, so analysts see them too.
        register_nav(NavItem(_("Region figures"), "region_rollups", ROLLUP_ROLES, order=30))

        register_panel(
            Panel(
                _("People in your region"),
                "registry/_people_panel.html",
                STAFF_ROLES,
                lambda user: people_overview(actor=user),
                order=10,
            )
        )
        register_panel(
            Panel(
                _("Region figures"),
                "registry/_rollup_panel.html",
                frozenset({Role.SUPERVISOR}),
                rollup_panel,
                order=15,
            )
        )
        register_panel(
            Panel(
                _("Your record"),
                "registry/_own_record_panel.html",
                frozenset({Role.CITIZEN}),
                lambda user: {"people": person_list(actor=user).prefetch_related("memberships")},
                order=10,
            )
        )
