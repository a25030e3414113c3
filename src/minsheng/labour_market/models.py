"""Snapshots of the operational tables, statistics releases, and enterprise salary survey data.

The computed tables themselves live as files: a snapshot under
``MINSHENG_VAR_DIR/snapshots/<name>/`` (see `engine.tables`), a release's tables under
``MINSHENG_VAR_DIR/releases/<key>/``; the rows here say what they are, who made them and when,
and carry their row counts and SHA-256 digests so a file changed afterwards is noticed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import Region, Role, User
from minsheng.core.skill_levels import SkillLevel

# Who makes snapshots and releases, imports wage data, and sees releases before publication.
STATISTICS_ROLES = frozenset({Role.ADMIN, Role.ANALYST})
# Who may review and publish a release.
PUBLISHING_ROLES = frozenset({Role.ADMIN, Role.ANALYST, Role.SUPERVISOR})


class StatisticsQuerySet(models.QuerySet):
    """Analysts and administrators see every row; other users nothing (fails closed)."""

    def for_actor(self, actor):
        if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
            return self.none()
        return self.all() if actor.role in STATISTICS_ROLES else self.none()


class Snapshot(models.Model):
    """A dated, immutable Parquet export of the tables the statistics are computed from."""

    name = models.CharField(max_length=40, unique=True)  # also the directory name
    as_of = models.DateField(db_index=True)
    taken_at = models.DateTimeField()
    taken_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    row_counts = models.JSONField(default=dict)  # {"vacancies": 1200, …}
    manifest = models.JSONField(default=dict)  # engine.tables.build_manifest

    objects = StatisticsQuerySet.as_manager()

    class Meta:
        verbose_name = _("statistics snapshot")
        ordering = ["-as_of", "-taken_at"]

    def __str__(self) -> str:
        return self.name


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by a later publication")


class ReleaseQuerySet(models.QuerySet):
    """Published releases are public statistics; drafts are seen by statistics staff only."""

    def for_actor(self, actor):
        if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
            return self.none()
        if actor.role in STATISTICS_ROLES | PUBLISHING_ROLES:
            return self.all()
        return self.filter(status=ReleaseStatus.PUBLISHED)


class StatisticsRelease(models.Model):
    """The statistics of one period (``2026Q3`` or ``2026``) and region from one snapshot."""

    key = models.CharField(max_length=40, unique=True)  # the directory of its tables
    period = models.CharField(max_length=6)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="releases")
    status = models.CharField(
        max_length=12, choices=ReleaseStatus.choices, default=ReleaseStatus.DRAFT
    )
    engine = models.CharField(max_length=12, default="duckdb")
    # Parameters the tables were computed with (suppression threshold, minimum wages' date…).
    parameters = models.JSONField(default=dict)
    # {"shortage_national": {"file": "shortage_national.parquet", "rows": 100, "sha256": "…"}}
    tables = models.JSONField(default=dict)
    generated_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    generated_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    published_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("statistics release")
        ordering = ["-period", "-generated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "region"],
                condition=models.Q(status="published"),
                name="one_published_release_per_period_and_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.region_id} ({self.status})"


class WageSurveyImport(models.Model):
    """One imported salary-survey file; the file's hash makes importing it again a no-op."""

    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64, unique=True)
    rows = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    objects = StatisticsQuerySet.as_manager()

    class Meta:
        verbose_name = _("wage survey import")

    def __str__(self) -> str:
        return self.file_name


class WageSurveyRow(models.Model):
    """One surveyed employee's annual pay in one year (企业薪酬调查)."""

    batch = models.ForeignKey(WageSurveyImport, on_delete=models.PROTECT, related_name="+")
    survey_year = models.PositiveSmallIntegerField()
    employer_credit_code = models.CharField(max_length=18)
    industry = models.CharField(max_length=1)  # jobs.Industry: a GB/T 4754 section letter
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    city_code = models.CharField(max_length=6)
    province_code = models.CharField(max_length=6, db_index=True)
    occupation_code = models.CharField(max_length=10)
    skill_level = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=SkillLevel.choices
    )
    annual_pay = models.DecimalField(max_digits=12, decimal_places=2)

    objects = StatisticsQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["survey_year", "province_code"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(annual_pay__gt=0), name="survey_pay_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(skill_level__isnull=True)
                | models.Q(skill_level__gte=1, skill_level__lte=8),
                name="survey_skill_level_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey_year} {self.occupation_code}: {self.annual_pay}"
