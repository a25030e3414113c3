from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "minsheng.registry"
    label = "registry"
    verbose_name = _("Real-name ledger")

    def ready(self) -> None:
        from minsheng.core.models import STAFF_ROLES
        from minsheng.core.navigation import NavItem, Panel, register_nav, register_panel
        from minsheng.registry.selectors import CASE_ROLES, people_overview

        register_nav(NavItem(_("People"), "people", CASE_ROLES, order=10))
        register_panel(
            Panel(
                _("People in your region"),
                "registry/_people_panel.html",
                STAFF_ROLES,
                lambda user: people_overview(actor=user),
                order=10,
            )
        )
