"""One title coder per process and per state of the classification.

Building a coder takes about half a second, coding a title a few microseconds, so coders are
cached. The cache key is read from the database on every call (the last release in force on
the day, and the newest alias), so a release or alias added by another process is picked up
too; writers in this process also clear the cache directly.
"""

import datetime
import threading
from collections import OrderedDict

from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import DomainError
from minsheng.occupations.engine import OccupationEntry, Taxonomy, TitleCoder
from minsheng.occupations.engine.taxonomy import Level
from minsheng.occupations.models import AliasSource, Occupation, OccupationAlias, Release

_KEEP = 4
_lock = threading.Lock()
_coders: "OrderedDict[tuple, TitleCoder]" = OrderedDict()


def clear_cache() -> None:
    with _lock:
        _coders.clear()


def _state_key(as_of: datetime.date) -> tuple:
    release = (
        Release.objects.filter(effective_on__lte=as_of)
        .order_by("-effective_on")
        .values_list("pk", "name")
        .first()
    )
    aliases = OccupationAlias.objects.aggregate(count=Count("pk"), newest=Max("pk"))
    return (release, aliases["count"], aliases["newest"])


def effective_day(as_of: datetime.date) -> datetime.date:
    """Days before the first release we hold are read as that release (the oldest we know)."""
    first = Release.objects.order_by("effective_on").values_list("effective_on", flat=True).first()
    return max(as_of, first) if first else as_of


def coder_for(as_of: datetime.date) -> TitleCoder:
    as_of = effective_day(as_of)
    key = _state_key(as_of)
    with _lock:
        coder = _coders.get(key)
        if coder is not None:
            _coders.move_to_end(key)
            return coder
    coder = build_coder(as_of)
    with _lock:
        _coders[key] = coder
        while len(_coders) > _KEEP:
            _coders.popitem(last=False)
    return coder


def taxonomy_as_of(as_of: datetime.date) -> Taxonomy:
    """The engine's view of the codes in force on `as_of`, with work types as aliases."""
    work_types: dict[str, list[str]] = {}
    for text, code in (
        OccupationAlias.objects.as_of(as_of)
        .filter(source=AliasSource.WORK_TYPE)
        .values_list("text", "code")
    ):
        work_types.setdefault(code, []).append(text)
    entries = [
        OccupationEntry(
            code=row.code,
            level=Level(row.level),
            name=row.name,
            digital=row.digital,
            green=row.green,
            definition=row.definition,
            tasks=row.tasks,
            aliases=tuple(row.alias_list) + tuple(work_types.get(row.code, ())),
        )
        for row in Occupation.objects.as_of(as_of).order_by("code")
    ]
    return Taxonomy(entries)


def build_coder(as_of: datetime.date) -> TitleCoder:
    taxonomy = taxonomy_as_of(as_of)
    if not len(taxonomy):
        raise DomainError(
            "taxonomy_not_loaded",
            _("The occupational classification is not loaded (run `minsheng occupations load`)."),
        )
    # A reviewed title wins outright, as long as its code is in force on the day.
    reviewed = {
        text: code
        for text, code in OccupationAlias.objects.filter(source=AliasSource.REVIEW)
        .order_by("pk")
        .values_list("text", "code")
        if code in taxonomy
    }
    return TitleCoder.from_taxonomy(taxonomy, extra_aliases=reviewed)
