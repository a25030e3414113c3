from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "minsheng.jobs"
    label = "jobs"
    verbose_name = _("Recruitment docking")

    def ready(self) -> None:
        from minsheng.core.models import Role
        from minsheng.core.navigation import (
            NavItem,
            Panel,
            PersonSection,
            register_nav,
            register_panel,
            register_person_section,
        )
        from minsheng.jobs import sections
        from minsheng.jobs.selectors import employer_list
        from minsheng.jobs.services import JOBS_STAFF

        employers, citizens = frozenset({Role.EMPLOYER}), frozenset({Role.CITIZEN})
        register_nav(NavItem(_("Our vacancies"), "jobs_our_vacancies", employers, order=50))
        register_nav(NavItem(_("Post a vacancy"), "jobs_vacancy_post", employers, order=51))
        register_nav(NavItem(_("Recruitment fairs"), "jobs_employer_fairs", employers, order=52))
        register_nav(NavItem(_("Vacancies"), "jobs_vacancies", JOBS_STAFF, order=45))
        register_nav(NavItem(_("Employers"), "jobs_employers", JOBS_STAFF, order=46))
        campaign_readers = JOBS_STAFF | {Role.ANALYST}
        register_nav(NavItem(_("Campaigns"), "jobs_campaigns", campaign_readers, order=47))
        register_nav(NavItem(_("Jobs for you"), "jobs_mine", citizens, order=50))
        register_nav(NavItem(_("Find a job"), "jobs_search", citizens, order=51))

        register_panel(
            Panel(
                _("Your employer"),
                "jobs/_employer_panel.html",
                employers,
                lambda user: {"employers": employer_list(actor=user)},
                order=10,
            )
        )
        register_panel(
            Panel(
                _("Our vacancies"),
                "jobs/_employer_vacancies_panel.html",
                employers,
                sections.employer_vacancies_panel,
                order=11,
            )
        )
        register_panel(
            Panel(
                _("Jobs for you"),
                "jobs/_citizen_panel.html",
                citizens,
                sections.citizen_panel,
                order=12,
            )
        )
        register_panel(
            Panel(
                _("Recruitment"),
                "jobs/_staff_panel.html",
                JOBS_STAFF,
                sections.staff_panel,
                order=30,
            )
        )
        register_person_section(
            PersonSection(
                _("Jobs"), "jobs/_person_section.html", sections.person_jobs_section, order=105
            )
        )
