from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabourMarketConfig(AppConfig):
    name = "minsheng.labour_market"
    label = "labour_market"
    verbose_name = _("Labour-market statistics")

    def ready(self) -> None:
        from minsheng.core.models import Role
        from minsheng.core.navigation import NavItem, register_nav

        # Published releases are readable by everyone signed in (from the release's link);
        # the navigation entry is for the people who make, review and use the statistics.
        staff = frozenset({Role.ADMIN, Role.ANALYST, Role.SUPERVISOR})
        register_nav(NavItem(_("Labour-market statistics"), "statistics_releases", staff, order=60))
