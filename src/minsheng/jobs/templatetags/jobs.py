"""`{% load jobs %}`: occupation names, requirement labels and the reasons of a match."""

from django import template

from minsheng.core.skill_levels import SkillLevel
from minsheng.jobs.explain import explain
from minsheng.jobs.profiles import occupation_name
from minsheng.registry.models import Education

register = template.Library()
register.filter("occupation_name", occupation_name)
register.filter("why", explain)


@register.filter
def education_label(value: str) -> str:
    return str(Education(value).label) if value in Education.values else ""


@register.filter
def skill_label(value: int | None) -> str:
    return str(SkillLevel(value).label) if value in SkillLevel.values else ""
