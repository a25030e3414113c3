"""One person's retirement date and pension, in Decimal, with every step explained.

The monthly pension of the enterprise employees' basic pension insurance (国发〔2005〕38号):
- basic pension = C × (1 + Ī) ÷ 2 × N × r: C the province's pension base in the year of
  retirement, Ī the average contribution index, N the contribution years (deemed years
  included, months counted as twelfths), r the rate per year;
- individual-account pension = balance ÷ months divisor for the age at retirement;
- transitional pension = C × Īt × deemed years × rt (the province's formula and coefficient);
- the total is the sum of the three.

Rounding: each pension is rounded to the fen, half up, from the exact value (the products first,
one division last), and the total is the sum of the rounded parts, as a pension notice lists
them. The divisor is rounded half up to the decimals of its rule. Ī is taken to four decimals
and money to the fen; more precise input is refused rather than silently rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from minsheng.insurance.engine.errors import PensionInputError, Refusal
from minsheng.insurance.engine.months import Months, YearMonth
from minsheng.insurance.engine.retirement import (
    RetirementWindow,
    check_offset,
    minimum_year,
    retirement_window,
)
from minsheng.insurance.engine.rules import (
    DivisorRule,
    PensionRules,
    in_force,
    minimum_months,
    regional,
)

INDEX_PLACES = 4
MONEY_PLACES = 2


@dataclass(frozen=True)
class PensionInputs:
    birth_month: int  # month index
    category: str
    province: str  # province code
    contribution_months: int  # contributed so far
    planned_months: int  # still to contribute before retirement
    deemed_months: int  # deemed contribution before individual accounts
    average_index: Decimal  # Ī
    account_balance: Decimal  # yuan, at retirement
    transitional_index: Decimal | None = None  # Īt; None: Ī
    retirement_offset_months: int = 0  # < 0 early, > 0 late


@dataclass(frozen=True)
class Step:
    """One figure of the computation: how it is computed, from what, and under which rule."""

    code: str
    formula: str
    inputs: tuple[tuple[str, object], ...]
    value: object
    parameter: str
    reference: str


@dataclass(frozen=True)
class PensionResult:
    statutory_age: Months
    statutory_month: YearMonth
    earliest_month: YearMonth
    latest_month: YearMonth
    retirement_month: YearMonth
    age_at_retirement: Months
    minimum_year: int
    minimum_contribution: Months
    total_contribution: Months
    pension_base: Decimal
    divisor: Decimal
    basic: Decimal
    account: Decimal
    transitional: Decimal
    total: Decimal
    steps: tuple[Step, ...]

    @property
    def minimum_met(self) -> bool:
        return self.total_contribution >= self.minimum_contribution

    @property
    def shortfall(self) -> Months:
        return Months(max(0, self.minimum_contribution.count - self.total_contribution.count))


def divide_half_up(numerator: Decimal, denominator: Decimal, places: int) -> Decimal:
    """numerator ÷ denominator rounded half up; the operands are exact, the one division is
    carried far beyond `places`, so a value exactly halfway is recognised as such."""
    with localcontext() as context:
        context.prec = 60
        return (numerator / denominator).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )


def account_divisor(rule: DivisorRule, age: int) -> Decimal | None:
    """The divisor for an age in months; None outside the table."""
    years, months = divmod(age, 12)
    if years not in rule.by_age:
        return None
    if not rule.linear_between_ages or months == 0:
        return Decimal(rule.by_age[years])
    if years + 1 not in rule.by_age:
        return None
    this, following = rule.by_age[years], rule.by_age[years + 1]
    return divide_half_up(
        Decimal(this * 12 - (this - following) * months), Decimal(12), rule.decimal_places
    )


def _check_precision(value: Decimal, places: int, name: str) -> None:
    try:
        exact = value.is_finite() and value == value.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:  # more digits than any pension figure has
        exact = False
    if not exact:
        raise PensionInputError(
            Refusal.TOO_PRECISE,
            f"{name} must be a number with at most {places} decimals",
            field=name,
            places=places,
        )


def _check_person(person: PensionInputs, rules: PensionRules, as_of_month: int) -> None:
    """The checks that need no retirement window, in the batch engine's order."""
    _check_precision(person.average_index, INDEX_PLACES, "average_index")
    if person.transitional_index is not None:
        _check_precision(person.transitional_index, INDEX_PLACES, "transitional_index")
    _check_precision(person.account_balance, MONEY_PLACES, "account_balance")
    if person.birth_month > as_of_month:
        raise PensionInputError(
            Refusal.BIRTH_IN_FUTURE,
            f"born in {YearMonth(person.birth_month)}, after {YearMonth(as_of_month)}",
        )
    if as_of_month - person.birth_month > rules.max_age_months:
        raise PensionInputError(
            Refusal.TOO_OLD,
            f"born in {YearMonth(person.birth_month)}: older than "
            f"{rules.max_age_months // 12} years",
            max_age=rules.max_age_months // 12,
        )
    months = (person.contribution_months, person.planned_months, person.deemed_months)
    if min(months) < 0:
        raise PensionInputError(Refusal.NEGATIVE_MONTHS, "contribution months cannot be negative")
    if person.account_balance < 0:
        raise PensionInputError(Refusal.NEGATIVE_BALANCE, "the balance cannot be negative")
    for name, index in (
        ("average_index", person.average_index),
        ("transitional_index", person.transitional_index),
    ):
        if index is not None and not 0 <= index <= rules.max_index:
            raise PensionInputError(
                Refusal.INDEX_OUT_OF_RANGE,
                f"{name} {index} lies outside 0 – {rules.max_index}",
                field=name,
                maximum=rules.max_index,
            )


@dataclass(frozen=True)
class _Facts:
    """What the checks established, for the figures and their explanation."""

    window: RetirementWindow
    retirement: int
    year: int
    required: int
    total: int
    deciding: int
    base: Decimal
    rate_t: Decimal
    rule: DivisorRule
    divisor: Decimal


def compute_pension(person: PensionInputs, rules: PensionRules, as_of_month: int) -> PensionResult:
    """Retirement month and monthly pension of one person, as known in month `as_of_month`."""
    return _figures(person, rules, _establish(person, rules, as_of_month))


def _establish(person: PensionInputs, rules: PensionRules, as_of_month: int) -> _Facts:
    window = retirement_window(rules, person.category, person.birth_month)
    _check_person(person, rules, as_of_month)
    retirement = check_offset(window, person.retirement_offset_months)
    age = retirement - person.birth_month
    total = person.contribution_months + person.planned_months + person.deemed_months
    if total > age - rules.minimum_working_age_months:
        raise PensionInputError(
            Refusal.MONTHS_EXCEED_WORKING_LIFE,
            f"{Months(total)} of contributions do not fit between the minimum working age and "
            f"retirement at {Months(age)}",
        )
    year = minimum_year(window, retirement)
    required = minimum_months(rules, year)
    if person.retirement_offset_months < 0 and total < required:
        raise PensionInputError(
            Refusal.EARLY_WITHOUT_MINIMUM,
            f"early retirement needs {Months(required)} of contributions, not {Months(total)}",
            required=Months(required),
        )
    # Rules of the retirement month decide; for a retirement still ahead, the latest known.
    deciding = min(retirement, as_of_month)
    base = regional(rules.pension_bases, person.province, deciding)
    if base is None:
        raise PensionInputError(
            Refusal.NO_PENSION_BASE,
            f"no pension base for province {person.province} in {YearMonth(deciding)}",
            province=person.province,
            month=YearMonth(deciding),
        )
    rate_t = Decimal(0)
    if person.deemed_months:
        rate_t = regional(rules.transitional_rates, person.province, deciding)
        if rate_t is None:
            raise PensionInputError(
                Refusal.NO_TRANSITIONAL_RATE,
                f"no transitional pension coefficient for province {person.province}",
                province=person.province,
            )
    rule = in_force(rules.divisor_rules, deciding)
    divisor = account_divisor(rule, age) if rule is not None else None
    if divisor is None:
        raise PensionInputError(
            Refusal.AGE_OUTSIDE_DIVISOR_TABLE,
            f"no months divisor for an age of {Months(age)}",
            age=Months(age),
        )
    return _Facts(window, retirement, year, required, total, deciding, base, rate_t, rule, divisor)


def _figures(person: PensionInputs, rules: PensionRules, facts: _Facts) -> PensionResult:
    index_t = (
        person.average_index if person.transitional_index is None else person.transitional_index
    )
    twelve = Decimal(12)
    with localcontext() as context:
        context.prec = 60
        basic = divide_half_up(
            facts.base * (1 + person.average_index) * facts.total * rules.basic_rate,
            2 * twelve,
            MONEY_PLACES,
        )
        account = divide_half_up(person.account_balance, facts.divisor, MONEY_PLACES)
        transitional = divide_half_up(
            facts.base * index_t * person.deemed_months * facts.rate_t, twelve, MONEY_PLACES
        )
    window = facts.window
    return PensionResult(
        statutory_age=Months(window.statutory_age),
        statutory_month=YearMonth(window.statutory_month),
        earliest_month=YearMonth(window.earliest_month),
        latest_month=YearMonth(window.latest_month),
        retirement_month=YearMonth(facts.retirement),
        age_at_retirement=Months(facts.retirement - person.birth_month),
        minimum_year=facts.year,
        minimum_contribution=Months(facts.required),
        total_contribution=Months(facts.total),
        pension_base=facts.base,
        divisor=facts.divisor,
        basic=basic,
        account=account,
        transitional=transitional,
        total=basic + account + transitional,
        steps=explain(person, rules, facts, index_t, (basic, account, transitional)),
    )


def explain(
    person: PensionInputs, rules: PensionRules, facts: _Facts, index_t: Decimal, amounts
) -> tuple[Step, ...]:
    basic, account, transitional = amounts
    window, rule = facts.window, facts.rule
    schedule = rules.schedules[person.category]
    age = facts.retirement - person.birth_month
    years, months = divmod(age, 12)

    def step(code, formula, inputs, value):
        name = rules.parameter_names.get(code, "")
        return Step(code, formula, tuple(inputs), value, name, rules.references.get(name, ""))

    divisor_inputs = [("age", Months(age)), (f"D({years})", rule.by_age.get(years))]
    if rule.linear_between_ages and months:
        divisor_inputs.append((f"D({years + 1})", rule.by_age.get(years + 1)))
    return (
        step(
            "statutory_age",
            "n = birth − first; delay = min(cap, ⌊n ÷ step⌋ + 1) if n ≥ 0 else 0; A = A₀ + delay",
            [
                ("birth", YearMonth(person.birth_month)),
                ("category", str(person.category)),
                ("A₀", Months(schedule.original_age_months)),
                ("first", YearMonth(schedule.first_affected_birth_month)),
                ("step", schedule.step_months),
                ("cap", schedule.cap_months),
                ("n", window.months_after_first_affected),
                ("delay", Months(window.delay)),
            ],
            Months(window.statutory_age),
        ),
        step(
            "statutory_month",
            "birth + A",
            [("birth", YearMonth(person.birth_month)), ("A", Months(window.statutory_age))],
            YearMonth(window.statutory_month),
        ),
        step(
            "retirement_window",
            "earliest = max(A₀, A − early); latest = A + late",
            [
                ("A₀", Months(schedule.original_age_months)),
                ("A", Months(window.statutory_age)),
                ("early", Months(rules.early_max_months)),
                ("late", Months(rules.late_max_months)),
            ],
            (YearMonth(window.earliest_month), YearMonth(window.latest_month)),
        ),
        step(
            "retirement_month",
            "R = birth + A + offset",
            [("offset", person.retirement_offset_months), ("age", Months(age))],
            YearMonth(facts.retirement),
        ),
        step(
            "minimum_years",
            "N ≥ Nmin(year)",
            [("year", facts.year), ("Nmin", Months(facts.required)), ("N", Months(facts.total))],
            facts.total >= facts.required,
        ),
        step(
            "contribution_years",
            "N = paid + planned + deemed",
            [
                ("paid", Months(person.contribution_months)),
                ("planned", Months(person.planned_months)),
                ("deemed", Months(person.deemed_months)),
            ],
            Months(facts.total),
        ),
        step(
            "pension_base",
            "C(province, month)",
            [("province", person.province), ("month", YearMonth(facts.deciding))],
            facts.base,
        ),
        step(
            "basic_pension",
            "C × (1 + Ī) ÷ 2 × N × r",
            [
                ("C", facts.base),
                ("Ī", person.average_index),
                ("N", Months(facts.total)),
                ("r", rules.basic_rate),
            ],
            basic,
        ),
        step(
            "account_divisor",
            "D(y) − (D(y) − D(y+1)) × m ÷ 12" if rule.linear_between_ages else "D(y)",
            divisor_inputs,
            facts.divisor,
        ),
        step(
            "account_pension",
            "B ÷ D",
            [("B", person.account_balance), ("D", facts.divisor)],
            account,
        ),
        step(
            "transitional_pension",
            "C × Īt × Ndeemed × rt",
            [
                ("C", facts.base),
                ("Īt", index_t),
                ("Ndeemed", Months(person.deemed_months)),
                ("rt", facts.rate_t),
            ],
            transitional,
        ),
        step(
            "total",
            "basic + account + transitional",
            [("basic", basic), ("account", account), ("transitional", transitional)],
            basic + account + transitional,
        ),
    )
