from django.db import models
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import Region, User
from minsheng.core.scoping import ScopedQuerySet
from minsheng.registry.models import Person


class ServiceKind(models.TextChoices):
    """The services of the "1131" standard: 1 briefing, 1 guidance, 3 recommendations, 1 chance."""

    POLICY_BRIEFING = "policy_briefing", _("Policy briefing")
    CAREER_GUIDANCE = "career_guidance", _("Career guidance")
    JOB_RECOMMENDATION = "job_recommendation", _("Job recommendation")
    TRAINING_OPPORTUNITY = "training_opportunity", _("Training opportunity")
    INTERNSHIP_OPPORTUNITY = "internship_opportunity", _("Internship opportunity")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    ONLINE = "online", _("Online")
    TEXT_MESSAGE = "text_message", _("Text message")
    FAIR = "fair", _("At a recruitment fair")
    HOME_VISIT = "home_visit", _("Home visit")


class RegionScoped(ScopedQuerySet):
    region_field = "region"


class ServiceRecord(models.Model):
    """A service delivered to a person; it counts toward the person's "1131"."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="services")
    kind = models.CharField(max_length=24, choices=ServiceKind.choices)
    delivered_on = models.DateField()
    channel = models.CharField(max_length=16, choices=Channel.choices)
    content = models.TextField()
    staff = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    # Where the person was served, for scoping and roll-ups (the person's region at the time).
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    # A job recommendation may name the vacancy (recruitment docking links it).
    vacancy_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RegionScoped.as_manager()

    class Meta:
        verbose_name = _("employment service")
        indexes = [
            models.Index(fields=["person", "kind"]),
            models.Index(fields=["region", "delivered_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.person_id} on {self.delivered_on}"


class Pairing(models.Model):
    """One-to-one paired assistance: a named caseworker for a person with difficulties.

    Reassignment ends one pairing and starts another, so the history is kept.
    """

    class EndReason(models.TextChoices):
        REASSIGNED = "reassigned", _("Reassigned to another caseworker")
        STAFF_LEFT = "staff_left", _("Caseworker left")
        EMPLOYED = "employed", _("Person found work")
        NO_LONGER_NEEDED = "no_longer_needed", _("No longer needed")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="pairings")
    caseworker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="pairings")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    assigned_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")

    objects = RegionScoped.as_manager()

    class Meta:
        verbose_name = _("paired assistance")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_pairing_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="pairing_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} with {self.caseworker_id} from {self.started_on}"


class FollowUp(models.Model):
    """A follow-up visit or call within a pairing, with notes."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="follow_ups")
    visited_on = models.DateField()
    channel = models.CharField(max_length=16, choices=Channel.choices)
    notes = models.TextField()
    caseworker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RegionScoped.as_manager()

    class Meta:
        verbose_name = _("follow-up visit")

    def __str__(self) -> str:
        return f"follow-up of {self.pairing_id} on {self.visited_on}"
