"""The engine's rules are the parameter files' values: ages, steps, caps, divisors, minimum years
and the plausibility limits all come from rules/, none from the code."""

import dataclasses
import datetime
from decimal import Decimal

import pytest

from minsheng.core.parameters import ParameterError
from minsheng.insurance import pension_rules as module
from minsheng.insurance.engine.months import month_index
from minsheng.insurance.engine.rules import Category, RetirementSchedule
from minsheng.insurance.pension_rules import pension_rules, provinces_with_pension_base

DAY = datetime.date(2025, 6, 1)


def test_the_reform_schedule_is_read_from_its_parameter():
    rules = pension_rules(DAY)
    assert rules.schedules[Category.MALE] == RetirementSchedule(720, month_index(1965, 1), 4, 36)
    assert rules.schedules[Category.FEMALE_CADRE] == RetirementSchedule(
        660, month_index(1970, 1), 4, 36
    )
    assert rules.schedules[Category.FEMALE_WORKER] == RetirementSchedule(
        600, month_index(1975, 1), 2, 60
    )
    assert (rules.early_max_months, rules.late_max_months) == (36, 36)
    assert rules.early_not_below_original_age


def test_histories_keep_every_dated_value():
    rules = pension_rules(DAY)
    (start_2006, whole), (start_2025, linear) = rules.divisor_rules
    assert (start_2006, start_2025) == (month_index(2006, 1), month_index(2025, 1))
    assert not whole.linear_between_ages and linear.linear_between_ages
    assert linear.by_age[47] == 208 and linear.by_age[60] == 139 and len(linear.by_age) == 31
    assert rules.minimum_months_by_year[0] == (1997, 180)
    assert rules.minimum_months_by_year[-1] == (2039, 240)
    assert rules.pension_bases["110000"] == (
        (month_index(2024, 1), Decimal(11883)),
        (month_index(2025, 1), Decimal(12049)),
    )


def test_limits_come_from_the_contribution_rules_and_the_estimate_bound():
    rules = pension_rules(DAY)
    assert rules.max_index == Decimal(3)
    assert rules.minimum_working_age_months == 16 * 12
    assert rules.max_age_months == 120 * 12
    assert rules.basic_rate == Decimal("0.01")


def test_there_are_no_rules_before_the_reform_took_effect():
    with pytest.raises(ParameterError):
        pension_rules(datetime.date(2024, 12, 31))


def test_a_national_pension_base_offers_every_province(monkeypatch):
    rules = pension_rules(DAY)
    national = dataclasses.replace(
        rules, pension_bases={"100000": ((month_index(2020, 1), Decimal(9000)),)}
    )
    assert provinces_with_pension_base(DAY) == ["110000"]
    monkeypatch.setattr(module, "pension_rules", lambda day: national)
    provinces = provinces_with_pension_base(DAY)
    assert "110000" in provinces and "440000" in provinces and "100000" not in provinces
