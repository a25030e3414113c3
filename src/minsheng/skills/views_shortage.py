"""The shortage link for staff: the occupations short of workers in a region, and for one of
them the courses that lead to it and the people on the ledger who wish to work in it, several
of whom are enrolled in a course in one go."""

import re

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError
from minsheng.core.forms import show_domain_error
from minsheng.core.pages import back, message_of, require_roles, signed_in
from minsheng.core.regions import NATIONAL_CODE
from minsheng.occupations import selectors as occupation_selectors
from minsheng.occupations.engine import Level
from minsheng.registry import selectors as registry_selectors
from minsheng.skills import enrolment_services, selectors, shortage
from minsheng.skills.forms import ShortageForm
from minsheng.skills.models import EnrolmentStatus
from minsheng.skills.services import SKILLS_STAFF

OCCUPATION_CODE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")
NAME_MATCHES = 20


def occupation_matches(actor, text: str) -> list:
    """Occupations whose name or alias contains `text` (a code is taken as it is)."""
    if not text or OCCUPATION_CODE.match(text):
        return []
    return list(
        occupation_selectors.occupation_list(actor=actor, search=text, level=Level.OCCUPATION)[
            :NAME_MATCHES
        ]
    )


@signed_in
def shortage_page(request):
    require_roles(request, SKILLS_STAFF)
    data = request.GET.copy()
    own_region = request.user.region_id
    if not data.get("region") and own_region and own_region != NATIONAL_CODE:
        data["region"] = own_region
    form = ShortageForm(data or None)
    context = {"form": form, "ranking": [], "matches": [], "link": None}
    status = 200
    if form.is_valid():
        region, text = form.cleaned_data["region"], form.cleaned_data["occupation"].strip()
        today = timezone.localdate()
        try:
            context["ranking"] = shortage.occupation_shortages(
                actor=request.user, region_code=region, as_of=today
            )
            if OCCUPATION_CODE.match(text):
                context["link"] = shortage.shortage_link(
                    actor=request.user, occupation_code=text, region_code=region, as_of=today
                )
        except DomainError as error:
            show_domain_error(form, error)
            status = error.status
        context["matches"] = occupation_matches(request.user, text)
        context["region"] = region
    return render(request, "skills/shortage.html", context, status=status)


@signed_in
@require_POST
def enrol_many(request):
    """The ticked people into the chosen course, all or none; each is a 1131 opportunity."""
    require_roles(request, SKILLS_STAFF)
    course_id = request.POST.get("course", "")
    person_ids = [int(v) for v in request.POST.getlist("person") if v.isdigit()]
    if not course_id.isdigit() or not person_ids:
        messages.error(request, _("Choose a course and tick the people to enrol."))
        return back(request, "skills_shortage")
    course = selectors.course_get(actor=request.user, course_id=int(course_id))
    people = [
        registry_selectors.person_get(actor=request.user, person_id=pk)
        for pk in dict.fromkeys(person_ids)
    ]
    taking_part = set(
        selectors.enrolment_list(actor=request.user, course=course)
        .filter(person__in=people)
        .values_list("person__name", flat=True)
    )
    if taking_part:
        messages.error(
            request,
            _("Already enrolled in this course or on its waiting list: %(names)s. Untick them.")
            % {"names": "、".join(sorted(taking_part))},
        )
        return back(request, "skills_shortage")
    try:
        enrolments = enrolment_services.enrol_many(actor=request.user, course=course, people=people)
    except DomainError as error:
        messages.error(request, message_of(error))
        return back(request, "skills_shortage")
    waiting = sum(1 for e in enrolments if e.status == EnrolmentStatus.WAITING)
    messages.success(
        request,
        _(
            "%(count)d enrolled in %(course)s, %(waiting)d of them on the waiting list. Each is "
            "recorded as the training opportunity of their 1131 services."
        )
        % {"count": len(enrolments), "course": course.title, "waiting": waiting},
    )
    return back(request, "skills_shortage")
