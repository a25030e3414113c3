"""JSON API of vocational skills: providers, courses and the catalogue, enrolments with the
waiting list, attendance, completion and assessment. Certificates (with the public
verification), subsidies, people's skills and the shortage link are in `api_certificates`.

The catalogue and the providers are public (no token needed); everything about people needs a
token, and records outside the caller's scope are 404. Lists are paginated.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from minsheng.core.models import Role, User
from minsheng.registry.models import Person
from minsheng.registry.selectors import person_get, person_list
from minsheng.skills import enrolment_services, progress_services, selectors, services
from minsheng.skills.api_certificates import router as certificates_router
from minsheng.skills.api_schemas import (
    AssessmentIn,
    AttendanceIn,
    BulkEnrolmentIn,
    CompletionIn,
    CourseDetailOut,
    CourseIn,
    CourseOut,
    CourseStatusIn,
    DropIn,
    DropOut,
    EnrolmentIn,
    EnrolmentOut,
    ProviderIn,
    ProviderOut,
)
from minsheng.skills.levels import SkillsError

router = Router(tags=["skills"])


# Providers ---------------------------------------------------------------------------------


@router.get("/skills/providers", response=list[ProviderOut], auth=None)
@paginate(PageNumberPagination)
def provider_list(request, q: str = "", kind: str = "", region_code: str = ""):
    """Public: accredited training providers, by name or credit code, kind and region."""
    return selectors.provider_list(actor=None, search=q, kind=kind, region_code=region_code)


@router.get("/skills/providers/{provider_id}", response=ProviderOut, auth=None)
def provider_detail(request, provider_id: int):
    return selectors.provider_get(actor=None, provider_id=provider_id)


@router.post("/skills/providers", response={201: ProviderOut})
def provider_register(request, payload: ProviderIn):
    return Status(201, services.register_provider(actor=request.auth, **payload.dict()))


# Courses -----------------------------------------------------------------------------------


@router.get("/skills/catalogue", response=list[CourseOut], auth=None)
@paginate(PageNumberPagination)
def catalogue(
    request,
    focus_area: str = "",
    occupation_code: str = "",
    region_code: str = "",
    level: int | None = None,
    open_only: bool = False,
    q: str = "",
):
    """Public course catalogue: by focus area (digital, green, care, other), occupation (a code
    or a group such as 4-04-00-00), region and below, target level, and `open_only` for the
    courses still open for enrolment today."""
    return selectors.course_catalogue(
        actor=None,
        focus_area=focus_area,
        occupation_code=occupation_code,
        region_code=region_code,
        level=level,
        open_on=timezone.localdate() if open_only else None,
        search=q,
    )


@router.get("/skills/catalogue/{course_id}", response=CourseOut, auth=None)
def catalogue_course(request, course_id: int):
    return selectors.course_get(actor=None, course_id=course_id)


@router.get("/skills/courses", response=list[CourseOut])
@paginate(PageNumberPagination)
def course_list(request, status: str = "", provider_id: int | None = None, q: str = ""):
    """Courses the caller's region runs, every status."""
    provider = None
    if provider_id is not None:
        provider = selectors.provider_get(actor=request.auth, provider_id=provider_id)
    return selectors.course_list(actor=request.auth, status=status, provider=provider, search=q)


@router.post("/skills/courses", response={201: CourseOut})
def course_add(request, payload: CourseIn):
    fields = payload.dict()
    provider = selectors.provider_get(actor=request.auth, provider_id=fields.pop("provider_id"))
    course = services.add_course(actor=request.auth, provider=provider, **fields)
    return Status(201, selectors.course_get(actor=request.auth, course_id=course.pk))


@router.get("/skills/courses/{course_id}", response=CourseDetailOut)
def course_detail(request, course_id: int):
    """The course with the enrolments the caller may see: its whole roster and waiting list
    for staff of the course's region, a caseworker's own people otherwise."""
    return selectors.course_detail(actor=request.auth, course_id=course_id)


@router.post("/skills/courses/{course_id}/status", response=CourseOut)
def course_status(request, course_id: int, payload: CourseStatusIn):
    course = selectors.course_managed_get(actor=request.auth, course_id=course_id)
    services.set_course_status(actor=request.auth, course=course, **payload.dict())
    return selectors.course_get(actor=request.auth, course_id=course_id)


@router.get("/skills/courses/{course_id}/waiting-list", response=list[EnrolmentOut])
@paginate(PageNumberPagination)
def course_waiting_list(request, course_id: int):
    course = selectors.course_get(actor=request.auth, course_id=course_id)
    return selectors.waiting_list(actor=request.auth, course=course)


# Enrolments --------------------------------------------------------------------------------


def person_to_enrol(actor: User, person_id: int | None) -> Person:
    """The person named (in the caller's scope), or a citizen's own record."""
    if person_id is not None:
        return person_get(actor=actor, person_id=person_id)
    own = person_list(actor=actor).first() if actor.role == Role.CITIZEN else None
    if own is None:
        raise SkillsError("person_required", _("Choose the person to enrol."), field="person_id")
    return own


@router.post("/skills/courses/{course_id}/enrolments", response={201: EnrolmentOut})
def enrol(request, course_id: int, payload: EnrolmentIn):
    """Enrol a person (staff, recorded as the 1131 training opportunity) or oneself (a
    citizen). A full course puts the person on its waiting list (`status` "waiting")."""
    course = selectors.course_get(actor=request.auth, course_id=course_id)
    person = person_to_enrol(request.auth, payload.person_id)
    enrolment = enrolment_services.enrol(
        actor=request.auth,
        course=course,
        person=person,
        on=payload.enrolled_on,
        channel=payload.channel,
    )
    return Status(201, selectors.enrolment_get(actor=request.auth, enrolment_id=enrolment.pk))


@router.post("/skills/courses/{course_id}/enrolments/bulk", response={201: list[EnrolmentOut]})
def enrol_many(request, course_id: int, payload: BulkEnrolmentIn):
    """Staff: several people at once (e.g. from the shortage link); all or none."""
    course = selectors.course_get(actor=request.auth, course_id=course_id)
    people = [
        person_get(actor=request.auth, person_id=pk) for pk in dict.fromkeys(payload.person_ids)
    ]
    enrolments = enrolment_services.enrol_many(
        actor=request.auth,
        course=course,
        people=people,
        on=payload.enrolled_on,
        channel=payload.channel,
    )
    return Status(
        201, [selectors.enrolment_get(actor=request.auth, enrolment_id=e.pk) for e in enrolments]
    )


@router.get("/skills/enrolments", response=list[EnrolmentOut])
@paginate(PageNumberPagination)
def enrolment_list(request, course_id: int | None = None, status: str = ""):
    course = None
    if course_id is not None:
        course = selectors.course_get(actor=request.auth, course_id=course_id)
    return selectors.enrolment_list(actor=request.auth, course=course, status=status)


@router.get("/skills/enrolments/{enrolment_id}", response=EnrolmentOut)
def enrolment_detail(request, enrolment_id: int):
    return selectors.enrolment_get(actor=request.auth, enrolment_id=enrolment_id)


@router.post("/skills/enrolments/{enrolment_id}/drop", response=DropOut)
def enrolment_drop(request, enrolment_id: int, payload: DropIn):
    """The person leaves; when they held a place, the first on the waiting list takes it."""
    enrolment = selectors.enrolment_get(actor=request.auth, enrolment_id=enrolment_id)
    outcome = enrolment_services.drop(
        actor=request.auth, enrolment=enrolment, reason=payload.reason, on=payload.dropped_on
    )
    promoted = outcome.promoted
    return DropOut(
        enrolment=selectors.enrolment_get(actor=request.auth, enrolment_id=enrolment_id),
        promoted=selectors.enrolment_list(actor=request.auth).filter(pk=promoted.pk).first()
        if promoted
        else None,
    )


@router.post("/skills/enrolments/{enrolment_id}/attendance", response=EnrolmentOut)
def enrolment_attendance(request, enrolment_id: int, payload: AttendanceIn):
    enrolment = selectors.enrolment_get(actor=request.auth, enrolment_id=enrolment_id)
    return progress_services.record_attendance(
        actor=request.auth, enrolment=enrolment, hours=payload.hours, on=payload.on
    )


@router.post("/skills/enrolments/{enrolment_id}/completion", response=EnrolmentOut)
def enrolment_completion(request, enrolment_id: int, payload: CompletionIn):
    enrolment = selectors.enrolment_get(actor=request.auth, enrolment_id=enrolment_id)
    return progress_services.record_completion(
        actor=request.auth, enrolment=enrolment, completed_on=payload.completed_on
    )


@router.post("/skills/enrolments/{enrolment_id}/assessment", response=EnrolmentOut)
def enrolment_assessment(request, enrolment_id: int, payload: AssessmentIn):
    """The assessment's score out of 100; the result (pass or fail) follows the pass mark."""
    enrolment = selectors.enrolment_get(actor=request.auth, enrolment_id=enrolment_id)
    return progress_services.record_assessment(
        actor=request.auth,
        enrolment=enrolment,
        score=payload.score,
        assessed_on=payload.assessed_on,
    )


router.add_router("", certificates_router)
