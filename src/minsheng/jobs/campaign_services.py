"""Writes of campaigns and fairs: organising them, and registering employers and seekers."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import Conflict, NotFound
from minsheng.core.models import Role, User
from minsheng.core.regions import region_tree
from minsheng.jobs.models import (
    Campaign,
    CampaignKind,
    Employer,
    Fair,
    FairAttendee,
    FairEmployer,
    FairMode,
    Vacancy,
    VacancyStatus,
)
from minsheng.jobs.services import (
    JobsError,
    record,
    require_employer_manager,
    require_jobs_staff,
    require_region,
)
from minsheng.registry.models import KeyGroup, Person


def require_organiser(actor: User, region_code: str) -> None:
    require_jobs_staff(actor)
    if not actor.can_see_region(region_code):
        raise NotFound("campaign_not_found", _("No such campaign."))


def create_campaign(
    *,
    actor: User,
    name: str,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    region_code: str,
    target_groups: list[str] | None = None,
    description: str = "",
) -> Campaign:
    require_jobs_staff(actor)
    name = (name or "").strip()
    if not name:
        raise JobsError("name_required", _("Enter the campaign's name."), field="name")
    if kind not in CampaignKind.values:
        raise JobsError("unknown_kind", _("Choose the type of campaign."), field="kind")
    if not isinstance(starts_on, datetime.date) or not isinstance(ends_on, datetime.date):
        raise JobsError("dates_required", _("Enter the first and last day."), field="starts_on")
    if ends_on < starts_on:
        raise JobsError(
            "ends_before_start",
            _("The last day cannot be before the first day."),
            field="ends_on",
        )
    target_groups = sorted(set(target_groups or []))
    if any(group not in KeyGroup.values for group in target_groups):
        raise JobsError("unknown_group", _("Unknown target group."), field="target_groups")
    region_code = require_region(actor, region_code)
    campaign = Campaign(
        name=name[:120],
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        region_id=region_code,
        province_code=region_tree().province_of(region_code) or "",
        target_groups=target_groups,
        description=(description or "").strip(),
        created_by=actor,
    )
    with transaction.atomic():
        campaign.save()
        facts = {"name": name, "kind": kind, "starts_on": starts_on, "ends_on": ends_on}
        record(actor, "campaign_created", campaign, region_code, after=facts)
    return campaign


def add_fair(
    *,
    actor: User,
    campaign: Campaign,
    name: str,
    mode: str,
    held_on: datetime.date,
    region_code: str,
    venue: str = "",
    booths: int = 0,
) -> Fair:
    require_organiser(actor, campaign.region_id)
    name = (name or "").strip()
    if not name:
        raise JobsError("name_required", _("Enter the fair's name."), field="name")
    if mode not in FairMode.values:
        raise JobsError("unknown_mode", _("Choose on site or online."), field="mode")
    if not isinstance(held_on, datetime.date) or not (
        campaign.starts_on <= held_on <= campaign.ends_on
    ):
        raise JobsError(
            "fair_outside_campaign",
            _("The fair must be held between the campaign's first and last day."),
            field="held_on",
        )
    venue = (venue or "").strip()
    if mode == FairMode.ON_SITE and not venue:
        raise JobsError("venue_required", _("Enter the venue of an on-site fair."), field="venue")
    if mode == FairMode.ON_SITE and not (isinstance(booths, int) and booths >= 1):
        raise JobsError(
            "booths_required", _("An on-site fair needs at least one booth."), field="booths"
        )
    region_code = require_region(actor, region_code)
    if not region_tree().is_within(region_code, campaign.region_id):
        raise JobsError(
            "fair_outside_campaign_region",
            _("The fair must be held within the campaign's region."),
            field="region_code",
        )
    fair = Fair(
        campaign=campaign,
        name=name[:120],
        mode=mode,
        venue=venue[:200],
        held_on=held_on,
        booths=booths if mode == FairMode.ON_SITE else 0,
        region_id=region_code,
        province_code=region_tree().province_of(region_code) or "",
    )
    with transaction.atomic():
        fair.save()
        record(actor, "fair_added", fair, region_code,
               after={"campaign": campaign.pk, "name": name, "held_on": held_on})  # fmt: skip
    return fair


def register_employer_at_fair(
    *, actor: User, fair: Fair, employer: Employer, vacancies: list[Vacancy]
) -> FairEmployer:
    """An employer takes part with published vacancies; on site it gets the next free booth."""
    require_employer_manager(actor, employer)
    if not vacancies:
        raise JobsError(
            "vacancies_required", _("Bring at least one published vacancy."), field="vacancies"
        )
    for vacancy in vacancies:
        if vacancy.employer_id != employer.pk or vacancy.status != VacancyStatus.PUBLISHED:
            raise JobsError(
                "vacancy_not_published",
                _("Only the employer's own published vacancies can be brought to a fair."),
                field="vacancies",
            )
        if vacancy.closes_on < fair.held_on:
            raise JobsError(
                "vacancy_closes_before_fair",
                _("A vacancy brought to a fair must still be open on the day of the fair."),
                field="vacancies",
            )
    try:
        with transaction.atomic():
            # Lock the fair so two employers never get the same last booth.
            Fair.objects.select_for_update().filter(pk=fair.pk).first()
            booth = None
            if fair.mode == FairMode.ON_SITE:
                taken = fair.employers.aggregate(last=Max("booth"))["last"] or 0
                if fair.employers.count() >= fair.booths:
                    raise Conflict("fair_full", _("Every booth of this fair is taken."))
                booth = taken + 1
            registration = FairEmployer.objects.create(fair=fair, employer=employer, booth=booth)
            registration.vacancies.set(vacancies)
            record(actor, "fair_employer_registered", registration, fair.region_id,
                   after={"fair": fair.pk, "employer": employer.pk, "booth": booth,
                          "vacancies": [v.pk for v in vacancies]})  # fmt: skip
    except IntegrityError:
        raise Conflict(
            "already_registered", _("This employer is already registered at this fair.")
        ) from None
    return registration


def register_attendee(*, actor: User, fair: Fair, person: Person) -> FairAttendee:
    """A seeker registers to attend: the citizen themself, or staff of the person's region."""
    if actor.role == Role.CITIZEN:
        if person.account_id != actor.pk:
            raise NotFound("person_not_found", _("No such person."))
    else:
        require_jobs_staff(actor)
        if not actor.can_see_region(person.region_id):
            raise NotFound("person_not_found", _("No such person."))
    try:
        with transaction.atomic():
            attendee = FairAttendee.objects.create(fair=fair, person=person, registered_by=actor)
            record(actor, "fair_attendee_registered", attendee, person.region_id,
                   after={"fair": fair.pk, "person": person.pk})  # fmt: skip
    except IntegrityError:
        raise Conflict(
            "already_registered", _("This person is already registered for this fair.")
        ) from None
    return attendee
