from django import template

from minsheng.insurance.statement import province_name as name_of_province

register = template.Library()


@register.filter
def province_name(code: str) -> str:
    return name_of_province(code or "")
