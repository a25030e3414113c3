"""The conditions of a subsidy decision in words, in the language of the reader.

Decisions store codes and facts (`SubsidyApplication.conditions`), never sentences, so the
same decision reads in Chinese and in English and stays true when wording improves.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minsheng.core.skill_levels import SkillLevel
from minsheng.registry.models import KeyGroup
from minsheng.skills.subsidy_rules import DEFAULT, ON_LEDGER, UNEMPLOYED

CONDITION_LABELS = {
    "course_completed": gettext_lazy("Course completed"),
    "certificate_obtained": gettext_lazy("Certificate obtained"),
    "eligible_group": gettext_lazy("Eligible group"),
    "amount_for_level": gettext_lazy("Amount set for the level"),
}


@dataclass(frozen=True)
class ConditionRow:
    code: str
    label: str
    met: bool
    explanation: str


def group_label(group: str) -> str:
    if group == ON_LEDGER:
        return _("On the real-name ledger")
    if group == UNEMPLOYED:
        return _("Unemployed")
    if group == DEFAULT or not group:
        return _("any eligible group")
    return str(KeyGroup(group).label) if group in KeyGroup.values else group


def sentence(code: str, met: bool, facts: dict) -> str:
    if code == "course_completed":
        if met:
            return _("Completed the course on %(day)s.") % {"day": facts.get("completed_on")}
        return _("Has not completed the course.")
    if code == "certificate_obtained":
        if met:
            return _("Obtained certificate %(number)s.") % {"number": facts.get("number")}
        return _("Holds no valid certificate from this course.")
    if code == "eligible_group":
        if met:
            groups = "、".join(group_label(g) for g in facts.get("groups", []))
            return _("Eligible as: %(groups)s.") % {"groups": groups}
        return _("Not on the ledger, not unemployed and in no eligible key group.")
    if code == "amount_for_level":
        level = SkillLevel(facts["level"]).label if facts.get("level") else ""
        if met and facts.get("amount"):
            return _("%(amount)s yuan for %(level)s (%(group)s).") % {
                "amount": facts["amount"],
                "level": level,
                "group": group_label(facts.get("group", "")),
            }
        if met:
            return _("An amount is set for %(level)s.") % {"level": level}
        return _("No subsidy amount is set for %(level)s in this region.") % {"level": level}
    return code


def condition_rows(conditions: list[dict]) -> list[ConditionRow]:
    return [
        ConditionRow(
            code=row["code"],
            label=str(CONDITION_LABELS.get(row["code"], row["code"])),
            met=row["met"],
            explanation=sentence(row["code"], row["met"], row.get("facts") or {}),
        )
        for row in conditions
    ]
