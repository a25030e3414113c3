"""`{% load audit_labels %}`: an audit event's action and object type in the reader's language."""

from django import template

from minsheng.core.audit_labels import action_label, object_type_label

register = template.Library()
register.filter("action_label", action_label)
register.filter("object_type_label", object_type_label)
