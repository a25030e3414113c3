"""Writes of placement: recommendations, applications through their steps, and hires.

A recommendation is also a "job recommendation" service of the person's 1131; a hire records
the new job in the person's status history and ends their stay on the ledger.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from minsheng.assistance import services as assistance_services
from minsheng.assistance.models import Channel
from minsheng.core.errors import Conflict, NotFound, PermissionDenied
from minsheng.core.models import Role, User
from minsheng.core.regions import region_tree
from minsheng.jobs.matching import Match, VacancyIndex, score_pair
from minsheng.jobs.models import (
    Application,
    ApplicationStatus,
    ApplicationStep,
    Campaign,
    CloseReason,
    Fair,
    Recommendation,
    Vacancy,
    VacancyStatus,
)
from minsheng.jobs.profiles import seeker_profiles, vacancy_profile
from minsheng.jobs.services import JobsError, clean_pay, record, require_jobs_staff
from minsheng.registry import services as registry_services
from minsheng.registry.models import HowFound, LedgerEntry, Person

# Where an application may go next; hired, rejected and withdrawn are final.
NEXT_STEPS = {
    ApplicationStatus.APPLIED: {"interviewed", "offered", "rejected", "withdrawn"},
    ApplicationStatus.INTERVIEWED: {"offered", "rejected", "withdrawn"},
    ApplicationStatus.OFFERED: {"hired", "rejected", "withdrawn"},
}
# Who moves an application: the employer decides, the seeker withdraws, staff may record both.
EMPLOYER_STEPS = {"interviewed", "offered", "hired", "rejected"}
SEEKER_STEPS = {"withdrawn"}


def require_seeker_side(actor: User, person: Person) -> None:
    """The person themself, or staff of the person's region."""
    if actor.role == Role.CITIZEN:
        if person.account_id != actor.pk:
            raise NotFound("person_not_found", _("No such person."))
        return
    require_jobs_staff(actor)
    if not actor.can_see_region(person.region_id):
        raise NotFound("person_not_found", _("No such person."))


def require_open(vacancy: Vacancy, day: datetime.date) -> None:
    if vacancy.status != VacancyStatus.PUBLISHED or not (
        vacancy.opens_on <= day <= vacancy.closes_on
    ):
        raise JobsError(
            "vacancy_not_open", _("This vacancy is not open on that day."), field="vacancy"
        )


def campaign_of(vacancy: Vacancy, day: datetime.date) -> Campaign | None:
    """The campaign running on `day` at one of whose fairs the vacancy is offered."""
    return (
        Campaign.objects.filter(
            starts_on__lte=day, ends_on__gte=day, fairs__employers__vacancies=vacancy
        )
        .order_by("starts_on", "pk")
        .first()
    )


def match_content(vacancy: Vacancy, score: float) -> str:
    return gettext_now("Recommended %(title)s at %(employer)s (match %(score)d)") % {
        "title": vacancy.title,
        "employer": vacancy.employer.name,
        "score": round(score),
    }


def factors_of(match: Match) -> list[dict]:
    return [
        {"name": f.name, "weight": f.weight, "value": round(f.value, 4), "reason": f.reason}
        for f in match.factors
    ]


def recommend(
    *,
    actor: User,
    person: Person,
    vacancy: Vacancy,
    on: datetime.date | None = None,
    channel: str = Channel.IN_PERSON,
    campaign: Campaign | None = None,
) -> Recommendation:
    """A caseworker recommends a vacancy; it counts as one of the person's 3 recommendations."""
    on = on or timezone.localdate()
    require_jobs_staff(actor)
    require_open(vacancy, on)
    [profile] = seeker_profiles([person])
    match = score_pair(profile, vacancy_profile(vacancy), as_of=on)
    try:
        with transaction.atomic():
            recommendation = Recommendation.objects.create(
                person=person,
                vacancy=vacancy,
                score=match.score,
                factors=factors_of(match),
                recommended_on=on,
                recommended_by=actor,
                campaign=campaign or campaign_of(vacancy, on),
                region_id=person.region_id,
                province_code=person.province_code,
            )
            assistance_services.record_job_recommendations(
                actor=actor,
                recommendations=[(person, vacancy.pk, match_content(vacancy, match.score))],
                delivered_on=on,
                channel=channel,
            )
    except IntegrityError:
        raise Conflict(
            "already_recommended", _("This vacancy has already been recommended to this person.")
        ) from None
    return recommendation


def recommend_for_ledger(
    *, actor: User, on: datetime.date, per_person: int = 3, region_code: str = ""
) -> int:
    """The nightly batch: everyone on the ledger in the actor's region gets their best new jobs.

    Vacancies already recommended to a person are skipped; each new one is a 1131 service.
    """
    require_jobs_staff(actor)
    entries = LedgerEntry.objects.for_actor(actor).open().filter(entered_on__lte=on)
    if region_code:
        entries = entries.filter(region_id__in=region_tree().subtree(region_code))
    people = list(Person.objects.filter(pk__in=entries.values("person")).order_by("pk"))
    vacancies = {
        v.pk: v for v in Vacancy.objects.open_on(on).select_related("employer").order_by("pk")
    }
    if not people or not vacancies:
        return 0
    seen = set(
        Recommendation.objects.filter(person__in=[p.pk for p in people]).values_list(
            "person_id", "vacancy_id"
        )
    )
    index = VacancyIndex([vacancy_profile(v) for v in vacancies.values()], as_of=on)
    profiles = seeker_profiles(people)
    chosen: list[tuple[Person, Match]] = []
    for person, matches in zip(people, index.top_for(profiles, k=per_person + 10), strict=True):
        fresh = [m for m in matches if (person.pk, m.vacancy_key) not in seen][:per_person]
        chosen += [(person, match) for match in fresh]
    with transaction.atomic():
        Recommendation.objects.bulk_create(
            [
                Recommendation(
                    person=person,
                    vacancy_id=match.vacancy_key,
                    score=match.score,
                    factors=factors_of(match),
                    recommended_on=on,
                    recommended_by=actor,
                    by_batch=True,
                    campaign=campaign_of(vacancies[match.vacancy_key], on),
                    region_id=person.region_id,
                    province_code=person.province_code,
                )
                for person, match in chosen
            ],
            batch_size=500,
        )
        assistance_services.record_job_recommendations(
            actor=actor,
            recommendations=[
                (person, m.vacancy_key, match_content(vacancies[m.vacancy_key], m.score))
                for person, m in chosen
            ],
            delivered_on=on,
            channel=Channel.TEXT_MESSAGE,
        )
    return len(chosen)


def apply(
    *,
    actor: User,
    person: Person,
    vacancy: Vacancy,
    on: datetime.date | None = None,
    fair: Fair | None = None,
) -> Application:
    """The person applies (themself, or a caseworker for them); a recommendation is linked."""
    on = on or timezone.localdate()
    require_seeker_side(actor, person)
    require_open(vacancy, on)
    if fair is not None and not fair.employers.filter(vacancies=vacancy).exists():
        raise JobsError(
            "vacancy_not_at_fair", _("This vacancy is not offered at that fair."), field="fair"
        )
    recommendation = Recommendation.objects.filter(person=person, vacancy=vacancy).first()
    try:
        with transaction.atomic():
            application = Application.objects.create(
                person=person,
                vacancy=vacancy,
                applied_on=on,
                recommendation=recommendation,
                fair=fair,
                region_id=person.region_id,
                province_code=person.province_code,
            )
            ApplicationStep.objects.create(
                application=application, status=ApplicationStatus.APPLIED, on=on,
                recorded_by=actor,
            )  # fmt: skip
            record(actor, "application_made", application, person.region_id,
                   after={"person": person.pk, "vacancy": vacancy.pk, "on": on})  # fmt: skip
    except IntegrityError:
        raise Conflict(
            "already_applied", _("This person has already applied for this vacancy.")
        ) from None
    return application


def require_step_allowed(actor: User, application: Application, status: str) -> None:
    if actor.role == Role.EMPLOYER:
        if not application.vacancy.employer.accounts.filter(pk=actor.pk).exists():
            raise NotFound("application_not_found", _("No such application."))
        if status not in EMPLOYER_STEPS:
            raise PermissionDenied("not_your_step", _("Only the applicant can withdraw."))
    elif actor.role == Role.CITIZEN:
        if application.person.account_id != actor.pk:
            raise NotFound("application_not_found", _("No such application."))
        if status not in SEEKER_STEPS:
            raise PermissionDenied("not_your_step", _("The employer records this step."))
    else:
        require_seeker_side(actor, application.person)


def advance_application(
    *,
    actor: User,
    application: Application,
    status: str,
    on: datetime.date | None = None,
    note: str = "",
    monthly_pay: Decimal | str | None = None,
) -> Application:
    """The next step of an application; a hire records the job and ends the ledger stay."""
    on = on or timezone.localdate()
    require_step_allowed(actor, application, status)
    if status not in NEXT_STEPS.get(application.status, set()):
        raise Conflict(
            "step_not_allowed",
            _("An application that is %(current)s cannot become %(next)s."),
            params={
                "current": ApplicationStatus(application.status).label,
                "next": ApplicationStatus(status).label
                if status in ApplicationStatus.values
                else status,
            },
        )
    if on < application.applied_on or on > timezone.localdate():
        raise JobsError(
            "step_date_invalid",
            _("The date must lie between the application and today."),
            field="on",
        )
    changes = {"status": status}
    if status == ApplicationStatus.HIRED:
        if monthly_pay in (None, ""):
            raise JobsError(
                "pay_required", _("Enter the agreed monthly pay of the hire."),
                field="monthly_pay",
            )  # fmt: skip
        changes |= {"hired_on": on, "monthly_pay": clean_pay(monthly_pay, "monthly_pay")}
    with transaction.atomic():
        updated = Application.objects.filter(pk=application.pk, status=application.status).update(
            **changes
        )
        if not updated:
            raise Conflict(
                "application_changed",
                _("Someone else changed this application; reload it and try again."),
            )
        application.refresh_from_db()
        ApplicationStep.objects.create(
            application=application, status=status, on=on, note=(note or "").strip()[:500],
            recorded_by=actor,
        )  # fmt: skip
        record(actor, f"application_{status}", application, application.region_id,
               after={"status": status, "on": on})  # fmt: skip
        if status == ApplicationStatus.HIRED:
            record_hire(actor=actor, application=application)
    return application


def record_hire(*, actor: User, application: Application) -> None:
    """The job enters the person's history; a vacancy whose headcount is met closes as filled."""
    vacancy = application.vacancy
    registry_services.record_hire(
        actor=actor,
        person=application.person,
        hired_on=application.hired_on,
        employer_name=vacancy.employer.name,
        employer_credit_code=vacancy.employer.credit_code,
        occupation_code=vacancy.occupation_code,
        how_found=HowFound.RECRUITMENT_FAIR if application.fair_id else HowFound.PUBLIC_SERVICE,
        note=vacancy.title,
    )
    hires = vacancy.applications.filter(status=ApplicationStatus.HIRED).count()
    if hires >= vacancy.headcount and vacancy.status != VacancyStatus.CLOSED:
        Vacancy.objects.filter(pk=vacancy.pk).update(
            status=VacancyStatus.CLOSED, close_reason=CloseReason.FILLED
        )
        record(actor, "vacancy_closed", vacancy, vacancy.region_id,
               after={"reason": CloseReason.FILLED})  # fmt: skip
