from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "minsheng.skills"
    label = "skills"
    verbose_name = _("Vocational skills and training")
