"""Social insurance records: enrolments, monthly declarations and their contribution lines,
payments, the individual-account ledger and transfers between provinces.

A person is the registry's person (one record per identity number nationally); under national
pooling their insurance record is one record, whatever the provinces they contributed in. Every
large table carries the region of the agency that keeps the row and its province code (the
distribution column when the store is sharded by province). Contributions and account entries
are append-only: a correction is a new line that names the line it supersedes, and an account
is changed only by new entries.
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q, Value
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import Region, User
from minsheng.core.scoping import ScopedQuerySet
from minsheng.jobs.models import Employer
from minsheng.registry.models import Person

MONEY = {"max_digits": 14, "decimal_places": 2}
PARTS_SUM = (
    F("pension_employer")
    + F("pension_individual")
    + F("unemployment_employer")
    + F("unemployment_individual")
)
TENTH_OF_A_FEN = Value(Decimal("0.001"))


class InsuranceScoped(ScopedQuerySet):
    """Staff see the rows of their region; a person their own; an employer its own."""

    region_field = "region"

    def for_citizen(self, actor):
        return self.filter(person__account=actor)

    def for_employer(self, actor):
        return self.filter(employer__accounts=actor)


class PersonScoped(InsuranceScoped):
    """Rows about a person alone (their account, their transfers): no employer sees them."""

    def for_employer(self, actor):
        return self.none()


def payer_of(*, employer_id: int | None, person_id: int | None) -> str:
    """Who owes a month's contributions: an employer, or a flexible worker for themselves."""
    return f"employer:{employer_id}" if employer_id else f"person:{person_id}"


ONE_PAYER = Q(employer__isnull=False, person__isnull=True) | Q(
    employer__isnull=True, person__isnull=False
)


class EnrolmentKind(models.TextChoices):
    EMPLOYEE = "employee", _("Employee, through the employer")
    FLEXIBLE = "flexible", _("Flexibly employed, directly")


class EndReason(models.TextChoices):
    LEFT_EMPLOYER = "left_employer", _("Left the employer")
    STOPPED_FLEXIBLE = "stopped_flexible", _("Stopped contributing as a flexible worker")
    MOVED = "moved", _("Moved to another province")
    RETIRED = "retired", _("Retired")
    DIED = "died", _("Died")
    OTHER = "other", _("Other")


class Enrolment(models.Model):
    """Insurance through an employer or as a flexible worker, from a date, perhaps to a date.

    Enrolment is where the person works or chooses to contribute: their household registration
    (hukou) plays no part. A person holds one open enrolment at a time (no double insurance).
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=EnrolmentKind.choices)
    employer = models.ForeignKey(
        Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InsuranceScoped.as_manager()

    class Meta:
        verbose_name = _("insurance enrolment")
        indexes = [
            models.Index(fields=["region", "ended_on"]),
            models.Index(fields=["employer", "ended_on"]),
            models.Index(fields=["person", "started_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=EnrolmentKind.EMPLOYEE, employer__isnull=False)
                | Q(kind=EnrolmentKind.FLEXIBLE, employer__isnull=True),
                name="enrolment_employee_has_employer",
            ),
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended_on__isnull=True), name="one_open_enrolment"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | (Q(ended_on__gte=F("started_on")) & ~Q(end_reason="")),
                name="enrolment_ends_after_start_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} from {self.started_on}"


class Declaration(models.Model):
    """One monthly declaration: an employer's list of wages, or a flexible worker's own base.

    The same file for the same payer and month is stored once (`file_sha256`), so sending it
    again changes nothing. Refused rows are kept with their row, column and reason.
    """

    employer = models.ForeignKey(
        Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set for a flexible worker declaring for themselves.
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payer = models.CharField(max_length=24)
    month = models.DateField(help_text=_("First day of the contribution month."))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    declared_on = models.DateField()
    due_on = models.DateField()
    late = models.BooleanField(default=False)
    file_name = models.CharField(max_length=255, blank=True)
    file_sha256 = models.CharField(max_length=64)
    rows_total = models.PositiveIntegerField(default=0)
    rows_accepted = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    # [{"row": 7, "column": "身份证号", "code": "…", "message": "中文 / English", "messages": {…}}]
    errors = models.JSONField(default=list, blank=True)
    submitted_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InsuranceScoped.as_manager()

    class Meta:
        verbose_name = _("contribution declaration")
        indexes = [
            models.Index(fields=["region", "month"]),
            models.Index(fields=["payer", "month"]),
        ]
        constraints = [
            models.CheckConstraint(condition=ONE_PAYER, name="declaration_has_one_payer"),
            models.UniqueConstraint(
                fields=["payer", "month", "file_sha256"], name="declaration_file_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payer} {self.month:%Y-%m}"


class ContributionLineQuerySet(InsuranceScoped):
    def current(self):
        """Lines no later line corrects: what is owed now for each enrolment and month."""
        return self.filter(corrected_by__isnull=True)


class ContributionLine(models.Model):
    """What one person owes for one month through one enrolment, as declared on one day.

    A changed wage is a new line with the next `version` that `supersedes` the previous one;
    both are kept. The band and rates used are stored with the amounts, so a line can be
    explained later whatever the parameters say then.
    """

    declaration = models.ForeignKey(Declaration, on_delete=models.PROTECT, related_name="lines")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="lines")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(
        Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payer = models.CharField(max_length=24)
    month = models.DateField()
    version = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    row_number = models.PositiveIntegerField(default=0)
    # The wage declared by the employer, or the base a flexible worker chose.
    wage = models.DecimalField(**MONEY)
    average_wage = models.DecimalField(**MONEY)
    floor = models.DecimalField(**MONEY)
    ceiling = models.DecimalField(**MONEY)
    base = models.DecimalField(**MONEY)
    pension_employer = models.DecimalField(**MONEY)
    # A flexible worker's whole 20%; an employee's 8%.
    pension_individual = models.DecimalField(**MONEY)
    account_credit = models.DecimalField(**MONEY)
    unemployment_employer = models.DecimalField(**MONEY)
    unemployment_individual = models.DecimalField(**MONEY)
    total = models.DecimalField(**MONEY)
    declared_on = models.DateField()
    late = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContributionLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution line")
        indexes = [
            models.Index(fields=["payer", "month"]),
            models.Index(fields=["person", "month"]),
            models.Index(fields=["region", "month"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "month", "version"], name="contribution_line_version_once"
            ),
            models.CheckConstraint(condition=Q(wage__gte=0), name="contribution_wage_not_negative"),
            models.CheckConstraint(
                condition=Q(base__gte=F("floor"), base__lte=F("ceiling")),
                name="contribution_base_within_band",
            ),
            # Within a tenth of a fen: SQLite adds decimals as binary floats.
            models.CheckConstraint(
                condition=Q(total__gte=PARTS_SUM - TENTH_OF_A_FEN)
                & Q(total__lte=PARTS_SUM + TENTH_OF_A_FEN),
                name="contribution_total_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(account_credit__lte=F("pension_individual")),
                name="contribution_account_within_individual",
            ),
            models.CheckConstraint(
                condition=Q(version=1, supersedes__isnull=True)
                | Q(version__gt=1, supersedes__isnull=False),
                name="contribution_correction_names_previous",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.month:%Y-%m} v{self.version}: {self.total}"


class Payment(models.Model):
    """Money paid by an employer (or a flexible worker) against one contribution month."""

    employer = models.ForeignKey(
        Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payer = models.CharField(max_length=24)
    month = models.DateField()
    amount = models.DecimalField(**MONEY)
    paid_on = models.DateField()
    reference = models.CharField(max_length=64, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InsuranceScoped.as_manager()

    class Meta:
        verbose_name = _("contribution payment")
        indexes = [
            models.Index(fields=["payer", "month"]),
            models.Index(fields=["region", "month"]),
        ]
        constraints = [
            models.CheckConstraint(condition=ONE_PAYER, name="payment_has_one_payer"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.payer} {self.month:%Y-%m}: {self.amount}"


class Transfer(models.Model):
    """The record of a person who moved between provinces, kept as an event naming both.

    Under national pooling the record stays one; the event says when the account moved and
    what went with it (the whole account balance, and 12% of the bases to the pooled fund).
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    from_province = models.CharField(max_length=6)
    to_province = models.CharField(max_length=6)
    transferred_on = models.DateField()
    # The receiving agency's region, which keeps the row.
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    account_balance = models.DecimalField(**MONEY)
    bases_total = models.DecimalField(**MONEY)
    pooled_amount = models.DecimalField(**MONEY)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("insurance record transfer")
        indexes = [models.Index(fields=["person", "transferred_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_province=F("to_province")), name="transfer_between_provinces"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.from_province} → {self.to_province}"


class EntryKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("Contribution")
    INTEREST = "interest", _("Interest")
    TRANSFER_OUT = "transfer_out", _("Transferred out")
    TRANSFER_IN = "transfer_in", _("Transferred in")


class AccountEntry(models.Model):
    """One credit (or debit) of a person's individual pension account; the balance is their sum.

    A contribution is credited when its month is paid in full, for the difference between the
    line's account share and what earlier versions of it credited (so a correction after
    payment credits or debits the difference). Interest is credited once a year per person.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=EntryKind.choices)
    amount = models.DecimalField(**MONEY)
    credited_on = models.DateField()
    year = models.PositiveSmallIntegerField()
    month = models.DateField(null=True, blank=True)  # the contribution month
    line = models.OneToOneField(
        ContributionLine, null=True, blank=True, on_delete=models.PROTECT, related_name="entry"
    )
    transfer = models.ForeignKey(
        Transfer, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    interest_rate = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonScoped.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "credited_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(kind="interest"),
                name="interest_once_a_year",
            ),
            models.UniqueConstraint(
                fields=["transfer", "kind"],
                condition=Q(transfer__isnull=False),
                name="transfer_entry_once",
            ),
            models.CheckConstraint(
                condition=~Q(kind="contribution") | Q(line__isnull=False, month__isnull=False),
                name="contribution_entry_names_line",
            ),
            models.CheckConstraint(
                condition=~Q(kind="interest") | Q(interest_rate__isnull=False),
                name="interest_entry_names_rate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.credited_on}: {self.amount}"


# Unemployment benefit and personal pensions live in their own modules; importing them here
# registers their tables with the app.
from minsheng.insurance.personal_pension_models import (  # noqa: E402, F401
    PersonalPensionAccount,
    PersonalPensionContribution,
    PersonalPensionWithdrawal,
)
from minsheng.insurance.unemployment_models import (  # noqa: E402, F401
    BenefitPayment,
    UnemploymentClaim,
)
