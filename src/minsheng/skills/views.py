"""Pages of vocational skills for everyone: the course catalogue and a course's page, enrolling
(oneself, or people from the ledger by staff), the person page's "Skills" section and its
actions, and the public certificate verification. Staff pages are in `views_staff`, the
shortage link in `views_shortage`.

Views are thin: forms check shape, services decide, selectors read. An action posts to its own
URL and goes back to the page it came from (`next`); a refusal is shown as a message, or next
to its field when the page is shown again.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from ninja.throttling import AnonRateThrottle

from minsheng.core.errors import DomainError, NotFound
from minsheng.core.forms import show_domain_error
from minsheng.core.models import Role
from minsheng.core.pages import (
    back,
    message_of,
    page_of,
    refused,
    require_roles,
    signed_in,
)
from minsheng.registry import selectors as registry_selectors
from minsheng.skills import enrolment_services, progress_services, sections, selectors
from minsheng.skills.api_certificates import VERIFY_RATE
from minsheng.skills.forms import (
    CatalogueForm,
    SkillLevelForm,
    VerifyForm,
    first_error,
)
from minsheng.skills.models import EnrolmentStatus
from minsheng.skills.services import SKILLS_STAFF

PAGE_SIZE = 20
ENROLLERS = SKILLS_STAFF | {Role.CITIZEN}


def posted_id(request, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


# The catalogue and a course's page --------------------------------------------------------


@signed_in
def catalogue(request):
    """Every signed-in user browses the courses: by focus area, occupation, place, level."""
    form = CatalogueForm(request.GET or None, regions=sections.catalogue_regions(request.user))
    courses = selectors.course_catalogue(actor=request.user, **form.filters())
    page, query = page_of(request, courses, size=PAGE_SIZE)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "staff": request.user.role in SKILLS_STAFF,
    }
    template = "skills/_catalogue_results.html" if request.htmx else "skills/catalogue.html"
    return render(request, template, context)


@signed_in
def course_detail(request, course_id: int):
    """The course's facts and places; a citizen enrols here, staff enrol people from the ledger
    (the HTMX search answers with the results only)."""
    course = selectors.course_get(actor=request.user, course_id=course_id)
    search = request.GET.get("q", "").strip()
    data = sections.course_page(request.user, course, search=search)
    if request.htmx and "q" in request.GET:
        return render(request, "skills/_ledger_search.html", {"data": data})
    return render(request, "skills/course_detail.html", {"data": data, "course": course})


def person_to_enrol(request):
    """The citizen's own record, or the `person` that staff posted (in their region)."""
    if request.user.role == Role.CITIZEN:
        person = sections.own_person(request.user)
        if person is None:
            raise Http404
        return person
    return registry_selectors.person_get(actor=request.user, person_id=posted_id(request, "person"))


def enrolled_message(actor, enrolment) -> str:
    names = {
        "name": enrolment.person.name,
        "course": enrolment.course.title,
        "position": enrolment.waiting_position,
    }
    if actor.role == Role.CITIZEN:
        if enrolment.status == EnrolmentStatus.WAITING:
            text = _(
                "The course is full: you are number %(position)s on its waiting list. You get "
                "a place when someone ahead of you leaves."
            )
            return text % names
        return _("You have a place on %(course)s.") % names
    if enrolment.status == EnrolmentStatus.WAITING:
        text = _("The course is full: %(name)s is number %(position)s on its waiting list.")
    else:
        text = _("%(name)s has a place on %(course)s.")
    return (text % names) + " " + _("Recorded as the training opportunity of their 1131 services.")


def enrol_and_answer(request, course, person, fallback: str, *args):
    """Enrol; HTMX gets the outcome in place, a plain post a message and the page back."""
    try:
        enrolment = enrolment_services.enrol(actor=request.user, course=course, person=person)
    except DomainError as error:
        text, ok = message_of(error), False
    else:
        text, ok = enrolled_message(request.user, enrolment), True
    if request.htmx:
        # htmx swaps only 2xx answers, so a refusal comes back as 200 with its message.
        return render(request, "skills/_enrolled.html", {"ok": ok, "text": text})
    (messages.success if ok else messages.error)(request, text)
    return back(request, fallback, *args)


@signed_in
@require_POST
def enrol(request, course_id: int):
    """A citizen enrols themself; staff enrol a person of their region (counted in the 1131)."""
    require_roles(request, ENROLLERS)
    course = selectors.course_get(actor=request.user, course_id=course_id)
    person = person_to_enrol(request)
    return enrol_and_answer(request, course, person, "skills_course", course.pk)


# The person page's "Skills" section --------------------------------------------------------


@signed_in
def person_skills(request, person_id: int):
    """The "Skills" section of a person on its own page (the person page shows it too)."""
    person = registry_selectors.person_get(actor=request.user, person_id=person_id)
    data = sections.person_skills_section(request.user, person)
    return render(request, "skills/person_skills.html", {"person": person, "data": data})


@signed_in
@require_POST
def person_enrol(request, person_id: int):
    """The quick enrolment of the person page: a course chosen from those open nearby."""
    require_roles(request, SKILLS_STAFF)
    person = registry_selectors.person_get(actor=request.user, person_id=person_id)
    try:
        course = selectors.course_get(actor=request.user, course_id=posted_id(request, "course"))
    except NotFound:
        messages.error(request, _("Choose a course."))
        return back(request, "skills_person", person.pk)
    return enrol_and_answer(request, course, person, "skills_person", person.pk)


@signed_in
@require_POST
def person_level(request, person_id: int):
    """A level from an enterprise's evaluation or a vocational school (not a certificate)."""
    require_roles(request, SKILLS_STAFF)
    person = registry_selectors.person_get(actor=request.user, person_id=person_id)
    form = SkillLevelForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return back(request, "skills_person", person.pk)
    try:
        level = progress_services.record_skill_level(
            actor=request.user, person=person, **form.cleaned_data
        )
    except DomainError as error:
        refused(request, error)
    else:
        messages.success(request, _("Recorded: %(level)s.") % {"level": level.get_level_display()})
    return back(request, "skills_person", person.pk)


# Public certificate verification ---------------------------------------------------------


def verification_allowed(request) -> bool:
    """The API's limit per client address, shared with it (the same cache entry), so the page
    is no way around it."""
    return AnonRateThrottle(VERIFY_RATE).allow_request(request)


def verify(request):
    """Anyone, signed in or not, checks a certificate number; only the holder's surname, the
    occupation, level, date, issuer and validity are shown."""
    form = VerifyForm(request.GET or None)
    check, status = None, 200
    if form.is_valid():
        if not verification_allowed(request):
            form.add_error(
                None, _("Too many checks from your address; please wait a minute and try again.")
            )
            status = 429
        else:
            try:
                check = selectors.verify_certificate(number=form.cleaned_data["number"])
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
    return render(request, "skills/verify.html", {"form": form, "check": check}, status=status)
