"""What the audit log keeps of the registry's writes."""

from minsheng.core import audit
from minsheng.core.masking import mask_identity_number, mask_phone
from minsheng.registry.models import Person


def person_facts(person: Person) -> dict:
    """What the audit log keeps of a person: identifiers masked, like every other reader sees."""
    return {
        "identity_number": mask_identity_number(person.identity_number),
        "name": person.name,
        "phone": mask_phone(person.phone),
        "region": person.region_id,
        "education": person.education,
        "school": person.school,
        "major": person.major,
        "graduation_date": person.graduation_date,
        "version": person.version,
    }


audit_change = audit.record_object  # the app's audited changes to its rows
