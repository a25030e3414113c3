"""Release files: the format, and validation of a whole file before anything is written.

A release file is YAML (UTF-8)::

    release: 2024 new occupations          # unique name
    effective: 2024-07-31                  # after every release already imported
    reference: 人社厅发〔2024〕xx号          # optional: the announcement
    example: false                         # optional: true marks an illustrative release
    changes:
      - action: add                        # a new occupation or group
        code: 4-04-05-09                   # x-xx-xx-xx; its level follows from its shape
        name: 生成式人工智能系统应用员S      # a trailing S / L / L/S marks digital / green
        definition: …                      # optional
        tasks: …                           # optional
        aliases: [AIGC应用员]               # optional: titles used in job ads
      - action: add_work_type              # a work type (工种) under an existing occupation
        code: 4-04-05-09
        name: 提示词工程师
      - action: rename                     # a new name (and flags) for a code in force
        code: 3-01-02-05
        name: 文字录入员
      - action: retire                     # the code is no longer in force
        code: 4-13-02-04

Validation is complete before any write: every problem is reported with its line in the file
(an unknown parent group, a duplicate code, renaming or retiring an unknown or retired code,
a malformed code, an effective date not after the previous release…), and a file with any
problem changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml
from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import DomainError
from minsheng.occupations.engine.taxonomy import (
    Level,
    group_of,
    is_valid_code,
    level_of,
    parse_name,
)

ACTIONS = ("add", "add_work_type", "rename", "retire")
_TOP_KEYS = {"release", "effective", "reference", "example", "changes"}
_CHANGE_KEYS = {
    "add": {"action", "code", "name", "definition", "tasks", "aliases"},
    "add_work_type": {"action", "code", "name"},
    "rename": {"action", "code", "name", "definition", "tasks"},
    "retire": {"action", "code"},
}
MAX_NAME_CHARS = 200


@dataclass(frozen=True)
class Problem:
    """One problem of a release file; the reason is rendered in the language asked for."""

    line: int
    message: str | Promise
    params: dict = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)

    def reason_in(self, language: str) -> str:
        with translation.override(language):
            return self.reason

    def bilingual(self) -> str:
        zh, en = self.reason_in("zh-hans"), self.reason_in("en")
        return zh if zh == en else f"{zh} / {en}"

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class ReleaseRejected(DomainError):
    """The release file has problems; nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(
            "release_rejected",
            # Rendered when read, so the reason comes out in each language asked for.
            lazy(
                lambda: (
                    _("Release file rejected, nothing imported: line %(line)s: %(reason)s")
                    % {"line": first.line, "reason": first.reason}
                ),
                str,
            )(),
        )
        self.problems = problems

    def as_dict(self) -> dict:
        return super().as_dict() | {
            "problems": [{"line": p.line, "reason": p.reason} for p in self.problems]
        }


@dataclass(frozen=True)
class Change:
    line: int
    action: str
    code: str
    name: str = ""
    digital: bool = False
    green: bool = False
    definition: str | None = None
    tasks: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReleasePlan:
    name: str
    effective_on: datetime.date
    reference: str
    example: bool
    changes: tuple[Change, ...] = field(default=())
    effective_line: int = 1


@dataclass(frozen=True)
class CurrentState:
    """What the database holds, as far as validation needs it."""

    open_codes: frozenset[str]
    retired_codes: frozenset[str]
    release_names: frozenset[str]
    latest_effective: datetime.date | None


class _LineLoader(yaml.SafeLoader):
    """Remembers the line of every mapping so problems can name it."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__keys__"] = {
            str(key.value): key.start_mark.line + 1 for key, _value in node.value
        }
        return mapping


def parse_release(text: str) -> ReleasePlan:
    """Read a release file; raises `ReleaseRejected` for any malformed part."""
    try:
        document = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ReleaseRejected([Problem(line, _("not valid YAML"))]) from None
    if not isinstance(document, dict):
        raise ReleaseRejected([Problem(1, _("the file must be a mapping with a `changes` list"))])
    problems: list[Problem] = []
    line = document.pop("__line__", 1)
    key_lines = document.pop("__keys__", {})
    for key in sorted(set(document) - _TOP_KEYS, key=str):
        problems.append(Problem(key_lines.get(key, line), _("unknown key %(key)s"), {"key": key}))
    name = str(document.get("release") or "").strip()
    if not name:
        problems.append(Problem(line, _("the release needs a name (`release:`)")))
    effective = document.get("effective")
    effective_line = key_lines.get("effective", line)
    if not isinstance(effective, datetime.date) or isinstance(effective, datetime.datetime):
        problems.append(Problem(effective_line, _("`effective:` must be a date (YYYY-MM-DD)")))
        effective = None
    raw_changes = document.get("changes")
    if not isinstance(raw_changes, list) or not raw_changes:
        problems.append(
            Problem(key_lines.get("changes", line), _("`changes:` must be a non-empty list"))
        )
        raw_changes = []
    changes = [_parse_change(raw, line, problems) for raw in raw_changes]
    if problems:
        raise ReleaseRejected(problems)
    return ReleasePlan(
        name=name[:200],
        effective_on=effective,
        reference=str(document.get("reference") or "").strip()[:300],
        example=bool(document.get("example", False)),
        changes=tuple(c for c in changes if c is not None),
        effective_line=effective_line,
    )


def _parse_change(raw, parent_line: int, problems: list[Problem]) -> Change | None:
    if not isinstance(raw, dict):
        problems.append(Problem(parent_line, _("each change must be a mapping")))
        return None
    line = raw.pop("__line__", parent_line)
    raw.pop("__keys__", None)
    action = raw.get("action")
    if action not in ACTIONS:
        problems.append(
            Problem(
                line,
                _("unknown action %(action)r (one of %(actions)s)"),
                {"action": action, "actions": ", ".join(ACTIONS)},
            )
        )
        return None
    for key in sorted(set(raw) - _CHANGE_KEYS[action], key=str):
        problems.append(Problem(line, _("unknown key %(key)s"), {"key": key}))
    code = str(raw.get("code") or "").strip()
    if not is_valid_code(code):
        problems.append(Problem(line, _("malformed code %(code)r"), {"code": code}))
        return None
    raw_name = str(raw.get("name") or "")
    name, digital, green = parse_name(raw_name)
    if action != "retire" and not name:
        problems.append(Problem(line, _("a name is required")))
    if len(name) > MAX_NAME_CHARS:
        problems.append(Problem(line, _("the name is too long")))
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(Problem(line, _("`aliases:` must be a list of titles")))
        aliases = []
    return Change(
        line=line,
        action=action,
        code=code,
        name=name,
        digital=digital,
        green=green,
        definition=_optional_text(raw.get("definition")),
        tasks=_optional_text(raw.get("tasks")),
        aliases=tuple(a.strip() for a in aliases if a.strip()),
    )


def _optional_text(value) -> str | None:
    return None if value is None else str(value).strip()


def validate_release(plan: ReleasePlan, state: CurrentState) -> None:
    """Check the plan against the database's state; raises `ReleaseRejected` with every problem."""
    problems: list[Problem] = []
    if plan.name in state.release_names:
        problems.append(
            Problem(1, _("a release named %(name)r was already imported"), {"name": plan.name})
        )
    if state.latest_effective and plan.effective_on <= state.latest_effective:
        problems.append(
            Problem(
                plan.effective_line,
                _("effective date %(day)s is not after the previous release (%(previous)s)"),
                {"day": plan.effective_on, "previous": state.latest_effective},
            )
        )
    in_force = set(state.open_codes)
    touched: dict[str, int] = {}
    for change in plan.changes:
        refusal = _check_change(change, in_force, state.retired_codes, touched)
        if refusal:
            problems.append(Problem(change.line, *refusal))
            continue
        if change.action == "add":
            in_force.add(change.code)
        elif change.action == "retire":
            in_force.discard(change.code)
        if change.action != "add_work_type":
            touched[change.code] = change.line
    if problems:
        raise ReleaseRejected(sorted(problems, key=lambda p: p.line))


def _check_change(change: Change, in_force: set[str], retired: frozenset[str], touched: Mapping):
    code = change.code
    if change.action != "add_work_type" and code in touched:
        return _("code %(code)s is already changed on line %(line)s of this file"), {
            "code": code,
            "line": touched[code],
        }
    if change.action == "add":
        if code in in_force:
            return _("code %(code)s already exists"), {"code": code}
        if code in retired:
            return _("code %(code)s was retired and cannot be reused"), {"code": code}
        parent = parent_group(code)
        if parent is not None and parent not in in_force:
            return _("unknown parent group %(parent)s for %(code)s"), {
                "parent": parent,
                "code": code,
            }
        return None
    if code in retired:
        return _("code %(code)s is already retired"), {"code": code}
    if code not in in_force:
        return _("unknown code %(code)s"), {"code": code}
    if change.action == "add_work_type" and level_of(code) != Level.OCCUPATION:
        return _("a work type belongs to an occupation, not to group %(code)s"), {"code": code}
    if change.action == "retire" and any(
        other != code and group_of(other, level_of(code)) == code for other in in_force
    ):
        return _("group %(code)s still has codes in force; retire them first"), {"code": code}
    return None


def parent_group(code: str) -> str | None:
    """The group a new code must sit in: its minor group, or its medium group for the few
    occupations filed directly under a medium group (`1-01-00-01`)."""
    level = level_of(code)
    if level == Level.MAJOR:
        return None
    for parent_level in reversed(range(Level.MAJOR, level)):
        parent = group_of(code, Level(parent_level))
        if parent != code:
            return parent
    return None
