"""What the skills pages read, put together for their templates: the person page's "Skills"
section, the dashboard panels, the course page and the course's roster with the forms of each
participant's next step. Reads only, through the selectors."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from minsheng.core.models import Role, User
from minsheng.core.regions import CITY, region_tree
from minsheng.registry import selectors as registry_selectors
from minsheng.registry.models import Person
from minsheng.skills import forms, selectors
from minsheng.skills.explain import group_label
from minsheng.skills.models import (
    HOLDS_A_PLACE,
    AssessmentResult,
    Course,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    TrainingProvider,
)
from minsheng.skills.services import SKILLS_STAFF
from minsheng.skills.shortage import course_region_of
from minsheng.skills.subsidy_services import SUBSIDY_PAYERS

QUICK_ENROL_COURSES = 50
LEDGER_SEARCH_LIMIT = 20


def is_skills_staff(user: User) -> bool:
    return user.is_authenticated and user.role in SKILLS_STAFF


def own_person(user: User) -> Person | None:
    """The citizen's own record (None when the account is not linked to one)."""
    if not user.is_authenticated or user.role != Role.CITIZEN:
        return None
    return registry_selectors.person_list(actor=user).first()


def region_label(code: str) -> str:
    tree = region_tree()
    region = tree.get(code)
    if region is None:
        return code
    city = tree.get(tree.at_level(code, CITY) or "")
    if city is None or city.code == code or not city.pinyin:
        return region.name
    return f"{city.name} {region.name}"


def catalogue_regions(actor: User) -> list[tuple[str, str]]:
    """The places that have courses in the catalogue, and their cities, for the filter."""
    codes = set(selectors.course_catalogue(actor=actor).values_list("region_id", flat=True))
    cities = {course_region_of(code) for code in codes}
    return [(code, region_label(code)) for code in sorted(codes | cities)]


def managed_providers(actor: User) -> list[TrainingProvider]:
    """Providers of the actor's region: those the actor may add courses to."""
    return [p for p in selectors.provider_list(actor=actor) if actor.can_see_region(p.region_id)]


# The course page -----------------------------------------------------------------------------


def open_for_enrolment(course: Course, today: datetime.date) -> bool:
    return course.status == CourseStatus.OPEN and today <= course.starts_on


def course_page(actor: User, course: Course, *, search: str = "") -> dict:
    """The course as the reader sees it: facts for everyone, their own place for a citizen,
    the ledger search for staff, and whether they run it."""
    today = timezone.localdate()
    data = {
        "course": course,
        "places_left": max(0, course.capacity - course.places_taken),
        "open": open_for_enrolment(course, today),
        "staff": is_skills_staff(actor),
        "manages": is_skills_staff(actor) and actor.can_see_region(course.region_id),
        "search": search,
        "found": [],
    }
    person = own_person(actor)
    if person is not None:
        data["person"] = person
        data["own"] = selectors.enrolment_list(actor=actor, course=course, person=person).first()
    if data["staff"] and search:
        enrolled = set(
            selectors.enrolment_list(actor=actor, course=course).values_list("person_id", flat=True)
        )
        entries = registry_selectors.ledger_list(actor=actor, search=search)
        data["found"] = [
            (entry, entry.person_id in enrolled) for entry in entries[:LEDGER_SEARCH_LIMIT]
        ]
    return data


@dataclass
class ParticipantRow:
    """One enrolment of the roster, the certificate and subsidy it led to, and the forms of
    what may be recorded next."""

    enrolment: Enrolment
    certificate: object = None
    subsidy: object = None
    forms: dict = field(default_factory=dict)


def participant_forms(enrolment: Enrolment, certificate) -> dict:
    row = enrolment.pk
    status = enrolment.status
    if status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED):
        return {
            "attendance": forms.AttendanceForm(row=row),
            "completion": forms.CompletionForm(row=row),
            "drop": forms.DropForm(row=row),
        }
    if status == EnrolmentStatus.WAITING:
        return {"drop": forms.DropForm(row=row)}
    if status != EnrolmentStatus.COMPLETED:
        return {}
    if enrolment.assessment_result != AssessmentResult.PASS:
        return {"assessment": forms.AssessmentForm(row=row)}
    if certificate is None:
        return {"certificate": forms.CertificateForm(row=row)}
    return {}


def course_roster(actor: User, course: Course) -> dict:
    """Participants (with their next steps), the waiting list in order, those who left, and
    the subsidy decisions of the course."""
    enrolments = selectors.enrolment_list(actor=actor, course=course).prefetch_related(
        "certificates", "subsidy_applications"
    )
    rows = []
    for enrolment in enrolments:
        certificates = sorted(enrolment.certificates.all(), key=lambda c: c.issued_on)
        valid = next((c for c in reversed(certificates) if c.revoked_on is None), None)
        decisions = sorted(enrolment.subsidy_applications.all(), key=lambda a: a.pk)
        row = ParticipantRow(
            enrolment,
            certificate=valid or (certificates[-1] if certificates else None),
            subsidy=decisions[-1] if decisions else None,
            forms=participant_forms(enrolment, valid),
        )
        if valid is not None:
            row.forms["revoke"] = forms.RevokeForm(row=f"c{valid.pk}")
        rows.append(row)
    subsidies = list(selectors.subsidy_list(actor=actor, course=course))
    can_pay = actor.role in SUBSIDY_PAYERS
    return {
        "participants": [r for r in rows if r.enrolment.status in HOLDS_A_PLACE],
        "waiting": sorted(
            (r for r in rows if r.enrolment.status == EnrolmentStatus.WAITING),
            key=lambda r: r.enrolment.waiting_position,
        ),
        "dropped": [r for r in rows if r.enrolment.status == EnrolmentStatus.DROPPED],
        "subsidies": [subsidy_row(a, can_pay) for a in subsidies],
        "undecided": sum(
            1 for r in rows if r.enrolment.status == EnrolmentStatus.COMPLETED and r.subsidy is None
        ),
        "can_pay": can_pay,
        "status_form": forms.CourseStatusForm(initial={"status": course.status}),
    }


def subsidy_row(application, can_pay: bool) -> dict:
    paid = getattr(application, "payment", None)  # the reverse one-to-one raises when unpaid
    return {
        "application": application,
        "conditions": selectors.subsidy_explanation(application),
        "group": group_label(application.group) if application.group else "",
        "payment": paid,
        "pay_form": forms.PayForm(row=f"s{application.pk}")
        if can_pay and paid is None and application.decision == "granted"
        else None,
    }


# The person page's "Skills" section -----------------------------------------------------


def person_skills_section(actor: User, person: Person) -> dict:
    """Current levels and their history, enrolments, certificates and subsidies; staff also
    get a quick enrolment in an open course nearby and the form to record a level."""
    skills = selectors.person_skills(actor=actor, person_id=person.pk)
    data = {
        "person": person,
        "skills": skills,
        "staff": is_skills_staff(actor),
        "own": actor.role == Role.CITIZEN,
    }
    if data["staff"]:
        courses = selectors.course_catalogue(
            actor=actor,
            region_code=course_region_of(person.region_id),
            open_on=timezone.localdate(),
        )
        data["enrol_form"] = forms.QuickEnrolForm(
            courses=courses[:QUICK_ENROL_COURSES], row="skills"
        )
        data["level_form"] = forms.SkillLevelForm(row="skills")
    return data


# Dashboard panels ----------------------------------------------------------------------------


def citizen_panel(user: User) -> dict:
    person = own_person(user)
    if person is None:
        return {"person": None}
    enrolments = selectors.enrolment_list(actor=user, person=person).exclude(
        status=EnrolmentStatus.DROPPED
    )
    return {
        "person": person,
        "enrolments": list(enrolments.order_by("-course__starts_on")[:5]),
        "certificates": list(selectors.certificate_list(actor=user, person=person)[:5]),
    }


def staff_panel(user: User) -> dict:
    return {
        "open_courses": selectors.course_list(actor=user, status=CourseStatus.OPEN).count(),
        "unpaid": selectors.unpaid_subsidies(actor=user).count(),
        "can_pay": user.role in SUBSIDY_PAYERS,
    }
