from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "minsheng.core"
    label = "core"
    verbose_name = _("Platform core")

    def ready(self) -> None:
        from minsheng.core.models import STAFF_ROLES, Role
        from minsheng.core.navigation import NavItem, register_nav

        everyone = frozenset(Role)
        auditors = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.FUND_SUPERVISOR})
        register_nav(NavItem(_("Dashboard"), "dashboard", everyone, order=0))
        register_nav(NavItem(_("Regions"), "regions", STAFF_ROLES, order=80))
        register_nav(NavItem(_("Check an ID"), "identifier_check", STAFF_ROLES, order=85))
        register_nav(NavItem(_("Audit log"), "audit_log", auditors, order=90))
        register_nav(NavItem(_("Legal parameters"), "parameters", everyone, order=92))
        register_nav(NavItem(_("API tokens"), "api_tokens", everyone, order=95))
