"""`{% load skills %}`: occupation names, level labels and certificate numbers as printed."""

from django import template

from minsheng.core.skill_levels import SkillLevel
from minsheng.registry.occupations import occupation_name
from minsheng.skills.certificate_numbers import grouped

register = template.Library()
register.filter("occupation_name", occupation_name)
register.filter("certificate_number", grouped)


@register.filter
def level_label(value: int | None) -> str:
    return str(SkillLevel(value).label) if value in SkillLevel.values else ""
