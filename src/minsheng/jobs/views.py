"""Pages of recruitment docking for seekers: the person page's "Jobs" section and its actions,
the citizen's own jobs page, and the open-vacancy search. Employer pages are in
`views_employer`, staff pages in `views_staff`, campaigns and fairs in `views_campaigns`.

Views are thin: forms check shape, services decide, selectors read. An action posts to its own
URL and goes back to the page it came from (`next`); a refusal is shown next to its field.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError
from minsheng.core.forms import show_domain_error
from minsheng.core.models import Role
from minsheng.core.pages import back, page_of, refused, require_roles, signed_in
from minsheng.jobs import campaign_services, placement_services, sections, selectors
from minsheng.jobs.forms import StepForm, VacancySearchForm
from minsheng.jobs.models import ApplicationStatus, ContractType
from minsheng.jobs.services import JOBS_STAFF
from minsheng.registry import selectors as registry_selectors


def seeker_of(request):
    """The person an action is for: the citizen's own record, or `person` posted by staff."""
    if request.user.role == Role.CITIZEN:
        person = sections.own_person(request.user)
        if person is None:
            raise Http404
        return person
    person_id = request.POST.get("person", "")
    if not person_id.isdigit():
        raise Http404
    return registry_selectors.person_get(actor=request.user, person_id=int(person_id))


# The person page's "Jobs" section --------------------------------------------------------


@signed_in
def person_jobs(request, person_id: int):
    """The "Jobs" section of a person on its own page (the person page shows it too)."""
    person = registry_selectors.person_get(actor=request.user, person_id=person_id)
    data = sections.person_jobs_section(request.user, person)
    return render(request, "jobs/person_jobs.html", {"person": person, "data": data})


@signed_in
@require_POST
def recommend(request, vacancy_id: int):
    """Staff recommend a vacancy to a person; it counts as a 1131 job recommendation."""
    require_roles(request, JOBS_STAFF)
    vacancy = selectors.vacancy_get(actor=request.user, vacancy_id=vacancy_id)
    person = seeker_of(request)
    error = None
    try:
        placement_services.recommend(actor=request.user, person=person, vacancy=vacancy)
    except DomainError as refusal:
        error = refusal
    if request.htmx:
        # htmx swaps only 2xx answers, so a refusal comes back as 200 with its message.
        message = error.message_in(get_language() or "zh-hans") if error else ""
        context = {"error": message, "person": person, "vacancy": vacancy}
        return render(request, "jobs/_recommended.html", context)
    if error:
        refused(request, error)
    else:
        messages.success(
            request,
            _("Recommended %(title)s to %(name)s.") % {"title": vacancy.title, "name": person.name},
        )
    return back(request, "person", person.pk)


@signed_in
@require_POST
def apply(request, vacancy_id: int):
    """The person applies: the citizen themself, or a caseworker for them."""
    vacancy = selectors.vacancy_get(actor=request.user, vacancy_id=vacancy_id)
    person = seeker_of(request)
    try:
        placement_services.apply(actor=request.user, person=person, vacancy=vacancy)
    except DomainError as error:
        refused(request, error)
    else:
        messages.success(request, _("Applied for %(title)s.") % {"title": vacancy.title})
    return back(request, "jobs_mine")


@signed_in
def application_step(request, application_id: int):
    """The next step of an application; on a refusal, the step form with the message."""
    application = selectors.application_get(actor=request.user, application_id=application_id)
    form = StepForm(request.POST or None, initial={"status": request.GET.get("status", "")})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                placement_services.advance_application(
                    actor=request.user, application=application, **form.cleaned_data
                )
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                messages.success(request, step_message(request.user, application))
                return back(request, "dashboard")
    row = sections.application_rows(request.user, [application])[0]
    target = request.POST.get("next") or request.GET.get("next", "")
    context = {"row": row, "form": form, "next": target}
    return render(request, "jobs/application_step.html", context, status=status)


def step_message(actor, application) -> str:
    label = ApplicationStatus(application.status).label
    text = _("Recorded: %(status)s.") % {"status": label}
    if application.status != ApplicationStatus.HIRED or actor.role not in JOBS_STAFF:
        return text
    stay = registry_selectors.ledger_stays(person=application.person).first()
    if stay is not None and stay.exited_on == application.hired_on:
        text += " " + _("The stay on the ledger ended on %(day)s (employed).") % {
            "day": stay.exited_on.isoformat()
        }
    return text


# The citizen's own pages -----------------------------------------------------------------


@signed_in
def my_jobs(request):
    """Jobs recommended to me (and why), my applications, and fairs I can go to."""
    require_roles(request, {Role.CITIZEN})
    person = sections.own_person(request.user)
    context = {"person": person}
    if person is not None:
        today = timezone.localdate()
        data = sections.person_jobs_section(request.user, person)
        attending = selectors.attending_fair_ids(actor=request.user, person=person)
        fairs = [
            (fair, fair.pk in attending)
            for fair in selectors.fair_list(actor=request.user, held_from=today)[:20]
        ]
        context |= {"data": data, "fairs": fairs, "today": today}
    return render(request, "jobs/mine.html", context)


@signed_in
@require_POST
def fair_attend(request, fair_id: int):
    """A citizen registers to attend a fair."""
    require_roles(request, {Role.CITIZEN})
    fair = selectors.fair_get(actor=request.user, fair_id=fair_id)
    person = seeker_of(request)
    try:
        campaign_services.register_attendee(actor=request.user, fair=fair, person=person)
    except DomainError as error:
        refused(request, error)
    else:
        messages.success(request, _("You are registered for %(fair)s.") % {"fair": fair.name})
    return back(request, "jobs_mine")


@signed_in
def search(request):
    """Open vacancies for every signed-in user: by title or employer, region, contract type."""
    form = VacancySearchForm(request.GET or None)
    vacancies = selectors.open_vacancies(
        actor=request.user, as_of=timezone.localdate(), **form.filters()
    )
    page, query = page_of(request, vacancies, size=20)
    context = {"form": form, "page": page, "query": query, "contract_types": ContractType.choices}
    template = "jobs/_search_results.html" if request.htmx else "jobs/search.html"
    return render(request, template, context)
