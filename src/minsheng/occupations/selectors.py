"""Reads of the classification, always as of a day; and title coding without side effects.

Other apps call `suggest_codes(titles, as_of=...)` here (no queueing) or
`services.code_titles(...)` (which also queues low-confidence codings for review).
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import parameters
from minsheng.core.errors import NotFound
from minsheng.core.models import User
from minsheng.occupations import coding
from minsheng.occupations.engine import Coding
from minsheng.occupations.engine.taxonomy import is_valid_code
from minsheng.occupations.models import (
    CodingReview,
    Occupation,
    OccupationAlias,
    Release,
    ReviewStatus,
)


def today() -> datetime.date:
    return timezone.localdate()


def occupation_list(
    *,
    actor: User,
    as_of: datetime.date | None = None,
    search: str = "",
    digital: bool | None = None,
    green: bool | None = None,
    level: int | None = None,
) -> QuerySet[Occupation]:
    """Codes in force on `as_of`; `search` is a code (or its start), part of a name or an alias."""
    rows = Occupation.objects.for_actor(actor).as_of(as_of or today())
    search = search.strip()
    if search:
        if search[:1].isdigit():
            rows = rows.filter(code__startswith=search)
        else:
            alias_codes = OccupationAlias.objects.for_actor(actor).as_of(as_of or today())
            alias_codes = alias_codes.filter(text__contains=search).values("code")
            rows = rows.filter(
                Q(name__contains=search) | Q(aliases__contains=search) | Q(code__in=alias_codes)
            )
    if digital is not None:
        rows = rows.filter(digital=digital)
    if green is not None:
        rows = rows.filter(green=green)
    if level is not None:
        rows = rows.filter(level=level)
    return rows.select_related("opened_by").order_by("code")


def occupation_get(*, actor: User, code: str, as_of: datetime.date | None = None) -> Occupation:
    row = occupation_list(actor=actor, as_of=as_of).filter(code=code).first()
    if row is None:
        raise NotFound(
            "occupation_not_found",
            _("No occupation %(code)s on %(day)s."),
            params={"code": code, "day": as_of or today()},
        )
    return row


def occupation_children(
    *, actor: User, code: str | None, as_of: datetime.date | None = None
) -> QuerySet[Occupation]:
    """The codes directly below `code` (the major groups when `code` is None)."""
    rows = occupation_list(actor=actor, as_of=as_of)
    return rows.filter(parent_code=code or "")


def occupation_history(*, actor: User, code: str) -> QuerySet[Occupation]:
    """Every version of a code, oldest first, with the releases that opened and closed them."""
    return (
        Occupation.objects.for_actor(actor)
        .filter(code=code)
        .select_related("opened_by", "closed_by")
        .order_by("valid_from")
    )


def alias_list(*, actor: User, code: str, as_of: datetime.date | None = None):
    return OccupationAlias.objects.for_actor(actor).as_of(as_of or today()).filter(code=code)


def release_list(*, actor: User) -> QuerySet[Release]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return Release.objects.none()
    return Release.objects.order_by("-effective_on")


def review_list(*, actor: User, status: str = ReviewStatus.PENDING) -> QuerySet[CodingReview]:
    reviews = CodingReview.objects.for_actor(actor)
    if status:
        reviews = reviews.filter(status=status)
    return reviews


def review_get(*, actor: User, review_id: int) -> CodingReview:
    review = CodingReview.objects.for_actor(actor).filter(pk=review_id).first()
    if review is None:
        raise NotFound("review_not_found", _("No such coding review."))
    return review


def suggest_codes(titles: list[str], *, as_of: datetime.date | None = None) -> list[Coding]:
    """Code titles against the classification in force on `as_of`; writes nothing."""
    return coding.coder_for(as_of or today()).code_many(list(titles))


def needs_review(result: Coding, *, as_of: datetime.date) -> bool:
    """Uncertain codings go to people: a low score or an answer at group level."""
    if not result.coded:
        return False
    threshold = parameters.value("occupations.review_threshold", as_of)
    return result.score < threshold or result.level != "occupation"


def is_code_in_force(code: str, *, as_of: datetime.date) -> bool:
    return is_valid_code(code) and Occupation.objects.as_of(as_of).filter(code=code).exists()


def occupations_for_snapshot(*, as_of: datetime.date) -> dict[str, list]:
    """The classification in force on `as_of` with its flags, by code, as column lists.

    For the labour-market statistics snapshot, a system job: reference data, read the same for
    every region, so no actor. Some two thousand codes, read whole.
    """
    rows = Occupation.objects.as_of(as_of).order_by("code")
    columns = ("code", "level", "name", "digital", "green")
    values = list(zip(*rows.values_list(*columns), strict=True)) or [()] * len(columns)
    return {name: list(column) for name, column in zip(columns, values, strict=True)}
