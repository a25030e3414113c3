"""A campaign's results and its fairness report: counts only, never a named person.

Fairness: among the campaign's seekers (registered at one of its fairs, or recommended a job in
it), the share who were recommended at least one job, by sex and by age band. Sex and age are
read here, after the fact, to make disparities visible; the matching engine never sees them.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import NotFound
from minsheng.core.models import STAFF_ROLES, User
from minsheng.jobs.models import (
    Application,
    ApplicationStatus,
    Campaign,
    FairAttendee,
    FairEmployer,
    Recommendation,
    Vacancy,
)
from minsheng.registry.models import Person, Sex

AGE_BANDS = ((16, 24), (25, 34), (35, 44), (45, 54), (55, 200))
# A group recommended at under four fifths of the best-served group's rate is flagged
# (the "four-fifths rule" used in employment-selection audits).
DISPARITY_FLAG_RATIO = 0.8


def require_report_reader(actor: User | None) -> None:
    """Staff read the reports; `actor=None` is the operator's command line (counts only)."""
    if actor is not None and actor.role not in STAFF_ROLES:
        raise NotFound("campaign_not_found", _("No such campaign."))


def report_campaign(*, actor: User | None, campaign_id: int) -> Campaign:
    """The campaign whose report is asked for (any campaign: campaigns are public)."""
    require_report_reader(actor)
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        raise NotFound("campaign_not_found", _("No such campaign."))
    return campaign


def campaign_applications(campaign: Campaign):
    return Application.objects.filter(
        Q(fair__campaign=campaign) | Q(recommendation__campaign=campaign)
    ).distinct()


def campaign_results(*, actor: User | None, campaign: Campaign) -> dict:
    require_report_reader(actor)
    registrations = FairEmployer.objects.filter(fair__campaign=campaign)
    vacancies = Vacancy.objects.filter(fairs__fair__campaign=campaign).distinct()
    applications = campaign_applications(campaign)
    return {
        "fairs": campaign.fairs.count(),
        "employers": registrations.values("employer").distinct().count(),
        "vacancies": vacancies.count(),
        "headcount": Vacancy.objects.filter(pk__in=vacancies.values("pk")).aggregate(
            n=Sum("headcount")
        )["n"]
        or 0,
        "attendees": FairAttendee.objects.filter(fair__campaign=campaign)
        .values("person")
        .distinct()
        .count(),
        "recommendations": Recommendation.objects.filter(campaign=campaign).count(),
        "applications": applications.count(),
        "hires": applications.filter(status=ApplicationStatus.HIRED).count(),
    }


def fair_results(*, actor: User | None, campaign: Campaign) -> list[dict]:
    require_report_reader(actor)
    fairs = campaign.fairs.annotate(
        n_employers=Count("employers", distinct=True),
        n_attendees=Count("attendees", distinct=True),
        n_applications=Count("applications", distinct=True),
        n_hires=Count("applications", filter=Q(applications__status="hired"), distinct=True),
    ).order_by("held_on", "pk")
    return list(fairs)


@dataclass(frozen=True)
class RateRow:
    label: str
    seekers: int
    recommended: int

    @property
    def rate(self) -> float:
        return self.recommended / self.seekers if self.seekers else 0.0


@dataclass(frozen=True)
class FairnessTable:
    dimension: str
    rows: list[RateRow]

    @property
    def lowest_to_highest(self) -> float | None:
        rates = [row.rate for row in self.rows if row.seekers]
        return min(rates) / max(rates) if rates and max(rates) else None

    @property
    def flagged(self) -> bool:
        ratio = self.lowest_to_highest
        return ratio is not None and ratio < DISPARITY_FLAG_RATIO


def age_band(birth_date: datetime.date, on: datetime.date) -> str:
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}–{high}" if high < 200 else f"{low}+"
    return "<16"


def fairness_report(*, actor: User | None, campaign: Campaign) -> list[FairnessTable]:
    require_report_reader(actor)
    recommended = set(
        Recommendation.objects.filter(campaign=campaign).values_list("person_id", flat=True)
    )
    attending = set(
        FairAttendee.objects.filter(fair__campaign=campaign).values_list("person_id", flat=True)
    )
    pool = Person.objects.filter(pk__in=recommended | attending).values_list(
        "pk", "sex", "birth_date"
    )
    by_sex: dict[str, list[int]] = {}
    by_age: dict[str, list[int]] = {}
    for pk, sex, birth_date in pool:
        hit = int(pk in recommended)
        by_sex.setdefault(sex, [0, 0])
        by_age.setdefault(age_band(birth_date, campaign.starts_on), [0, 0])
        for counts in (by_sex[sex], by_age[age_band(birth_date, campaign.starts_on)]):
            counts[0] += 1
            counts[1] += hit
    sexes = [RateRow(str(Sex(s).label), *by_sex[s]) for s in Sex.values if s in by_sex]
    bands = [f"{low}–{high}" if high < 200 else f"{low}+" for low, high in AGE_BANDS]
    ages = [RateRow(band, *by_age[band]) for band in ["<16", *bands] if band in by_age]
    return [FairnessTable(str(_("Sex")), sexes), FairnessTable(str(_("Age band")), ages)]
