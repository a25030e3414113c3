"""Writes of the core context: reference data, accounts and tokens. Each one is audited."""

import datetime

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.errors import DomainError, NotFound
from minsheng.core.models import STAFF_ROLES, ApiToken, LoginFailure, Region, Role, User, hash_token
from minsheng.core.regions import region_tree


class AccountError(DomainError):
    pass


def load_regions() -> int:
    """Insert the administrative divisions that the database does not have yet."""
    tree = region_tree()
    existing = set(Region.objects.values_list("code", flat=True))
    ordered = sorted(tree.by_code.values(), key=lambda region: (region.level, region.code))
    new = [
        Region(
            code=region.code,
            name=region.name,
            full_name=region.full_name,
            pinyin=region.pinyin,
            level=region.level,
            parent_id=region.parent_code,
        )
        for region in ordered
        if region.code not in existing
    ]
    with transaction.atomic():
        Region.objects.bulk_create(new, batch_size=1000)
        if new:
            audit.record(
                None,
                audit.Change(
                    action="regions_loaded",
                    object_type="core.region",
                    object_id="*",
                    after={"count": len(new)},
                ),
            )
    return len(new)


def create_user(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    region_code: str | None = None,
    full_name: str = "",
) -> User:
    if role not in Role.values:
        raise AccountError("unknown_role", _("Unknown role."), field="role")
    if role in STAFF_ROLES and not region_code:
        raise AccountError(
            "region_required", _("Staff accounts need a region scope."), field="region_code"
        )
    if region_code and region_code not in region_tree():
        raise AccountError("unknown_region", _("Unknown region code."), field="region_code")
    if User.objects.filter(username=username).exists():
        raise AccountError("username_taken", _("This user name is taken."), field="username")
    user = User(username=username, role=role, region_id=region_code, first_name=full_name)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise AccountError("weak_password", " ".join(error.messages), field="password") from None
    user.set_password(password)
    with transaction.atomic():
        user.save()
        audit.record(
            actor,
            audit.Change(
                action="user_created",
                object_type="core.user",
                object_id=str(user.pk),
                region_code=region_code or "",
                after={"username": username, "role": role, "region": region_code},
            ),
        )
    return user


def issue_token(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """A new API token for the actor; the raw key is returned once and never stored."""
    raw = ApiToken.new_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, name=name, prefix=raw[3:11], key_hash=hash_token(raw)
        )
        audit.record(
            actor,
            audit.Change(
                action="token_issued",
                object_type="core.apitoken",
                object_id=str(token.pk),
                after={"name": name, "prefix": token.prefix},
            ),
        )
    return token, raw


def revoke_token(*, actor: User, token_id: int) -> None:
    with transaction.atomic():
        token = (
            ApiToken.objects.select_for_update()
            .filter(pk=token_id, user=actor, revoked_at__isnull=True)
            .first()
        )
        if token is None:
            raise NotFound("token_not_found", _("No such token."))
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor,
            audit.Change(
                action="token_revoked", object_type="core.apitoken", object_id=str(token.pk)
            ),
        )


def user_for_token(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class LoginRefused(DomainError):
    status = 401


class TooManyAttempts(DomainError):
    status = 429


def sign_in(*, request, username: str, password: str) -> User:
    """Check credentials with a limit on failures; never says which part was wrong."""
    address = request.META.get("REMOTE_ADDR")
    if login_blocked(username=username, address=address):
        raise TooManyAttempts(
            "too_many_attempts", _("Too many failed sign-in attempts; try again in 15 minutes.")
        )
    user = authenticate(request, username=username, password=password)
    if user is None:
        record_login_failure(username=username, address=address)
        raise LoginRefused("invalid_credentials", _("Wrong user name or password."))
    return user


def login_blocked(*, username: str, address: str | None) -> bool:
    """Too many recent failures for this account or from this address."""
    since = timezone.now() - datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(at__gte=since)
    limit = settings.LOGIN_FAILURE_LIMIT
    by_account = recent.filter(username=username.lower()).count()
    by_address = recent.filter(address=address).count() if address else 0
    return by_account >= limit or by_address >= limit * 4


def record_login_failure(*, username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=username.lower(), address=address)
