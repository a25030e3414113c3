from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "minsheng.skills"
    label = "skills"
    verbose_name = _("Vocational skills and training")

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
        from minsheng.skills import sections
        from minsheng.skills.services import SKILLS_STAFF

        everyone, citizens = frozenset(Role), frozenset({Role.CITIZEN})
        register_nav(NavItem(_("Training courses"), "skills_catalogue", everyone, order=55))
        register_nav(NavItem(_("Our courses"), "skills_courses", SKILLS_STAFF, order=48))
        register_nav(NavItem(_("Skill shortages"), "skills_shortage", SKILLS_STAFF, order=49))
        register_panel(
            Panel(
                _("Your training"),
                "skills/_citizen_panel.html",
                citizens,
                sections.citizen_panel,
                order=13,
            )
        )
        register_panel(
            Panel(
                _("Training"),
                "skills/_staff_panel.html",
                SKILLS_STAFF,
                sections.staff_panel,
                order=31,
            )
        )
        register_person_section(
            PersonSection(
                _("Skills"),
                "skills/_person_section.html",
                sections.person_skills_section,
                order=107,
            )
        )
