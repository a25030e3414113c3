"""The words of a pension estimate: labels of the steps and symbols, values as a reader sees
them, and the message of each refusal, in the language of the request.

The engine gives codes, symbols and plain values; sentences live here, so the same estimate
reads in Chinese and in English.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from minsheng.core.regions import region_tree
from minsheng.insurance.engine.errors import Refusal
from minsheng.insurance.engine.months import Months, YearMonth
from minsheng.insurance.engine.rules import Category, PensionRules

STEP_LABELS = {
    "statutory_age": gettext_lazy("Statutory retirement age"),
    "statutory_month": gettext_lazy("Statutory retirement month"),
    "retirement_window": gettext_lazy("Flexible retirement: earliest and latest month"),
    "retirement_month": gettext_lazy("Retirement month"),
    "minimum_years": gettext_lazy("Minimum contribution years"),
    "contribution_years": gettext_lazy("Contribution years N"),
    "pension_base": gettext_lazy("Pension base C"),
    "basic_pension": gettext_lazy("Basic pension"),
    "account_divisor": gettext_lazy("Months divisor"),
    "account_pension": gettext_lazy("Individual-account pension"),
    "transitional_pension": gettext_lazy("Transitional pension"),
    "total": gettext_lazy("Monthly pension"),
}

SYMBOLS = {
    "birth": gettext_lazy("birth month"),
    "category": gettext_lazy("category"),
    "A₀": gettext_lazy("original statutory age"),
    "first": gettext_lazy("first birth month affected by the reform"),
    "step": gettext_lazy("months of birth per month of delay"),
    "cap": gettext_lazy("longest delay in months"),
    "n": gettext_lazy("months born after the first affected month"),
    "delay": gettext_lazy("delay"),
    "A": gettext_lazy("statutory age"),
    "early": gettext_lazy("longest early retirement"),
    "late": gettext_lazy("longest late retirement"),
    "offset": gettext_lazy("months before (−) or after (+) the statutory month"),
    "age": gettext_lazy("age at retirement"),
    "year": gettext_lazy("year whose minimum applies"),
    "Nmin": gettext_lazy("minimum contribution period"),
    "N": gettext_lazy("contribution period, deemed years included"),
    "paid": gettext_lazy("contributed so far"),
    "planned": gettext_lazy("still to contribute"),
    "deemed": gettext_lazy("deemed contribution years"),
    "province": gettext_lazy("province"),
    "month": gettext_lazy("month whose pension base applies"),
    "C": gettext_lazy("pension base (yuan a month)"),
    "Ī": gettext_lazy("average contribution index"),
    "r": gettext_lazy("rate per contribution year"),
    "B": gettext_lazy("individual account balance (yuan)"),
    "D": gettext_lazy("months divisor"),
    "Īt": gettext_lazy("index of the deemed years"),
    "Ndeemed": gettext_lazy("deemed contribution years"),
    "rt": gettext_lazy("transitional coefficient per year"),
    "basic": gettext_lazy("basic pension"),
    "account": gettext_lazy("individual-account pension"),
    "transitional": gettext_lazy("transitional pension"),
}

CATEGORY_LABELS = {
    Category.MALE: gettext_lazy("Man (original retirement age %(age)s)"),
    Category.FEMALE_CADRE: gettext_lazy("Woman in a cadre post (original retirement age %(age)s)"),
    Category.FEMALE_WORKER: gettext_lazy(
        "Woman in a worker post (original retirement age %(age)s)"
    ),
}

MESSAGES = {
    Refusal.UNKNOWN_CATEGORY: gettext_lazy(
        "Unknown category “%(category)s”: choose a man, a woman in a cadre post or a woman in a "
        "worker post."
    ),
    Refusal.BIRTH_IN_FUTURE: gettext_lazy("The birth month lies in the future."),
    Refusal.TOO_OLD: gettext_lazy(
        "A birth month that makes the person older than %(max_age)s years is taken for an entry "
        "error."
    ),
    Refusal.NEGATIVE_MONTHS: gettext_lazy("Contribution years cannot be negative."),
    Refusal.NEGATIVE_BALANCE: gettext_lazy("The account balance cannot be negative."),
    Refusal.INDEX_OUT_OF_RANGE: gettext_lazy(
        "A contribution index lies between 0 and %(maximum)s (the contribution base is at most "
        "%(maximum)s times the average wage)."
    ),
    Refusal.RETIREMENT_OUTSIDE_WINDOW: gettext_lazy(
        "Retirement in %(month)s is not possible: flexible retirement allows %(earliest)s to "
        "%(latest)s."
    ),
    Refusal.MONTHS_EXCEED_WORKING_LIFE: gettext_lazy(
        "More contribution years than fit between the minimum working age and retirement."
    ),
    Refusal.EARLY_WITHOUT_MINIMUM: gettext_lazy(
        "Early retirement needs the minimum contribution period of %(required)s."
    ),
    Refusal.NO_PENSION_BASE: gettext_lazy(
        "No pension base is published for %(province)s for %(month)s, so no estimate can be made "
        "there yet."
    ),
    Refusal.NO_TRANSITIONAL_RATE: gettext_lazy(
        "No transitional pension coefficient is set for %(province)s: deemed years cannot be "
        "counted there yet."
    ),
    Refusal.AGE_OUTSIDE_DIVISOR_TABLE: gettext_lazy(
        "The months divisor table has no value for retirement at %(age)s."
    ),
    Refusal.TOO_PRECISE: gettext_lazy("Give at most %(places)s decimals."),
}


def months_text(months: Months) -> str:
    years = ngettext("%(count)d year", "%(count)d years", months.years) % {"count": months.years}
    if months.remainder == 0:
        return years
    rest = ngettext("%(count)d month", "%(count)d months", months.remainder) % {
        "count": months.remainder
    }
    return _("%(years)s %(months)s") % {"years": years, "months": rest}


def province_text(code: str) -> str:
    region = region_tree().get(code)
    return region.name if region else code


def category_text(category: str, rules: PensionRules) -> str:
    try:
        key = Category(category)
    except ValueError:
        return category
    schedule = rules.schedules.get(key)
    age = schedule.original_age_months // 12 if schedule else ""
    return str(CATEGORY_LABELS[key]) % {"age": age}


def value_text(value, *, symbol: str = "", rules: PensionRules | None = None) -> str:
    """A figure as a reader sees it: ages in years and months, months as YYYY-MM."""
    if isinstance(value, Months):
        return months_text(value)
    if isinstance(value, YearMonth):
        return str(value)
    if isinstance(value, tuple):
        return " – ".join(value_text(part) for part in value)
    if isinstance(value, bool):
        return _("met") if value else _("not met")
    if symbol == "province":
        return f"{province_text(value)} ({value})"
    if symbol == "category" and rules is not None:
        return category_text(value, rules)
    if isinstance(value, Decimal):
        return format(value, "f")
    return "" if value is None else str(value)


def message_params(details: dict) -> dict:
    params = {key: value_text(value) for key, value in details.items()}
    if "province" in details:
        params["province"] = province_text(details["province"])
    return params
