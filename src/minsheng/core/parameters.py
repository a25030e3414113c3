"""Dated legal and administrative parameters, read from `src/minsheng/rules/**.yaml`.

One parameter per file, OpenFisca-style; the file's path is the parameter's name
(`rules/assistance/overdue_days.yaml` is `assistance.overdue_days`):

    description: Days on the ledger after which an incomplete "1131" is overdue
    description_zh: 人员纳入实名制台账后，“1131”服务超过此天数仍未完成即为逾期
    unit: days
    unit_zh: 天
    reference: "人社部发〔2023〕xx号"
    values:
      2023-01-01: {value: 90}
      2025-07-01: {value: 60}

Every file is described in both languages of the platform: `description` and `unit` in English,
`description_zh` and `unit_zh` (zh-hans) right after each, in the terms of the Chinese law it
cites. The Chinese text is not in the translation catalogue, because it belongs with the rule and
changes with it. A file without `description_zh`, or with a unit in one language only, is refused
when loaded. `Parameter.description` and `Parameter.unit` give the text in the reader's language
(Django's active language: Chinese for zh-hans, English otherwise); every page and answer that
shows a parameter reads them there.

A value may be keyed by region code (`{value: {"100000": 90, "330000": 60}}`): the most specific
region on the way up from the asked region wins. Code asks `parameters().at(day).assistance.
overdue_days`, or `value("assistance.overdue_days", day, region_code="330106")`.
"""

import datetime
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import SimpleNamespace

import yaml
from django.utils import translation

from minsheng.core.regions import region_tree

CHINESE = "zh-hans"
TEXT_KEYS = ("description", "description_zh", "unit", "unit_zh")


class ParameterError(LookupError):
    pass


@dataclass(frozen=True)
class Parameter:
    name: str
    description_en: str
    description_zh: str
    unit_en: str
    unit_zh: str
    reference: str
    values: tuple[tuple[datetime.date, object], ...]  # oldest first

    @property
    def description(self) -> str:
        """What the parameter is, in the reader's language."""
        return in_reader_language(en=self.description_en, zh=self.description_zh)

    @property
    def unit(self) -> str:
        return in_reader_language(en=self.unit_en, zh=self.unit_zh)

    @property
    def headline(self) -> str:
        """The description's first clause, in the reader's language: what names the parameter
        where it is applied, its details being on its own page."""
        return first_clause(self.description)

    def at(self, day: datetime.date):
        current = None
        for start, value in self.values:
            if start <= day:
                current = value
        if current is None:
            raise ParameterError(f"{self.name} has no value on {day.isoformat()}")
        return current

    def for_region(self, day: datetime.date, region_code: str):
        value = self.at(day)
        if not isinstance(value, dict):
            return value
        for code in region_tree().ancestors(region_code):
            if code in value:
                return value[code]
        raise ParameterError(f"{self.name} has no value for region {region_code}")


def in_reader_language(*, en: str, zh: str) -> str:
    return zh if (translation.get_language() or CHINESE) == CHINESE else en


CLAUSE_ENDS = ("：", "。", "；", ": ", ". ", "; ")


def first_clause(text: str) -> str:
    """`Contribution needed before benefit is paid: months of …` → `Contribution needed before
    benefit is paid`. A colon or sentence end inside brackets does not count."""
    depth = 0
    for at, character in enumerate(text):
        if character in "(（":
            depth += 1
        elif character in ")）":
            depth = max(depth - 1, 0)
        elif depth == 0 and text.startswith(CLAUSE_ENDS, at):
            return text[:at]
    return text.rstrip("。.")


def file_of(name: str) -> str:
    """`assistance.overdue_days` is read from `rules/assistance/overdue_days.yaml`."""
    return "rules/" + name.replace(".", "/") + ".yaml"


def texts(name: str, document: dict) -> dict[str, str]:
    """The description and unit in both languages; a missing one refuses the file."""
    found = {key: str(document.get(key) or "").strip() for key in TEXT_KEYS}
    needed = ["description", "description_zh"]
    if found["unit"] or found["unit_zh"]:
        needed += ["unit", "unit_zh"]
    missing = [key for key in needed if not found[key]]
    if missing:
        raise ParameterError(
            f"{file_of(name)}: 缺少 {'、'.join(missing)}（说明和单位须有中英文两种） / "
            f"missing {', '.join(missing)} (description and unit need English and Chinese)"
        )
    return {
        "description_en": found["description"],
        "description_zh": found["description_zh"],
        "unit_en": found["unit"],
        "unit_zh": found["unit_zh"],
    }


def parse_parameter(name: str, text: str) -> Parameter:
    document = yaml.safe_load(text)
    values = []
    for start, entry in (document.get("values") or {}).items():
        if not isinstance(start, datetime.date) or not isinstance(entry, dict):
            raise ParameterError(f"{name}: values must be `YYYY-MM-DD: {{value: …}}`")
        value = entry["value"]
        if isinstance(value, dict):
            value = {str(code): v for code, v in value.items()}
        values.append((start, value))
    if not values:
        raise ParameterError(f"{name}: no values")
    return Parameter(
        name=name,
        **texts(name, document),
        reference=document.get("reference", ""),
        values=tuple(sorted(values, key=lambda pair: pair[0])),
    )


@cache
def all_parameters() -> dict[str, Parameter]:
    root = resources.files("minsheng") / "rules"
    found = {}

    def walk(folder, prefix):
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}.")
            elif entry.name.endswith(".yaml"):
                name = prefix + entry.name.removesuffix(".yaml")
                found[name] = parse_parameter(name, entry.read_text(encoding="utf-8"))

    walk(root, "")
    return found


def parameter(name: str) -> Parameter:
    try:
        return all_parameters()[name]
    except KeyError:
        raise ParameterError(f"unknown parameter {name}") from None


def value(name: str, day: datetime.date, *, region_code: str | None = None):
    found = parameter(name)
    return found.for_region(day, region_code) if region_code else found.at(day)


def at(day: datetime.date) -> SimpleNamespace:
    """All parameters' values on `day` as attributes: `at(day).assistance.overdue_days`."""
    tree = SimpleNamespace()
    for name, found in all_parameters().items():
        node = tree
        *folders, leaf = name.split(".")
        for folder in folders:
            node = node.__dict__.setdefault(folder, SimpleNamespace())
        try:
            setattr(node, leaf, found.at(day))
        except ParameterError:
            continue
    return tree
