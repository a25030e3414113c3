from django.db import models
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import Region, User
from minsheng.core.scoping import ScopedQuerySet


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Education(models.TextChoices):
    PRIMARY = "primary", _("Primary school or less")
    JUNIOR_MIDDLE = "junior_middle", _("Junior middle school")
    SENIOR_HIGH = "senior_high", _("Senior high school")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational / technical school")
    JUNIOR_COLLEGE = "junior_college", _("Junior college (dazhuan)")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")


class KeyGroup(models.TextChoices):
    """Key groups for employment support; long-term unemployment is derived, not recorded."""

    COLLEGE_GRADUATE = "college_graduate", _("College graduate")
    UNEMPLOYED_YOUTH = "unemployed_youth", _("Registered unemployed youth")
    MIGRANT_WORKER = "migrant_worker", _("Migrant worker")
    RETIRED_SOLDIER = "retired_soldier", _("Retired soldier")
    DISABILITY = "disability", _("Person with disability")
    LOW_INCOME = "low_income", _("Low-income family")


class PersonQuerySet(ScopedQuerySet):
    region_field = "region"

    def for_citizen(self, actor):
        return self.filter(account=actor)


class Person(models.Model):
    """One record per person nationally, identified by the resident identity number."""

    # Null for people known only from a list without a number; de-duplication links them later.
    identity_number = models.CharField(max_length=18, unique=True, null=True, blank=True)
    name = models.CharField(max_length=64)
    sex = models.CharField(max_length=1, choices=Sex.choices)
    birth_date = models.DateField()
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    # The distribution column when the store is sharded by province (Citus).
    province_code = models.CharField(max_length=6, db_index=True)
    phone = models.CharField(max_length=20, blank=True)
    education = models.CharField(max_length=24, choices=Education.choices, blank=True)
    school = models.CharField(max_length=100, blank=True)
    major = models.CharField(max_length=100, blank=True)
    graduation_date = models.DateField(null=True, blank=True)
    account = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: a save names the version it read, and fails if someone saved since.
    version = models.PositiveIntegerField(default=1)
    # A confirmed duplicate points at the record it was merged into; it is kept, not deleted.
    # Indexed only where set (below): a full index on a column that is almost always NULL
    # lures SQLite's planner into reading every person for "merged_into IS NULL".
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_records",
        db_index=False,
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        indexes = [
            models.Index(fields=["region", "name"]),
            models.Index(
                fields=["merged_into"],
                condition=models.Q(merged_into__isnull=False),
                name="person_merged_records",
            ),
            # Counts of a region's current people read this index alone (benchmarks/ledger.py);
            # SQLite reads an index alone only when it holds every column the query names.
            models.Index(
                fields=["region", "merged_into"],
                condition=models.Q(merged_into__isnull=True),
                name="person_current_by_region",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(graduation_date__isnull=True)
                | models.Q(graduation_date__gt=models.F("birth_date")),
                name="person_graduates_after_birth",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class KeyGroupMembershipQuerySet(ScopedQuerySet):
    region_field = "region"

    def follow_region_of(self, person: Person) -> int:
        """Give the person's memberships the person's region again (after a move or a merge)."""
        mine = self.filter(person=person).exclude(region=person.region_id)
        return mine.update(region=person.region_id)


class KeyGroupMembership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    # A copy of the person's region, so a region's members are counted without reading its
    # people; whatever moves a person (an edit, a merge) moves their memberships too. Indexed
    # only with the open memberships (below): imports write many rows, and nothing else asks.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", db_index=False)
    group = models.CharField(max_length=24, choices=KeyGroup.choices)
    since = models.DateField()
    until = models.DateField(null=True, blank=True)
    # Group-specific facts: disability category and grade, a migrant's home and work regions…
    details = models.JSONField(default=dict, blank=True)

    objects = KeyGroupMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("key-group membership")
        indexes = [
            models.Index(
                fields=["region", "group", "until"],
                condition=models.Q(until__isnull=True),
                name="membership_current_by_region",
            ),
        ]
        constraints = [
            # A person belongs to a key group at most once at a time, so members are people.
            models.UniqueConstraint(
                fields=["person", "group"],
                condition=models.Q(until__isnull=True),
                name="one_open_membership_per_group",
            ),
            models.UniqueConstraint(fields=["person", "group", "since"], name="membership_once"),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}:{self.group} from {self.since}"

    def save(self, *args, **kwargs):
        if self.region_id is None:  # created without one (a test, the shell): the person's
            self.region_id = self.person.region_id
        super().save(*args, **kwargs)


class JobWish(models.Model):
    """What a person is looking for: an occupation, where, and the monthly pay they expect."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="wishes")
    occupation_code = models.CharField(max_length=10, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    expected_monthly_pay = models.PositiveIntegerField(null=True, blank=True)
    willing_to_move = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("job-seeking wish")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.occupation_code or '*'} in {self.region_id or '*'}"


class EmploymentStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", _("Unemployed")
    EMPLOYED = "employed", _("Employed")
    IN_TRAINING = "in_training", _("In training")
    FURTHER_STUDY = "further_study", _("In further study")
    ENLISTED = "enlisted", _("Enlisted")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    FLEXIBLE_WORK = "flexible_work", _("Flexible work")
    NOT_SEEKING = "not_seeking", _("Not seeking work")


class HowFound(models.TextChoices):
    PUBLIC_SERVICE = "public_service", _("Public employment service")
    RECRUITMENT_FAIR = "recruitment_fair", _("Recruitment fair")
    ONLINE = "online", _("Online job board")
    REFERRAL = "referral", _("Relatives or friends")
    SCHOOL = "school", _("School recommendation")
    OWN = "own", _("On their own")
    OTHER = "other", _("Other")


class StatusChange(models.Model):
    """One dated entry of a person's employment history; the current status is the latest."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="status_history")
    status = models.CharField(max_length=16, choices=EmploymentStatus.choices)
    since = models.DateField()
    employer_name = models.CharField(max_length=200, blank=True)
    employer_credit_code = models.CharField(max_length=18, blank=True)
    occupation_code = models.CharField(max_length=10, blank=True)
    how_found = models.CharField(max_length=20, choices=HowFound.choices, blank=True)
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("employment status change")
        indexes = [models.Index(fields=["person", "since"])]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.status} since {self.since}"


class LedgerReason(models.TextChoices):
    GRADUATE_NOT_EMPLOYED = "graduate_not_employed", _("Graduate not yet employed")
    REGISTERED_UNEMPLOYED_YOUTH = "registered_youth", _("Registered unemployed youth")
    OTHER = "other", _("Other")


class ExitReason(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed or started a business")
    FLEXIBLE_WORK = "flexible_work", _("Flexible work")
    FURTHER_STUDY = "further_study", _("Further study")
    ENLISTED = "enlisted", _("Enlisted")
    NOT_SEEKING = "not_seeking", _("No longer seeking work")
    MOVED_AWAY = "moved_away", _("Moved out of the region")
    OTHER = "other", _("Other")


class LedgerEntryQuerySet(ScopedQuerySet):
    region_field = "region"

    def open(self):
        return self.filter(exited_on__isnull=True)


class LedgerEntry(models.Model):
    """A stay on the real-name ledger, perhaps exited with a reason; re-entry is a new row."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ledger_entries")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    reason = models.CharField(max_length=24, choices=LedgerReason.choices)
    entered_on = models.DateField()
    exited_on = models.DateField(null=True, blank=True)
    exit_reason = models.CharField(max_length=16, choices=ExitReason.choices, blank=True)
    entered_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    exited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("stay on the real-name ledger")
        indexes = [
            models.Index(fields=["region", "exited_on"]),
            # The ledger list's first page in entry order without sorting a whole city's ledger…
            models.Index(
                fields=["entered_on", "id"],
                condition=models.Q(exited_on__isnull=True),
                name="ledger_open_by_entry",
            ),
            # … nor a county's,
            models.Index(
                fields=["region", "entered_on", "id"],
                condition=models.Q(exited_on__isnull=True),
                name="ledger_open_by_region",
            ),
            # and a region's open stays counted by reason from this index alone.
            models.Index(
                fields=["region", "reason", "exited_on"],
                condition=models.Q(exited_on__isnull=True),
                name="ledger_open_by_reason",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(exited_on__isnull=True),
                name="one_open_ledger_entry_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(exited_on__isnull=True)
                | (models.Q(exited_on__gte=models.F("entered_on")) & ~models.Q(exit_reason="")),
                name="ledger_exit_after_entry_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} on the ledger from {self.entered_on}"


class RegionTally(models.Model):
    """A region's own people, key-group members and open ledger stays, counted at `counted_at`.

    Written only by `registry.tallies.refresh_region_tallies` (from the tables above, never
    incrementally), so it can be stale but never wrong; a city's or province's dashboard sums
    the tallies of its regions instead of counting millions of rows on every page.
    """

    region = models.OneToOneField(
        Region, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    people = models.PositiveIntegerField(default=0)
    # {"college_graduate": 12, …} and {"graduate_not_employed": 7, …}
    groups = models.JSONField(default=dict)
    ledger = models.JSONField(default=dict)
    counted_at = models.DateTimeField()
    # The region's own roll-up figures (registry.rollups.Figures counts, year to `as_of`),
    # written by `registry.rollups.store_rollup_figures`; empty until first computed.
    figures = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.region_id}: {self.people} people at {self.counted_at}"


class ImportBatch(models.Model):
    """One uploaded list; the file's hash makes re-importing the same file a no-op."""

    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    imported_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    # [{"row": 7, "column": "身份证号", "code": "identity_number_checksum", "message": "…"}]
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("list import")

    def __str__(self) -> str:
        return self.file_name


class MergeProposalQuerySet(models.QuerySet):
    def for_actor(self, actor):
        """Pairs whose two records both lie in the staff member's region. The regions are
        joined, not matched against a subquery of visible people, which SQLite ran as a
        nested loop over every person twice (40 s for a city supervisor with 20,000 people)."""
        if actor is None or not getattr(actor, "is_authenticated", False):
            return self.none()
        if not actor.is_staff_role:
            return self.none()
        scope = actor.scope_codes()
        if scope is None:
            return self.all()
        codes = sorted(scope)
        return self.filter(kept__region__in=codes, duplicate__region__in=codes)


class MergeProposal(models.Model):
    """A suspected duplicate pair from record linkage, waiting for a person to decide."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Pending")
        MERGED = "merged", _("Merged")
        REJECTED = "rejected", _("Not the same person")

    kept = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    duplicate = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    evidence = models.JSONField(default=dict, blank=True)
    decision = models.CharField(max_length=8, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MergeProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("merge proposal")
        constraints = [
            models.UniqueConstraint(fields=["kept", "duplicate"], name="merge_pair_once"),
        ]

    def __str__(self) -> str:
        return f"{self.duplicate_id} → {self.kept_id} ({self.probability:.2f})"
