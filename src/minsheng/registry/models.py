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

    identity_number = models.CharField(max_length=18, unique=True)
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
    version = models.PositiveIntegerField(default=1)

    objects = PersonQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["region", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(graduation_date__isnull=True)
                | models.Q(graduation_date__gt=models.F("birth_date")),
                name="person_graduates_after_birth",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class KeyGroupMembership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    group = models.CharField(max_length=24, choices=KeyGroup.choices)
    since = models.DateField()
    until = models.DateField(null=True, blank=True)
    # Group-specific facts: disability category and grade, a migrant's home and work regions…
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "group", "since"], name="membership_once"),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}:{self.group} from {self.since}"
