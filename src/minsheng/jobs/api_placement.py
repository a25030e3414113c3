"""JSON API of placement: matches with their factors, recommendations (each a 1131 job
recommendation), and applications through their steps to a hire."""

import datetime
from decimal import Decimal

from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from minsheng.core.masking import mask_identity_number
from minsheng.core.models import Role, User
from minsheng.jobs import placement_services, selectors, services
from minsheng.jobs.api_schemas import MAXIMUM_TOP, FactorOut, VacancyBriefOut, factor_rows
from minsheng.jobs.matches import matching_vacancies
from minsheng.registry import selectors as registry_selectors

router = Router(tags=["jobs"])


def today_or(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


# Matches and recommendations ---------------------------------------------------------------


class VacancyMatchOut(Schema):
    vacancy: VacancyBriefOut
    score: float
    factors: list[FactorOut]


class RecommendationOut(Schema):
    id: int
    person_id: int
    vacancy: VacancyBriefOut
    score: float
    factors: list[FactorOut]
    recommended_on: datetime.date
    by_batch: bool
    campaign_id: int | None
    recommended_by_id: int | None

    @staticmethod
    def resolve_factors(recommendation) -> list[dict]:
        return factor_rows(recommendation.factors)


class RecommendIn(Schema):
    person_id: int
    vacancy_id: int
    channel: str = Field("in_person", description="in_person, phone, online, text_message…")
    on: datetime.date | None = None


class BatchIn(Schema):
    """Everyone on the ledger in the caller's region (or under `region_code`)."""

    region_code: str = ""
    per_person: int = Field(3, ge=1, le=10)
    on: datetime.date | None = None


class BatchOut(Schema):
    on: datetime.date
    count: int


@router.get("/people/{person_id}/matches", response=list[VacancyMatchOut])
@paginate(PageNumberPagination)
def person_matches(request, person_id: int, top: int = 10, as_of: datetime.date | None = None):
    """Staff: the `top` (at most 100) open vacancies that fit the person best, each with the
    factors of its score ("why this job")."""
    services.require_jobs_staff(request.auth)
    person = registry_selectors.person_get(actor=request.auth, person_id=person_id)
    ranked = matching_vacancies(
        actor=request.auth, person=person, as_of=today_or(as_of), k=min(max(top, 1), MAXIMUM_TOP)
    )
    return [
        {"vacancy": vacancy, "score": match.score, "factors": factor_rows(match.factors)}
        for vacancy, match in ranked
    ]


@router.get("/people/{person_id}/recommendations", response=list[RecommendationOut])
@paginate(PageNumberPagination)
def person_recommendations(request, person_id: int):
    """The jobs recommended to the person, newest first (staff of the region, or the person)."""
    person = registry_selectors.person_get(actor=request.auth, person_id=person_id)
    return selectors.recommendation_list(actor=request.auth, person=person)


@router.post("/recommendations", response={201: RecommendationOut})
def recommendation_create(request, payload: RecommendIn):
    """Recommend an open vacancy to a person; it counts toward the person's 1131."""
    services.require_jobs_staff(request.auth)
    person = registry_selectors.person_get(actor=request.auth, person_id=payload.person_id)
    vacancy = selectors.vacancy_get(actor=request.auth, vacancy_id=payload.vacancy_id)
    recommendation = placement_services.recommend(
        actor=request.auth, person=person, vacancy=vacancy, on=payload.on, channel=payload.channel
    )
    return Status(201, recommendation)


@router.post("/recommendations/batch", response=BatchOut)
def recommendation_batch(request, payload: BatchIn):
    """The nightly batch, run now: each person's best new vacancies; returns how many."""
    on = today_or(payload.on)
    if payload.region_code:
        services.require_region(request.auth, payload.region_code)
    count = placement_services.recommend_for_ledger(
        actor=request.auth, on=on, per_person=payload.per_person, region_code=payload.region_code
    )
    return BatchOut(on=on, count=count)


# Applications ------------------------------------------------------------------------------


def sees_identity(context) -> bool:
    actor: User | None = getattr(context.get("request"), "auth", None) if context else None
    return actor is not None and actor.role != Role.EMPLOYER


class ApplicationOut(Schema):
    """To an employer the applicant appears by name only: no identity number at all."""

    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    identity_number_masked: str | None = None
    vacancy: VacancyBriefOut
    status: str
    applied_on: datetime.date
    fair_id: int | None
    recommendation_id: int | None
    hired_on: datetime.date | None
    monthly_pay: Decimal | None
    updated_at: datetime.datetime

    @staticmethod
    def resolve_identity_number_masked(application, context) -> str | None:
        if not sees_identity(context):
            return None
        return mask_identity_number(application.person.identity_number)


class StepOut(Schema):
    status: str
    on: datetime.date
    note: str
    recorded_by_id: int | None
    recorded_at: datetime.datetime


class ApplicationDetailOut(ApplicationOut):
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(application):
        return application.steps.order_by("on", "recorded_at", "pk")


class ApplyIn(Schema):
    person_id: int
    vacancy_id: int
    fair_id: int | None = None
    on: datetime.date | None = None


class StepIn(Schema):
    status: str = Field(..., description="interviewed, offered, hired, rejected or withdrawn")
    on: datetime.date | None = None
    note: str = ""
    monthly_pay: Decimal | None = Field(None, description="agreed monthly pay; needed to hire")


@router.post("/applications", response={201: ApplicationDetailOut})
def application_create(request, payload: ApplyIn):
    """The person applies (a citizen for themself, or staff for a person of their region)."""
    person = registry_selectors.person_get(actor=request.auth, person_id=payload.person_id)
    vacancy = selectors.vacancy_get(actor=request.auth, vacancy_id=payload.vacancy_id)
    fair = None
    if payload.fair_id is not None:
        fair = selectors.fair_get(actor=request.auth, fair_id=payload.fair_id)
    application = placement_services.apply(
        actor=request.auth, person=person, vacancy=vacancy, on=payload.on, fair=fair
    )
    return Status(201, application)


@router.get("/applications", response=list[ApplicationOut])
@paginate(PageNumberPagination)
def application_list(request, vacancy_id: int | None = None, person_id: int | None = None):
    """Applications the caller may see: staff their region's people's, an employer those to
    its own vacancies, a citizen their own; filtered by vacancy or person."""
    applications = selectors.application_list(actor=request.auth)
    if vacancy_id is not None:
        applications = applications.filter(vacancy_id=vacancy_id)
    if person_id is not None:
        applications = applications.filter(person_id=person_id)
    return applications


@router.get("/applications/{application_id}", response=ApplicationDetailOut)
def application_detail(request, application_id: int):
    return selectors.application_get(actor=request.auth, application_id=application_id)


@router.post("/applications/{application_id}/steps", response=ApplicationDetailOut)
def application_step(request, application_id: int, payload: StepIn):
    """The next step; a hire records the job in the person's history and ends the ledger stay."""
    application = selectors.application_get(actor=request.auth, application_id=application_id)
    return placement_services.advance_application(
        actor=request.auth, application=application, **payload.dict()
    )
