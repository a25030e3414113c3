"""The national administrative divisions (GB/T 2260) as an in-memory tree.

The source file (package data, from ../shared/data/regions_cn.csv) omits the city-level
"市辖区" nodes of the four municipalities and the "直辖县级行政区划" groups of some provinces;
they are synthesised here so that every county sits at depth 3 under a city at depth 2.
"""

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

NATIONAL_CODE = "100000"
PROVINCE, CITY, COUNTY = 1, 2, 3

SYNTHETIC_PARENT_NAMES = {
    "市辖区": ("110100", "120100", "310100", "500100"),
    "省直辖县级行政区划": ("419000", "429000", "469000"),
    "自治区直辖县级行政区划": ("659000",),
}


@dataclass(frozen=True, slots=True)
class RegionInfo:
    code: str
    name: str
    full_name: str
    pinyin: str
    level: int
    parent_code: str | None


class RegionTree:
    def __init__(self, regions: list[RegionInfo]) -> None:
        self.by_code = {region.code: region for region in regions}
        self.children: dict[str, list[str]] = {}
        for region in regions:
            if region.parent_code:
                self.children.setdefault(region.parent_code, []).append(region.code)

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def get(self, code: str) -> RegionInfo | None:
        return self.by_code.get(code)

    def ancestors(self, code: str) -> list[str]:
        """Codes from the region itself up to the nation, nearest first."""
        chain = []
        current = self.by_code.get(code)
        while current is not None:
            chain.append(current.code)
            current = self.by_code.get(current.parent_code) if current.parent_code else None
        return chain

    def is_within(self, code: str, ancestor_code: str) -> bool:
        """True when `code` is `ancestor_code` or lies below it."""
        return ancestor_code in self.ancestors(code)

    @cache  # noqa: B019 - the tree lives as long as the process and is never mutated
    def subtree(self, code: str) -> frozenset[str]:
        codes = {code}
        for child in self.children.get(code, ()):
            codes |= self.subtree(child)
        return frozenset(codes)

    def at_level(self, code: str, level: int) -> str | None:
        """The ancestor of `code` at `level` (1 province, 2 city, 3 county)."""
        for ancestor in self.ancestors(code):
            if self.by_code[ancestor].level == level:
                return ancestor
        return None

    def province_of(self, code: str) -> str | None:
        return self.at_level(code, PROVINCE)

    def counties_under(self, code: str) -> list[str]:
        return sorted(c for c in self.subtree(code) if self.by_code[c].level == COUNTY)

    def resolve_address_code(self, address_code: str) -> str | None:
        """The most specific known region for an identity number's 6-digit address code.

        Address codes of abolished or renamed counties stay in identity numbers for life,
        so an unknown county code falls back to its city, then to its province.
        """
        for candidate in (address_code, address_code[:4] + "00", address_code[:2] + "0000"):
            if candidate in self.by_code and candidate != NATIONAL_CODE:
                return candidate
        return None


def read_region_rows() -> list[RegionInfo]:
    source = resources.files("minsheng.core").joinpath("data/regions_cn.csv")
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    known = {row["id"] for row in rows}
    regions = [
        RegionInfo(
            NATIONAL_CODE, "中华人民共和国", "中华人民共和国", "Zhonghua Renmin Gongheguo", 0, None
        )
    ]
    for name, codes in SYNTHETIC_PARENT_NAMES.items():
        for code in codes:
            province = code[:2] + "0000"
            regions.append(
                RegionInfo(
                    code, name, f"{province_name(rows, province)},{name}", "", CITY, province
                )
            )
    synthetic = {code for codes in SYNTHETIC_PARENT_NAMES.values() for code in codes}
    for row in rows:
        parent = row["parent_id"]
        if parent not in known and parent not in synthetic and parent != NATIONAL_CODE:
            raise ValueError(f"region {row['id']} has unknown parent {parent}")
        level = PROVINCE if parent == NATIONAL_CODE else CITY if parent[2:] == "0000" else COUNTY
        regions.append(
            RegionInfo(row["id"], row["name"], row["nerge_name"], row["pinyin"], level, parent)
        )
    return regions


def province_name(rows: list[dict], province_code: str) -> str:
    return next(row["name"] for row in rows if row["id"] == province_code)


@cache
def region_tree() -> RegionTree:
    return RegionTree(read_region_rows())
