"""What recruitment docking adds to other pages: the person page's "Jobs" section and the
dashboard panels of employers and citizens. Reads only, through the selectors."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import Role, User
from minsheng.jobs import selectors
from minsheng.jobs.explain import explain
from minsheng.jobs.matches import matching_vacancies
from minsheng.jobs.models import ApplicationStatus, VacancyStatus
from minsheng.jobs.placement_services import EMPLOYER_STEPS, NEXT_STEPS, SEEKER_STEPS
from minsheng.jobs.services import JOBS_STAFF
from minsheng.registry.models import Person
from minsheng.registry.selectors import person_list

MATCHES_SHOWN = 5
IN_PROGRESS = (ApplicationStatus.APPLIED, ApplicationStatus.INTERVIEWED, ApplicationStatus.OFFERED)
STEP_ORDER = ("interviewed", "offered", "hired", "rejected", "withdrawn")
# What the button of each next step says, in plain words.
STEP_BUTTONS = {
    "interviewed": _("Interviewed"),
    "offered": _("Job offered"),
    "hired": _("Hired"),
    "rejected": _("Not taken"),
    "withdrawn": _("Withdraw the application"),
}


def next_steps(actor: User, application) -> list[str]:
    """The steps this actor may record next: employers decide, seekers withdraw, staff both."""
    allowed = NEXT_STEPS.get(application.status, set())
    if actor.role == Role.EMPLOYER:
        allowed = allowed & EMPLOYER_STEPS
    elif actor.role == Role.CITIZEN:
        allowed = allowed & SEEKER_STEPS
    elif actor.role not in JOBS_STAFF:
        allowed = set()
    return [step for step in STEP_ORDER if step in allowed]


def step_buttons(actor: User, application) -> list[dict]:
    return [
        {"status": step, "label": STEP_BUTTONS[step]} for step in next_steps(actor, application)
    ]


def application_rows(actor: User, applications) -> list[dict]:
    rows = []
    for application in applications:
        buttons = step_buttons(actor, application)
        rows.append(
            {
                "application": application,
                "steps": list(application.steps.all()),
                "buttons": buttons,
                "can_hire": any(button["status"] == "hired" for button in buttons),
            }
        )
    return rows


def recommendation_rows(actor: User, person: Person, applied: dict) -> list[dict]:
    return [
        {
            "recommendation": r,
            "reasons": explain(r.factors),
            "application": applied.get(r.vacancy_id),
        }
        for r in selectors.recommendation_list(actor=actor, person=person)
    ]


def person_jobs_section(actor: User, person: Person) -> dict:
    """Recommendations with their reasons, the best open vacancies, and the applications."""
    today = timezone.localdate()
    applications = list(selectors.application_list(actor=actor, person=person))
    applied = {a.vacancy_id: a for a in applications}
    recommendations = recommendation_rows(actor, person, applied)
    can_recommend = actor.role in JOBS_STAFF
    matches = []
    if can_recommend:
        recommended = {row["recommendation"].vacancy_id for row in recommendations}
        ranked = matching_vacancies(actor=actor, person=person, as_of=today, k=MATCHES_SHOWN * 2)
        matches = [
            {"vacancy": vacancy, "score": match.score, "reasons": explain(match.factors)}
            for vacancy, match in ranked
            if vacancy.pk not in recommended and vacancy.pk not in applied
        ][:MATCHES_SHOWN]
    return {
        "person": person,
        "staff": actor.role in JOBS_STAFF,
        "own": actor.role == Role.CITIZEN,
        "recommendations": recommendations,
        "matches": matches,
        "applications": application_rows(actor, applications),
        "today": today,
    }


def own_person(user: User) -> Person | None:
    """The citizen's own record on the ledger (None when the account is not linked)."""
    if user.role != Role.CITIZEN:
        return None
    return person_list(actor=user).first()


def citizen_panel(user: User) -> dict:
    person = own_person(user)
    if person is None:
        return {"person": None}
    recommendations = selectors.recommendation_list(actor=user, person=person)
    applications = selectors.application_list(actor=user, person=person)
    return {
        "person": person,
        "latest": [(r, explain(r.factors)[:1]) for r in recommendations[:3]],
        "recommendations": recommendations.count(),
        "open_applications": applications.filter(status__in=IN_PROGRESS).count(),
        "fairs": selectors.fair_list(actor=user, held_from=timezone.localdate()).count(),
    }


def employer_vacancies_panel(user: User) -> dict:
    vacancies = selectors.vacancy_list(actor=user)
    counts = {status: 0 for status in VacancyStatus.values}
    for status in vacancies.values_list("status", flat=True):
        counts[status] += 1
    return {
        "counts": [(VacancyStatus(s).label, n) for s, n in counts.items()],
        "sent_back": counts[VacancyStatus.REJECTED],
        "applications": selectors.application_list(actor=user)
        .filter(status=ApplicationStatus.APPLIED)
        .count(),
    }


def staff_panel(user: User) -> dict:
    return {
        "pending": selectors.review_queue(actor=user).count(),
        "published": selectors.vacancy_list(actor=user, status=VacancyStatus.PUBLISHED).count(),
        "campaigns": selectors.campaign_list(actor=user, current_on=timezone.localdate()).count(),
    }
