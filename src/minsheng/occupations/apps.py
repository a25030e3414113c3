from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OccupationsConfig(AppConfig):
    name = "minsheng.occupations"
    label = "occupations"
    verbose_name = _("Occupational classification")

    def ready(self) -> None:
        from minsheng.core.models import STAFF_ROLES
        from minsheng.core.navigation import NavItem, register_nav

        register_nav(NavItem(_("Occupations"), "occupations", STAFF_ROLES, order=40))
        register_nav(NavItem(_("Coding review"), "occupation_reviews", STAFF_ROLES, order=41))
