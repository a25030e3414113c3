import datetime

from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from minsheng.core import selectors, services
from minsheng.core.audit import verify_chain
from minsheng.core.errors import PermissionDenied
from minsheng.core.identity import parse_credit_code, parse_resident_id
from minsheng.core.masking import mask_identity_number
from minsheng.core.models import Role
from minsheng.core.regions import region_tree

router = Router(tags=["core"])


class Credentials(Schema):
    username: str
    password: str
    token_name: str = "api"


class IssuedToken(Schema):
    id: int
    name: str
    token: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None


class MeOut(Schema):
    username: str
    role: str
    region_code: str | None
    region_name: str | None


class RegionOut(Schema):
    code: str
    name: str
    full_name: str
    pinyin: str
    level: int
    parent_code: str | None


class WithinOut(Schema):
    code: str
    ancestor_code: str
    within: bool


class IdentifierIn(Schema):
    number: str


class ResidentIdOut(Schema):
    number_masked: str
    birth_date: datetime.date
    sex: str
    region_code: str
    region_name: str


class CreditCodeOut(Schema):
    code: str
    region_code: str


class AuditEventOut(Schema):
    sequence: int
    at: datetime.datetime
    actor_name: str
    action: str
    object_type: str
    object_id: str
    region_code: str
    reason: str
    request_id: str


class ChainOut(Schema):
    intact: bool
    checked: int
    broken_at: int | None
    problem: str


def region_out(region) -> RegionOut:
    return RegionOut(
        code=region.code,
        name=region.name,
        full_name=region.full_name,
        pinyin=region.pinyin,
        level=region.level,
        parent_code=region.parent_id,
    )


@router.post("/auth/token", auth=None, response={201: IssuedToken})
def obtain_token(request, credentials: Credentials):
    """Exchange a user name and password for an API token (shown once)."""
    user = services.sign_in(
        request=request, username=credentials.username, password=credentials.password
    )
    token, raw = services.issue_token(actor=user, name=credentials.token_name)
    return Status(201, IssuedToken(id=token.pk, name=token.name, token=raw))


@router.get("/me", response=MeOut)
def me(request):
    user = request.auth
    return MeOut(
        username=user.username,
        role=user.role,
        region_code=user.region_id,
        region_name=str(user.region) if user.region_id else None,
    )


@router.get("/tokens", response=list[TokenOut])
@paginate(PageNumberPagination)
def token_list(request):
    return request.auth.api_tokens.filter(revoked_at__isnull=True).order_by("-created_at")


@router.delete("/tokens/{token_id}", response={204: None})
def token_revoke(request, token_id: int):
    services.revoke_token(actor=request.auth, token_id=token_id)
    return Status(204, None)


@router.get("/regions", response=list[RegionOut])
@paginate(PageNumberPagination)
def region_list(request, parent: str | None = None, q: str = ""):
    return [region_out(r) for r in selectors.region_list(parent_code=parent, search=q)]


@router.get("/regions/{code}", response=RegionOut)
def region_detail(request, code: str):
    return region_out(selectors.region_get(code=code))


@router.get("/regions/{code}/within/{ancestor_code}", response=WithinOut)
def region_within(request, code: str, ancestor_code: str):
    selectors.region_get(code=code)
    selectors.region_get(code=ancestor_code)
    within = region_tree().is_within(code, ancestor_code)
    return WithinOut(code=code, ancestor_code=ancestor_code, within=within)


@router.post("/identifiers/resident-id", response=ResidentIdOut)
def check_resident_id(request, payload: IdentifierIn):
    """Validate a resident identity number and derive birth date, sex and region."""
    parsed = parse_resident_id(payload.number, field="number")
    return ResidentIdOut(
        number_masked=mask_identity_number(parsed.number),
        birth_date=parsed.birth_date,
        sex=parsed.sex,
        region_code=parsed.region_code,
        region_name=" ".join(selectors.region_path(parsed.region_code)),
    )


@router.post("/identifiers/credit-code", response=CreditCodeOut)
def check_credit_code(request, payload: IdentifierIn):
    code = parse_credit_code(payload.number, field="number")
    return CreditCodeOut(code=code, region_code=region_tree().resolve_address_code(code[2:8]))


@router.get("/audit/events", response=list[AuditEventOut])
@paginate(PageNumberPagination)
def audit_events(request, object_type: str = "", action: str = ""):
    return selectors.audit_event_list(actor=request.auth, object_type=object_type, action=action)


@router.get("/audit/verify", response=ChainOut)
def audit_verify(request):
    if request.auth.role != Role.ADMIN:
        raise PermissionDenied("admin_only", _("Only administrators can verify the audit chain."))
    report = verify_chain()
    return ChainOut(
        intact=report.intact,
        checked=report.checked,
        broken_at=report.broken_at,
        problem=report.problem,
    )
