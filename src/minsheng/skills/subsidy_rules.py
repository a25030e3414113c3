"""The training-subsidy rule, condition by condition, so a decision explains itself.

A person completing a course is eligible for a vocational training subsidy when:
1. the course was completed;
2. a certificate from the course was obtained and has not been revoked;
3. on the day of decision the person is on the real-name ledger, is unemployed (by their
   employment status history) or belongs to a key group of `skills.subsidy_eligible_groups`
   (国办发〔2019〕24号);
4. `skills.subsidy_amounts` sets an amount for the course's level in the person's region.
The amount is the highest one the person's groups give (a group without its own amount in the
table gets the level's "default").
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from minsheng.assistance.selectors import open_ledger_entry
from minsheng.core import parameters
from minsheng.registry.models import EmploymentStatus
from minsheng.registry.selectors import current_status
from minsheng.skills.models import Enrolment, EnrolmentStatus

AMOUNTS = "skills.subsidy_amounts"
ON_LEDGER = "on_ledger"
UNEMPLOYED = "unemployed"
DEFAULT = "default"


@dataclass(frozen=True)
class Condition:
    code: str  # course_completed, certificate_obtained, eligible_group, amount_for_level
    met: bool
    facts: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, "met": self.met, "facts": self.facts}


@dataclass(frozen=True)
class SubsidyAssessment:
    conditions: tuple[Condition, ...]
    group: str
    amount: Decimal | None
    rule: dict

    @property
    def eligible(self) -> bool:
        return all(condition.met for condition in self.conditions)


def eligible_groups(enrolment: Enrolment, on: datetime.date) -> list[str]:
    """The groups that make the person eligible on `on`, in a stable order."""
    person = enrolment.person
    key_groups = parameters.value("skills.subsidy_eligible_groups", on)
    current = person.memberships.filter(since__lte=on).filter(
        Q(until__isnull=True) | Q(until__gte=on)
    )
    groups = sorted(set(current.filter(group__in=key_groups).values_list("group", flat=True)))
    if open_ledger_entry(person, on) is not None:
        groups.append(ON_LEDGER)
    status = current_status(person=person, as_of=on)
    if status is not None and status.status == EmploymentStatus.UNEMPLOYED:
        groups.append(UNEMPLOYED)
    return groups


def amount_table(region_code: str, level: int, on: datetime.date) -> dict | None:
    try:
        by_level = parameters.value(AMOUNTS, on, region_code=region_code)
    except parameters.ParameterError:
        return None
    return by_level.get(str(level))


def best_amount(table: dict, groups: list[str]) -> tuple[str, Decimal]:
    amounts = [(Decimal(str(table.get(group, table[DEFAULT]))), group) for group in groups]
    amount, group = max(amounts, key=lambda pair: (pair[0], -groups.index(pair[1])))
    return group, amount


def assess_subsidy(enrolment: Enrolment, on: datetime.date) -> SubsidyAssessment:
    course = enrolment.course
    completed = enrolment.status == EnrolmentStatus.COMPLETED
    certificate = (
        enrolment.certificates.filter(revoked_on__isnull=True, issued_on__lte=on)
        .order_by("-issued_on")
        .first()
    )
    groups = eligible_groups(enrolment, on)
    region_code = enrolment.person.region_id
    table = amount_table(region_code, course.target_level, on)
    group, amount = best_amount(table, groups) if table and groups else ("", None)
    conditions = (
        Condition(
            "course_completed",
            completed,
            {"completed_on": enrolment.completed_on.isoformat() if completed else None},
        ),
        Condition(
            "certificate_obtained",
            certificate is not None,
            {"number": certificate.number if certificate else None},
        ),
        Condition("eligible_group", bool(groups), {"groups": groups}),
        Condition(
            "amount_for_level",
            table is not None,
            {
                "level": course.target_level,
                "group": group,
                "amount": str(amount) if amount is not None else None,
            },
        ),
    )
    rule = {
        "parameter": AMOUNTS,
        "reference": parameters.parameter(AMOUNTS).reference,
        "region": region_code,
        "level": course.target_level,
        "on": on.isoformat(),
    }
    eligible = all(condition.met for condition in conditions)
    if not eligible:
        return SubsidyAssessment(conditions, "", None, rule)
    return SubsidyAssessment(conditions, group, amount, rule)
