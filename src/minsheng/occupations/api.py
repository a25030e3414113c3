"""The occupational classification as of a day, batch title coding, and the review queue."""

import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from minsheng.core.errors import DomainError, NotFound
from minsheng.core.models import STAFF_ROLES
from minsheng.occupations import selectors, services
from minsheng.occupations.models import ReviewSource, ReviewStatus

router = Router(tags=["occupations"])

MAX_TITLES_PER_CALL = 1000


class OccupationOut(Schema):
    code: str
    level: int
    name: str
    digital: bool
    green: bool
    parent_code: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    release: str = Field(..., alias="opened_by.name")


class OccupationDetailOut(OccupationOut):
    definition: str
    tasks: str
    aliases: list[str] = Field(..., alias="alias_list")
    work_types: list[str] = []
    reviewed_titles: list[str] = []


class VersionOut(Schema):
    name: str
    digital: bool
    green: bool
    valid_from: datetime.date
    valid_to: datetime.date | None
    opened_by: str = Field(..., alias="opened_by.name")
    closed_by: str | None = Field(None, alias="closed_by.name")


class ReleaseOut(Schema):
    name: str
    effective_on: datetime.date
    reference: str
    is_example: bool


class CodeIn(Schema):
    titles: list[str]
    as_of: datetime.date | None = None
    alternatives: int = Field(5, ge=0, le=10)


class CandidateOut(Schema):
    code: str
    name: str
    level: str
    score: float


class CodingOut(Schema):
    title: str
    code: str | None
    name: str
    score: float
    level: str
    alternatives: list[CandidateOut]
    reason: str | None


class ReviewOut(Schema):
    id: int
    title: str
    suggested_code: str
    suggested_name: str
    score: float
    level: str
    source: str
    occurrences: int
    status: str
    final_code: str


class CorrectIn(Schema):
    code: str


@router.get("/occupations", response=list[OccupationOut])
@paginate(PageNumberPagination)
def occupation_list(
    request,
    q: str = "",
    as_of: datetime.date | None = None,
    digital: bool | None = None,
    green: bool | None = None,
    level: int | None = None,
    parent: str | None = None,
):
    """Codes in force on `as_of` (today by default): search by code, name or alias; filter
    digital / green / level, or list the children of `parent` ("" for the major groups)."""
    if parent is not None:
        return selectors.occupation_children(actor=request.auth, code=parent, as_of=as_of)
    return selectors.occupation_list(
        actor=request.auth, as_of=as_of, search=q, digital=digital, green=green, level=level
    )


@router.get("/occupations/releases", response=list[ReleaseOut])
@paginate(PageNumberPagination)
def release_list(request):
    return selectors.release_list(actor=request.auth)


@router.post("/occupations/code", response=list[CodingOut])
def code_titles(request, payload: CodeIn):
    """Code up to 1,000 titles; uncodable ones come back with `code: null` and a `reason`."""
    if len(payload.titles) > MAX_TITLES_PER_CALL:
        raise DomainError(
            "too_many_titles",
            _("At most %(limit)s titles per call."),
            params={"limit": MAX_TITLES_PER_CALL},
            field="titles",
        )
    results = services.code_titles(payload.titles, as_of=payload.as_of, source=ReviewSource.API)
    return [_coding_out(result, payload.alternatives) for result in results]


def _coding_out(result, alternatives: int) -> dict:
    return {
        "title": result.title,
        "code": result.code,
        "name": result.name,
        "score": result.score,
        "level": result.level,
        "alternatives": [
            {"code": c.code, "name": c.name, "level": c.level, "score": c.score}
            for c in result.alternatives[:alternatives]
        ],
        "reason": result.reason.value if result.reason else None,
    }


@router.get("/occupations/reviews", response=list[ReviewOut])
@paginate(PageNumberPagination)
def review_list(request, status: str = ReviewStatus.PENDING):
    return selectors.review_list(actor=request.auth, status=status)


@router.post("/occupations/reviews/{review_id}/accept", response=ReviewOut)
def review_accept(request, review_id: int):
    review = selectors.review_get(actor=request.auth, review_id=review_id)
    return services.accept_review(actor=request.auth, review=review)


@router.post("/occupations/reviews/{review_id}/correct", response=ReviewOut)
def review_correct(request, review_id: int, payload: CorrectIn):
    review = selectors.review_get(actor=request.auth, review_id=review_id)
    return services.correct_review(actor=request.auth, review=review, code=payload.code)


@router.get("/occupations/{code}", response=OccupationDetailOut)
def occupation_detail(request, code: str, as_of: datetime.date | None = None):
    row = selectors.occupation_get(actor=request.auth, code=code, as_of=as_of)
    aliases = selectors.alias_list(actor=request.auth, code=code, as_of=as_of)
    row.work_types = [a.text for a in aliases if a.source == "work_type"]
    row.reviewed_titles = []
    if request.auth.role in STAFF_ROLES:
        row.reviewed_titles = [a.text for a in aliases if a.source == "review"]
    return row


@router.get("/occupations/{code}/history", response=list[VersionOut])
def occupation_history(request, code: str):
    versions = list(selectors.occupation_history(actor=request.auth, code=code))
    if not versions:
        raise NotFound("occupation_not_found", _("No such occupation code."))
    return versions
