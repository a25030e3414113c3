"""Personal pension (个人养老金) as rules: the yearly cap, the tax deduction, the withdrawal tax and
the withdrawal conditions, all from the dated parameters under `rules/insurance/personal_pension/`.

A withdrawal is allowed when any one condition in force on the day of the request is met
(国办发〔2022〕7号 二（五）; from 2025-09-01 the three added by the 2025 notice). The platform
checks itself the two it holds the records for: the statutory retirement age (the pension
engine, to the month, under the 2025 reform) and the months of unemployment benefit it paid.
The others (total incapacity, settling abroad, high medical costs, the minimum living
allowance) rest on documents from other agencies, which a clerk records with their reference.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from minsheng.core import parameters
from minsheng.insurance.calculations import add_months, cents, decimal_of, month_start
from minsheng.insurance.engine.months import YearMonth, month_of
from minsheng.insurance.engine.retirement import retirement_window
from minsheng.insurance.engine.rules import Category
from minsheng.insurance.pension_rules import SCHEDULE, pension_rules

RULES = "insurance.personal_pension."
ATTESTED = ("total_incapacity", "emigration", "medical_costs", "minimum_living_allowance")


def annual_cap(day: datetime.date) -> Decimal:
    return decimal_of(parameters.value(RULES + "annual_cap", day))


def deduction_cap(day: datetime.date) -> Decimal:
    return decimal_of(parameters.value(RULES + "deduction_cap", day))


def withdrawal_tax_rate(day: datetime.date) -> Decimal:
    return decimal_of(parameters.value(RULES + "withdrawal_tax_rate", day))


def open_nationwide(day: datetime.date) -> bool:
    try:
        return bool(parameters.value(RULES + "nationwide_from", day))
    except parameters.ParameterError:
        return False


def nationwide_start() -> datetime.date:
    return min(start for start, on in parameters.parameter(RULES + "nationwide_from").values if on)


def withdrawal_tax(amount: Decimal, rate: Decimal) -> Decimal:
    """3% of the whole amount withdrawn, to the fen, half up (财政部 税务总局公告2022年第34号)."""
    return cents(amount * rate)


def year_deduction(contributed: Decimal, day: datetime.date) -> Decimal:
    """The year's deduction from taxable income: what was paid in, up to the deduction cap."""
    return min(contributed, deduction_cap(day))


def conditions_in_force(day: datetime.date) -> dict:
    return dict(parameters.value(RULES + "withdrawal_conditions", day))


def first_in_force(code: str) -> datetime.date | None:
    for start, value in parameters.parameter(RULES + "withdrawal_conditions").values:
        if code in value:
            return start
    return None


def default_category(sex: str) -> str:
    """Men retire as men; a woman's category (cadre at 55 or worker at 50) is not in the
    record, so the later one is assumed unless the request says otherwise."""
    return Category.MALE if sex == "M" else Category.FEMALE_CADRE


def statutory_retirement_month(birth_date: datetime.date, category: str, day: datetime.date):
    """The statutory retirement month (the pension engine, the 2025 reform) as a YearMonth;
    before the reform's rules were in force, the earliest known rules (they keep the original
    ages for everyone born before the first affected months)."""
    try:
        rules = pension_rules(day)
    except parameters.ParameterError:
        rules = pension_rules(parameters.parameter(SCHEDULE).values[0][0])
    window = retirement_window(rules, category, month_of(birth_date))
    return YearMonth(window.statutory_month)


@dataclass(frozen=True)
class WithdrawalFacts:
    birth_date: datetime.date
    category: str
    benefit_months: list[datetime.date]  # months of unemployment benefit paid to the person
    attested: frozenset[str] = field(default_factory=frozenset)


def benefit_months_within(months: list[datetime.date], day: datetime.date, within: int) -> int:
    """Months of benefit paid in the `within` months up to and including the request's month."""
    start = add_months(month_start(day), -(within - 1))
    return sum(1 for month in months if start <= month <= month_start(day))


def check_condition(code: str, rule, facts: WithdrawalFacts, day: datetime.date) -> dict:
    if code == "pension_age":
        statutory = statutory_retirement_month(facts.birth_date, facts.category, day)
        met = month_of(day) >= statutory.index
        return {"code": code, "met": met,
                "params": {"month": str(statutory), "category": facts.category}}  # fmt: skip
    if code == "unemployment_benefit":
        count = benefit_months_within(facts.benefit_months, day, int(rule["within_months"]))
        params = {"months": count, "required": int(rule["months"]),
                  "within": int(rule["within_months"])}  # fmt: skip
        return {"code": code, "met": count >= params["required"], "params": params}
    params = {"within": int(rule["within_months"])} if isinstance(rule, dict) else {}
    return {"code": code, "met": code in facts.attested, "params": params}


def check_withdrawal(facts: WithdrawalFacts, day: datetime.date) -> list[dict]:
    """Every condition in force on the day, met or not; a condition attested before the day
    it came into force is listed as not met, with that day."""
    in_force = conditions_in_force(day)
    checked = [check_condition(code, in_force[code], facts, day) for code in in_force]
    for code in sorted(facts.attested - set(in_force)):
        start = first_in_force(code)
        checked.append({"code": code, "met": False,
                        "params": {"from": start.isoformat() if start else ""}})  # fmt: skip
    return checked


MET = {
    "pension_age": _("Reached the statutory retirement age: retirement month %(month)s."),
    "total_incapacity": _("Total loss of the capacity to work, as recorded from the appraisal."),
    "emigration": _("Settled abroad, as recorded from the documents."),
    "medical_costs": _(
        "Medical costs over the last %(within)s months above the province's per-capita "
        "disposable income, as recorded from the documents."
    ),
    "unemployment_benefit": _(
        "%(months)s months of unemployment benefit in the last %(within)s months (at least "
        "%(required)s)."
    ),
    "minimum_living_allowance": _("Receiving the minimum living allowance, as recorded."),
}
UNMET = {
    "pension_age": _("Not yet at the statutory retirement age: the retirement month is %(month)s."),
    "total_incapacity": _(
        "Total loss of the capacity to work is not recorded (a clerk records it from the "
        "work-capacity appraisal)."
    ),
    "emigration": _(
        "Settling abroad is not recorded (a clerk records it from the emigration documents)."
    ),
    "medical_costs": _(
        "High medical costs over the last %(within)s months are not recorded (a clerk records "
        "them from the medical-insurance statements)."
    ),
    "unemployment_benefit": _(
        "Only %(months)s months of unemployment benefit in the last %(within)s months; "
        "%(required)s are needed."
    ),
    "minimum_living_allowance": _(
        "Receiving the minimum living allowance is not recorded (a clerk records it from the "
        "civil-affairs decision)."
    ),
}
NOT_YET = _("Not a condition for withdrawal before %(from)s.")
LABELS = {
    "pension_age": _("Statutory retirement age"),
    "total_incapacity": _("Total incapacity for work"),
    "emigration": _("Settled abroad"),
    "medical_costs": _("High medical costs"),
    "unemployment_benefit": _("Unemployment benefit drawn"),
    "minimum_living_allowance": _("Minimum living allowance"),
}


def condition_text(condition: dict) -> str:
    params = condition.get("params") or {}
    if "from" in params:
        return str(NOT_YET) % params
    template = MET if condition["met"] else UNMET
    return str(template[condition["code"]]) % params
