import datetime

from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from minsheng.core.masking import mask_identity_number, mask_phone
from minsheng.registry import selectors, services

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
