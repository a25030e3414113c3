"""JSON API of campaigns and fairs: organising them, registering employers and seekers, and
the campaign's results and fairness report (counts only, never a named person)."""

import datetime

from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from minsheng.jobs import campaign_reports, campaign_services, selectors
from minsheng.registry import selectors as registry_selectors

router = Router(tags=["jobs"])


class FairOut(Schema):
    id: int
    campaign_id: int
    name: str
    mode: str
    venue: str
    held_on: datetime.date
    booths: int
    region_code: str = Field(..., alias="region_id")


class CampaignOut(Schema):
    id: int
    name: str
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date
    region_code: str = Field(..., alias="region_id")
    target_groups: list[str]
    description: str


class CampaignDetailOut(CampaignOut):
    fairs: list[FairOut]

    @staticmethod
    def resolve_fairs(campaign):
        return campaign.fairs.order_by("held_on", "pk")


class CampaignIn(Schema):
    name: str
    kind: str = Field(
        ..., description="graduate_autumn, golden_autumn, hundred_day, industry, regional"
    )
    starts_on: datetime.date
    ends_on: datetime.date
    region_code: str
    target_groups: list[str] = Field([], description="key groups; empty means everyone")
    description: str = ""


class FairIn(Schema):
    name: str
    mode: str = Field(..., description="on_site or online")
    held_on: datetime.date
    region_code: str
    venue: str = ""
    booths: int = Field(0, description="booths of an on-site fair (at least 1)")


class FairEmployerIn(Schema):
    employer_id: int
    vacancy_ids: list[int]


class FairEmployerOut(Schema):
    id: int
    fair_id: int
    employer_id: int
    booth: int | None
    vacancy_ids: list[int]

    @staticmethod
    def resolve_vacancy_ids(registration) -> list[int]:
        return sorted(registration.vacancies.values_list("pk", flat=True))


class AttendeeIn(Schema):
    person_id: int


class AttendeeOut(Schema):
    id: int
    fair_id: int
    person_id: int
    registered_at: datetime.datetime


class CampaignResultsOut(Schema):
    fairs: int
    employers: int
    vacancies: int
    headcount: int
    attendees: int
    recommendations: int
    applications: int
    hires: int


class FairResultOut(Schema):
    id: int
    name: str
    mode: str
    held_on: datetime.date
    employers: int = Field(..., alias="n_employers")
    attendees: int = Field(..., alias="n_attendees")
    applications: int = Field(..., alias="n_applications")
    hires: int = Field(..., alias="n_hires")


class ResultsOut(Schema):
    campaign_id: int
    totals: CampaignResultsOut
    fairs: list[FairResultOut]


class RateRowOut(Schema):
    label: str
    seekers: int
    recommended: int
    rate: float


class FairnessTableOut(Schema):
    """Recommendation rates by one dimension; flagged when the lowest rate is under four
    fifths of the highest."""

    dimension: str
    rows: list[RateRowOut]
    lowest_to_highest: float | None
    flagged: bool


@router.get("/campaigns", response=list[CampaignOut])
@paginate(PageNumberPagination)
def campaign_list(request, current_on: datetime.date | None = None):
    """Campaigns, newest first; with `current_on`, those not yet over on that day."""
    return selectors.campaign_list(actor=request.auth, current_on=current_on)


@router.post("/campaigns", response={201: CampaignDetailOut})
def campaign_create(request, payload: CampaignIn):
    return Status(201, campaign_services.create_campaign(actor=request.auth, **payload.dict()))


@router.get("/campaigns/{campaign_id}", response=CampaignDetailOut)
def campaign_detail(request, campaign_id: int):
    return selectors.campaign_get(actor=request.auth, campaign_id=campaign_id)


@router.get("/campaigns/{campaign_id}/results", response=ResultsOut)
def campaign_results(request, campaign_id: int):
    """Staff: employers, vacancies, headcount, attendees, applications and hires, per fair too."""
    campaign = selectors.campaign_get(actor=request.auth, campaign_id=campaign_id)
    return ResultsOut(
        campaign_id=campaign.pk,
        totals=campaign_reports.campaign_results(actor=request.auth, campaign=campaign),
        fairs=campaign_reports.fair_results(actor=request.auth, campaign=campaign),
    )


@router.get("/campaigns/{campaign_id}/fairness", response=list[FairnessTableOut])
def campaign_fairness(request, campaign_id: int):
    """Staff: the share of the campaign's seekers recommended a job, by sex and by age band."""
    campaign = selectors.campaign_get(actor=request.auth, campaign_id=campaign_id)
    return campaign_reports.fairness_report(actor=request.auth, campaign=campaign)


@router.post("/campaigns/{campaign_id}/fairs", response={201: FairOut})
def fair_add(request, campaign_id: int, payload: FairIn):
    campaign = selectors.campaign_get(actor=request.auth, campaign_id=campaign_id)
    fair = campaign_services.add_fair(actor=request.auth, campaign=campaign, **payload.dict())
    return Status(201, fair)


@router.post("/fairs/{fair_id}/employers", response={201: FairEmployerOut})
def fair_employer_register(request, fair_id: int, payload: FairEmployerIn):
    """An employer takes part with its published vacancies; on site it gets the next booth
    (409 when every booth is taken)."""
    fair = selectors.fair_get(actor=request.auth, fair_id=fair_id)
    employer = selectors.employer_get(actor=request.auth, employer_id=payload.employer_id)
    vacancies = [
        selectors.vacancy_get(actor=request.auth, vacancy_id=pk)
        for pk in dict.fromkeys(payload.vacancy_ids)
    ]
    registration = campaign_services.register_employer_at_fair(
        actor=request.auth, fair=fair, employer=employer, vacancies=vacancies
    )
    return Status(201, registration)


@router.post("/fairs/{fair_id}/attendees", response={201: AttendeeOut})
def fair_attendee_register(request, fair_id: int, payload: AttendeeIn):
    """A seeker registers to attend: a citizen themself, or staff for a person of the region."""
    fair = selectors.fair_get(actor=request.auth, fair_id=fair_id)
    person = registry_selectors.person_get(actor=request.auth, person_id=payload.person_id)
    attendee = campaign_services.register_attendee(actor=request.auth, fair=fair, person=person)
    return Status(201, attendee)
