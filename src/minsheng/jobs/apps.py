from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "minsheng.jobs"
    label = "jobs"
    verbose_name = _("Recruitment docking")

    def ready(self) -> None:
        from minsheng.core.models import Role
        from minsheng.core.navigation import Panel, register_panel
        from minsheng.jobs.selectors import employer_list

        register_panel(
            Panel(
                _("Your employer"),
                "jobs/_employer_panel.html",
                frozenset({Role.EMPLOYER}),
                lambda user: {"employers": employer_list(actor=user)},
                order=10,
            )
        )
