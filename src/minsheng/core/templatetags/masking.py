"""`{% load masking %}`: identity numbers and phones are masked wherever a page shows them."""

from django import template

from minsheng.core.masking import mask_identity_number, mask_phone

register = template.Library()
register.filter("mask_identity", mask_identity_number)
register.filter("mask_phone", mask_phone)
