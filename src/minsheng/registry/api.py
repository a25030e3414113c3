import datetime
from typing import Literal

from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from minsheng.core.masking import mask_identity_number, mask_phone
from minsheng.registry import selectors, services
from minsheng.registry.models import Education, EmploymentStatus, ExitReason, HowFound, LedgerReason
from minsheng.registry.occupations import occupation_name

router = Router(tags=["registry"])


class MembershipOut(Schema):
    group: str
    since: datetime.date
    until: datetime.date | None
    details: dict


class PersonOut(Schema):
    """A person as the API shows them: identity number and phone always masked."""

    id: int
    name: str
    identity_number_masked: str
    sex: str
    birth_date: datetime.date
    phone_masked: str
    region_code: str = Field(..., alias="region_id")
    education: str
    school: str
    major: str
    graduation_date: datetime.date | None
    version: int

    @staticmethod
    def resolve_identity_number_masked(person) -> str:
        return mask_identity_number(person.identity_number)

    @staticmethod
    def resolve_phone_masked(person) -> str:
        return mask_phone(person.phone)


class PersonDetailOut(PersonOut):
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_memberships(person):
        return person.memberships.order_by("-since")


class RevealIn(Schema):
    reason: str


class RevealOut(Schema):
    id: int
    identity_number: str


@router.get("/people", response=list[PersonOut])
@paginate(PageNumberPagination)
def person_list(request, q: str = "", group: str = ""):
    """People in the caller's region; identity numbers and phones masked."""
    return selectors.person_list(actor=request.auth, search=q, group=group)


@router.get("/people/{person_id}", response=PersonDetailOut)
def person_detail(request, person_id: int):
    return selectors.person_get(actor=request.auth, person_id=person_id)


@router.post("/people/{person_id}/reveal", response=RevealOut)
def person_reveal(request, person_id: int, payload: RevealIn):
    """The full identity number; the reason is written to the audit log."""
    person = selectors.person_get(actor=request.auth, person_id=person_id)
    number = services.reveal_identity_number(
        actor=request.auth, person=person, reason=payload.reason
    )
    return RevealOut(id=person.pk, identity_number=number)


class PersonIn(Schema):
    identity_number: str
    name: str
    region_code: str
    birth_date: datetime.date | None = None
    sex: Literal["M", "F", ""] = ""
    phone: str = ""
    education: Education | Literal[""] = ""
    school: str = ""
    major: str = ""
    graduation_date: datetime.date | None = None


class PersonUpdateIn(Schema):
    """Only the fields sent are changed; `version` is the one you read (409 if it moved on)."""

    version: int
    name: str | None = None
    region_code: str | None = None
    phone: str | None = None
    education: Education | Literal[""] | None = None
    school: str | None = None
    major: str | None = None
    graduation_date: datetime.date | None = None


@router.post("/people", response={201: PersonDetailOut})
def person_register(request, payload: PersonIn):
    """Register a person; birth date and sex are derived from the identity number."""
    return Status(201, services.register_person(actor=request.auth, **payload.dict()))


@router.patch("/people/{person_id}", response=PersonDetailOut)
def person_update(request, person_id: int, payload: PersonUpdateIn):
    person = selectors.person_get(actor=request.auth, person_id=person_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    # null clears the graduation date; for the other (required) fields it means "unchanged".
    changes = {k: v for k, v in changes.items() if v is not None or k == "graduation_date"}
    return services.update_person(actor=request.auth, person=person, version=version, **changes)


class MembershipIn(Schema):
    group: str
    since: datetime.date
    details: dict = {}


class MembershipEndIn(Schema):
    until: datetime.date


class MembershipIdOut(MembershipOut):
    id: int


@router.post("/people/{person_id}/memberships", response={201: MembershipIdOut})
def membership_add(request, person_id: int, payload: MembershipIn):
    person = selectors.person_get(actor=request.auth, person_id=person_id)
    return Status(201, services.add_membership(actor=request.auth, person=person, **payload.dict()))


@router.post("/people/{person_id}/memberships/{membership_id}/end", response=MembershipIdOut)
def membership_end(request, person_id: int, membership_id: int, payload: MembershipEndIn):
    person = selectors.person_get(actor=request.auth, person_id=person_id)
    membership = selectors.membership_get(
        actor=request.auth, person=person, membership_id=membership_id
    )
    return services.end_membership(actor=request.auth, membership=membership, until=payload.until)


class StatusChangeIn(Schema):
    status: EmploymentStatus
    since: datetime.date
    employer_name: str = ""
    employer_credit_code: str = ""
    occupation_code: str = ""
    how_found: HowFound | Literal[""] = ""
    note: str = ""


class StatusChangeOut(Schema):
    id: int
    status: str
    since: datetime.date
    employer_name: str
    occupation_code: str
    how_found: str
    note: str


class SuggestedExitOut(Schema):
    entry_id: int
    reason: str
    exited_on: datetime.date


class StatusRecordedOut(StatusChangeOut):
    # Set when the person is on the ledger and the new status usually ends the stay;
    # exiting is a separate call (POST /ledger/{entry_id}/exit) so the caseworker decides.
    suggested_ledger_exit: SuggestedExitOut | None = None


@router.get("/people/{person_id}/status-changes", response=list[StatusChangeOut])
@paginate(PageNumberPagination)
def status_change_list(request, person_id: int):
    person = selectors.person_get(actor=request.auth, person_id=person_id)
    return selectors.status_history(person=person)


@router.post("/people/{person_id}/status-changes", response={201: StatusRecordedOut})
def status_change_record(request, person_id: int, payload: StatusChangeIn):
    person = selectors.person_get(actor=request.auth, person_id=person_id)
    change = services.record_status_change(actor=request.auth, person=person, **payload.dict())
    body = StatusRecordedOut.from_orm(change)
    suggestion = services.suggested_ledger_exit(change)
    if suggestion:
        entry, reason = suggestion
        body.suggested_ledger_exit = SuggestedExitOut(
            entry_id=entry.pk, reason=reason, exited_on=change.since
        )
    return Status(201, body)


class TimelineEventOut(Schema):
    day: datetime.date
    kind: str
    title: str
    detail: str


@router.get("/people/{person_id}/timeline", response=list[TimelineEventOut])
@paginate(PageNumberPagination)
def person_timeline(request, person_id: int):
    person = selectors.person_get(actor=request.auth, person_id=person_id)
    return selectors.person_timeline(actor=request.auth, person=person)


class LedgerEnterIn(Schema):
    reason: LedgerReason
    entered_on: datetime.date
    region_code: str = ""


class LedgerExitIn(Schema):
    reason: ExitReason | Literal[""]
    exited_on: datetime.date


class LedgerEntryOut(Schema):
    id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    identity_number_masked: str
    region_code: str = Field(..., alias="region_id")
    reason: str
    entered_on: datetime.date
    exited_on: datetime.date | None
    exit_reason: str

    @staticmethod
    def resolve_identity_number_masked(entry) -> str:
        return mask_identity_number(entry.person.identity_number)


class LedgerListItemOut(LedgerEntryOut):
    current_status: str | None


@router.get("/ledger", response=list[LedgerListItemOut])
@paginate(PageNumberPagination)
def ledger_list(
    request,
    q: str = "",
    group: str = "",
    status: str = "",
    reason: str = "",
    entered_before: datetime.date | None = None,
):
    """Open stays on the ledger in the caller's region, oldest first."""
    return selectors.ledger_list(
        actor=request.auth,
        search=q,
        group=group,
        status=status,
        reason=reason,
        entered_before=entered_before,
    )


@router.post("/people/{person_id}/ledger", response={201: LedgerEntryOut})
def ledger_enter(request, person_id: int, payload: LedgerEnterIn):
    person = selectors.person_get(actor=request.auth, person_id=person_id)
    return Status(201, services.enter_ledger(actor=request.auth, person=person, **payload.dict()))


@router.post("/ledger/{entry_id}/exit", response=LedgerEntryOut)
def ledger_exit(request, entry_id: int, payload: LedgerExitIn):
    entry = selectors.ledger_entry_get(actor=request.auth, entry_id=entry_id)
    return services.exit_ledger(actor=request.auth, entry=entry, **payload.dict())


class JobWishIn(Schema):
    occupation_code: str = ""
    region_code: str = ""
    expected_monthly_pay: int | None = None
    willing_to_move: bool = False


class JobWishOut(Schema):
    id: int
    occupation_code: str
    occupation_name: str
    region_code: str | None = Field(None, alias="region_id")
    expected_monthly_pay: int | None
    willing_to_move: bool

    @staticmethod
    def resolve_occupation_name(wish) -> str:
        return occupation_name(wish.occupation_code)


@router.get("/people/{person_id}/wishes", response=list[JobWishOut])
@paginate(PageNumberPagination)
def wish_list(request, person_id: int):
    person = selectors.person_get(actor=request.auth, person_id=person_id)
    return selectors.job_wishes(person=person)


@router.post("/people/{person_id}/wishes", response={201: JobWishOut})
def wish_add(request, person_id: int, payload: JobWishIn):
    person = selectors.person_get(actor=request.auth, person_id=person_id)
    return Status(201, services.add_job_wish(actor=request.auth, person=person, **payload.dict()))


@router.delete("/people/{person_id}/wishes/{wish_id}", response={204: None})
def wish_remove(request, person_id: int, wish_id: int):
    person = selectors.person_get(actor=request.auth, person_id=person_id)
    wish = selectors.job_wish_get(actor=request.auth, person=person, wish_id=wish_id)
    services.remove_job_wish(actor=request.auth, wish=wish)
    return Status(204, None)


# ---------------------------------------------------------------- de-duplication (dedup.py)

from minsheng.registry import dedup  # noqa: E402 - this block is kept apart from the rest


class MergeProposalOut(Schema):
    id: int
    probability: float
    decision: str
    evidence: dict
    kept: PersonOut
    duplicate: PersonOut
    decided_at: datetime.datetime | None


class ProposeIn(Schema):
    region_code: str | None = None


class ProposeOut(Schema):
    records_compared: int
    pairs_found: int
    proposals_created: list[int]


@router.get("/duplicates", response=list[MergeProposalOut])
@paginate(PageNumberPagination)
def merge_proposal_list(request, decision: str = "pending"):
    """Suspected duplicate pairs whose two records both lie in the caller's region."""
    return dedup.proposal_list(actor=request.auth, decision=decision)


@router.post("/duplicates/propose", response=ProposeOut)
def merge_proposal_run(request, payload: ProposeIn):
    """Run record linkage over the caller's region now; only new pairs are added."""
    run = dedup.propose_merges(actor=request.auth, region_code=payload.region_code)
    return ProposeOut(**run.__dict__)


@router.get("/duplicates/{proposal_id}", response=MergeProposalOut)
def merge_proposal_detail(request, proposal_id: int):
    return dedup.proposal_get(actor=request.auth, proposal_id=proposal_id)


@router.post("/duplicates/{proposal_id}/merge", response=MergeProposalOut)
def merge_proposal_confirm(request, proposal_id: int):
    """Same person: the duplicate points at the kept record and its records move there."""
    dedup.confirm_merge(actor=request.auth, proposal_id=proposal_id)
    return dedup.proposal_get(actor=request.auth, proposal_id=proposal_id)


@router.post("/duplicates/{proposal_id}/reject", response=MergeProposalOut)
def merge_proposal_reject(request, proposal_id: int):
    """Not the same person: the pair is never proposed again."""
    dedup.reject_merge(actor=request.auth, proposal_id=proposal_id)
    return dedup.proposal_get(actor=request.auth, proposal_id=proposal_id)


# --- Bulk import of people lists (minsheng.registry.imports) --------------------------------
# Kept in one block at the end so that this file's other endpoints stay untouched.
from ninja import File, Form, UploadedFile  # noqa: E402

from minsheng.registry import imports  # noqa: E402


class ImportRowErrorOut(Schema):
    row: int
    column: str
    code: str
    message: str
    messages: dict[str, str]


class ImportOut(Schema):
    batch_id: int
    already_imported: bool
    rows_total: int
    rows_imported: int
    rows_rejected: int
    created: int
    updated: int
    unchanged: int
    memberships_added: int
    ledger_entries_opened: int
    errors: list[ImportRowErrorOut]


def import_out(outcome: "imports.ImportOutcome") -> ImportOut:
    return ImportOut(**outcome.counts(), errors=outcome.errors)


@router.post("/imports", response={200: ImportOut, 201: ImportOut})
def import_upload(request, file: File[UploadedFile], region: Form[str] = ""):
    """Import a CSV or XLSX list (multipart field `file`); invalid rows come back as errors.

    201 when the file was imported now, 200 when the same file had been imported before
    (nothing written; the earlier batch is reported). A file missing a required column is
    refused with 400 and code `missing_columns`.
    """
    outcome = imports.import_people(
        actor=request.auth, file_name=file.name, data=file.read(), region_code=region or None
    )
    return Status(200 if outcome.already_imported else 201, import_out(outcome))


@router.get("/imports/{batch_id}", response=ImportOut)
def import_detail(request, batch_id: int):
    batch = imports.import_batch_get(actor=request.auth, batch_id=batch_id)
    return import_out(imports.outcome_of(batch))
