"""Contribution arithmetic from the dated rules: the base band, the amounts owed, the due date,
and the yearly interest of an individual account. No rate, share or day is written here; each
comes from `rules/insurance/` for the month it applies to.

Money is Decimal throughout and rounded to the fen (0.01 yuan) half up, the rounding every
agency's payment notice uses; the band's floor and ceiling are whole yuan, as published.
"""

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from minsheng.core import parameters
from minsheng.core.errors import DomainError
from minsheng.core.regions import region_tree

FEN = Decimal("0.01")
YUAN = Decimal(1)
MONTHS_A_YEAR = 12


class InsuranceError(DomainError):
    """Input the insurance records cannot accept; the message says which field and why."""


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def money_sum(rows, field: str) -> Decimal:
    """The sum of a money column in fen (SQLite sums decimals as floats, with a float's tail)."""
    return cents(Decimal(str(rows.aggregate(total=Sum(field))["total"] or 0)))


def decimal_of(value) -> Decimal:
    """A parameter's value as Decimal (YAML gives floats; their text is the published figure)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * MONTHS_A_YEAR + month.month - 1 + count
    return datetime.date(index // MONTHS_A_YEAR, index % MONTHS_A_YEAR + 1, 1)


def parse_month(raw, *, field: str = "month") -> datetime.date:
    """ "2026-10", "2026/10", "202610", "2026年10月" or a date → the first day of that month."""
    if isinstance(raw, datetime.datetime):
        return month_start(raw.date())
    if isinstance(raw, datetime.date):
        return month_start(raw)
    text = str(raw or "").strip().replace("年", "-").replace("月", "").replace("/", "-")
    text = text.replace(".", "-")
    if len(text) == 6 and text.isdigit():
        text = f"{text[:4]}-{text[4:]}"
    try:
        year, month = (int(part) for part in text.split("-")[:2])
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        raise InsuranceError(
            "month_invalid", _("Give the month as YYYY-MM, e.g. 2026-10."), field=field
        ) from None


@dataclass(frozen=True)
class Band:
    """The contribution base band of a province for a month."""

    average_wage: Decimal
    floor: Decimal
    ceiling: Decimal

    def clamp(self, wage: Decimal) -> Decimal:
        return min(max(wage, self.floor), self.ceiling)

    def holds(self, base: Decimal) -> bool:
        return self.floor <= base <= self.ceiling


def province_of(region_code: str) -> str:
    return region_tree().province_of(region_code) or region_code


def band_for(*, region_code: str, month: datetime.date) -> Band:
    """Floor and ceiling as shares (60%, 300%) of the province's average wage in force that month.

    国办发〔2019〕13号: the band is set on the average wage of all urban employers of the province.
    """
    province = province_of(region_code)
    try:
        average = decimal_of(
            parameters.value("insurance.average_wage", month, region_code=province)
        )
    except parameters.ParameterError:
        raise InsuranceError(
            "average_wage_missing",
            _("No average wage is recorded for province %(province)s in %(month)s."),
            field="month",
            params={"province": province, "month": f"{month:%Y-%m}"},
        ) from None
    floor_share = decimal_of(
        parameters.value("insurance.contribution.base_floor_share", month, region_code=province)
    )
    ceiling_share = decimal_of(
        parameters.value("insurance.contribution.base_ceiling_share", month, region_code=province)
    )
    whole_yuan = {"exp": YUAN, "rounding": ROUND_HALF_UP}
    return Band(
        average_wage=average,
        floor=(average * floor_share).quantize(**whole_yuan),
        ceiling=(average * ceiling_share).quantize(**whole_yuan),
    )


@dataclass(frozen=True)
class Amounts:
    """What one month of one person's base costs, by who pays it and where it goes."""

    base: Decimal
    pension_employer: Decimal
    pension_individual: Decimal
    account_credit: Decimal
    unemployment_employer: Decimal
    unemployment_individual: Decimal

    @property
    def total(self) -> Decimal:
        return (
            self.pension_employer
            + self.pension_individual
            + self.unemployment_employer
            + self.unemployment_individual
        )


def rate(name: str, month: datetime.date, province: str) -> Decimal:
    return decimal_of(
        parameters.value(f"insurance.contribution.{name}", month, region_code=province)
    )


def employee_amounts(*, wage: Decimal, band: Band, region_code: str, month) -> Amounts:
    """An employee's base is the wage clamped to the band; the employer pays 16% of it to the
    pooled fund and the employee 8% to the individual account (国办发〔2019〕13号,
    国发〔2005〕38号); unemployment insurance at the province's phased rates (《失业保险条例》
    第六条)."""
    province = province_of(region_code)
    base = band.clamp(wage)
    individual = cents(base * rate("individual_rate", month, province))
    return Amounts(
        base=base,
        pension_employer=cents(base * rate("employer_rate", month, province)),
        pension_individual=individual,
        account_credit=individual,
        unemployment_employer=cents(base * rate("unemployment_employer_rate", month, province)),
        unemployment_individual=cents(base * rate("unemployment_individual_rate", month, province)),
    )


def flexible_amounts(*, base: Decimal, band: Band, region_code: str, month) -> Amounts:
    """A flexible worker chooses a base within the band and pays 20% of it, 8% of the base going
    to the individual account (国发〔2005〕38号; 国办发〔2019〕13号 for the 60%–300% choice)."""
    if not band.holds(base):
        raise InsuranceError(
            "base_outside_band",
            _(
                "The base must lie between %(floor)s and %(ceiling)s yuan (60%% and 300%% of the "
                "provincial average wage of %(average)s yuan)."
            ),
            field="base",
            params={"floor": band.floor, "ceiling": band.ceiling, "average": band.average_wage},
        )
    province = province_of(region_code)
    zero = Decimal("0.00")
    return Amounts(
        base=base,
        pension_employer=zero,
        pension_individual=cents(base * rate("flexible_rate", month, province)),
        account_credit=cents(base * rate("flexible_account_rate", month, province)),
        unemployment_employer=zero,
        unemployment_individual=zero,
    )


def due_on(*, month: datetime.date, region_code: str) -> datetime.date:
    """The day a month's contributions must be declared and paid by: the parameter's day of the
    following month (the 15th by default, 《社会保险费申报缴纳管理规定》第四条 leaving it local)."""
    day = parameters.value(
        "insurance.contribution.declaration_due_day", month, region_code=province_of(region_code)
    )
    following = add_months(month, 1)
    return following.replace(day=min(int(day), month_end(following).day))


def age_limits(month: datetime.date) -> tuple[int, int]:
    return (
        int(parameters.value("insurance.contribution.minimum_age", month)),
        int(parameters.value("insurance.contribution.maximum_age", month)),
    )


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def published_interest_rate(year: int) -> Decimal | None:
    """The rate published for `year` itself (a rate is never carried into a year without one)."""
    for start, value in parameters.parameter("insurance.account_interest_rate").values:
        if start.year == year:
            return decimal_of(value)
    return None


def year_interest(
    *, opening: Decimal, credits_by_month: dict[int, Decimal], rate: Decimal
) -> Decimal:
    """A year's interest on an individual account, credited at the year end.

    劳办发〔1997〕116号《职工基本养老保险个人帐户管理暂行办法》: the balance at the end of the
    previous year earns the whole year's rate; each month's credits of the year earn it by the
    monthly-product method (月积数法): 本年记账利息 = Σ n月份记账额 × (12 − n + 1) × 记账利率 ÷ 12.
    (The 1.083 × ½ factor in the same rules is this sum for twelve equal monthly credits.)
    """
    monthly_product = sum(
        (amount * (MONTHS_A_YEAR - month + 1) for month, amount in credits_by_month.items()),
        Decimal(0),
    )
    return cents(opening * rate + monthly_product * rate / MONTHS_A_YEAR)
