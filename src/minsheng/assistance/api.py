"""JSON API of "1131" services and paired assistance; lists paginated, outside scope is 404."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from minsheng.assistance import pairing_selectors, selectors, services
from minsheng.core.errors import NotFound
from minsheng.core.masking import mask_identity_number
from minsheng.core.models import User

router = Router(tags=["assistance"])


def as_of_or_today(as_of: datetime.date | None) -> datetime.date:
    return as_of or timezone.localdate()


class ServiceIn(Schema):
    kind: str
    delivered_on: datetime.date
    channel: str
    content: str
    vacancy_id: int | None = None


class ServiceOut(Schema):
    id: int
    person_id: int
    kind: str
    delivered_on: datetime.date
    channel: str
    content: str
    staff_id: int | None
    region_code: str = Field(..., alias="region_id")


class RequirementOut(Schema):
    label: str
    have: int
    needed: int


class CompletenessOut(Schema):
    person_id: int
    on_ledger_since: datetime.date | None
    complete: bool
    requirements: list[RequirementOut]
    missing: list[RequirementOut]


def completeness_out(person_id: int, completeness) -> CompletenessOut:
    def rows(found):
        return [RequirementOut(label=str(r.label), have=r.have, needed=r.needed) for r in found]

    return CompletenessOut(
        person_id=person_id,
        on_ledger_since=completeness.since,
        complete=completeness.complete,
        requirements=rows(completeness.rows),
        missing=rows(completeness.missing),
    )


@router.get("/people/{person_id}/services", response=list[ServiceOut])
@paginate(PageNumberPagination)
def service_list(request, person_id: int):
    person = selectors.visible_person(actor=request.auth, person_id=person_id)
    return selectors.service_list(actor=request.auth, person=person)


@router.post("/people/{person_id}/services", response={201: ServiceOut})
def service_create(request, person_id: int, payload: ServiceIn):
    person = selectors.visible_person(actor=request.auth, person_id=person_id)
    service = services.record_service(actor=request.auth, person=person, **payload.dict())
    return Status(201, service)


@router.get("/people/{person_id}/1131", response=CompletenessOut)
def person_1131(request, person_id: int, as_of: datetime.date | None = None):
    person = selectors.visible_person(actor=request.auth, person_id=person_id)
    completeness = selectors.person_1131(person=person, as_of=as_of_or_today(as_of))
    return completeness_out(person.pk, completeness)


class CompletionRowOut(Schema):
    region_code: str
    region_name: str
    on_ledger: int
    complete: int
    rate: float | None


class CompletionOut(Schema):
    as_of: datetime.date
    overall: CompletionRowOut
    counties: list[CompletionRowOut]


def own_region(actor: User, region_code: str) -> str:
    if not (region_code or actor.region_id):
        raise NotFound("region_not_found", _("No such region in your scope."))
    return region_code or actor.region_id


@router.get("/assistance/1131/completion", response=CompletionOut)
def completion(request, region_code: str = "", as_of: datetime.date | None = None):
    """Complete 1131 ÷ people on the ledger, under a region and per county."""
    as_of = as_of_or_today(as_of)
    overall, counties = selectors.completion_by_county(
        actor=request.auth, as_of=as_of, region_code=own_region(request.auth, region_code)
    )
    return CompletionOut(as_of=as_of, overall=overall, counties=counties)


class OverdueOut(Schema):
    person_id: int
    name: str
    identity_number_masked: str
    region_code: str
    on_ledger_since: datetime.date
    missing: list[RequirementOut]


@router.get("/assistance/1131/overdue", response=list[OverdueOut])
@paginate(PageNumberPagination)
def overdue(request, region_code: str = "", q: str = "", as_of: datetime.date | None = None):
    """People on the ledger past `assistance.overdue_days` without a complete 1131."""
    entries = selectors.overdue_list(
        actor=request.auth, as_of=as_of_or_today(as_of), region_code=region_code or None, search=q
    )
    return PagedRows(entries, overdue_row)


def overdue_row(entry) -> dict:
    completeness = selectors.completeness_of(entry)
    return {
        "person_id": entry.person_id,
        "name": entry.person.name,
        "identity_number_masked": mask_identity_number(entry.person.identity_number),
        "region_code": entry.region_id,
        "on_ledger_since": entry.entered_on,
        "missing": [
            {"label": str(s.label), "have": s.have, "needed": s.needed}
            for s in completeness.missing
        ],
    }


class PagedRows:
    """A queryset whose page is converted row by row (ninja pages by slicing and `len`)."""

    def __init__(self, queryset, convert) -> None:
        self.queryset, self.convert = queryset, convert

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window):
        return [self.convert(row) for row in self.queryset[window]]


class PairingIn(Schema):
    person_id: int
    caseworker_id: int
    started_on: datetime.date | None = None


class ReassignIn(Schema):
    caseworker_id: int
    on: datetime.date | None = None
    note: str = ""


class PairingOut(Schema):
    id: int
    person_id: int
    caseworker_id: int
    region_code: str = Field(..., alias="region_id")
    started_on: datetime.date
    ended_on: datetime.date | None
    end_reason: str


class FollowUpIn(Schema):
    visited_on: datetime.date
    channel: str
    notes: str


class FollowUpOut(Schema):
    id: int
    pairing_id: int
    visited_on: datetime.date
    channel: str
    notes: str
    caseworker_id: int


@router.get("/assistance/pairings", response=list[PairingOut])
@paginate(PageNumberPagination)
def pairing_list(request, open_only: bool = True, mine: bool = False):
    caseworker = request.auth if mine else None
    return pairing_selectors.pairing_list(
        actor=request.auth, caseworker=caseworker, open_only=open_only
    )


@router.post("/assistance/pairings", response={201: PairingOut})
def pairing_create(request, payload: PairingIn):
    person = selectors.visible_person(actor=request.auth, person_id=payload.person_id)
    return Status(
        201,
        services.assign_caseworker(
            actor=request.auth,
            person=person,
            caseworker=pairing_selectors.caseworker_get(
                actor=request.auth, caseworker_id=payload.caseworker_id
            ),
            started_on=payload.started_on,
        ),
    )


@router.get("/assistance/pairings/{pairing_id}", response=PairingOut)
def pairing_detail(request, pairing_id: int):
    return pairing_selectors.pairing_get(actor=request.auth, pairing_id=pairing_id)


@router.post("/assistance/pairings/{pairing_id}/reassign", response={201: PairingOut})
def pairing_reassign(request, pairing_id: int, payload: ReassignIn):
    pairing = pairing_selectors.pairing_get(actor=request.auth, pairing_id=pairing_id)
    successor = services.reassign(
        actor=request.auth,
        pairing=pairing,
        caseworker=pairing_selectors.caseworker_get(
            actor=request.auth, caseworker_id=payload.caseworker_id
        ),
        on=payload.on,
        note=payload.note,
    )
    return Status(201, successor)


@router.get("/assistance/pairings/{pairing_id}/follow-ups", response=list[FollowUpOut])
@paginate(PageNumberPagination)
def follow_up_list(request, pairing_id: int):
    pairing = pairing_selectors.pairing_get(actor=request.auth, pairing_id=pairing_id)
    return pairing_selectors.follow_up_list(actor=request.auth, pairing=pairing)


@router.post("/assistance/pairings/{pairing_id}/follow-ups", response={201: FollowUpOut})
def follow_up_create(request, pairing_id: int, payload: FollowUpIn):
    pairing = pairing_selectors.pairing_get(actor=request.auth, pairing_id=pairing_id)
    follow_up = services.record_follow_up(actor=request.auth, pairing=pairing, **payload.dict())
    return Status(201, follow_up)


class SuggestionOut(Schema):
    person_id: int
    name: str
    region_code: str
    suggested_caseworker_id: int | None


@router.get("/assistance/pairing/suggestions", response=list[SuggestionOut])
@paginate(PageNumberPagination)
def suggestions(request, q: str = "", as_of: datetime.date | None = None):
    """Eligible people without a caseworker, each with the least-loaded covering caseworker."""
    people = pairing_selectors.eligible_people(
        actor=request.auth, as_of=as_of_or_today(as_of), search=q, unpaired_only=True
    )
    return SuggestedPage(people)


class SuggestedPage(PagedRows):
    def __init__(self, people) -> None:
        super().__init__(people, None)

    def __getitem__(self, window):
        return [
            {
                "person_id": s.person.pk,
                "name": s.person.name,
                "region_code": s.person.region_id,
                "suggested_caseworker_id": s.caseworker.pk if s.caseworker else None,
            }
            for s in pairing_selectors.suggestions_for(self.queryset[window])
        ]


class CoverageRowOut(Schema):
    region_code: str
    region_name: str
    eligible: int
    paired: int
    rate: float | None


class CoverageOut(Schema):
    as_of: datetime.date
    overall: CoverageRowOut
    counties: list[CoverageRowOut]


@router.get("/assistance/pairing/coverage", response=CoverageOut)
def coverage(request, region_code: str = "", as_of: datetime.date | None = None):
    """Eligible people in scope against those with an open pairing, per county."""
    as_of = as_of_or_today(as_of)
    overall, counties = pairing_selectors.coverage_by_county(
        actor=request.auth, as_of=as_of, region_code=own_region(request.auth, region_code)
    )
    return CoverageOut(as_of=as_of, overall=overall, counties=counties)


class DueOut(Schema):
    pairing_id: int
    person_id: int
    name: str
    last_visit: datetime.date | None
    due_on: datetime.date


@router.get("/assistance/today", response=list[DueOut])
@paginate(PageNumberPagination)
def today(request):
    """The caller's paired people with a follow-up due or overdue today."""
    as_of = timezone.localdate()
    due = pairing_selectors.follow_ups_due(actor=request.auth, as_of=as_of, caseworker=request.auth)
    return PagedRows(due, lambda pairing: due_row(pairing, as_of))


def due_row(pairing, as_of: datetime.date) -> dict:
    (pairing,) = pairing_selectors.set_due_dates([pairing], as_of)
    return {
        "pairing_id": pairing.pk,
        "person_id": pairing.person_id,
        "name": pairing.person.name,
        "last_visit": pairing.last_visit,
        "due_on": pairing.due_on,
    }


class CaseworkerOut(Schema):
    id: int
    username: str
    name: str
    region_code: str = Field(..., alias="region_id")
    open_pairings: int

    @staticmethod
    def resolve_name(user) -> str:
        return pairing_selectors.caseworker_name(user)


@router.get("/assistance/caseworkers", response=list[CaseworkerOut])
@paginate(PageNumberPagination)
def caseworker_list(request):
    """Active caseworkers in the caller's region with their open caseloads."""
    services.require_pairing_manager(request.auth)
    return pairing_selectors.caseworkers_in_scope(actor=request.auth)


@router.post("/assistance/caseworkers/{user_id}/left", response=list[PairingOut])
def caseworker_left(request, user_id: int, on: datetime.date | None = None):
    """A caseworker left: each of their people is handed to the least-loaded colleague."""
    services.require_pairing_manager(request.auth)
    caseworker = pairing_selectors.caseworker_get(actor=request.auth, caseworker_id=user_id)
    return services.staff_left(actor=request.auth, caseworker=caseworker, on=on)
