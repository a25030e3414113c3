"""The factors of a match in words ("why this job"): one translatable sentence per reason code.

The matching engine returns reason codes (`matching.profiles.REASONS`); pages and the API show
these sentences. A code the engine adds later and nobody translated yet reads as its factor's
name, never as an error.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

FACTOR_LABELS = {
    "occupation": _("Occupation"),
    "location": _("Place of work"),
    "pay": _("Pay"),
    "education": _("Education level"),
    "skill": _("Skill level"),
    "freshness": _("How recent"),
}

REASON_SENTENCES = {
    # occupation
    "same_occupation": _("It is exactly the occupation the person is looking for."),
    "within_wished_group": _("It belongs to the group of occupations the person is looking for."),
    "same_minor_group": _("It is a closely related occupation (same minor group)."),
    "same_medium_group": _("It is a related occupation (same medium group)."),
    "same_major_group": _("It is in the same broad field of work (same major group)."),
    "title_similar": _("The job title resembles the work the person is looking for."),
    "different_occupation": _("It is a different occupation from the one wished for."),
    "no_wish": _("The person has not said which occupation they want."),
    # location
    "same_county": _("The job is in the person's own county or district."),
    "same_city": _("The job is in the person's city."),
    "same_province": _("The job is in the person's province."),
    "elsewhere_willing_to_move": _(
        "The job is in another province, and the person is willing to move."
    ),
    "elsewhere": _("The job is far away, in another province."),
    # pay
    "pay_meets_expectation": _("The pay meets the person's expected pay."),
    "pay_below_expectation": _("The pay is below the person's expected pay."),
    "no_expectation": _("The person has not said what pay they expect."),
    # education
    "education_meets": _("The person's education meets the requirement."),
    "education_below": _("The person's education is below the requirement."),
    "education_unknown": _("The person's education is not recorded."),
    "education_not_required": _("No particular education is required."),
    # skill
    "skill_meets": _("The person's skill level meets the requirement."),
    "skill_below": _("The person's skill level is below the requirement."),
    "skill_not_required": _("No particular skill level is required."),
    # freshness
    "posted_recently": _("The job was posted recently."),
    "posted_weeks_ago": _("The job was posted a few weeks ago."),
    "posted_long_ago": _("The job was posted a long time ago."),
}

# Reasons that speak against a match, and those that say nothing either way; the rest are for.
AGAINST = frozenset(
    {
        "different_occupation", "elsewhere", "pay_below_expectation", "education_below",
        "skill_below", "posted_long_ago",
    }
)  # fmt: skip
NEUTRAL = frozenset({"no_wish", "no_expectation", "education_unknown"})


@dataclass(frozen=True)
class Reason:
    """One factor of a score, in words; `points` is its share of the 0–100 score."""

    name: str
    label: str
    sentence: str
    code: str
    weight: float
    value: float
    points: float

    @property
    def tone(self) -> str:
        """ "for", "against" or "neutral": how the page marks the sentence."""
        if self.code in AGAINST:
            return "against"
        return "neutral" if self.code in NEUTRAL else "for"


def factor_label(name: str) -> str:
    return str(FACTOR_LABELS.get(name, name))


def sentence(code: str, name: str = "") -> str:
    """The sentence of a reason code, in the active language."""
    known = REASON_SENTENCES.get(code)
    return str(known) if known is not None else factor_label(name or code)


def explain(factors: Iterable) -> list[Reason]:
    """Factors (the engine's `Factor`s or their stored dicts) as sentences, biggest share first."""
    rows = [factor if isinstance(factor, dict) else vars_of(factor) for factor in factors]
    total = sum(float(row.get("weight") or 0) for row in rows) or 1.0
    reasons = []
    for row in rows:
        name, code = row.get("name", ""), row.get("reason", "")
        weight, value = float(row.get("weight") or 0), float(row.get("value") or 0)
        reasons.append(
            Reason(
                name=name,
                label=factor_label(name),
                sentence=sentence(code, name),
                code=code,
                weight=weight,
                value=value,
                points=round(100 * weight * value / total, 1),
            )
        )
    return sorted(reasons, key=lambda reason: -reason.weight)


def vars_of(factor) -> dict:
    return {name: getattr(factor, name) for name in ("name", "weight", "value", "reason")}
