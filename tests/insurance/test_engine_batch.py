"""The batch engine agrees with the single-person path exactly: the same refusal for every row,
and for every computed row the same months and the same fen."""

import dataclasses
import datetime
from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minsheng.insurance.engine.batch import FEN, compute_batch, people_from
from minsheng.insurance.engine.errors import PensionInputError, Refusal
from minsheng.insurance.engine.months import month_index, month_of
from minsheng.insurance.engine.pension import PensionInputs, compute_pension
from minsheng.insurance.pension_rules import pension_rules

AS_OF = datetime.date(2025, 6, 1)
PROVINCES = ("110000", "310000", "440000")


def varied_rules():
    """The real rules plus a national pension base in fen and coefficients that are not whole
    percents, so the batch's common denominators and the national fallback are exercised."""
    rules = pension_rules(AS_OF)
    bases = dict(rules.pension_bases)
    bases["100000"] = ((month_index(2010, 1), Decimal("7000.55")),)
    bases["310000"] = ((month_index(2024, 7), Decimal("12307")),)
    rates = dict(rules.transitional_rates)
    rates["310000"] = ((month_index(2010, 1), Decimal("0.012")),)
    rates["100000"] = ((month_index(2010, 1), Decimal("0.0135")),)
    return dataclasses.replace(rules, pension_bases=bases, transitional_rates=rates)


RULES = varied_rules()


def index_values(low: int, high: int):
    return st.integers(low, high).map(lambda points: Decimal(points).scaleb(-4))


def money(low: int, high: int):
    return st.integers(low, high).map(lambda fen: Decimal(fen).scaleb(-2))


def person_strategy(*, plausible: bool):
    if plausible:
        births = st.integers(month_index(1955, 1), month_index(2000, 12))
        categories = st.sampled_from(["male", "female_cadre", "female_worker"])
        paid, planned, deemed = st.integers(0, 240), st.integers(0, 84), st.integers(0, 84)
        indexes, balances = index_values(0, 30000), money(0, 100_000_000)
        offsets = st.one_of(st.just(0), st.integers(-36, 36))
    else:
        births = st.integers(month_index(1860, 1), month_index(2030, 12))
        categories = st.sampled_from(["male", "female_cadre", "female_worker", "retired"])
        paid, planned, deemed = st.integers(-3, 700), st.integers(-3, 200), st.integers(-3, 300)
        indexes, balances = index_values(-50, 31000), money(-500, 10**11)
        offsets = st.integers(-50, 50)
    return st.builds(
        PensionInputs,
        birth_month=births,
        category=categories,
        province=st.sampled_from(PROVINCES),
        contribution_months=paid,
        planned_months=planned,
        deemed_months=deemed,
        average_index=indexes,
        account_balance=balances,
        transitional_index=st.one_of(st.none(), indexes),
        retirement_offset_months=offsets,
    )


def assert_agree(persons: list[PensionInputs], as_of_month: int) -> None:
    batch = compute_batch(RULES, people_from(persons), as_of_month)
    for row, person in enumerate(persons):
        try:
            single = compute_pension(person, RULES, as_of_month)
        except PensionInputError as refused:
            assert batch.refusal[row] == refused.refusal, (person, refused)
            continue
        assert batch.refusal[row] == Refusal.NONE, person
        assert batch.statutory_month[row] == single.statutory_month.index
        assert batch.earliest_month[row] == single.earliest_month.index
        assert batch.latest_month[row] == single.latest_month.index
        assert batch.retirement_month[row] == single.retirement_month.index
        assert batch.minimum_months[row] == single.minimum_contribution.count
        assert bool(batch.eligible[row]) == single.minimum_met
        assert Decimal(int(batch.divisor_scaled[row])) / batch.divisor_scale == single.divisor
        for part in ("basic", "account", "transitional", "total"):
            fen = int(getattr(batch, f"{part}_fen")[row])
            assert Decimal(fen) / FEN == getattr(single, part), (part, person)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(person_strategy(plausible=True), min_size=1, max_size=40))
def test_batch_equals_single_person_path_to_the_fen(persons):
    assert_agree(persons, month_of(AS_OF))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(person_strategy(plausible=False), min_size=1, max_size=40),
    st.integers(month_index(2025, 1), month_index(2045, 12)),
)
def test_batch_refuses_the_same_rows_for_the_same_reasons(persons, as_of_month):
    assert_agree(persons, as_of_month)


def test_halfway_values_round_up_in_both_paths():
    """4638.865 yuan (12049 × 1.1 × 0.35) is exactly halfway: half up gives 4638.87 where
    banker's rounding would give 4638.86."""
    person = PensionInputs(
        birth_month=month_index(1965, 3),
        category="male",
        province="110000",
        contribution_months=420,
        planned_months=0,
        deemed_months=0,
        average_index=Decimal("1.2"),
        account_balance=Decimal(0),
    )
    single = compute_pension(person, RULES, month_of(AS_OF))
    batch = compute_batch(RULES, people_from([person]), month_of(AS_OF))
    assert single.basic == Decimal("4638.87")
    assert batch.basic_fen[0] == 463887


def test_extreme_figures_stay_exact():
    """A base of 99,999.99 yuan, the highest index, 45 years and a coefficient of 1.37%: the
    batch's integer products stay within int64 and equal the Decimal path."""
    rules = dataclasses.replace(
        RULES,
        pension_bases={"310000": ((month_index(2020, 1), Decimal("99999.99")),)},
        transitional_rates={"310000": ((month_index(2020, 1), Decimal("0.0137")),)},
    )
    person = PensionInputs(
        birth_month=month_index(1975, 1),
        category="male",
        province="310000",
        contribution_months=300,
        planned_months=100,
        deemed_months=140,
        average_index=rules.max_index,
        account_balance=Decimal("99999999.99"),
    )
    batch = compute_batch(rules, people_from([person] * 3), month_of(AS_OF))
    single = compute_pension(person, rules, month_of(AS_OF))
    assert np.all(batch.refusal == 0)
    assert np.all(batch.total_fen == int(single.total * FEN))
