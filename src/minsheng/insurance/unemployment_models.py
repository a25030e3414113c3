"""Unemployment insurance: a person's claim for unemployment benefit, its decision and the
monthly payments made on it.

A claim is kept by the agency of the region where the person was last insured as an employee
(the place they lost the job), whoever filed it. The decision is stored with every condition it
checked (codes and figures, rendered in words by `unemployment_rules`), so a refusal can be
explained later whatever the rules say by then. A payment is one month of one claim, once.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import Region, User
from minsheng.insurance.models import MONEY, PersonScoped
from minsheng.registry.models import Person


class JobLossReason(models.TextChoices):
    """How the job ended, as the employer's certificate of termination states it. Which of
    these count as involuntary is a dated parameter (`unemployment.involuntary_reasons`)."""

    CONTRACT_EXPIRED = "contract_expired", _("Fixed-term contract expired, not renewed")
    EMPLOYER_BANKRUPT = "employer_bankrupt", _("Employer declared bankrupt")
    EMPLOYER_CLOSED = "employer_closed", _("Employer closed, dissolved or licence revoked")
    DISMISSED = "dismissed", _("Dismissed by the employer")
    REDUNDANCY = "redundancy", _("Made redundant (economic layoff)")
    AGREED_AT_EMPLOYER_PROPOSAL = (
        "agreed_at_employer_proposal",
        _("Ended by agreement, proposed by the employer"),
    )
    RESIGNED_FOR_EMPLOYER_FAULT = (
        "resigned_for_employer_fault",
        _("Resigned because the employer broke the law (unpaid wages or contributions)"),
    )
    RESIGNED = "resigned", _("Resigned")
    AGREED_AT_WORKER_PROPOSAL = (
        "agreed_at_worker_proposal",
        _("Ended by agreement, proposed by the worker"),
    )


class ClaimStatus(models.TextChoices):
    FILED = "filed", _("Filed, awaiting decision")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    STOPPED = "stopped", _("Stopped: re-employed or enlisted")
    ENDED = "ended", _("Ended: the granted months have passed")


class UnemploymentClaim(models.Model):
    """A claim for unemployment benefit, filed on a day for a job lost on a day.

    Granted: `months` of benefit from `first_month` at `monthly_amount`, of which
    `carried_months` came from an earlier claim's unused months. Stopped: the person found
    work (or enlisted) on `stopped_on`; months starting on or after it are not paid. Ended: the
    granted months have all begun.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    lost_job_on = models.DateField()
    reason = models.CharField(max_length=32, choices=JobLossReason.choices)
    # The claimant's statement that they are looking for work (《失业保险条例》第十四条（三）).
    seeking_work = models.BooleanField(default=False)
    filed_on = models.DateField()
    filed_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.FILED)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # [{"code": "contributions", "met": true, "params": {...}}, …] in the order checked.
    assessment = models.JSONField(default=list, blank=True)
    contribution_months = models.PositiveSmallIntegerField(null=True, blank=True)
    previous_claim = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    carried_months = models.PositiveSmallIntegerField(default=0)
    months = models.PositiveSmallIntegerField(default=0)
    first_month = models.DateField(null=True, blank=True)
    minimum_wage = models.DecimalField(**MONEY, null=True, blank=True)
    share = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    monthly_amount = models.DecimalField(**MONEY, null=True, blank=True)
    stopped_on = models.DateField(null=True, blank=True)
    # The registry status that stopped it (employed, enlisted, …).
    stop_status = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("unemployment benefit claim")
        indexes = [
            models.Index(fields=["region", "status", "filed_on"]),
            models.Index(fields=["person", "filed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(filed_on__gte=F("lost_job_on")), name="claim_filed_after_job_loss"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["granted", "stopped", "ended"])
                | Q(months__gt=0, first_month__isnull=False, monthly_amount__gt=0),
                name="granted_claim_has_months_and_amount",
            ),
            models.CheckConstraint(
                condition=Q(carried_months__lte=F("months")) | Q(status="refused"),
                name="claim_carried_within_months",
            ),
            models.CheckConstraint(
                condition=~Q(status="stopped") | Q(stopped_on__isnull=False),
                name="stopped_claim_has_date",
            ),
            # One claim at a time: a new one is filed after the last is decided or stopped.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["filed", "granted"]),
                name="one_open_unemployment_claim",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} lost job {self.lost_job_on}: {self.status}"


class BenefitPayment(models.Model):
    """One month of unemployment benefit paid on a claim."""

    claim = models.ForeignKey(UnemploymentClaim, on_delete=models.PROTECT, related_name="payments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text=_("First day of the benefit month."))
    amount = models.DecimalField(**MONEY)
    paid_on = models.DateField()
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("unemployment benefit payment")
        indexes = [
            models.Index(fields=["region", "month"]),
            models.Index(fields=["person", "month"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["claim", "month"], name="benefit_paid_once_a_month"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="benefit_payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.month:%Y-%m}: {self.amount}"
