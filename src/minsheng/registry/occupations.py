"""The occupation codes a job wish or a job may name: the 2022 dictionary's occupations."""

import csv
from functools import cache
from importlib import resources

OCCUPATION_LEVEL = "4"


@cache
def occupation_names() -> dict[str, str]:
    """Occupation code → name, for the finest level of the dictionary only."""
    source = resources.files("minsheng.occupations").joinpath("data/occupations_csco2022.csv")
    with source.open(encoding="utf-8-sig", newline="") as handle:
        return {
            row["code"]: row["name"]
            for row in csv.DictReader(handle)
            if row["level"] == OCCUPATION_LEVEL
        }


def occupation_name(code: str) -> str:
    return occupation_names().get(code, "")
