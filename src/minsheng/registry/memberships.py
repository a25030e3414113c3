"""The facts each key group carries, checked before a membership is written and shown in the
reader's language.

College graduates keep school, major, education and graduation date on the person itself (they
describe the person, not the membership); the other groups keep theirs in `details`.
"""

import datetime

from django.template.defaultfilters import yesno
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import DomainError
from minsheng.core.regions import region_tree
from minsheng.registry.models import Education, KeyGroup, Person

DISABILITY_CATEGORY_CHOICES = (
    ("visual", _("Visual")),
    ("hearing", _("Hearing")),
    ("speech", _("Speech")),
    ("physical", _("Physical")),
    ("intellectual", _("Intellectual")),
    ("mental", _("Mental")),
    ("multiple", _("Multiple")),
)
DISABILITY_CATEGORIES = tuple(value for value, _label in DISABILITY_CATEGORY_CHOICES)
DISABILITY_GRADE_CHOICES = (
    (1, _("Grade 1")),
    (2, _("Grade 2")),
    (3, _("Grade 3")),
    (4, _("Grade 4")),
)
DISABILITY_GRADES = tuple(value for value, _label in DISABILITY_GRADE_CHOICES)
LOW_INCOME_KIND_CHOICES = (
    ("minimum_living_allowance", _("Minimum living allowance (dibao)")),
    ("low_income_margin", _("Low-income margin family")),
    ("poverty_alleviated", _("Family lifted out of poverty, monitored")),
)
LOW_INCOME_KINDS = tuple(value for value, _label in LOW_INCOME_KIND_CHOICES)
TERTIARY_EDUCATION = (
    Education.JUNIOR_COLLEGE, Education.BACHELOR, Education.MASTER, Education.DOCTORATE,
)  # fmt: skip
YOUTH_AGES = (16, 24)


class MembershipError(DomainError):
    pass


def clean_membership_details(
    *, person: Person, group: str, since: datetime.date, details: dict | None
) -> dict:
    """The details to store for `group`, or a MembershipError naming the faulty field."""
    details = details or {}
    cleaner = CLEANERS.get(group)
    return cleaner(person, since, details) if cleaner else {}


def college_graduate(person: Person, since: datetime.date, details: dict) -> dict:
    if person.graduation_date is None:
        raise MembershipError(
            "graduation_date_required",
            _("Record the person's school and graduation date before adding them as a graduate."),
            field="graduation_date",
        )
    if person.education and person.education not in TERTIARY_EDUCATION:
        raise MembershipError(
            "not_tertiary",
            _("College graduates hold a junior-college diploma or a university degree."),
            field="education",
        )
    return {}


def unemployed_youth(person: Person, since: datetime.date, details: dict) -> dict:
    birth = person.birth_date
    age = since.year - birth.year - ((since.month, since.day) < (birth.month, birth.day))
    youngest, oldest = YOUTH_AGES
    if not youngest <= age <= oldest:
        raise MembershipError(
            "not_youth",
            _("Registered unemployed youth are 16 to 24 years old when they register."),
            field="since",
        )
    return {}


def migrant_worker(person: Person, since: datetime.date, details: dict) -> dict:
    tree = region_tree()
    clean = {}
    for field in ("home_region", "work_region"):
        code = str(details.get(field) or "").strip()
        if code not in tree:
            raise MembershipError(
                "unknown_region", _("Unknown region code."), field=f"details.{field}"
            )
        clean[field] = code
    clean["returned_home"] = bool(details.get("returned_home", False))
    return clean


def disability(person: Person, since: datetime.date, details: dict) -> dict:
    category = details.get("category")
    if category not in DISABILITY_CATEGORIES:
        raise MembershipError(
            "unknown_disability_category",
            _("Choose the category of disability shown on the disability certificate."),
            field="details.category",
        )
    grade = as_int(details.get("grade"))
    if grade not in DISABILITY_GRADES:
        raise MembershipError(
            "disability_grade",
            _("The disability grade is 1 (most severe) to 4."),
            field="details.grade",
        )
    return {"category": category, "grade": grade}


def low_income(person: Person, since: datetime.date, details: dict) -> dict:
    kind = details.get("kind")
    if kind not in LOW_INCOME_KINDS:
        raise MembershipError(
            "unknown_low_income_kind",
            _("Choose the kind of low-income status (minimum living allowance, margin…)."),
            field="details.kind",
        )
    return {"kind": kind}


def retired_soldier(person: Person, since: datetime.date, details: dict) -> dict:
    year = as_int(details.get("discharge_year"))
    if year is None or not person.birth_date.year + 16 <= year <= since.year:
        raise MembershipError(
            "discharge_year",
            _("The discharge year must fall after the person turned 16 and not after 'since'."),
            field="details.discharge_year",
        )
    return {"discharge_year": year}


def as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


CLEANERS = {
    KeyGroup.COLLEGE_GRADUATE: college_graduate,
    KeyGroup.UNEMPLOYED_YOUTH: unemployed_youth,
    KeyGroup.MIGRANT_WORKER: migrant_worker,
    KeyGroup.DISABILITY: disability,
    KeyGroup.LOW_INCOME: low_income,
    KeyGroup.RETIRED_SOLDIER: retired_soldier,
}


DETAIL_LABELS = {
    "home_region": _("Home region"),
    "work_region": _("Work region"),
    "returned_home": _("Returned home to work"),
    "category": _("Disability category"),
    "grade": _("Disability grade"),
    "kind": _("Low-income kind"),
    "discharge_year": _("Discharge year"),
}
VALUE_LABELS = {
    "category": dict(DISABILITY_CATEGORY_CHOICES),
    "grade": dict(DISABILITY_GRADE_CHOICES),
    "kind": dict(LOW_INCOME_KIND_CHOICES),
}


def membership_facts(details: dict) -> list[tuple[str, str]]:
    """A membership's details as (label, value) pairs in the reader's language, in the order of
    DETAIL_LABELS; a key or value this module does not know is shown as stored."""
    order = list(DETAIL_LABELS)
    keys = sorted(details, key=lambda key: order.index(key) if key in order else len(order))
    return [(DETAIL_LABELS.get(key, key), detail_value(key, details[key])) for key in keys]


def detail_value(key: str, value) -> str:
    if key in ("home_region", "work_region"):
        region = region_tree().get(str(value))
        return region.full_name.replace(",", "") if region else str(value)
    if key == "returned_home":
        return yesno(value)
    if key in VALUE_LABELS:
        label = VALUE_LABELS[key].get(as_int(value) if key == "grade" else value)
        return str(label or value)
    return str(value)
