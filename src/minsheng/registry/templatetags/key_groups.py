"""`{% load key_groups %}`: a key-group membership's details as labelled facts."""

from django import template

from minsheng.registry.memberships import membership_facts

register = template.Library()
register.filter("membership_facts", membership_facts)
