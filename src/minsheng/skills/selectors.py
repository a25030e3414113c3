"""Reads of the skills context; every one starts from a model's `for_actor(actor)`.

Providers and the course catalogue are public (no sign-in needed); a course's roster,
enrolments, certificates, levels and subsidies are about people: staff see those of their
region (and the rosters of the courses their region runs), a citizen their own. Outside that,
a record does not exist (404). Certificate verification is public and shows only what an
employer needs to check a certificate (`verify_certificate`). The shortage link is in
`skills.shortage`.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import NotFound
from minsheng.core.models import User
from minsheng.core.regions import region_tree
from minsheng.core.skill_levels import SkillLevel
from minsheng.registry.models import Person
from minsheng.registry.occupations import occupation_name
from minsheng.registry.selectors import person_get
from minsheng.skills import certificate_numbers
from minsheng.skills.explain import ConditionRow, condition_rows
from minsheng.skills.models import (
    HOLDS_A_PLACE,
    Certificate,
    Course,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    PersonSkillLevel,
    SubsidyApplication,
    SubsidyDecision,
    TrainingProvider,
)


def with_places(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Each course with `places_taken` and `waiting` counted."""
    return courses.annotate(
        places_taken=Count("enrolments", filter=Q(enrolments__status__in=HOLDS_A_PLACE)),
        waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITING)),
    )


# Providers ---------------------------------------------------------------------------------


def provider_list(
    *, actor: User | None, search: str = "", kind: str = "", region_code: str = ""
) -> QuerySet[TrainingProvider]:
    """Accredited providers are public: by name or credit code, kind, region and below."""
    providers = TrainingProvider.objects.for_actor(actor)
    search = search.strip()
    if search:
        providers = providers.filter(Q(name__contains=search) | Q(credit_code=search.upper()))
    if kind:
        providers = providers.filter(kind=kind)
    if region_code:
        providers = providers.filter(region_id__in=region_tree().subtree(region_code))
    return providers.select_related("region").order_by("name", "pk")


def provider_get(*, actor: User | None, provider_id: int) -> TrainingProvider:
    provider = provider_list(actor=actor).filter(pk=provider_id).first()
    if provider is None:
        raise NotFound("provider_not_found", _("No such training provider."))
    return provider


def provider_managed_get(*, actor: User, provider_id: int) -> TrainingProvider:
    """A provider of the actor's region, for adding courses to it."""
    provider = TrainingProvider.objects.managed_by(actor).filter(pk=provider_id).first()
    if provider is None:
        raise NotFound("provider_not_found", _("No such training provider."))
    return provider


# Courses -----------------------------------------------------------------------------------


def course_catalogue(
    *,
    actor: User | None = None,
    focus_area: str = "",
    occupation_code: str = "",
    region_code: str = "",
    level: int | None = None,
    open_on: datetime.date | None = None,
    search: str = "",
) -> QuerySet[Course]:
    """The public catalogue (cancelled courses left out), soonest first.

    `occupation_code` may be a group (4-04-00-00); `region_code` takes the region and below;
    `open_on` keeps the courses open for enrolment on that day (open and not yet started).
    """
    courses = Course.objects.for_actor(actor).exclude(status=CourseStatus.CANCELLED)
    if focus_area:
        courses = courses.filter(focus_area=focus_area)
    if occupation_code:
        courses = courses.filter(occupation_code__startswith=occupation_prefix(occupation_code))
    if region_code:
        courses = courses.filter(region_id__in=region_tree().subtree(region_code))
    if level is not None:
        courses = courses.filter(target_level=level)
    if open_on is not None:
        courses = courses.filter(status=CourseStatus.OPEN, starts_on__gte=open_on)
    search = search.strip()
    if search:
        courses = courses.filter(Q(title__contains=search) | Q(provider__name__contains=search))
    return with_places(courses.select_related("provider", "region")).order_by("starts_on", "pk")


def occupation_prefix(code: str) -> str:
    """`4-04-00-00` → `4-04-`: a group's codes all start so; an occupation's code is itself."""
    parts = code.strip().split("-")
    while len(parts) > 1 and set(parts[-1]) == {"0"}:
        parts.pop()
    prefix = "-".join(parts)
    return prefix if len(parts) == 4 else prefix + "-"


def course_get(*, actor: User | None, course_id: int) -> Course:
    """Any course, as the public sees it (with its places counted)."""
    course = with_places(Course.objects.for_actor(actor).select_related("provider", "region"))
    course = course.filter(pk=course_id).first()
    if course is None:
        raise NotFound("course_not_found", _("No such course."))
    return course


def course_list(
    *, actor: User, status: str = "", provider: TrainingProvider | None = None, search: str = ""
) -> QuerySet[Course]:
    """Courses the actor's region runs, every status, newest first."""
    courses = Course.objects.managed_by(actor)
    if status:
        courses = courses.filter(status=status)
    if provider is not None:
        courses = courses.filter(provider=provider)
    if search.strip():
        courses = courses.filter(title__contains=search.strip())
    return with_places(courses.select_related("provider", "region")).order_by("-starts_on", "-pk")


def course_managed_get(*, actor: User, course_id: int) -> Course:
    course = course_list(actor=actor).filter(pk=course_id).first()
    if course is None:
        raise NotFound("course_not_found", _("No such course."))
    return course


@dataclass(frozen=True)
class CourseDetail:
    course: Course
    places_taken: int
    places_left: int
    participants: list[Enrolment]  # holding a place: enrolled, attending, completed
    waiting_list: list[Enrolment]  # in order of position
    dropped: list[Enrolment]


def course_detail(*, actor: User, course_id: int) -> CourseDetail:
    """A course with the enrolments the actor may see: all of them for staff running it."""
    course = course_get(actor=actor, course_id=course_id)
    enrolments = list(enrolment_list(actor=actor, course=course))
    return CourseDetail(
        course=course,
        places_taken=course.places_taken,
        places_left=max(0, course.capacity - course.places_taken),
        participants=[e for e in enrolments if e.status in HOLDS_A_PLACE],
        waiting_list=sorted(
            (e for e in enrolments if e.status == EnrolmentStatus.WAITING),
            key=lambda e: e.waiting_position,
        ),
        dropped=[e for e in enrolments if e.status == EnrolmentStatus.DROPPED],
    )


# Enrolments --------------------------------------------------------------------------------


def enrolment_list(
    *,
    actor: User,
    course: Course | None = None,
    person: Person | None = None,
    status: str = "",
) -> QuerySet[Enrolment]:
    enrolments = Enrolment.objects.for_actor(actor)
    if course is not None:
        enrolments = enrolments.filter(course=course)
    if person is not None:
        enrolments = enrolments.filter(person=person)
    if status:
        enrolments = enrolments.filter(status=status)
    return enrolments.select_related("course__provider", "person", "enrolled_by").order_by(
        "course_id", "pk"
    )


def enrolment_get(*, actor: User, enrolment_id: int) -> Enrolment:
    enrolment = enrolment_list(actor=actor).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise NotFound("enrolment_not_found", _("No such enrolment."))
    return enrolment


def waiting_list(*, actor: User, course: Course) -> QuerySet[Enrolment]:
    return enrolment_list(actor=actor, course=course, status=EnrolmentStatus.WAITING).order_by(
        "waiting_position"
    )


def person_enrolments(*, actor: User, person_id: int) -> QuerySet[Enrolment]:
    """A person's enrolments, newest course first; 404 when the person is out of scope."""
    person = person_get(actor=actor, person_id=person_id)
    return enrolment_list(actor=actor, person=person).order_by("-course__starts_on", "-pk")


# A person's skills -------------------------------------------------------------------------


def skill_level_history(*, person: Person) -> QuerySet[PersonSkillLevel]:
    """Every level the person obtained (revoked ones too), newest first."""
    return person.skill_levels.select_related("certificate").order_by("-obtained_on", "-pk")


def current_skill_levels(
    *, person: Person, as_of: datetime.date | None = None
) -> list[PersonSkillLevel]:
    """The highest level held (not revoked) in each occupation, by occupation code."""
    levels = person.skill_levels.filter(revoked_on__isnull=True)
    if as_of is not None:
        levels = levels.filter(obtained_on__lte=as_of)
    best: dict[str, PersonSkillLevel] = {}
    for level in levels.order_by("occupation_code", "-level", "-obtained_on"):
        best.setdefault(level.occupation_code, level)
    return list(best.values())


@dataclass(frozen=True)
class PersonSkills:
    person: Person
    current_levels: list[PersonSkillLevel]
    level_history: list[PersonSkillLevel]
    enrolments: list[Enrolment]
    certificates: list[Certificate]
    subsidies: list[SubsidyApplication]


def person_skills(*, actor: User, person_id: int) -> PersonSkills:
    """Everything about one person's skills, for their page; 404 when out of scope."""
    person = person_get(actor=actor, person_id=person_id)
    return PersonSkills(
        person=person,
        current_levels=current_skill_levels(person=person),
        level_history=list(skill_level_history(person=person)),
        enrolments=list(person_enrolments(actor=actor, person_id=person.pk)),
        certificates=list(certificate_list(actor=actor, person=person)),
        subsidies=list(subsidy_list(actor=actor, person=person)),
    )


# Certificates ------------------------------------------------------------------------------


def certificate_list(
    *, actor: User, person: Person | None = None, course: Course | None = None
) -> QuerySet[Certificate]:
    certificates = Certificate.objects.for_actor(actor)
    if person is not None:
        certificates = certificates.filter(person=person)
    if course is not None:
        certificates = certificates.filter(course=course)
    return certificates.select_related("issuer", "person", "course").order_by("-issued_on", "-pk")


def certificate_get(*, actor: User, certificate_id: int) -> Certificate:
    """A certificate of a person of the actor's region, or one the actor's region issued."""
    issued_here = Certificate.objects.filter(
        issuer__in=TrainingProvider.objects.managed_by(actor)
    ).filter(pk=certificate_id)
    certificate = (
        certificate_list(actor=actor).filter(pk=certificate_id).first()
        or issued_here.select_related("issuer", "person", "course").first()
    )
    if certificate is None:
        raise NotFound("certificate_not_found", _("No such certificate."))
    return certificate


@dataclass(frozen=True)
class CertificateCheck:
    """What the public verification shows: nothing else about the holder leaves the store."""

    number: str  # grouped for reading: JN-2025-330106-K7M3QP-X
    holder: str  # the surname only: 王**
    occupation_code: str
    occupation_name: str
    level: int
    level_name: str
    issued_on: datetime.date
    issuer: str
    valid: bool
    revoked_on: datetime.date | None


def name_initial(name: str) -> str:
    """The first character and two stars, whatever the name's length: `王小明` → `王**`."""
    name = (name or "").strip()
    return f"{name[:1]}**" if name else "**"


def verify_certificate(*, number: str) -> CertificateCheck:
    """Public: check a certificate number (needs no sign-in; a wrong check character is
    refused before the store is asked)."""
    number = certificate_numbers.parse_number(number)
    found = (
        Certificate.objects.filter(number=number)
        .values(
            "number",
            "person__name",
            "occupation_code",
            "level",
            "issued_on",
            "issuer__name",
            "revoked_on",
        )
        .first()
    )
    if found is None:
        raise NotFound(
            "certificate_not_found", _("No certificate has this number."), field="number"
        )
    return CertificateCheck(
        number=certificate_numbers.grouped(found["number"]),
        holder=name_initial(found["person__name"]),
        occupation_code=found["occupation_code"],
        occupation_name=occupation_name(found["occupation_code"]),
        level=found["level"],
        level_name=str(SkillLevel(found["level"]).label),
        issued_on=found["issued_on"],
        issuer=found["issuer__name"],
        valid=found["revoked_on"] is None,
        revoked_on=found["revoked_on"],
    )


# Subsidies ---------------------------------------------------------------------------------


def subsidy_list(
    *,
    actor: User,
    course: Course | None = None,
    person: Person | None = None,
    decision: str = "",
) -> QuerySet[SubsidyApplication]:
    applications = SubsidyApplication.objects.for_actor(actor)
    if course is not None:
        applications = applications.filter(course=course)
    if person is not None:
        applications = applications.filter(person=person)
    if decision:
        applications = applications.filter(decision=decision)
    return applications.select_related("person", "course", "payment").order_by("-decided_on", "-pk")


def subsidy_get(*, actor: User, application_id: int) -> SubsidyApplication:
    application = subsidy_list(actor=actor).filter(pk=application_id).first()
    if application is None:
        raise NotFound("subsidy_not_found", _("No such subsidy application."))
    return application


def unpaid_subsidies(*, actor: User, course: Course | None = None) -> QuerySet[SubsidyApplication]:
    """Granted subsidies not paid yet, oldest decision first."""
    granted = subsidy_list(actor=actor, course=course, decision=SubsidyDecision.GRANTED)
    return granted.filter(payment__isnull=True).order_by("decided_on", "pk")


def subsidy_explanation(application: SubsidyApplication) -> list[ConditionRow]:
    """Each condition of the rule, met or not, in the reader's language."""
    return condition_rows(application.conditions)
