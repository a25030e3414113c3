"""The shortage link: occupations short of workers in a region, the courses that lead to them,
and the people on the ledger who wish to work in them.

Until labour-market statistics exist, shortage is read from recruitment docking as the
national shortage ranking defines it: demand is the headcount of vacancies open on the day,
seekers are the people on the real-name ledger whose job wish names the occupation (in the
region or anywhere), gap = demand − seekers and the ratio demand ÷ seekers (求人倍率).
Seekers are counted among the ledger people the reader may see (a county caseworker asking
about the whole city counts the county's); the counts are for any staff role, the people
themselves for caseworkers, supervisors and administrators, who can enrol them in a course
in a few clicks (`enrolment_services.enrol_many`).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import User
from minsheng.core.regions import CITY, region_tree
from minsheng.jobs import selectors as jobs_selectors
from minsheng.registry.models import JobWish, LedgerEntry, Person
from minsheng.registry.occupations import occupation_name
from minsheng.skills.levels import SkillsError
from minsheng.skills.models import HOLDS_A_PLACE, Course, Enrolment, EnrolmentStatus
from minsheng.skills.selectors import course_catalogue
from minsheng.skills.services import SKILLS_STAFF

MAXIMUM_CANDIDATES = 200


@dataclass(frozen=True)
class OccupationShortage:
    occupation_code: str
    occupation_name: str
    demand: int  # headcount of open vacancies
    seekers: int  # people on the ledger wishing for the occupation
    gap: int
    ratio: float | None  # demand ÷ seekers; None without seekers


@dataclass(frozen=True)
class ShortageCandidate:
    person: Person
    expected_monthly_pay: int | None
    on_ledger_since: datetime.date
    enrolled_course_ids: tuple[int, ...]  # courses of the link the person already takes part in


@dataclass(frozen=True)
class ShortageLink:
    shortage: OccupationShortage
    region_code: str
    course_region_code: str  # the courses are looked for in the region's city
    courses: list[Course]
    candidates: list[ShortageCandidate]


def require_known_region(region_code: str) -> str:
    code = (region_code or "").strip()
    if code not in region_tree() or code == "100000":
        raise SkillsError(
            "unknown_region",
            _("Unknown region: use a 6-digit administrative division code of China."),
            field="region_code",
        )
    return code


def open_ledger(actor: User, region_code: str) -> QuerySet[LedgerEntry]:
    return (
        LedgerEntry.objects.for_actor(actor)
        .open()
        .filter(region_id__in=region_tree().subtree(region_code))
    )


def fitting_wishes(actor: User, region_code: str) -> QuerySet[JobWish]:
    """Wishes of people on the ledger in the region, to work there or anywhere."""
    return JobWish.objects.filter(
        person__in=open_ledger(actor, region_code).values("person")
    ).filter(Q(region__isnull=True) | Q(region__in=region_tree().subtree(region_code)))


def shortage_row(code: str, demand: int, seekers: int) -> OccupationShortage:
    return OccupationShortage(
        occupation_code=code,
        occupation_name=occupation_name(code),
        demand=demand,
        seekers=seekers,
        gap=demand - seekers,
        ratio=round(demand / seekers, 2) if seekers else None,
    )


def occupation_shortages(
    *, actor: User, region_code: str, as_of: datetime.date, limit: int = 20
) -> list[OccupationShortage]:
    """Occupations of the region by gap, largest first (ties: the higher ratio first)."""
    region_code = require_known_region(region_code)
    vacancies = jobs_selectors.open_vacancies(actor=actor, as_of=as_of, region_code=region_code)
    demand = dict(
        vacancies.exclude(occupation_code="")
        .order_by()
        .values("occupation_code")
        .annotate(headcount=Sum("headcount"))
        .values_list("occupation_code", "headcount")
    )
    seekers = dict(
        fitting_wishes(actor, region_code)
        .filter(occupation_code__in=list(demand))
        .order_by()
        .values("occupation_code")
        .annotate(people=Count("person", distinct=True))
        .values_list("occupation_code", "people")
    )
    rows = [shortage_row(code, n, seekers.get(code, 0)) for code, n in demand.items()]
    rows.sort(
        key=lambda r: (
            -r.gap,
            -(r.ratio if r.ratio is not None else float("inf")),
            r.occupation_code,
        )
    )
    return rows[:limit]


def course_region_of(region_code: str) -> str:
    return region_tree().at_level(region_code, CITY) or region_code


def shortage_link(
    *, actor: User, occupation_code: str, region_code: str, as_of: datetime.date
) -> ShortageLink:
    """For one occupation in a region: its shortage, the courses open for enrolment in the
    region's city that train for it, and (for staff) the people on the ledger who wish it."""
    region_code = require_known_region(region_code)
    code = (occupation_code or "").strip()
    vacancies = jobs_selectors.open_vacancies(
        actor=actor, as_of=as_of, region_code=region_code
    ).filter(occupation_code=code)
    demand = vacancies.aggregate(headcount=Sum("headcount"))["headcount"] or 0
    wishes = fitting_wishes(actor, region_code).filter(occupation_code=code)
    seekers = wishes.values("person").distinct().count()
    course_region = course_region_of(region_code)
    courses = list(
        course_catalogue(
            actor=actor, occupation_code=code, region_code=course_region, open_on=as_of
        )
    )
    candidates = []
    if actor is not None and actor.role in SKILLS_STAFF:
        candidates = shortage_candidates(actor, region_code, wishes, courses)
    return ShortageLink(
        shortage=shortage_row(code, demand, seekers),
        region_code=region_code,
        course_region_code=course_region,
        courses=courses,
        candidates=candidates,
    )


def shortage_candidates(
    actor: User, region_code: str, wishes: QuerySet[JobWish], courses: list[Course]
) -> list[ShortageCandidate]:
    since = dict(open_ledger(actor, region_code).values_list("person_id", "entered_on"))
    pay: dict[int, int | None] = {}
    for person_id, expected in wishes.order_by("person_id", "pk").values_list(
        "person_id", "expected_monthly_pay"
    ):
        pay.setdefault(person_id, expected)
    people = Person.objects.filter(pk__in=list(pay)).select_related("region").order_by("pk")
    people = list(people[:MAXIMUM_CANDIDATES])
    taking_part: dict[int, list[int]] = {}
    enrolments = Enrolment.objects.filter(
        person__in=people,
        course__in=courses,
        status__in=(*HOLDS_A_PLACE, EnrolmentStatus.WAITING),
    ).values_list("person_id", "course_id")
    for person_id, course_id in enrolments:
        taking_part.setdefault(person_id, []).append(course_id)
    return [
        ShortageCandidate(
            person=person,
            expected_monthly_pay=pay.get(person.pk),
            on_ledger_since=since[person.pk],
            enrolled_course_ids=tuple(sorted(taking_part.get(person.pk, ()))),
        )
        for person in people
        if person.pk in since
    ]
