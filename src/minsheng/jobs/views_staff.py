"""Staff pages: the vacancies of their region, the review queue, the vacancy page with the
people on the ledger who match it, the nightly batch on demand, and the employers."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError
from minsheng.core.forms import show_domain_error
from minsheng.core.models import Role
from minsheng.core.pages import page_of, refused, require_roles, signed_in
from minsheng.jobs import placement_services, sections, selectors, services
from minsheng.jobs.explain import explain
from minsheng.jobs.forms import AccountForm, EmployerForm, ReviewForm
from minsheng.jobs.matches import matching_seekers
from minsheng.jobs.models import VacancyStatus

STAFF = services.JOBS_STAFF
BATCH_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})
SEEKERS_SHOWN = 20


@signed_in
def vacancy_list(request):
    require_roles(request, STAFF)
    status = request.GET.get("status", "")
    status = status if status in VacancyStatus.values else ""
    search = request.GET.get("q", "")
    vacancies = selectors.with_application_counts(
        selectors.vacancy_list(actor=request.user, status=status, search=search)
    )
    page, query = page_of(request, vacancies)
    context = {
        "page": page,
        "query": query,
        "status": status,
        "search": search,
        "statuses": VacancyStatus.choices,
        "pending": selectors.review_queue(actor=request.user).count(),
        "can_run_batch": request.user.role in BATCH_ROLES,
    }
    return render(request, "jobs/vacancy_list.html", context)


@signed_in
def review_queue(request):
    require_roles(request, STAFF)
    page, query = page_of(request, selectors.review_queue(actor=request.user))
    rows = [(vacancy, ReviewForm(initial={"version": vacancy.version})) for vacancy in page]
    return render(request, "jobs/review_queue.html", {"page": page, "query": query, "rows": rows})


@signed_in
@require_POST
def vacancy_review(request, vacancy_id: int):
    """Publish, or send back with a note; a refusal shows the vacancy page with the message."""
    require_roles(request, STAFF)
    vacancy = selectors.vacancy_managed_get(actor=request.user, vacancy_id=vacancy_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        approve = "publish" in request.POST
        try:
            services.review_vacancy(
                actor=request.user,
                vacancy=vacancy,
                version=form.cleaned_data["version"],
                approve=approve,
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            show_domain_error(form, error)
            return vacancy_page(request, vacancy, review_form=form, status=error.status)
        text = _("Published: %(title)s.") if approve else _("Sent back to the employer: %(title)s.")
        messages.success(request, text % {"title": vacancy.title})
        if request.POST.get("from") == "queue":
            return redirect("jobs_review")
        return redirect("jobs_vacancy", vacancy.pk)
    return vacancy_page(request, vacancy, review_form=form, status=400)


def vacancy_page(request, vacancy, *, review_form=None, status: int = 200):
    """One vacancy; what is shown depends on who looks (employer, staff, seeker)."""
    user = request.user
    today = timezone.localdate()
    # An employer reaches its own vacancies only; staff manage those of their region.
    manages = user.role == Role.EMPLOYER or (
        user.role in STAFF and user.can_see_region(vacancy.region_id)
    )
    context = {
        "vacancy": vacancy,
        "manages": manages,
        "staff": user.role in STAFF,
        "is_open": vacancy.status == VacancyStatus.PUBLISHED
        and vacancy.opens_on <= today <= vacancy.closes_on,
        "review_form": review_form or ReviewForm(initial={"version": vacancy.version}),
    }
    if manages:
        context["application_count"] = selectors.application_list(
            actor=user, vacancy=vacancy
        ).count()
    if user.role in STAFF and context["is_open"]:
        recommended = set(
            selectors.recommendation_list(actor=user, vacancy=vacancy).values_list(
                "person_id", flat=True
            )
        )
        context["seekers"] = [
            {
                "person": person,
                "score": match.score,
                "reasons": explain(match.factors),
                "recommended": person.pk in recommended,
            }
            for person, match in matching_seekers(
                actor=user, vacancy=vacancy, as_of=today, k=SEEKERS_SHOWN
            )
        ]
    if user.role == Role.CITIZEN:
        person = sections.own_person(user)
        context["person"] = person
        context["applied"] = (
            person is not None
            and selectors.application_list(actor=user, person=person, vacancy=vacancy).exists()
        )
    return render(request, "jobs/vacancy_detail.html", context, status=status)


@signed_in
def vacancy_detail(request, vacancy_id: int):
    return vacancy_page(request, selectors.vacancy_get(actor=request.user, vacancy_id=vacancy_id))


@signed_in
@require_POST
def run_batch(request):
    """Everyone on the ledger in the supervisor's region gets their best new jobs now."""
    require_roles(request, BATCH_ROLES)
    try:
        count = placement_services.recommend_for_ledger(actor=request.user, on=timezone.localdate())
    except DomainError as error:
        refused(request, error)
    else:
        messages.success(
            request, _("%(count)d recommendations sent to people on the ledger.") % {"count": count}
        )
    return redirect("jobs_vacancies")


# Employers -------------------------------------------------------------------------------


@signed_in
def employer_list(request):
    require_roles(request, STAFF)
    search = request.GET.get("q", "")
    page, query = page_of(request, selectors.employer_list(actor=request.user, search=search))
    return render(
        request, "jobs/employer_list.html", {"page": page, "query": query, "search": search}
    )


@signed_in
def employer_register(request):
    require_roles(request, STAFF)
    form = EmployerForm(request.POST or None, initial={"region_code": request.user.region_id})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                employer = services.register_employer(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                show_domain_error(form, error)
                status = error.status
            else:
                messages.success(request, _("Registered %(name)s.") % {"name": employer.name})
                return redirect("jobs_employer", employer.pk)
    return render(request, "jobs/employer_register.html", {"form": form}, status=status)


def employer_page(request, employer, *, account_form=None, status: int = 200):
    vacancies = selectors.with_application_counts(
        selectors.vacancy_list(actor=request.user, employer=employer)
    )
    context = {
        "employer": employer,
        "vacancies": vacancies[:50],
        "accounts": selectors.employer_accounts(employer=employer),
        "account_form": account_form or AccountForm(),
    }
    return render(request, "jobs/employer_detail.html", context, status=status)


@signed_in
def employer_detail(request, employer_id: int):
    require_roles(request, STAFF)
    return employer_page(
        request, selectors.employer_get(actor=request.user, employer_id=employer_id)
    )


@signed_in
@require_POST
def employer_account(request, employer_id: int):
    """A sign-in for the employer's recruiter."""
    require_roles(request, STAFF)
    employer = selectors.employer_get(actor=request.user, employer_id=employer_id)
    form = AccountForm(request.POST)
    if not form.is_valid():
        return employer_page(request, employer, account_form=form, status=400)
    try:
        account = services.create_employer_account(
            actor=request.user, employer=employer, **form.cleaned_data
        )
    except DomainError as error:
        show_domain_error(form, error)
        return employer_page(request, employer, account_form=form, status=error.status)
    messages.success(
        request, _("Account %(username)s created for the recruiter.") % {"username": account}
    )
    return redirect("jobs_employer", employer.pk)
