"""The rules on skill levels and courses that are parameters (`rules/skills/*.yaml`).

- a course's focus area follows its occupation: care when the occupation is in
  `skills.care_occupations`, else digital or green by the classification's S/L marks;
- a person's first level in an occupation is at most `skills.first_level_max`;
- a new level lies at most `skills.max_level_step` above the current one;
- some levels need `skills.minimum_years_at_previous_level` years at the level below.
"""

import datetime

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minsheng.core import parameters
from minsheng.core.errors import DomainError
from minsheng.core.skill_levels import SkillLevel
from minsheng.occupations.engine import Taxonomy
from minsheng.registry.models import Person
from minsheng.skills.models import FocusArea, PersonSkillLevel


class SkillsError(DomainError):
    """Input the skills context cannot accept; the message says which rule and why.

    Parameters that are themselves translatable (level names) are translated into the
    language of each message, so both languages read whole.
    """

    def message_in(self, language: str) -> str:
        with translation.override(language):
            text = str(self.message)
            if not self.params:
                return text
            params = {
                key: str(value) if isinstance(value, Promise) else value
                for key, value in self.params.items()
            }
        return text % params


def level_name(level: int):
    return SkillLevel(level).label


def focus_area_of(occupation_code: str, on: datetime.date) -> str:
    if occupation_code in parameters.value("skills.care_occupations", on):
        return FocusArea.CARE
    entry = Taxonomy.default().get(occupation_code)
    if entry is not None and entry.digital:
        return FocusArea.DIGITAL
    if entry is not None and entry.green:
        return FocusArea.GREEN
    return FocusArea.OTHER


def current_level(
    person: Person, occupation_code: str, as_of: datetime.date | None = None
) -> PersonSkillLevel | None:
    """The highest level the person holds (not revoked) in the occupation, on `as_of`."""
    levels = PersonSkillLevel.objects.filter(
        person=person, occupation_code=occupation_code, revoked_on__isnull=True
    )
    if as_of is not None:
        levels = levels.filter(obtained_on__lte=as_of)
    return levels.order_by("-level", "-obtained_on").first()


def years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def refuse_level_step(
    *, current: PersonSkillLevel | None, target: int, on: datetime.date, field: str = "level"
) -> None:
    """Raise, saying which ordering rule it breaks, if `target` may not be obtained on `on`."""
    if current is not None and target <= current.level:
        raise SkillsError(
            "level_already_held",
            _(
                "The person already holds %(current)s in this occupation; a new level must be "
                "higher."
            ),
            field=field,
            params={"current": level_name(current.level)},
        )
    if current is None:
        highest = parameters.value("skills.first_level_max", on)
        if target > highest:
            raise SkillsError(
                "first_level_too_high",
                _(
                    "The person holds no level in this occupation yet; a first level can be at "
                    "most %(highest)s, not %(target)s."
                ),
                field=field,
                params={"highest": level_name(highest), "target": level_name(target)},
            )
        return
    step = parameters.value("skills.max_level_step", on)
    if target - current.level > step:
        raise SkillsError(
            "level_skipped",
            _(
                "%(target)s skips a level: the person holds %(current)s in this occupation, and "
                "the next level must come first."
            ),
            field=field,
            params={"target": level_name(target), "current": level_name(current.level)},
        )
    years = parameters.value("skills.minimum_years_at_previous_level", on).get(str(target))
    if years and years_later(current.obtained_on, years) > on:
        raise SkillsError(
            "level_too_soon",
            _(
                "%(target)s needs %(years)s years at %(current)s; the person obtained it on "
                "%(since)s."
            ),
            field=field,
            params={
                "target": level_name(target),
                "years": years,
                "current": level_name(current.level),
                "since": current.obtained_on.isoformat(),
            },
        )
