"""Writes and audited reads of the real-name ledger."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.errors import DomainError
from minsheng.core.models import User
from minsheng.registry.models import Person

MINIMUM_REASON_LENGTH = 4


def reveal_identity_number(*, actor: User, person: Person, reason: str) -> str:
    """The full identity number, for a stated reason that goes into the audit log."""
    reason = (reason or "").strip()
    if len(reason) < MINIMUM_REASON_LENGTH:
        raise DomainError(
            "reason_required",
            _("State why you need the full identity number (at least 4 characters)."),
            field="reason",
        )
    with transaction.atomic():
        audit.record_read(
            actor,
            object_type="registry.person",
            object_id=str(person.pk),
            field="identity_number",
            reason=reason,
            region_code=person.region_id,
        )
    return person.identity_number
