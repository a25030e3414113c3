"""`{% load parameters %}`: `{% rule_link name %}` names a legal parameter where a page applies it.

The reader sees what the parameter is, in their language, linked to its page; the dotted name
stays in the link's title, for staff. A name the rules do not know is shown as it is written.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from minsheng.core import parameters

register = template.Library()


@register.simple_tag
def rule_link(name: str) -> str:
    try:
        found = parameters.parameter(name)
    except parameters.ParameterError:
        return format_html('<code class="rule-link">{}</code>', name or "")
    return format_html(
        '<a class="rule-link" href="{}" title="{}">{}</a>',
        reverse("parameter", args=[name]),
        name,
        found.headline,
    )
