"""Minimum wages from the dated, region-keyed parameters (rules/labour_market/minimum_wage)."""

import datetime
from decimal import Decimal

import pytest

from minsheng.labour_market.minimum_wages import minimum_wage, province_tiers

D = datetime.date


def standard(region: str, day: datetime.date):
    found = minimum_wage(region, day)
    return found and (found.tier, found.monthly, found.hourly, found.since)


def test_zhejiang_from_2024_has_three_tiers_and_hangzhou_districts_take_the_first():
    tiers = province_tiers("330000", D(2024, 1, 1))
    assert [(t.tier, t.monthly, t.hourly) for t in tiers] == [
        (1, 2490, 24), (2, 2260, 22), (3, 2010, 20),
    ]  # fmt: skip
    assert standard("330106", D(2024, 1, 1)) == (1, 2490, 24, D(2024, 1, 1))  # 西湖区
    assert standard("330100", D(2025, 6, 30)) == (1, 2490, 24, D(2024, 1, 1))  # 杭州市
    assert standard("330106", D(2023, 12, 31)) == (1, 2280, 22, D(2021, 8, 1))


def test_a_county_is_not_given_its_citys_tier():
    """淳安县 may have adopted a lower tier than Hangzhou's districts: unknown, not guessed."""
    assert minimum_wage("330127", D(2024, 6, 1)) is None


def test_beijing_hourly_26_4_until_august_2024_then_27_7_with_2540_a_month():
    assert standard("110105", D(2024, 8, 31)) == (1, 2420, Decimal("26.4"), D(2023, 9, 1))
    assert standard("110105", D(2024, 9, 1)) == (1, 2540, Decimal("27.7"), D(2024, 9, 1))


def test_shanghai_2690_a_month_from_july_2023():
    assert standard("310115", D(2024, 1, 1)) == (1, 2690, 24, D(2023, 7, 1))


@pytest.mark.parametrize(
    ("region", "day"),
    [("440100", D(2025, 1, 1)), ("330106", D(2020, 1, 1)), ("100000", D(2025, 1, 1))],
)
def test_regions_and_days_without_a_recorded_standard_have_none(region, day):
    assert minimum_wage(region, day) is None


def test_each_standard_cites_its_legal_reference():
    assert "浙江省人民政府" in minimum_wage("330106", D(2024, 1, 1)).reference
    assert "北京市人力资源和社会保障局" in minimum_wage("110105", D(2024, 9, 1)).reference
