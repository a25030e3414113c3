from django.db import models
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import Region, User
from minsheng.core.scoping import ScopedQuerySet
from minsheng.registry.models import Person


class Industry(models.TextChoices):
    """Sections of the national industry classification (GB/T 4754-2017)."""

    A = "A", _("Agriculture, forestry, animal husbandry and fishery")
    B = "B", _("Mining")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, heat, gas and water")
    E = "E", _("Construction")
    F = "F", _("Wholesale and retail")
    G = "G", _("Transport, storage and post")
    H = "H", _("Accommodation and catering")
    I = "I", _("Information transmission, software and IT services")  # noqa: E741
    J = "J", _("Finance")
    K = "K", _("Real estate")
    L = "L", _("Leasing and business services")
    M = "M", _("Scientific research and technical services")
    N = "N", _("Water, environment and public facilities management")
    O = "O", _("Resident services, repair and other services")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Health and social work")
    R = "R", _("Culture, sports and entertainment")
    S = "S", _("Public administration and social organisations")


class EmployerSize(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class EmployerQuerySet(ScopedQuerySet):
    region_field = "region"

    def for_employer(self, actor):
        return self.filter(accounts=actor)


class Employer(models.Model):
    """An employer, identified by its Unified Social Credit Code."""

    credit_code = models.CharField(max_length=18, unique=True)
    name = models.CharField(max_length=200)
    industry = models.CharField(max_length=1, choices=Industry.choices)
    size = models.CharField(max_length=8, choices=EmployerSize.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    contact_name = models.CharField(max_length=64, blank=True)
    contact_phone = models.CharField(max_length=20, blank=True)
    description = models.TextField(blank=True, db_default="")
    accounts = models.ManyToManyField(User, blank=True, related_name="employers")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = _("employer")

    def __str__(self) -> str:
        return self.name


class ContractType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    FLEXIBLE = "flexible", _("Flexible work")
    INTERNSHIP = "internship", _("Internship")


class VacancyStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Sent back")
    CLOSED = "closed", _("Closed")


class CloseReason(models.TextChoices):
    EXPIRED = "expired", _("Expired")
    FILLED = "filled", _("Filled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class VacancyQuerySet(ScopedQuerySet):
    """Staff manage the vacancies of their region; employers their own; citizens see published."""

    region_field = "region"

    def for_employer(self, actor):
        return self.filter(employer__accounts=actor)

    def for_citizen(self, actor):
        return self.published()

    def published(self):
        return self.filter(status=VacancyStatus.PUBLISHED)

    def open_on(self, day):
        return self.published().filter(opens_on__lte=day, closes_on__gte=day)


class Vacancy(models.Model):
    """A job offered by an employer; staff review it before it is published."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="vacancies")
    title = models.CharField(max_length=100)
    # Coded automatically from the title when posted; staff or the employer may correct it.
    occupation_code = models.CharField(max_length=10, blank=True)
    occupation_coded_automatically = models.BooleanField(default=False)
    description = models.TextField(blank=True)
    headcount = models.PositiveIntegerField()
    pay_min = models.DecimalField(max_digits=10, decimal_places=2)
    pay_max = models.DecimalField(max_digits=10, decimal_places=2)
    education = models.CharField(max_length=24, blank=True)  # minimum, registry's Education
    skill_level = models.PositiveSmallIntegerField(null=True, blank=True)  # core's SkillLevel
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    contract_type = models.CharField(max_length=12, choices=ContractType.choices)
    opens_on = models.DateField()
    closes_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=VacancyStatus.choices, default=VacancyStatus.PENDING
    )
    close_reason = models.CharField(max_length=12, choices=CloseReason.choices, blank=True)
    review_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    posted_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking between the employer editing and staff reviewing.
    version = models.PositiveIntegerField(default=1)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = "vacancies"
        indexes = [
            models.Index(fields=["status", "closes_on"]),
            models.Index(fields=["region", "status"]),
            models.Index(fields=["occupation_code"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pay_min__gt=0) & models.Q(pay_max__gte=models.F("pay_min")),
                name="vacancy_pay_range",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="vacancy_closes_after_opening",
            ),
            models.CheckConstraint(condition=models.Q(headcount__gte=1), name="vacancy_headcount"),
        ]

    def __str__(self) -> str:
        return self.title


class CampaignKind(models.TextChoices):
    GRADUATE_AUTUMN = (
        "graduate_autumn",
        _("Autumn recruitment for college graduates in large and medium cities"),
    )
    GOLDEN_AUTUMN = "golden_autumn", _("Golden Autumn Recruitment Month")
    HUNDRED_DAY = "hundred_day", _("100-day 10-million-jobs campaign")
    INDUSTRY = "industry", _("Industry-specific recruitment")
    REGIONAL = "regional", _("Region-specific recruitment")


class PublicQuerySet(ScopedQuerySet):
    """Campaigns and fairs are public: anyone signed in reads them; staff manage their region's."""

    def for_actor(self, actor):
        if actor is None or not getattr(actor, "is_authenticated", False):
            return self.none()
        return self.all()

    def managed_by(self, actor):
        return super().for_actor(actor) if actor.is_staff_role else self.none()


class Campaign(models.Model):
    """A recruitment campaign; its fairs, registrations and outcomes hang off it.

    Campaigns are public: every user sees them; only staff of the organising region change them.
    """

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=16, choices=CampaignKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    # Key groups the campaign is meant for (registry's KeyGroup values); empty means everyone.
    target_groups = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("recruitment campaign")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FairMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")


class Fair(models.Model):
    """A recruitment fair of a campaign: on site (a venue with booths) or online."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="fairs")
    name = models.CharField(max_length=120)
    mode = models.CharField(max_length=8, choices=FairMode.choices)
    venue = models.CharField(max_length=200, blank=True)
    held_on = models.DateField()
    booths = models.PositiveIntegerField(default=0)  # capacity on site; 0 = no limit online
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("job fair")

    def __str__(self) -> str:
        return self.name


class FairEmployer(models.Model):
    """An employer registered at a fair, with the vacancies it brings and its booth."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="employers")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="fairs")
    booth = models.PositiveIntegerField(null=True, blank=True)
    vacancies = models.ManyToManyField(Vacancy, related_name="fairs")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("employer at a job fair")
        constraints = [
            models.UniqueConstraint(fields=["fair", "employer"], name="one_registration_per_fair"),
            models.UniqueConstraint(fields=["fair", "booth"], name="one_employer_per_booth"),
        ]

    def __str__(self) -> str:
        return f"{self.employer_id} at {self.fair_id}"


class FairAttendee(models.Model):
    """A job seeker registered to attend a fair."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="attendees")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("job seeker at a job fair")
        constraints = [
            models.UniqueConstraint(fields=["fair", "person"], name="one_attendance_per_fair"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.fair_id}"


class PersonScoped(ScopedQuerySet):
    """Rows about a person: staff of the person's region, and the person."""

    region_field = "region"

    def for_citizen(self, actor):
        return self.filter(person__account=actor)


class Recommendation(models.Model):
    """A vacancy recommended to a person, with the score and the factors shown as "why"."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="recommendations")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="recommendations")
    score = models.FloatField()
    factors = models.JSONField(default=list)
    recommended_on = models.DateField()
    recommended_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    by_batch = models.BooleanField(default=False)
    # The campaign it was made in (for its results and fairness report), when there was one.
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)

    objects = PersonScoped.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "vacancy"], name="recommend_a_vacancy_once"),
        ]

    def __str__(self) -> str:
        return f"{self.vacancy_id} for {self.person_id}"


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    INTERVIEWED = "interviewed", _("Interviewed")
    OFFERED = "offered", _("Offered")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ApplicationQuerySet(PersonScoped):
    def for_employer(self, actor):
        return self.filter(vacancy__employer__accounts=actor)


class Application(models.Model):
    """A person's application to a vacancy and how far it went."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="applications")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(
        max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED
    )
    applied_on = models.DateField()
    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fair = models.ForeignKey(
        Fair, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    hired_on = models.DateField(null=True, blank=True)
    monthly_pay = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("job application")
        constraints = [
            models.UniqueConstraint(fields=["person", "vacancy"], name="apply_to_a_vacancy_once"),
            models.CheckConstraint(
                condition=~models.Q(status="hired")
                | (models.Q(hired_on__isnull=False) & models.Q(monthly_pay__isnull=False)),
                name="hire_has_date_and_pay",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} for {self.vacancy_id}: {self.status}"


class ApplicationStep(models.Model):
    """One dated step of an application (applied, interviewed…), kept as its history."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices)
    on = models.DateField()
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.application_id}: {self.status} on {self.on}"
