"""The occupational classification over time, aliases learnt from review, and the review queue.

Validity over time is a versioned row table: an `Occupation` row is one code's state (name,
flags, definition…) during `[valid_from, valid_to)`. A release that renames a code closes the
current row and opens a new one; a release that retires a code closes it. So "as of a day" is
one filter (`valid_from <= day < valid_to`), history is the rows of a code in order, and each row
names the release that opened it and the one that closed it. At most one row per code is open.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import STAFF_ROLES, User
from minsheng.core.scoping import ScopedQuerySet


class Release(models.Model):
    """A published edition or batch of the classification, effective from a date."""

    name = models.CharField(max_length=200, unique=True)
    effective_on = models.DateField(unique=True)
    reference = models.CharField(max_length=300, blank=True)
    is_example = models.BooleanField(
        default=False, help_text=_("An illustrative release shipped for tests and the demo.")
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("classification release")
        ordering = ["effective_on"]

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_on})"


class Level(models.IntegerChoices):
    MAJOR = 1, _("Major group")
    MEDIUM = 2, _("Medium group")
    MINOR = 3, _("Minor group")
    OCCUPATION = 4, _("Occupation")


class ReferenceQuerySet(models.QuerySet):
    """Reference data any signed-in user may read; nobody anonymous (fails closed)."""

    def for_actor(self, actor):
        if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
            return self.none()
        return self.all()


class OccupationQuerySet(ReferenceQuerySet):
    def as_of(self, day: datetime.date):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)


class Occupation(models.Model):
    """One code's state between two dates (see the module docstring)."""

    code = models.CharField(max_length=10, db_index=True)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    name = models.CharField(max_length=200)
    digital = models.BooleanField(default=False)
    green = models.BooleanField(default=False)
    definition = models.TextField(blank=True)
    tasks = models.TextField(blank=True)
    # One per line: searched with a plain substring match on every database.
    aliases = models.TextField(blank=True)
    parent_code = models.CharField(max_length=10, blank=True)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    opened_by = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="opened")
    closed_by = models.ForeignKey(
        Release, null=True, blank=True, on_delete=models.PROTECT, related_name="closed"
    )

    objects = OccupationQuerySet.as_manager()

    class Meta:
        verbose_name = _("occupation")
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="occupation_version_once"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_to__isnull=True), name="occupation_one_open_row"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="occupation_valid_to_after_from",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="occupation_level"
            ),
        ]
        indexes = [models.Index(fields=["valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def alias_list(self) -> list[str]:
        return [alias for alias in self.aliases.splitlines() if alias]


class AliasSource(models.TextChoices):
    REVIEW = "review", _("Coding review")
    WORK_TYPE = "work_type", _("Work type of a release")


class AliasQuerySet(ReferenceQuerySet):
    def as_of(self, day: datetime.date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))


class OccupationAlias(models.Model):
    """A title that means a code: a reviewed job-ad title, or a work type named by a release.

    Reviewed titles hold whenever their code does (they teach how ads are worded); a work type
    exists from its release's effective date (`valid_from`).
    """

    text = models.CharField(max_length=200)
    code = models.CharField(max_length=10, db_index=True)
    source = models.CharField(max_length=20, choices=AliasSource.choices)
    valid_from = models.DateField(null=True, blank=True)
    release = models.ForeignKey(
        Release, null=True, blank=True, on_delete=models.PROTECT, related_name="aliases"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = AliasQuerySet.as_manager()

    class Meta:
        ordering = ["code", "text"]
        constraints = [
            models.UniqueConstraint(fields=["text", "source"], name="alias_text_once_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.code}"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    CORRECTED = "corrected", _("Corrected")


class ReviewSource(models.TextChoices):
    VACANCY = "vacancy", _("Vacancy")
    JOB_WISH = "job_wish", _("Job wish")
    IMPORT = "import", _("File import")
    API = "api", _("API")


class ReviewQuerySet(ScopedQuerySet):
    """Staff see items of their region subtree and those with no region (files, API batches)."""

    region_field = "region_code"

    def for_actor(self, actor):
        if actor is None or not getattr(actor, "is_authenticated", False):
            return self.none()
        if actor.role not in STAFF_ROLES:
            return self.none()
        scope = actor.scope_codes()
        if scope is None:
            return self.all()
        return self.filter(Q(region_code="") | Q(region_code__in=sorted(scope)))


class CodingReview(models.Model):
    """A low-confidence coding waiting for a person; one pending item per distinct title."""

    title = models.CharField(max_length=200)
    suggested_code = models.CharField(max_length=10, blank=True)
    suggested_name = models.CharField(max_length=200, blank=True)
    score = models.FloatField()
    level = models.CharField(max_length=12)
    source = models.CharField(max_length=20, choices=ReviewSource.choices)
    region_code = models.CharField(max_length=6, blank=True)
    occurrences = models.PositiveIntegerField(default=1)
    as_of = models.DateField()
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    final_code = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-occurrences", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["title"],
                condition=Q(status="pending"),
                name="review_one_pending_per_title",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "corrected"]),
                name="review_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.suggested_code or '?'} ({self.status})"
