"""Minimum wages as dated, region-keyed parameters (`rules/labour_market/minimum_wage/*.yaml`).

One file per province, OpenFisca-style, with its legal reference. Each dated value lists the
province's tiers (monthly standard for full-time work, hourly for part-time work) and which
tier each locality adopted::

    2024-01-01:
      value:
        tiers: {1: {monthly: 2490, hourly: 24}, 2: {monthly: 2260, hourly: 22}, …}
        regions: {"330100": 1, …}

A province code covers the whole province (a single-tier municipality); a city code covers the
city and its districts (市辖区, "…区"); a county or county-level city is covered only when it is
listed itself, since such localities often adopt a lower tier than the city's districts. A region
that no file covers has no known minimum wage (None), never a guessed one.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from minsheng.core import parameters
from minsheng.core.regions import CITY, COUNTY, PROVINCE, region_tree

PREFIX = "labour_market.minimum_wage."


@dataclass(frozen=True)
class MinimumWage:
    region_code: str  # the region asked about
    covered_by: str  # the listed region whose tier applies
    tier: int
    monthly: Decimal
    hourly: Decimal
    since: datetime.date
    reference: str


@dataclass(frozen=True)
class Tier:
    tier: int
    monthly: Decimal
    hourly: Decimal
    regions: tuple[str, ...]  # listed localities adopting it


@cache
def _by_province() -> dict[str, parameters.Parameter]:
    found = {}
    for name, parameter in parameters.all_parameters().items():
        if not name.startswith(PREFIX):
            continue
        for _start, value in parameter.values:
            for code in value["regions"]:
                province = region_tree().province_of(str(code))
                if province is None:
                    raise parameters.ParameterError(f"{name}: unknown region {code}")
                found[province] = parameter
    return found


def _value_on(province_code: str | None, day: datetime.date):
    parameter = _by_province().get(province_code or "")
    if parameter is None:
        return None, None
    try:
        return parameter, parameter.at(day)
    except parameters.ParameterError:
        return parameter, None


def _since(parameter: parameters.Parameter, day: datetime.date) -> datetime.date:
    return max(start for start, _value in parameter.values if start <= day)


def _covering(region_code: str, regions: dict) -> str | None:
    """The listed code whose tier applies to the region (see the module docstring)."""
    if region_code in regions:
        return region_code
    tree = region_tree()
    info = tree.get(region_code)
    is_district = info.level == COUNTY and info.name.endswith("区")
    if info.level == CITY or is_district:
        city = tree.at_level(region_code, CITY)
        if city in regions:
            return city
    province = tree.province_of(region_code)
    return province if province in regions else None


def minimum_wage(region_code: str, day: datetime.date) -> MinimumWage | None:
    """The minimum wage in force in the region on the day, or None when none is recorded."""
    tree = region_tree()
    if region_code not in tree or tree.get(region_code).level < PROVINCE:
        return None
    parameter, value = _value_on(tree.province_of(region_code), day)
    if value is None:
        return None
    regions = {str(code): tier for code, tier in value["regions"].items()}
    covered_by = _covering(region_code, regions)
    if covered_by is None:
        return None
    tier = int(regions[covered_by])
    standard = value["tiers"][tier]
    return MinimumWage(
        region_code=region_code,
        covered_by=covered_by,
        tier=tier,
        monthly=Decimal(str(standard["monthly"])),
        hourly=Decimal(str(standard["hourly"])),
        since=_since(parameter, day),
        reference=parameter.reference,
    )


def monthly_minimum(region_code: str, day: datetime.date) -> Decimal | None:
    found = minimum_wage(region_code, day)
    return found.monthly if found else None


def province_tiers(province_code: str, day: datetime.date) -> list[Tier]:
    """The province's tiers on the day with the localities listed for each (empty if unknown)."""
    _parameter, value = _value_on(province_code, day)
    if value is None:
        return []
    listed: dict[int, list[str]] = {}
    for code, tier in value["regions"].items():
        listed.setdefault(int(tier), []).append(str(code))
    return [
        Tier(
            tier=int(tier),
            monthly=Decimal(str(standard["monthly"])),
            hourly=Decimal(str(standard["hourly"])),
            regions=tuple(sorted(listed.get(int(tier), []))),
        )
        for tier, standard in sorted(value["tiers"].items())
    ]


def provinces_with_minimum_wages() -> list[str]:
    return sorted(_by_province())
