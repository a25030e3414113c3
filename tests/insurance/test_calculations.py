"""The contribution arithmetic, checked against figures worked out by hand from the rules:
the band from the provincial average wage, clamping at its floor and ceiling, the amounts,
the due date and the monthly-product interest of 劳办发〔1997〕116号."""

import datetime
from decimal import Decimal

import pytest

from minsheng.insurance import calculations
from minsheng.insurance.calculations import InsuranceError

OCTOBER_2024 = datetime.date(2024, 10, 1)


def test_band_is_60_and_300_percent_of_the_provincial_average_in_whole_yuan():
    # Zhejiang from 2024-07: average 8017 → 4810.2 → 4810 and 24051.
    band = calculations.band_for(region_code="330106", month=OCTOBER_2024)
    assert (band.average_wage, band.floor, band.ceiling) == (8017, 4810, 24051)
    # Beijing from 2025-07: average 11937 → 7162 and 35811 (the published band).
    band = calculations.band_for(region_code="110105", month=datetime.date(2025, 10, 1))
    assert (band.floor, band.ceiling) == (7162, 35811)


def test_the_band_of_the_contribution_year_changes_in_july():
    june = calculations.band_for(region_code="310101", month=datetime.date(2024, 6, 1))
    july = calculations.band_for(region_code="310101", month=datetime.date(2024, 7, 1))
    assert (june.average_wage, july.average_wage) == (12183, 12307)


def amounts(wage: str):
    band = calculations.band_for(region_code="330106", month=OCTOBER_2024)
    return calculations.employee_amounts(
        wage=Decimal(wage), band=band, region_code="330106", month=OCTOBER_2024
    )


def test_a_wage_below_the_floor_is_raised_to_it():
    owed = amounts("3000.00")
    assert owed.base == 4810
    assert owed.pension_employer == Decimal("769.60")  # 16%
    assert owed.pension_individual == owed.account_credit == Decimal("384.80")  # 8%
    assert owed.unemployment_employer == owed.unemployment_individual == Decimal("24.05")
    assert owed.total == Decimal("1202.50")


def test_a_wage_above_the_ceiling_is_cut_to_it_and_rounded_to_the_fen_half_up():
    owed = amounts("30000.00")
    assert owed.base == 24051
    assert owed.pension_employer == Decimal("3848.16")
    assert owed.pension_individual == Decimal("1924.08")
    assert owed.unemployment_employer == Decimal("120.26")  # 120.255 rounds up
    assert owed.total == Decimal("6012.76")


def test_a_wage_within_the_band_is_the_base():
    owed = amounts("10000.00")
    assert (owed.base, owed.pension_employer, owed.pension_individual) == (10000, 1600, 800)


def test_before_may_2019_the_employer_rate_was_20_percent():
    band = calculations.band_for(region_code="110105", month=datetime.date(2021, 10, 1))
    owed = calculations.employee_amounts(
        wage=Decimal(10000), band=band, region_code="110105", month=datetime.date(2019, 4, 1)
    )
    assert owed.pension_employer == 2000


def test_a_flexible_worker_pays_20_percent_of_which_8_go_to_the_account():
    band = calculations.band_for(region_code="330106", month=OCTOBER_2024)
    owed = calculations.flexible_amounts(
        base=Decimal(6000), band=band, region_code="330106", month=OCTOBER_2024
    )
    assert (owed.pension_individual, owed.account_credit, owed.pension_employer) == (1200, 480, 0)
    assert owed.total == 1200


@pytest.mark.parametrize("base", ["4809.99", "24051.01"])
def test_a_flexible_base_outside_the_band_is_refused_with_the_band(base):
    band = calculations.band_for(region_code="330106", month=OCTOBER_2024)
    with pytest.raises(InsuranceError) as refused:
        calculations.flexible_amounts(
            base=Decimal(base), band=band, region_code="330106", month=OCTOBER_2024
        )
    assert refused.value.code == "base_outside_band"
    assert "4810" in refused.value.message_in("en") and "24051" in refused.value.message_in("en")


def test_a_province_without_an_average_wage_cannot_be_assessed():
    with pytest.raises(InsuranceError) as refused:
        calculations.band_for(region_code="440106", month=OCTOBER_2024)
    assert refused.value.code == "average_wage_missing"


def test_a_month_is_due_on_the_15th_of_the_next():
    assert calculations.due_on(month=OCTOBER_2024, region_code="330106") == datetime.date(
        2024, 11, 15
    )
    december = datetime.date(2024, 12, 1)
    assert calculations.due_on(month=december, region_code="330106") == datetime.date(2025, 1, 15)


def test_interest_on_the_opening_balance_and_twelve_equal_monthly_credits():
    # 10000 × 2.62% = 262.00; 800 a month from January: 800 × 78 × 2.62% / 12 = 136.24.
    interest = calculations.year_interest(
        opening=Decimal("10000.00"),
        credits_by_month={month: Decimal(800) for month in range(1, 13)},
        rate=Decimal("0.0262"),
    )
    assert interest == Decimal("398.24")


def test_interest_counts_the_months_each_credit_was_in_the_account():
    # 1000 in March earns 10 months, 500 in November 2: 11000 × 3.97% / 12 = 36.39.
    interest = calculations.year_interest(
        opening=Decimal(0),
        credits_by_month={3: Decimal(1000), 11: Decimal(500)},
        rate=Decimal("0.0397"),
    )
    assert interest == Decimal("36.39")


def test_a_year_without_a_published_rate_has_none():
    assert calculations.published_interest_rate(2024) == Decimal("0.0262")
    assert calculations.published_interest_rate(2025) is None


@pytest.mark.parametrize(
    "raw", ["2026-10", "2026/10", "202610", "2026年10月", datetime.date(2026, 10, 17)]
)
def test_months_are_read_as_clerks_write_them(raw):
    assert calculations.parse_month(raw) == datetime.date(2026, 10, 1)
