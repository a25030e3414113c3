"""Personal pensions (个人养老金): one account per person, the contributions paid into it and
the withdrawals asked of it.

The account here is the record the information platform keeps (contributions by year, for the
yearly cap and the tax deduction; withdrawals, with the tax withheld); the money itself sits in
the person's account at a bank, whose investment returns are not kept here. Every withdrawal
request is stored with the conditions checked, whether it was approved or refused.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import Region, User
from minsheng.insurance.models import MONEY, TENTH_OF_A_FEN, PersonScoped
from minsheng.registry.models import Person


class PersonalPensionAccount(models.Model):
    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="personal_pension_account"
    )
    opened_on = models.DateField()
    # The agency region that keeps the record (where the person was registered when opening).
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    opened_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("personal pension account")
        indexes = [models.Index(fields=["region", "opened_on"])]

    def __str__(self) -> str:
        return f"personal pension of {self.person_id}"


class PersonalPensionContribution(models.Model):
    """Money paid into the account on a day; the year of that day counts it under its cap."""

    account = models.ForeignKey(
        PersonalPensionAccount, on_delete=models.PROTECT, related_name="contributions"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(**MONEY)
    paid_on = models.DateField()
    year = models.PositiveSmallIntegerField()
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("personal pension contribution")
        indexes = [models.Index(fields=["account", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="personal_pension_contribution_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.paid_on}: {self.amount}"


class WithdrawalStatus(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class PersonalPensionWithdrawal(models.Model):
    """A request to withdraw, decided on the day it was made against the conditions then in
    force. Approved: the tax withheld and the net amount paid out. Refused: nothing moves."""

    account = models.ForeignKey(
        PersonalPensionAccount, on_delete=models.PROTECT, related_name="withdrawals"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    amount = models.DecimalField(**MONEY)
    status = models.CharField(max_length=8, choices=WithdrawalStatus.choices)
    # The retirement-age category used for the pension-age condition (male, female_cadre, …).
    retirement_category = models.CharField(max_length=16, blank=True)
    # Conditions a clerk recorded from documents (a work-capacity appraisal, …), with the reference.
    attested = models.JSONField(default=list, blank=True)
    evidence = models.CharField(max_length=200, blank=True)
    # [{"code": "pension_age", "met": false, "params": {...}}, …] in the order checked.
    conditions = models.JSONField(default=list, blank=True)
    tax_rate = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    tax = models.DecimalField(**MONEY, default=0)
    net_amount = models.DecimalField(**MONEY, default=0)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    requested_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("personal pension withdrawal")
        indexes = [models.Index(fields=["account", "requested_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="withdrawal_amount_positive"),
            models.CheckConstraint(
                condition=Q(status="refused", tax=0, net_amount=0)
                | Q(
                    status="approved",
                    tax_rate__isnull=False,
                    net_amount__gte=F("amount") - F("tax") - TENTH_OF_A_FEN,
                    net_amount__lte=F("amount") - F("tax") + TENTH_OF_A_FEN,
                ),
                name="withdrawal_net_is_amount_less_tax",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.requested_on}: {self.amount} {self.status}"
