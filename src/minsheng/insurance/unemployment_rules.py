"""Unemployment benefit as rules: who is entitled, for how many months, at what monthly amount.

Every figure comes from the dated parameters under `rules/insurance/unemployment/` in force on
the day of the decision; nothing here holds a month count, a share or a reason list. The
decision is a list of conditions, each met or not with the figures that decided it, so that a
refusal names every condition that failed and why (`condition_text` says it in words).

《社会保险法》第四十五条 (《失业保险条例》第十四条): benefit is paid to an unemployed person whose
employer and who themself contributed for at least a year before the job was lost, who lost it
not of their own will, and who registered as unemployed and is looking for work.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from minsheng.core import parameters
from minsheng.insurance.calculations import cents, decimal_of, province_of

RULES = "insurance.unemployment."


def minimum_contribution_months(day: datetime.date) -> int:
    return int(parameters.value(RULES + "minimum_contribution_months", day))


def own_duration_months(contribution_months: int, day: datetime.date) -> int:
    """The longest period the contribution gives on its own (《失业保险条例》第十七条第一款):
    the band of the completed years of contribution; none below the first band."""
    bands = parameters.value(RULES + "benefit_duration", day)["by_contribution_years"]
    years = contribution_months // 12
    months = 0
    for from_years, band_months in sorted((int(k), int(v)) for k, v in bands.items()):
        if years >= from_years:
            months = band_months
    return months


def combined_months(own: int, carried: int, day: datetime.date) -> int:
    """A new period plus the months an earlier claim left unused, never beyond the cap
    (第十七条第二款: 合并计算，最长不超过24个月)."""
    return min(own + carried, int(parameters.value(RULES + "combined_maximum_months", day)))


def minimum_wage_share(region_code: str, day: datetime.date) -> Decimal:
    return decimal_of(
        parameters.value(
            RULES + "benefit_minimum_wage_share", day, region_code=province_of(region_code)
        )
    )


def involuntary_reasons(day: datetime.date) -> frozenset[str]:
    return frozenset(parameters.value(RULES + "involuntary_reasons", day))


def stop_statuses(day: datetime.date) -> frozenset[str]:
    return frozenset(parameters.value(RULES + "stop_statuses", day))


def monthly_amount(minimum_wage: Decimal, share: Decimal) -> Decimal:
    """The share of the local monthly minimum wage, to the fen, half up (the law fixes no
    rounding; the fen is the rounding of every other amount the agency pays)."""
    return cents(minimum_wage * share)


@dataclass(frozen=True)
class ClaimFacts:
    """What the records say about a claimant on the day the claim was filed."""

    contribution_months: int  # paid months with unemployment contributions that count
    recounted_after: datetime.date | None  # the earlier job loss the count starts after
    carried_months: int  # months an earlier claim left unused
    reason: str
    left_insured_job: bool  # no employee enrolment open on the day of filing
    registry_status: str  # the employment status on the day of filing ("" when none)
    seeking_work: bool


@dataclass(frozen=True)
class Condition:
    code: str
    met: bool
    params: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"code": self.code, "met": self.met, "params": self.params}


@dataclass(frozen=True)
class Entitlement:
    conditions: tuple[Condition, ...]
    own_months: int = 0
    carried_months: int = 0
    months: int = 0

    @property
    def granted(self) -> bool:
        return all(condition.met for condition in self.conditions)

    @property
    def unmet(self) -> list[str]:
        return [condition.code for condition in self.conditions if not condition.met]


def contribution_condition(facts: ClaimFacts, day: datetime.date) -> Condition:
    minimum = minimum_contribution_months(day)
    params = {
        "months": facts.contribution_months,
        "minimum": minimum,
        "carried": facts.carried_months,
        "recounted_after": facts.recounted_after.isoformat() if facts.recounted_after else "",
    }
    if facts.contribution_months >= minimum:
        return Condition("contributions", True, params)
    # Re-employed for less than the minimum: the earlier claim's unused months may still be drawn.
    return Condition("contributions", facts.carried_months > 0, params | {"continuation": True})


def assess(facts: ClaimFacts, day: datetime.date) -> Entitlement:
    """Every condition of entitlement, then the period if all are met."""
    conditions = (
        contribution_condition(facts, day),
        Condition(
            "involuntary", facts.reason in involuntary_reasons(day), {"reason": facts.reason}
        ),
        Condition("left_job", facts.left_insured_job),
        Condition(
            "registered", facts.registry_status == "unemployed", {"status": facts.registry_status}
        ),
        Condition("seeking_work", facts.seeking_work),
    )
    if not all(condition.met for condition in conditions):
        return Entitlement(conditions)
    own = own_duration_months(facts.contribution_months, day)
    return Entitlement(
        conditions,
        own_months=own,
        carried_months=facts.carried_months,
        months=combined_months(own, facts.carried_months, day),
    )


MET = {
    "contributions": _(
        "At least %(minimum)s months of contributions: %(months)s paid months count."
    ),
    "involuntary": _("The job was lost not of the person's own will: %(reason_text)s."),
    "left_job": _("The insured job has ended: no employer enrolment is open."),
    "registered": _("Registered as unemployed in the employment registry."),
    "seeking_work": _("The claimant is looking for work."),
}
UNMET = {
    "contributions": _(
        "Fewer than %(minimum)s months of contributions: only %(months)s paid months count, "
        "%(missing)s are missing."
    ),
    "involuntary": _(
        "The job ended by the person's own choice (%(reason_text)s): benefit is paid only "
        "after a loss of work not of one's own will."
    ),
    "left_job": _(
        "An employer enrolment is still open: end it when the job ends, or check the date."
    ),
    "registered": _(
        "Not registered as unemployed: the employment registry shows %(status_text)s on the "
        "day of the claim. Register the unemployment first."
    ),
    "seeking_work": _("The claimant has not stated that they are looking for work."),
}
RECOUNTED = _(
    "Benefit was drawn before: only the months paid after the job loss of %(recounted_after)s "
    "count."
)
CONTINUATION = _(
    "Only %(months)s paid months since re-employment, fewer than %(minimum)s: the %(carried)s "
    "months the earlier claim left unused may still be drawn."
)


def condition_text(condition: dict, *, reason_label, status_label) -> str:
    """One checked condition in words, in the active language. `reason_label` and
    `status_label` turn stored codes into their labels."""
    params = dict(condition.get("params") or {})
    params["reason_text"] = reason_label(params.get("reason", ""))
    params["status_text"] = status_label(params.get("status", "")) or _("no status")
    params["missing"] = max(0, int(params.get("minimum", 0)) - int(params.get("months", 0)))
    code = condition["code"]
    if code == "contributions" and condition["met"] and params.get("continuation"):
        text = str(CONTINUATION) % params
    else:
        text = str((MET if condition["met"] else UNMET)[code]) % params
    if code == "contributions" and params.get("recounted_after"):
        text += " " + str(RECOUNTED) % params
    return text
