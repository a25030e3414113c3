from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "minsheng.assistance"
    label = "assistance"
    verbose_name = _("Employment services and paired assistance")
