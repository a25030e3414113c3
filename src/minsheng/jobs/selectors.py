"""Reads of recruitment docking; every one starts from a model's `for_actor(actor)`.

Published vacancies are public information: anyone signed in searches them, except that an
employer sees only its own. Managing a vacancy (every status) is for its employer and for
staff of its region.
"""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core.chunks import ColumnChunks
from minsheng.core.errors import NotFound
from minsheng.core.models import Role, User
from minsheng.core.regions import region_tree
from minsheng.jobs.models import (
    Application,
    ApplicationStatus,
    Campaign,
    Employer,
    Fair,
    FairAttendee,
    FairEmployer,
    Industry,
    Recommendation,
    Vacancy,
    VacancyStatus,
)
from minsheng.registry.models import Person

STAFF_READERS = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.CASEWORKER})


def employer_list(*, actor: User, search: str = "") -> QuerySet[Employer]:
    employers = Employer.objects.for_actor(actor)
    if search.strip():
        employers = employers.filter(
            Q(name__contains=search.strip()) | Q(credit_code=search.strip().upper())
        )
    return employers.select_related("region").order_by("name")


def employer_get(*, actor: User, employer_id: int) -> Employer:
    employer = employer_list(actor=actor).filter(pk=employer_id).first()
    if employer is None:
        raise NotFound("employer_not_found", _("No such employer."))
    return employer


def vacancy_list(
    *, actor: User, status: str = "", search: str = "", employer: Employer | None = None
) -> QuerySet[Vacancy]:
    """Vacancies the actor manages: staff their region's, an employer its own (any status)."""
    vacancies = Vacancy.objects.for_actor(actor)
    if actor.role == Role.CITIZEN:
        vacancies = vacancies.none()
    if status:
        vacancies = vacancies.filter(status=status)
    if search.strip():
        vacancies = vacancies.filter(title__contains=search.strip())
    if employer is not None:
        vacancies = vacancies.filter(employer=employer)
    return vacancies.select_related("employer", "region").order_by("-created_at", "-pk")


def review_queue(*, actor: User) -> QuerySet[Vacancy]:
    if actor.role not in STAFF_READERS:
        return Vacancy.objects.none()
    return vacancy_list(actor=actor, status=VacancyStatus.PENDING).order_by("created_at", "pk")


def vacancy_get(*, actor: User, vacancy_id: int) -> Vacancy:
    """A vacancy the actor manages, or else a published one (which anyone may read)."""
    vacancy = (
        vacancy_list(actor=actor).filter(pk=vacancy_id).first()
        or open_vacancies(actor=actor, as_of=None).filter(pk=vacancy_id).first()
    )
    if vacancy is None:
        raise NotFound("vacancy_not_found", _("No such vacancy."))
    return vacancy


def open_vacancies(
    *,
    actor: User,
    as_of: datetime.date | None = None,
    search: str = "",
    region_code: str = "",
    occupation_code: str = "",
    contract_type: str = "",
) -> QuerySet[Vacancy]:
    """Published vacancies open on the day, for every signed-in user; `as_of=None` any day.

    An employer sees only its own: it may never see another employer's vacancies.
    """
    if actor is None or not actor.is_authenticated:
        return Vacancy.objects.none()
    vacancies = Vacancy.objects.published()
    if actor.role == Role.EMPLOYER:
        vacancies = vacancies.filter(employer__accounts=actor)
    if as_of is not None:
        vacancies = vacancies.filter(opens_on__lte=as_of, closes_on__gte=as_of)
    if search.strip():
        vacancies = vacancies.filter(
            Q(title__contains=search.strip()) | Q(employer__name__contains=search.strip())
        )
    if region_code:
        vacancies = vacancies.filter(region_id__in=region_tree().subtree(region_code))
    if occupation_code:
        vacancies = vacancies.filter(occupation_code__startswith=occupation_code.rstrip("-0"))
    if contract_type:
        vacancies = vacancies.filter(contract_type=contract_type)
    return vacancies.select_related("employer", "region").order_by("-opens_on", "-pk")


def recommendation_list(
    *, actor: User, person: Person | None = None, vacancy: Vacancy | None = None
) -> QuerySet:
    recommendations = Recommendation.objects.for_actor(actor)
    if person is not None:
        recommendations = recommendations.filter(person=person)
    if vacancy is not None:
        recommendations = recommendations.filter(vacancy=vacancy)
    return recommendations.select_related("vacancy__employer", "person").order_by(
        "-recommended_on", "-pk"
    )


def application_list(
    *, actor: User, vacancy: Vacancy | None = None, person: Person | None = None
) -> QuerySet[Application]:
    """Staff the applications of their region's people, employers those to their vacancies."""
    applications = Application.objects.for_actor(actor)
    if vacancy is not None:
        applications = applications.filter(vacancy=vacancy)
    if person is not None:
        applications = applications.filter(person=person)
    return (
        applications.select_related("vacancy__employer", "person")
        .prefetch_related("steps")
        .order_by("-applied_on", "-pk")
    )


def application_get(*, actor: User, application_id: int) -> Application:
    application = application_list(actor=actor).filter(pk=application_id).first()
    if application is None:
        raise NotFound("application_not_found", _("No such application."))
    return application


def campaign_list(*, actor: User, current_on: datetime.date | None = None) -> QuerySet[Campaign]:
    campaigns = Campaign.objects.for_actor(actor)
    if current_on is not None:
        campaigns = campaigns.filter(ends_on__gte=current_on)
    return campaigns.select_related("region").order_by("-starts_on", "pk")


def campaign_get(*, actor: User, campaign_id: int) -> Campaign:
    campaign = campaign_list(actor=actor).filter(pk=campaign_id).first()
    if campaign is None:
        raise NotFound("campaign_not_found", _("No such campaign."))
    return campaign


def fair_get(*, actor: User, fair_id: int) -> Fair:
    fair = Fair.objects.for_actor(actor).select_related("campaign", "region").filter(pk=fair_id)
    if not fair.exists():
        raise NotFound("fair_not_found", _("No such fair."))
    return fair.get()


def vacancy_managed_get(*, actor: User, vacancy_id: int) -> Vacancy:
    """A vacancy the actor manages (its employer, or staff of its region), for changing it."""
    vacancy = vacancy_list(actor=actor).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise NotFound("vacancy_not_found", _("No such vacancy."))
    return vacancy


def with_application_counts(vacancies: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    return vacancies.annotate(application_count=Count("applications", distinct=True))


def fair_list(
    *, actor: User, held_from: datetime.date | None = None, campaign: Campaign | None = None
) -> QuerySet[Fair]:
    """Fairs are public like their campaigns; `held_from` keeps those still to come."""
    fairs = Fair.objects.for_actor(actor)
    if held_from is not None:
        fairs = fairs.filter(held_on__gte=held_from)
    if campaign is not None:
        fairs = fairs.filter(campaign=campaign)
    return fairs.select_related("campaign", "region").order_by("held_on", "pk")


def fair_employer_list(
    *, actor: User, fair: Fair | None = None, employer: Employer | None = None
) -> QuerySet[FairEmployer]:
    """Who takes part in a fair (public, like the fair) with the vacancies they bring."""
    registrations = FairEmployer.objects.filter(fair__in=Fair.objects.for_actor(actor))
    if fair is not None:
        registrations = registrations.filter(fair=fair)
    if employer is not None:
        registrations = registrations.filter(employer=employer)
    return (
        registrations.select_related("employer", "fair")
        .prefetch_related("vacancies")
        .order_by("booth", "pk")
    )


def employer_accounts(*, employer: Employer) -> QuerySet[User]:
    return employer.accounts.order_by("username")


def attendee_count(*, fair: Fair) -> int:
    return FairAttendee.objects.filter(fair=fair).count()


def attending_fair_ids(*, actor: User, person: Person) -> set[int]:
    """The fairs a person registered for, when the actor may see the person."""
    people = Person.objects.for_actor(actor).filter(pk=person.pk)
    return set(FairAttendee.objects.filter(person__in=people).values_list("fair_id", flat=True))


def today() -> datetime.date:
    return timezone.localdate()


def industry_choices() -> list[tuple[str, str]]:
    """The industry sections (GB/T 4754 letter, label translated when shown)."""
    return list(Industry.choices)


# Reads for the labour-market statistics snapshot. It is a system job (a scheduled export of
# every region, partitioned by province on write), so these take no actor and apply no region
# scope: never serve them to a page or the API. They carry the figures statistics need and no
# names, contact details or free text.


def vacancies_for_snapshot(*, as_of: datetime.date) -> ColumnChunks:
    """Every vacancy whose posted period began on or before `as_of`, in any status, by id."""
    return ColumnChunks(
        Vacancy.objects.filter(opens_on__lte=as_of),
        {
            "vacancy_id": "pk", "occupation_code": "occupation_code", "region_code": "region_id",
            "province_code": "province_code", "industry": "employer__industry",
            "skill_level": "skill_level", "headcount": "headcount", "pay_min": "pay_min",
            "pay_max": "pay_max", "opens_on": "opens_on", "closes_on": "closes_on",
            "status": "status",
        },
    )  # fmt: skip


def hires_for_snapshot(*, as_of: datetime.date) -> ColumnChunks:
    """Hires recorded on or before `as_of` with the agreed monthly pay, placed where the vacancy
    is (its region and province) and classed by its occupation, skill level and employer."""
    return ColumnChunks(
        Application.objects.filter(status=ApplicationStatus.HIRED, hired_on__lte=as_of),
        {
            "application_id": "pk", "occupation_code": "vacancy__occupation_code",
            "region_code": "vacancy__region_id", "province_code": "vacancy__province_code",
            "industry": "vacancy__employer__industry", "skill_level": "vacancy__skill_level",
            "hired_on": "hired_on", "monthly_pay": "monthly_pay",
        },
    )  # fmt: skip
