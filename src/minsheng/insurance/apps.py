from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsuranceConfig(AppConfig):
    name = "minsheng.insurance"
    label = "insurance"
    verbose_name = _("Social insurance")

    def ready(self) -> None:
        # Navigation entries, panels and person sections are registered here as they are built.
        pass
