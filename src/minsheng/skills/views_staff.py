"""Staff pages of vocational skills: the courses their region runs, training providers, adding
a course, and running it: the roster with attendance, completion, assessment, dropping out,
certificates (issued and revoked), and the course's subsidies decided, explained and paid."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError
from minsheng.core.forms import show_domain_error
from minsheng.core.pages import back, message_of, page_of, refused, require_roles, signed_in
from minsheng.skills import (
    enrolment_services,
    progress_services,
    sections,
    selectors,
    services,
    subsidy_services,
)
from minsheng.skills.certificate_numbers import grouped
from minsheng.skills.forms import (
    AssessmentForm,
    AttendanceForm,
    CertificateForm,
    CompletionForm,
    CourseForm,
    CourseStatusForm,
    DropForm,
    PayForm,
    ProviderForm,
    RevokeForm,
    first_error,
)
from minsheng.skills.models import AssessmentResult, CourseStatus, ProviderKind
from minsheng.skills.services import SKILLS_STAFF
from minsheng.skills.subsidy_services import SUBSIDY_PAYERS
from minsheng.skills.views import ENROLLERS, PAGE_SIZE

# Courses and providers -----------------------------------------------------------------


@signed_in
def course_list(request):
    """The courses the user's region runs, every status, newest first."""
    require_roles(request, SKILLS_STAFF)
    status = request.GET.get("status", "")
    status = status if status in CourseStatus.values else ""
    search = request.GET.get("q", "")
    courses = selectors.course_list(actor=request.user, status=status, search=search)
    page, query = page_of(request, courses, size=PAGE_SIZE)
    context = {
        "page": page,
        "query": query,
        "status": status,
        "search": search,
        "statuses": CourseStatus.choices,
    }
    return render(request, "skills/course_list.html", context)


@signed_in
def provider_list(request):
    require_roles(request, SKILLS_STAFF)
    search, kind = request.GET.get("q", ""), request.GET.get("kind", "")
    kind = kind if kind in ProviderKind.values else ""
    providers = selectors.provider_list(actor=request.user, search=search, kind=kind)
    page, query = page_of(request, providers, size=PAGE_SIZE)
    context = {
        "page": page,
        "rows": [(p, request.user.can_see_region(p.region_id)) for p in page],
        "query": query,
        "search": search,
        "kind": kind,
        "kinds": ProviderKind.choices,
    }
    return render(request, "skills/provider_list.html", context)


@signed_in
def provider_register(request):
    require_roles(request, SKILLS_STAFF)
    form = ProviderForm(request.POST or None, initial={"region_code": request.user.region_id})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                provider = services.register_provider(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                messages.success(
                    request, _("Registered %(name)s. Now add its courses.") % {"name": provider}
                )
                return redirect(f"{reverse('skills_course_add')}?provider={provider.pk}")
    return render(request, "skills/provider_form.html", {"form": form}, status=status)


@signed_in
def course_add(request):
    """A course of a provider of the user's region; its focus area follows its occupation."""
    require_roles(request, SKILLS_STAFF)
    providers = sections.managed_providers(request.user)
    chosen = request.GET.get("provider", "")
    initial = {"region_code": request.user.region_id, "provider": chosen}
    form = CourseForm(request.POST or None, initial=initial, providers=providers)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            fields = dict(form.cleaned_data)
            provider = selectors.provider_managed_get(
                actor=request.user, provider_id=fields.pop("provider")
            )
            try:
                course = services.add_course(actor=request.user, provider=provider, **fields)
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                messages.success(request, _("Course added: %(title)s.") % {"title": course.title})
                return redirect("skills_course_manage", course.pk)
    context = {"form": form, "has_providers": bool(providers)}
    return render(request, "skills/course_form.html", context, status=status)


# Running a course ----------------------------------------------------------------------------


@signed_in
def course_manage(request, course_id: int):
    """The roster: participants and their next steps, the waiting list, those who left, the
    certificates and the subsidies of the course."""
    require_roles(request, SKILLS_STAFF)
    course = selectors.course_managed_get(actor=request.user, course_id=course_id)
    context = {
        "course": course,
        "places_left": max(0, course.capacity - course.places_taken),
        "roster": sections.course_roster(request.user, course),
    }
    return render(request, "skills/course_manage.html", context)


@signed_in
@require_POST
def course_status(request, course_id: int):
    require_roles(request, SKILLS_STAFF)
    course = selectors.course_managed_get(actor=request.user, course_id=course_id)
    form = CourseStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("skills_course_manage", course.pk)
    try:
        services.set_course_status(actor=request.user, course=course, **form.cleaned_data)
    except DomainError as error:
        refused(request, error)
    else:
        messages.success(
            request, _("Saved: %(status)s.") % {"status": CourseStatus(course.status).label}
        )
    return redirect("skills_course_manage", course.pk)


def named(text: str, enrolment, **params) -> str:
    return text % {"name": enrolment.person.name, **params}


def attendance(actor, enrolment, data) -> str:
    progress_services.record_attendance(
        actor=actor, enrolment=enrolment, hours=data["hours"], on=data["on"]
    )
    return named(_("%(name)s: attendance recorded."), enrolment)


def completion(actor, enrolment, data) -> str:
    progress_services.record_completion(
        actor=actor, enrolment=enrolment, completed_on=data["completed_on"]
    )
    return named(_("%(name)s completed the course."), enrolment)


def assessment(actor, enrolment, data) -> str:
    enrolment = progress_services.record_assessment(
        actor=actor, enrolment=enrolment, score=data["score"], assessed_on=data["assessed_on"]
    )
    if enrolment.assessment_result == AssessmentResult.PASS:
        return named(_("%(name)s passed the assessment."), enrolment)
    return named(_("%(name)s did not pass the assessment; it may be taken again."), enrolment)


def certificate(actor, enrolment, data) -> str:
    issued = progress_services.issue_certificate(
        actor=actor, enrolment=enrolment, issued_on=data["issued_on"]
    )
    text = _("Certificate %(number)s issued to %(name)s.")
    return named(text, enrolment, number=grouped(issued.number))


def drop(actor, enrolment, data) -> str:
    outcome = enrolment_services.drop(actor=actor, enrolment=enrolment, reason=data["reason"])
    text = named(_("%(name)s left the course."), enrolment)
    # Who moved up is staff's business; a citizen leaving is not told another person's name.
    if outcome.promoted is not None and actor.role in SKILLS_STAFF:
        moved = _("%(name)s moved up from the waiting list into the freed place.")
        text += " " + named(moved, outcome.promoted)
    return text


# What each step of a participant needs: its form and the service call.
STEPS = {
    "attendance": (AttendanceForm, attendance),
    "completion": (CompletionForm, completion),
    "assessment": (AssessmentForm, assessment),
    "certificate": (CertificateForm, certificate),
    "drop": (DropForm, drop),
}


@signed_in
@require_POST
def enrolment_step(request, enrolment_id: int, step: str):
    """One step of a participant; back to the roster with what happened, or why not."""
    require_roles(request, ENROLLERS if step == "drop" else SKILLS_STAFF)
    enrolment = selectors.enrolment_get(actor=request.user, enrolment_id=enrolment_id)
    form_class, act = STEPS[step]
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, f"{enrolment.person.name} · {first_error(form)}")
    else:
        try:
            text = act(request.user, enrolment, form.cleaned_data)
        except DomainError as error:
            messages.error(request, f"{enrolment.person.name} · {message_of(error)}")
        else:
            messages.success(request, text)
    return back(request, "skills_course_manage", enrolment.course_id)


@signed_in
@require_POST
def certificate_revoke(request, certificate_id: int):
    require_roles(request, SKILLS_STAFF)
    found = selectors.certificate_get(actor=request.user, certificate_id=certificate_id)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        try:
            progress_services.revoke_certificate(
                actor=request.user, certificate=found, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            refused(request, error)
        else:
            messages.success(
                request,
                _("Certificate %(number)s revoked.") % {"number": grouped(found.number)},
            )
    if found.course_id:
        return back(request, "skills_course_manage", found.course_id)
    return back(request, "skills_person", found.person_id)


# Subsidies -----------------------------------------------------------------------------------


@signed_in
@require_POST
def subsidies_decide(request, course_id: int):
    """A decision for everyone who completed the course and has none yet."""
    require_roles(request, SKILLS_STAFF)
    course = selectors.course_get(actor=request.user, course_id=course_id)
    try:
        decided = subsidy_services.decide_course_subsidies(actor=request.user, course=course)
    except DomainError as error:
        refused(request, error)
    else:
        granted = sum(1 for application in decided if application.decision == "granted")
        messages.success(
            request,
            _("%(granted)d subsidies granted, %(refused)d refused.")
            % {"granted": granted, "refused": len(decided) - granted},
        )
    return back(request, "skills_course_manage", course.pk)


@signed_in
def subsidy_detail(request, application_id: int):
    """One decision, condition by condition, the rule it applied, and its payment."""
    require_roles(request, SKILLS_STAFF)
    application = selectors.subsidy_get(actor=request.user, application_id=application_id)
    can_pay = request.user.role in SUBSIDY_PAYERS
    context = {"row": sections.subsidy_row(application, can_pay), "application": application}
    return render(request, "skills/subsidy_detail.html", context)


@signed_in
@require_POST
def subsidy_pay(request, application_id: int):
    require_roles(request, SUBSIDY_PAYERS)
    application = selectors.subsidy_get(actor=request.user, application_id=application_id)
    form = PayForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
    else:
        try:
            payment = subsidy_services.pay_subsidy(
                actor=request.user, application=application, **form.cleaned_data
            )
        except DomainError as error:
            refused(request, error)
        else:
            messages.success(
                request,
                _("Paid %(amount)s yuan to %(name)s.")
                % {"amount": payment.amount, "name": application.person.name},
            )
    return back(request, "skills_subsidy", application.pk)
