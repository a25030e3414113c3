"""Navigation entries of unemployment benefit and personal pensions (registered by the app)."""

from django.utils.translation import gettext_lazy as _


def register_benefit_pages() -> None:
    from minsheng.core.models import Role
    from minsheng.core.navigation import NavItem, register_nav
    from minsheng.insurance.permissions import INSURANCE_READERS

    citizens = frozenset({Role.CITIZEN})
    for label, url_name, roles, order in (
        (_("Unemployment benefit"), "unemployment_claims", INSURANCE_READERS, 61),
        (_("Personal pensions"), "personal_pension_accounts", INSURANCE_READERS, 62),
        (_("My unemployment benefit"), "unemployment_mine", citizens, 61),
        (_("My personal pension"), "personal_pension_mine", citizens, 62),
    ):
        register_nav(NavItem(label, url_name, roles, order=order))
