import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from minsheng.core.regions import NATIONAL_CODE, region_tree
from minsheng.core.scoping import ScopedQuerySet


class Region(models.Model):
    """An administrative division (GB/T 2260); the tree itself lives in `core.regions`."""

    code = models.CharField(primary_key=True, max_length=6)
    name = models.CharField(max_length=64)
    full_name = models.CharField(max_length=128)
    pinyin = models.CharField(max_length=64, blank=True)
    level = models.PositiveSmallIntegerField()
    parent = models.ForeignKey("self", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("region")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.full_name.replace(",", " ")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    CASEWORKER = "caseworker", _("Caseworker")
    SUPERVISOR = "supervisor", _("Supervisor")
    ANALYST = "analyst", _("Labour-market analyst")
    INSURANCE_CLERK = "insurance_clerk", _("Social-insurance clerk")
    FUND_SUPERVISOR = "fund_supervisor", _("Fund supervisor")
    MEDIATOR = "mediator", _("Mediator")
    EMPLOYER = "employer", _("Employer")
    CITIZEN = "citizen", _("Citizen")


STAFF_ROLES = frozenset(Role) - {Role.EMPLOYER, Role.CITIZEN}


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Staff see records of this region and everything below it."),
    )

    REQUIRED_FIELDS = ["email", "role"]

    class Meta:
        verbose_name = _("user")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[role.value for role in Role]), name="user_role_known"
            ),
        ]

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    def scope_codes(self) -> frozenset[str] | None:
        """Region codes this user may see; None means the whole country; empty means nothing."""
        if not self.is_active or not self.is_staff_role or self.region_id is None:
            return frozenset()
        if self.region_id == NATIONAL_CODE:
            return None
        return region_tree().subtree(self.region_id)

    def can_see_region(self, code: str | None) -> bool:
        scope = self.scope_codes()
        return scope is None or code in scope


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} (ms_{self.prefix}…)"

    @staticmethod
    def new_key() -> str:
        return "ms_" + secrets.token_urlsafe(32)


class LoginFailure(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} @ {self.at:%Y-%m-%d %H:%M}"


class AuditQuerySet(ScopedQuerySet):
    region_field = "region_code"

    def update(self, **kwargs):
        raise TypeError("The audit log is append-only.")

    def delete(self):
        raise TypeError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One row of the append-only, hash-chained audit log (see `core.audit`)."""

    sequence = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    region_code = models.CharField(max_length=6, blank=True)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only.")


class AuditHead(models.Model):
    """The single row holding the chain's tip; locking it serialises appends."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit head #{self.sequence}"


class JobQuerySet(models.QuerySet):
    def for_actor(self, actor):
        """A job is its requester's: the upload it carries is theirs, whatever their region."""
        if actor is None or not getattr(actor, "is_authenticated", False):
            return self.none()
        return self.filter(requested_by=actor)


class BackgroundJob(models.Model):
    """Work a page hands to the worker (`core.jobs`): the uploaded file, how the work went,
    and where its result is shown. The file is emptied once the job has ended."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", pgettext_lazy("background job", "Failed")

    kind = models.CharField(max_length=64)  # e.g. "registry.import_people"
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    region_code = models.CharField(max_length=6, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    payload = models.BinaryField(blank=True, default=b"")
    options = models.JSONField(default=dict, blank=True)
    origin_url = models.CharField(max_length=200, blank=True)  # the page that queued it
    result_url = models.CharField(max_length=200, blank=True)  # the page showing its result
    # {"code": "region_out_of_scope", "messages": {"zh-hans": "…", "en": "…"}}
    error = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        indexes = [models.Index(fields=["requested_by", "kind", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "done", "failed"]),
                name="background_job_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
