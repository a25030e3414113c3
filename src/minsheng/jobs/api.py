"""JSON API of recruitment docking: employers and vacancies here; placement (matches,
recommendations, applications) in `api_placement`, campaigns and fairs in `api_campaigns`.

Lists are paginated; records outside the caller's scope are 404. An employer's token reaches
its own employer, vacancies and the applications to them (and the public campaigns and fairs),
never another employer's records nor any identity number; phones are masked.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from minsheng.core.errors import NotFound
from minsheng.core.masking import mask_identity_number, mask_phone
from minsheng.core.models import Role, User
from minsheng.jobs import selectors, services
from minsheng.jobs.api_campaigns import router as campaigns_router
from minsheng.jobs.api_placement import router as placement_router
from minsheng.jobs.api_schemas import (
    MAXIMUM_TOP,
    FactorOut,
    VacancyOut,
    factor_rows,
)
from minsheng.jobs.matches import matching_seekers
from minsheng.jobs.models import Employer

router = Router(tags=["jobs"])


# Employers ---------------------------------------------------------------------------------


class EmployerIn(Schema):
    credit_code: str
    name: str
    industry: str = Field(..., description="Section of GB/T 4754-2017, A to S")
    size: str = Field(..., description="micro, small, medium or large")
    region_code: str
    contact_name: str = ""
    contact_phone: str = ""
    description: str = ""


class EmployerOut(Schema):
    """An employer as the API shows it: the contact phone masked, as people's phones are."""

    id: int
    credit_code: str
    name: str
    industry: str
    size: str
    region_code: str = Field(..., alias="region_id")
    contact_name: str
    contact_phone_masked: str
    description: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_contact_phone_masked(employer) -> str:
        return mask_phone(employer.contact_phone)


class AccountIn(Schema):
    username: str
    password: str


class AccountOut(Schema):
    id: int
    username: str
    role: str
    employer_id: int


@router.get("/employers", response=list[EmployerOut])
@paginate(PageNumberPagination)
def employer_list(request, q: str = ""):
    """Employers of the caller's region (by name or credit code); an employer sees itself."""
    return selectors.employer_list(actor=request.auth, search=q)


@router.post("/employers", response={201: EmployerOut})
def employer_register(request, payload: EmployerIn):
    return Status(201, services.register_employer(actor=request.auth, **payload.dict()))


@router.get("/employers/{employer_id}", response=EmployerOut)
def employer_detail(request, employer_id: int):
    return selectors.employer_get(actor=request.auth, employer_id=employer_id)


@router.post("/employers/{employer_id}/accounts", response={201: AccountOut})
def employer_account_create(request, employer_id: int, payload: AccountIn):
    """A sign-in for the employer's recruiter: it sees this employer's records only."""
    employer = selectors.employer_get(actor=request.auth, employer_id=employer_id)
    account = services.create_employer_account(
        actor=request.auth, employer=employer, **payload.dict()
    )
    return Status(
        201,
        AccountOut(
            id=account.pk, username=account.username, role=account.role, employer_id=employer.pk
        ),
    )


# Vacancies ---------------------------------------------------------------------------------


class VacancyIn(Schema):
    """`employer_id` may be left out by an employer's own account; staff name the employer.

    Without `occupation_code` the title is coded to an occupation automatically.
    """

    employer_id: int | None = None
    title: str
    occupation_code: str = ""
    description: str = ""
    headcount: int
    pay_min: Decimal = Field(..., description="lowest monthly pay, yuan")
    pay_max: Decimal = Field(..., description="highest monthly pay, yuan")
    education: str = ""
    skill_level: int | None = Field(None, description="1 to 8, the eight-level system")
    region_code: str
    contract_type: str = Field(..., description="full_time, part_time, flexible, internship")
    opens_on: datetime.date
    closes_on: datetime.date


class VacancyUpdateIn(Schema):
    """Only the fields sent change; `version` is the one you read (409 if it moved on).

    Any change by the employer sends a published vacancy back to review.
    """

    version: int
    title: str | None = None
    occupation_code: str | None = None
    description: str | None = None
    headcount: int | None = None
    pay_min: Decimal | None = None
    pay_max: Decimal | None = None
    education: str | None = None
    skill_level: int | None = None
    region_code: str | None = None
    contract_type: str | None = None
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None


class ReviewIn(Schema):
    approve: bool
    note: str = ""
    version: int


class CloseIn(Schema):
    reason: str = Field("withdrawn", description="withdrawn or filled")


def posting_employer(actor: User, employer_id: int | None) -> Employer:
    """The employer named, or the employer account's own when it has exactly one."""
    if employer_id is not None:
        return selectors.employer_get(actor=actor, employer_id=employer_id)
    own = list(selectors.employer_list(actor=actor)[:2]) if actor.role == Role.EMPLOYER else []
    if len(own) != 1:
        raise services.JobsError(
            "employer_required", _("Choose the employer offering the job."), field="employer_id"
        )
    return own[0]


@router.get("/vacancies", response=list[VacancyOut])
@paginate(PageNumberPagination)
def vacancy_list(request, status: str = "", q: str = "", employer_id: int | None = None):
    """Vacancies the caller manages, every status: staff their region's, an employer its own."""
    employer = None
    if employer_id is not None:
        employer = selectors.employer_get(actor=request.auth, employer_id=employer_id)
    return selectors.vacancy_list(actor=request.auth, status=status, search=q, employer=employer)


@router.get("/vacancies/open", response=list[VacancyOut])
@paginate(PageNumberPagination)
def open_vacancy_list(
    request,
    q: str = "",
    region_code: str = "",
    occupation_code: str = "",
    contract_type: str = "",
    as_of: datetime.date | None = None,
):
    """Published vacancies open on `as_of` (today): by title or employer, region and below,
    occupation (a code or a group such as 6-18-00-00) and contract type."""
    return selectors.open_vacancies(
        actor=request.auth,
        as_of=as_of or timezone.localdate(),
        search=q,
        region_code=region_code,
        occupation_code=occupation_code,
        contract_type=contract_type,
    )


@router.post("/vacancies", response={201: VacancyOut})
def vacancy_post(request, payload: VacancyIn):
    """A new vacancy, waiting for staff review before it is published."""
    fields = payload.dict()
    employer = posting_employer(request.auth, fields.pop("employer_id"))
    vacancy = services.post_vacancy(actor=request.auth, employer=employer, **fields)
    return Status(201, vacancy)


@router.get("/vacancies/{vacancy_id}", response=VacancyOut)
def vacancy_detail(request, vacancy_id: int):
    return selectors.vacancy_get(actor=request.auth, vacancy_id=vacancy_id)


def managed_vacancy(actor: User, vacancy_id: int):
    """A vacancy the caller manages; published ones of others are as absent as any other."""
    vacancy = selectors.vacancy_list(actor=actor).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise NotFound("vacancy_not_found", _("No such vacancy."))
    return vacancy


@router.patch("/vacancies/{vacancy_id}", response=VacancyOut)
def vacancy_update(request, vacancy_id: int, payload: VacancyUpdateIn):
    vacancy = managed_vacancy(request.auth, vacancy_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    # null clears the skill level; for the other (required) fields it means "unchanged".
    changes = {k: v for k, v in changes.items() if v is not None or k == "skill_level"}
    return services.update_vacancy(actor=request.auth, vacancy=vacancy, version=version, **changes)


@router.post("/vacancies/{vacancy_id}/review", response=VacancyOut)
def vacancy_review(request, vacancy_id: int, payload: ReviewIn):
    """Staff publish the vacancy, or send it back with a note saying what to change."""
    vacancy = managed_vacancy(request.auth, vacancy_id)
    return services.review_vacancy(actor=request.auth, vacancy=vacancy, **payload.dict())


@router.post("/vacancies/{vacancy_id}/close", response=VacancyOut)
def vacancy_close(request, vacancy_id: int, payload: CloseIn):
    vacancy = managed_vacancy(request.auth, vacancy_id)
    return services.close_vacancy(actor=request.auth, vacancy=vacancy, reason=payload.reason)


class SeekerMatchOut(Schema):
    person_id: int
    person_name: str
    identity_number_masked: str
    region_code: str
    score: float
    factors: list[FactorOut]


@router.get("/vacancies/{vacancy_id}/seekers", response=list[SeekerMatchOut])
@paginate(PageNumberPagination)
def vacancy_seekers(request, vacancy_id: int, top: int = 20, as_of: datetime.date | None = None):
    """Staff: the `top` (at most 100) people on the ledger of the caller's region who fit the
    vacancy best, best first, each with the factors of the score."""
    services.require_jobs_staff(request.auth)
    vacancy = selectors.vacancy_get(actor=request.auth, vacancy_id=vacancy_id)
    ranked = matching_seekers(
        actor=request.auth,
        vacancy=vacancy,
        as_of=as_of or timezone.localdate(),
        k=min(max(top, 1), MAXIMUM_TOP),
    )
    return [
        {
            "person_id": person.pk,
            "person_name": person.name,
            "identity_number_masked": mask_identity_number(person.identity_number),
            "region_code": person.region_id,
            "score": match.score,
            "factors": factor_rows(match.factors),
        }
        for person, match in ranked
    ]


router.add_router("", placement_router)
router.add_router("", campaigns_router)
