"""The national occupational classification as an immutable in-memory tree.

Codes look like ``2-02-10-03``: major group, medium group, minor group, occupation. A group is
written with trailing ``00`` parts (``2-02-10-00`` is a minor group, ``2-02-00-00`` a medium one).
Group membership is structural (a code lies in a group when it shares the group's leading parts),
so it holds even for the few groups the source file does not list.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from enum import IntEnum
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

_CODE_PATTERN = re.compile(r"^[1-8]-\d{2}-\d{2}-\d{2}$")
# The dictionary marks digital occupations with S and green ones with L; both gives "L/S".
_FLAG_SUFFIX = re.compile(r"(L/S|S/L|S|L)$")
_SPACES = re.compile(r"\s+")


class Level(IntEnum):
    MAJOR = 1
    MEDIUM = 2
    MINOR = 3
    OCCUPATION = 4

    @property
    def label(self) -> str:
        return self.name.lower()


def is_valid_code(code: str) -> bool:
    return bool(_CODE_PATTERN.match(code))


def level_of(code: str) -> Level:
    """The level a code denotes from its shape (``x-00-00-00`` is a major group, ...)."""
    _, medium, minor, occupation = code.split("-")
    if occupation != "00":
        return Level.OCCUPATION
    if minor != "00":
        return Level.MINOR
    if medium != "00":
        return Level.MEDIUM
    return Level.MAJOR


def group_of(code: str, level: Level) -> str:
    """The code of the group at ``level`` that contains ``code`` (itself if already there).

    Some occupations sit directly under a medium group (``1-01-00-01``); their minor group is
    the medium group itself.
    """
    parts = code.split("-")
    kept = parts[: int(level)]
    return "-".join(kept + ["00"] * (4 - len(kept)))


def is_code_within(code: str, group_code: str) -> bool:
    """True when ``code`` equals ``group_code`` or lies inside that group."""
    return group_of(code, level_of(group_code)) == group_code and level_of(code) >= level_of(
        group_code
    )


def parse_name(raw_name: str) -> tuple[str, bool, bool]:
    """Split a dictionary name into (name, digital, green): the S/L suffix is a flag, not a name."""
    name = _SPACES.sub("", raw_name.strip())
    match = _FLAG_SUFFIX.search(name)
    if not match:
        return name, False, False
    flags = match.group(1).upper()
    return name[: match.start()], "S" in flags, "L" in flags


@dataclass(frozen=True, slots=True)
class OccupationEntry:
    code: str
    level: Level
    name: str
    digital: bool = False
    green: bool = False
    definition: str = ""
    tasks: str = ""
    aliases: tuple[str, ...] = ()
    parent_code: str | None = None


class Taxonomy:
    """An immutable set of entries; ``with_aliases``/``with_entries`` return new taxonomies."""

    def __init__(self, entries: Iterable[OccupationEntry]) -> None:
        by_code: dict[str, OccupationEntry] = {}
        for entry in entries:
            if not is_valid_code(entry.code):
                raise ValueError(f"invalid occupation code {entry.code!r}")
            by_code[entry.code] = entry
        self._by_code = MappingProxyType(
            {
                code: replace(e, parent_code=self._nearest_parent(code, by_code))
                for code, e in sorted(by_code.items())
            }
        )
        children: dict[str, list[str]] = {}
        for entry in self._by_code.values():
            if entry.parent_code:
                children.setdefault(entry.parent_code, []).append(entry.code)
        self._children = MappingProxyType({code: tuple(kids) for code, kids in children.items()})

    @staticmethod
    def _nearest_parent(code: str, known: Mapping[str, OccupationEntry]) -> str | None:
        # Walk up the structural ancestors and skip groups absent from the source file.
        for level in reversed(range(Level.MAJOR, level_of(code))):
            candidate = group_of(code, Level(level))
            if candidate != code and candidate in known:
                return candidate
        return None

    @classmethod
    def from_csv(cls, path: str | Path) -> Taxonomy:
        merged: dict[str, OccupationEntry] = {}
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                entry = _entry_from_row(row)
                known = merged.get(entry.code)
                merged[entry.code] = entry if known is None else _merge_duplicate(known, entry)
        return cls(merged.values())

    @classmethod
    @cache
    def default(cls) -> Taxonomy:
        """The 2022 dictionary shipped with the package (read once; a taxonomy never changes)."""
        data = resources.files("minsheng.occupations").joinpath("data/occupations_csco2022.csv")
        with resources.as_file(data) as path:
            return cls.from_csv(path)

    def with_aliases(self, aliases: Mapping[str, Iterable[str]]) -> Taxonomy:
        """A copy with extra aliases (e.g. reviewer-confirmed ones) added to existing codes."""
        entries = dict(self._by_code)
        for code, extra in aliases.items():
            if code not in entries:
                raise KeyError(f"unknown occupation code {code!r}")
            current = entries[code].aliases
            added = tuple(a for a in dict.fromkeys(_clean_alias(x) for x in extra) if a)
            merged = current + tuple(a for a in added if a not in current)
            entries[code] = replace(entries[code], aliases=merged)
        return Taxonomy(entries.values())

    def with_entries(self, new_entries: Iterable[OccupationEntry]) -> Taxonomy:
        """A copy with entries added or replaced by code (e.g. occupations of a yearly release)."""
        entries = dict(self._by_code)
        for entry in new_entries:
            entries[entry.code] = entry
        return Taxonomy(entries.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[OccupationEntry]:
        return iter(self._by_code.values())

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> OccupationEntry | None:
        return self._by_code.get(code)

    def __getitem__(self, code: str) -> OccupationEntry:
        return self._by_code[code]

    def children(self, code: str) -> tuple[str, ...]:
        return self._children.get(code, ())

    def ancestors(self, code: str) -> list[str]:
        """Codes of the listed groups above ``code``, nearest first (the code itself excluded)."""
        chain: list[str] = []
        entry = self._by_code.get(code)
        while entry is not None and entry.parent_code is not None:
            chain.append(entry.parent_code)
            entry = self._by_code.get(entry.parent_code)
        return chain

    def is_within(self, code: str, group_code: str) -> bool:
        return is_code_within(code, group_code)

    def entries_at(self, level: Level) -> list[OccupationEntry]:
        return [entry for entry in self._by_code.values() if entry.level == level]


def _clean_alias(alias: str) -> str:
    return _SPACES.sub(" ", alias).strip()


def _merge_duplicate(first: OccupationEntry, second: OccupationEntry) -> OccupationEntry:
    # The source lists a few codes twice (once as a group, once as an occupation).
    aliases = first.aliases + tuple(a for a in second.aliases if a not in first.aliases)
    return replace(
        first,
        level=max(first.level, second.level),
        definition=first.definition or second.definition,
        tasks=first.tasks or second.tasks,
        aliases=aliases,
    )


def _entry_from_row(row: Mapping[str, str]) -> OccupationEntry:
    code = row["code"].strip()
    name, digital, green = parse_name(row["name"])
    aliases = tuple(
        alias
        for alias in dict.fromkeys(_clean_alias(a) for a in (row.get("alias") or "").split(","))
        # The source repeats the flagged name among the aliases; the flag is not part of it.
        if alias and parse_name(alias)[0] != name
    )
    return OccupationEntry(
        code=code,
        level=Level(int(row["level"])),
        name=name,
        digital=digital,
        green=green,
        definition=(row.get("definition") or "").strip(),
        tasks=(row.get("tasks") or "").strip(),
        aliases=aliases,
        parent_code=None,
    )
