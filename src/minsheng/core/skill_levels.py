"""The "new eight-level worker" system (2022): skill levels in their order, lowest first."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SkillLevel(models.IntegerChoices):
    APPRENTICE = 1, _("Apprentice")
    JUNIOR_WORKER = 2, _("Junior worker")
    INTERMEDIATE_WORKER = 3, _("Intermediate worker")
    SENIOR_WORKER = 4, _("Senior worker")
    TECHNICIAN = 5, _("Technician")
    SENIOR_TECHNICIAN = 6, _("Senior technician")
    SPECIAL_GRADE_TECHNICIAN = 7, _("Special-grade technician")
    CHIEF_TECHNICIAN = 8, _("Chief technician")


# The national grade printed on skill-level certificates (五级 … 一级) for the levels that had
# one before 2022; apprentices and the two levels above senior technician have none.
CERTIFICATE_GRADE = {
    SkillLevel.JUNIOR_WORKER: 5,
    SkillLevel.INTERMEDIATE_WORKER: 4,
    SkillLevel.SENIOR_WORKER: 3,
    SkillLevel.TECHNICIAN: 2,
    SkillLevel.SENIOR_TECHNICIAN: 1,
}
