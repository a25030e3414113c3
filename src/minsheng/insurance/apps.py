from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsuranceConfig(AppConfig):
    name = "minsheng.insurance"
    label = "insurance"
    verbose_name = _("Social insurance")

    def ready(self) -> None:
        # Navigation entries, panels and person sections are registered here as they are built.
        from minsheng.core.models import Role
        from minsheng.core.navigation import NavItem, register_nav

        estimators = frozenset({Role.CITIZEN, Role.INSURANCE_CLERK})
        register_nav(NavItem(_("Pension estimate"), "pension_estimate", estimators, order=60))
        register_contribution_pages()
        from minsheng.insurance.benefit_pages import register_benefit_pages

        register_benefit_pages()


def register_contribution_pages() -> None:
    """Enrolment, declarations, arrears and accounts: navigation, panels, the person section."""
    from minsheng.core.models import Role
    from minsheng.core.navigation import (
        NavItem,
        Panel,
        PersonSection,
        register_nav,
        register_panel,
        register_person_section,
    )
    from minsheng.insurance import sections
    from minsheng.insurance.permissions import INSURANCE_READERS

    employers, citizens = frozenset({Role.EMPLOYER}), frozenset({Role.CITIZEN})
    register_nav(NavItem(_("Social insurance"), "insurance_our_employees", employers, order=53))
    register_nav(NavItem(_("Declare contributions"), "insurance_declare", employers, order=54))
    register_nav(NavItem(_("My social insurance"), "insurance_mine", citizens, order=59))
    register_nav(NavItem(_("Insured people"), "insurance_enrolments", INSURANCE_READERS, order=57))
    register_nav(
        NavItem(_("Contribution arrears"), "insurance_arrears", INSURANCE_READERS, order=58)
    )
    for title, template, roles, context, order in (
        (_("Social insurance"), "_employer_panel", employers, sections.employer_panel, 14),
        (_("Your pension account"), "_citizen_panel", citizens, sections.citizen_panel, 14),
        (_("Social insurance"), "_staff_panel", INSURANCE_READERS, sections.staff_panel, 32),
    ):
        register_panel(Panel(title, f"insurance/{template}.html", roles, context, order=order))
    register_person_section(
        PersonSection(
            _("Social insurance"), "insurance/_person_section.html", sections.person_section, 108
        )
    )
