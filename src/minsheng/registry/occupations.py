"""The occupation codes a job wish or a job may name: the 2022 dictionary's occupations.

Names come from the occupations engine's taxonomy (the digital/green marks are not part of a
name). Releases after 2022 are not considered here yet; `occupations.selectors` knows them.
"""

from functools import cache

from minsheng.occupations.engine import Level, Taxonomy


@cache
def occupation_names() -> dict[str, str]:
    """Occupation code → name, for the finest level of the dictionary only."""
    return {entry.code: entry.name for entry in Taxonomy.default().entries_at(Level.OCCUPATION)}


def occupation_name(code: str) -> str:
    return occupation_names().get(code, "")
