"""Vocational skills: people's skill levels, training providers and courses, enrolments,
certificates, and training subsidies.

Levels are those of the eight-level system (`core.skill_levels.SkillLevel`). Rows about a
person carry a copy of the person's region (and province code, the distribution column) so
that scoping and roll-ups need not read people.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minsheng.core.models import Region, User
from minsheng.core.scoping import ScopedQuerySet
from minsheng.core.skill_levels import SkillLevel
from minsheng.registry.models import Person

LEVELS = Q(level__gte=SkillLevel.APPRENTICE) & Q(level__lte=SkillLevel.CHIEF_TECHNICIAN)


class PersonScoped(ScopedQuerySet):
    """Rows about a person: staff of the person's region, and the person."""

    region_field = "region"

    def for_citizen(self, actor):
        return self.filter(person__account=actor)


class ObtainedBy(models.TextChoices):
    ENTERPRISE_EVALUATION = "enterprise_evaluation", _("Enterprise skill evaluation")
    CERTIFICATE = "certificate", _("Skill-level certificate")
    VOCATIONAL_SCHOOL = "vocational_school", _("Vocational school")


class PersonSkillLevel(models.Model):
    """A level a person obtained in an occupation; every level is kept, so this is the history.

    The current level in an occupation is the highest one not revoked.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="skill_levels")
    occupation_code = models.CharField(max_length=10)
    level = models.PositiveSmallIntegerField(choices=SkillLevel.choices)
    obtained_by = models.CharField(max_length=24, choices=ObtainedBy.choices)
    obtained_on = models.DateField()
    # The enterprise or school that evaluated the person (for a certificate: its issuer).
    evaluated_by = models.CharField(max_length=200, blank=True)
    certificate = models.OneToOneField(
        "Certificate", null=True, blank=True, on_delete=models.PROTECT, related_name="skill_level"
    )
    revoked_on = models.DateField(null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("skill level")
        indexes = [models.Index(fields=["person", "occupation_code"])]
        constraints = [
            models.CheckConstraint(condition=LEVELS, name="skill_level_known"),
            models.UniqueConstraint(
                fields=["person", "occupation_code", "level"],
                condition=Q(revoked_on__isnull=True),
                name="skill_level_once_per_occupation",
            ),
            models.CheckConstraint(
                condition=~Q(obtained_by="certificate") | Q(certificate__isnull=False),
                name="skill_level_by_certificate_names_it",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.occupation_code} level {self.level}"


class ProviderKind(models.TextChoices):
    VOCATIONAL_SCHOOL = "vocational_school", _("Vocational school")
    ENTERPRISE = "enterprise", _("Enterprise")
    TRAINING_ORGANISATION = "training_organisation", _("Training organisation")


class PublicQuerySet(ScopedQuerySet):
    """Providers and courses are public: anyone reads them; staff manage their region's."""

    def for_actor(self, actor):
        return self.all()

    def managed_by(self, actor):
        if actor is None or not getattr(actor, "is_staff_role", False):
            return self.none()
        return super().for_actor(actor)


class TrainingProvider(models.Model):
    """A vocational school, enterprise or training organisation accredited to train and assess."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=ProviderKind.choices)
    credit_code = models.CharField(max_length=18, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    address = models.CharField(max_length=200, blank=True)
    accreditation_number = models.CharField(max_length=64)
    accredited_from = models.DateField()
    accredited_until = models.DateField(null=True, blank=True)  # None: open-ended
    created_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("training provider")
        constraints = [
            models.CheckConstraint(
                condition=Q(accredited_until__isnull=True)
                | Q(accredited_until__gte=F("accredited_from")),
                name="provider_accreditation_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def accredited_on(self, day) -> bool:
        return self.accredited_from <= day and (
            self.accredited_until is None or day <= self.accredited_until
        )


class FocusArea(models.TextChoices):
    DIGITAL = "digital", _("Digital economy")
    GREEN = "green", _("Green economy")
    CARE = "care", _("Health and elderly care")
    OTHER = "other", _("Other")


class CourseStatus(models.TextChoices):
    OPEN = "open", _("Open for enrolment")
    CLOSED = "closed", _("Enrolment closed")
    CANCELLED = "cancelled", _("Cancelled")


class Course(models.Model):
    """A training course toward a level in an occupation; enrolment closes when it starts."""

    provider = models.ForeignKey(TrainingProvider, on_delete=models.PROTECT, related_name="courses")
    title = models.CharField(max_length=120)
    occupation_code = models.CharField(max_length=10)
    target_level = models.PositiveSmallIntegerField(choices=SkillLevel.choices)
    hours = models.PositiveIntegerField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    place = models.CharField(max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    capacity = models.PositiveIntegerField()
    cost = models.DecimalField(max_digits=10, decimal_places=2)  # fee per person, yuan
    # Derived from the occupation when the course is added (taxonomy flags, care parameter).
    focus_area = models.CharField(max_length=8, choices=FocusArea.choices)
    status = models.CharField(max_length=10, choices=CourseStatus.choices, default="open")
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("training course")
        indexes = [
            models.Index(fields=["status", "starts_on"]),
            models.Index(fields=["occupation_code"]),
            models.Index(fields=["region", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="course_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="course_capacity"),
            models.CheckConstraint(condition=Q(hours__gte=1), name="course_hours"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="course_cost"),
            models.CheckConstraint(
                condition=Q(target_level__gte=1) & Q(target_level__lte=8),
                name="course_target_level_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITING = "waiting", _("On the waiting list")
    ATTENDED = "attended", _("Attending")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped out")


# Statuses that hold one of the course's places.
HOLDS_A_PLACE = (EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED, EnrolmentStatus.COMPLETED)


class EnrolledVia(models.TextChoices):
    CASEWORKER = "caseworker", _("By a caseworker")
    SELF = "self", _("By the person")


class AssessmentResult(models.TextChoices):
    PASS = "pass", _("Passed")
    FAIL = "fail", _("Failed")


class EnrolmentQuerySet(PersonScoped):
    """Staff of the person's region, or of the course's region (who run its roster)."""

    def for_actor(self, actor):
        if actor is None or not getattr(actor, "is_authenticated", False):
            return self.none()
        if not actor.is_staff_role:
            return super().for_actor(actor)
        scope = actor.scope_codes()
        if scope is None:
            return self.all()
        codes = sorted(scope)
        return self.filter(Q(region__in=codes) | Q(course__region__in=codes))


class Enrolment(models.Model):
    """A person's place (or waiting-list position) on a course, and how far they got."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(max_length=10, choices=EnrolmentStatus.choices)
    enrolled_on = models.DateField()
    enrolled_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    via = models.CharField(max_length=10, choices=EnrolledVia.choices)
    waiting_position = models.PositiveIntegerField(null=True, blank=True)
    attendance_hours = models.DecimalField(max_digits=6, decimal_places=1, default=0)
    completed_on = models.DateField(null=True, blank=True)
    assessment_result = models.CharField(max_length=4, choices=AssessmentResult.choices, blank=True)
    assessment_score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    assessed_on = models.DateField(null=True, blank=True)
    dropped_on = models.DateField(null=True, blank=True)
    drop_reason = models.CharField(max_length=500, blank=True)
    # The "1131" training opportunity recorded when a caseworker enrolled the person.
    service_record_id = models.BigIntegerField(null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("course enrolment")
        indexes = [models.Index(fields=["course", "status", "waiting_position"])]
        constraints = [
            models.UniqueConstraint(fields=["course", "person"], name="enrol_in_a_course_once"),
            models.UniqueConstraint(
                fields=["course", "waiting_position"],
                condition=Q(waiting_position__isnull=False),
                name="one_person_per_waiting_position",
            ),
            models.CheckConstraint(
                condition=Q(status="waiting", waiting_position__gte=1)
                | (~Q(status="waiting") & Q(waiting_position__isnull=True)),
                name="waiting_list_has_a_position",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_on__isnull=False),
                name="completion_has_a_date",
            ),
            models.CheckConstraint(
                condition=Q(assessment_result="")
                | (
                    Q(assessed_on__isnull=False)
                    & Q(assessment_score__gte=0)
                    & Q(assessment_score__lte=100)
                ),
                name="assessment_has_date_and_score",
            ),
            models.CheckConstraint(
                condition=Q(attendance_hours__gte=0), name="attendance_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} on {self.course_id}: {self.status}"


class Certificate(models.Model):
    """A skill-level certificate, issued on a passed assessment; its number is public."""

    number = models.CharField(max_length=24, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="certificates")
    enrolment = models.ForeignKey(
        Enrolment, null=True, blank=True, on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.PROTECT, related_name="certificates"
    )
    occupation_code = models.CharField(max_length=10)
    level = models.PositiveSmallIntegerField(choices=SkillLevel.choices)
    issued_on = models.DateField()
    issuer = models.ForeignKey(
        TrainingProvider, on_delete=models.PROTECT, related_name="certificates"
    )
    issued_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    revoked_on = models.DateField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("certificate")
        constraints = [
            models.CheckConstraint(condition=LEVELS, name="certificate_level_known"),
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(revoked_on__isnull=True, enrolment__isnull=False),
                name="one_valid_certificate_per_enrolment",
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True)
                | (Q(revoked_on__gte=F("issued_on")) & ~Q(revoked_reason="")),
                name="revocation_after_issue_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class SubsidyDecision(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class SubsidyApplication(models.Model):
    """A decision on a training subsidy for one enrolment, with each condition met or not.

    `conditions` holds [{"code", "met", "facts"}] (words come from `skills.explain`); `rule`
    names the parameter, its reference and the level, group and region the amount was read for.
    A refused application may be decided again later (a new row); a granted one only once.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="skill_subsidies")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="subsidy_applications"
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="subsidy_applications"
    )
    decision = models.CharField(max_length=8, choices=SubsidyDecision.choices)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    group = models.CharField(max_length=24, blank=True)
    level = models.PositiveSmallIntegerField(choices=SkillLevel.choices)
    conditions = models.JSONField(default=list)
    rule = models.JSONField(default=dict)
    decided_on = models.DateField()
    decided_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("training subsidy application")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(decision="granted"),
                name="grant_a_subsidy_once_per_enrolment",
            ),
            models.CheckConstraint(
                condition=~Q(decision="granted") | Q(amount__gt=0),
                name="granted_subsidy_has_an_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} for {self.course_id}: {self.decision}"


class SubsidyPayment(models.Model):
    """A subsidy paid; the database refuses a second payment to a person for the same course."""

    application = models.OneToOneField(
        SubsidyApplication, on_delete=models.PROTECT, related_name="payment"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    paid_on = models.DateField()
    voucher = models.CharField(max_length=64, blank=True)
    paid_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonScoped.as_manager()

    class Meta:
        verbose_name = _("training subsidy payment")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course"], name="pay_a_person_once_per_course"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="subsidy_payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} to {self.person_id} for {self.course_id}"
