"""Pages of an employer's recruiter: our vacancies, posting and changing one, the applications
to it, and taking part in a fair. An employer reaches its own records only (others are 404).

Staff of the vacancy's region use the same edit, close and applications pages.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError
from minsheng.core.forms import show_domain_error
from minsheng.core.models import Role
from minsheng.core.pages import back, page_of, refused, require_roles, signed_in
from minsheng.core.regions import region_tree
from minsheng.jobs import campaign_services, sections, selectors, services
from minsheng.jobs.forms import FairJoinForm, VacancyEditForm, VacancyForm
from minsheng.jobs.models import CloseReason, VacancyStatus
from minsheng.jobs.profiles import occupation_name

EMPLOYER = {Role.EMPLOYER}
MANAGERS = {Role.EMPLOYER, *services.JOBS_STAFF}


def current_employer(request):
    """The employer the recruiter works for (the one asked for, when it has several)."""
    employers = selectors.employer_list(actor=request.user)
    wanted = request.POST.get("employer") or request.GET.get("employer") or ""
    if wanted.isdigit():
        return employers.filter(pk=int(wanted)).first()
    return employers.first()


def occupation_note(vacancy) -> str:
    name = occupation_name(vacancy.occupation_code)
    if not vacancy.occupation_code:
        return _("The title could not be coded to an occupation; you may enter the code.")
    return _("Occupation: %(name)s (%(code)s).") % {"name": name, "code": vacancy.occupation_code}


@signed_in
def our_vacancies(request):
    require_roles(request, EMPLOYER)
    vacancies = selectors.with_application_counts(selectors.vacancy_list(actor=request.user))
    page, query = page_of(request, vacancies)
    context = {
        "employers": list(selectors.employer_list(actor=request.user)),
        "page": page,
        "query": query,
    }
    return render(request, "jobs/our_vacancies.html", context)


@signed_in
def vacancy_post(request):
    require_roles(request, EMPLOYER)
    employer = current_employer(request)
    if employer is None:
        return redirect("jobs_our_vacancies")
    form = VacancyForm(
        request.POST or None,
        province_code=employer.province_code,
        current_region=employer.region_id,
        initial={"region_code": employer.region_id, "contract_type": "full_time"},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                vacancy = services.post_vacancy(
                    actor=request.user, employer=employer, **form.service_fields()
                )
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                messages.success(
                    request,
                    _("Sent for review: staff check it before it is published.")
                    + " "
                    + occupation_note(vacancy),
                )
                return redirect("jobs_vacancy", vacancy.pk)
    employers = list(selectors.employer_list(actor=request.user))
    context = {"form": form, "employer": employer, "employers": employers}
    return render(request, "jobs/vacancy_form.html", context, status=status)


@signed_in
def vacancy_edit(request, vacancy_id: int):
    require_roles(request, MANAGERS)
    vacancy = selectors.vacancy_managed_get(actor=request.user, vacancy_id=vacancy_id)
    province = vacancy.province_code or region_tree().province_of(vacancy.region_id)
    form = VacancyEditForm.for_vacancy(vacancy, province_code=province)
    status = 200
    if request.method == "POST":
        form = VacancyEditForm(
            request.POST, province_code=province, current_region=vacancy.region_id
        )
        status = 400
        if form.is_valid():
            was_published = vacancy.status == VacancyStatus.PUBLISHED
            try:
                services.update_vacancy(
                    actor=request.user,
                    vacancy=vacancy,
                    version=form.cleaned_data["version"],
                    **form.service_fields(),
                )
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                text = _("Saved.")
                if vacancy.status == VacancyStatus.PENDING and (
                    was_published or request.user.role == Role.EMPLOYER
                ):
                    text += " " + _("Staff check the vacancy again before it is published.")
                messages.success(request, text + " " + occupation_note(vacancy))
                return redirect("jobs_vacancy", vacancy.pk)
    context = {"form": form, "vacancy": vacancy, "employer": vacancy.employer}
    return render(request, "jobs/vacancy_form.html", context, status=status)


@signed_in
@require_POST
def vacancy_close(request, vacancy_id: int):
    require_roles(request, MANAGERS)
    vacancy = selectors.vacancy_managed_get(actor=request.user, vacancy_id=vacancy_id)
    reason = request.POST.get("reason") or CloseReason.WITHDRAWN
    try:
        services.close_vacancy(actor=request.user, vacancy=vacancy, reason=reason)
    except DomainError as error:
        refused(request, error)
    else:
        messages.success(request, _("The vacancy is closed."))
    return redirect("jobs_vacancy", vacancy.pk)


@signed_in
def vacancy_applications(request, vacancy_id: int):
    """Who applied, how far each got, and the buttons for the next step."""
    require_roles(request, MANAGERS)
    vacancy = selectors.vacancy_managed_get(actor=request.user, vacancy_id=vacancy_id)
    applications = selectors.application_list(actor=request.user, vacancy=vacancy)
    page, query = page_of(request, applications)
    context = {
        "vacancy": vacancy,
        "page": page,
        "query": query,
        "rows": sections.application_rows(request.user, page),
        "today": timezone.localdate(),
    }
    return render(request, "jobs/vacancy_applications.html", context)


@signed_in
def employer_fairs(request):
    """Fairs still to come, and whether we take part."""
    require_roles(request, EMPLOYER)
    employer = current_employer(request)
    joined = {}
    if employer is not None:
        registrations = selectors.fair_employer_list(actor=request.user, employer=employer)
        joined = {registration.fair_id: registration for registration in registrations}
    fairs = selectors.fair_list(actor=request.user, held_from=timezone.localdate())
    page, query = page_of(request, fairs)
    rows = [(fair, joined.get(fair.pk)) for fair in page]
    context = {"employer": employer, "page": page, "query": query, "rows": rows}
    return render(request, "jobs/employer_fairs.html", context)


@signed_in
def fair_join(request, fair_id: int):
    """Take part in a fair with some of our published vacancies."""
    require_roles(request, EMPLOYER)
    employer = current_employer(request)
    if employer is None:
        return redirect("jobs_our_vacancies")
    fair = selectors.fair_get(actor=request.user, fair_id=fair_id)
    published = selectors.vacancy_list(
        actor=request.user, status=VacancyStatus.PUBLISHED, employer=employer
    )
    form = FairJoinForm(request.POST or None, vacancies=published)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                registration = campaign_services.register_employer_at_fair(
                    actor=request.user,
                    fair=fair,
                    employer=employer,
                    vacancies=list(form.cleaned_data["vacancies"]),
                )
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                text = _("You take part in %(fair)s.") % {"fair": fair.name}
                if registration.booth:
                    text += " " + _("Your booth is number %(booth)s.") % {
                        "booth": registration.booth
                    }
                messages.success(request, text)
                return back(request, "jobs_employer_fairs")
    context = {
        "form": form,
        "fair": fair,
        "employer": employer,
        "has_published": published.exists(),
    }
    return render(request, "jobs/fair_join.html", context, status=status)
