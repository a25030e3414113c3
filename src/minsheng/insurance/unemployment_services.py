"""Unemployment benefit: `file_claim` (by a clerk for a person, or by the citizen), `decide_claim`
(the rules decide; a clerk of the claim's region asks for the decision), `pay_benefits` (the
month's payments for every granted claim, idempotent) and `update_claim_status` (stopped on
re-employment, ended when the granted months have all begun).

Each write runs in one transaction with its audit row. The conditions are judged on the day the
claim was filed (the status then, the contributions paid by the day of the decision); the
monthly amount on the day of the decision. Benefit is paid from the month the claim was filed.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit, parameters
from minsheng.core.errors import Conflict, PermissionDenied
from minsheng.core.masking import mask_identity_number
from minsheng.core.models import User
from minsheng.insurance.calculations import InsuranceError, add_months, month_start, province_of
from minsheng.insurance.enrolment_services import record
from minsheng.insurance.people import today_or
from minsheng.insurance.permissions import (
    is_insurance_staff,
    require_self_or_staff,
    require_staff_for_region,
)
from minsheng.insurance.unemployment_models import (
    BenefitPayment,
    ClaimStatus,
    JobLossReason,
    UnemploymentClaim,
)
from minsheng.insurance.unemployment_records import (
    benefit_months,
    claim_region,
    contribution_months,
    insured_job_open,
    previous_claim,
    registry_status_on,
    stopping_change,
    unused_months,
)
from minsheng.insurance.unemployment_rules import (
    ClaimFacts,
    assess,
    minimum_wage_share,
    monthly_amount,
)
from minsheng.labour_market import selectors as labour_market_selectors
from minsheng.registry.models import Person


def claim_facts(claim: UnemploymentClaim) -> dict:
    return {
        "person": claim.person_id,
        "identity_number": mask_identity_number(claim.person.identity_number),
        "status": claim.status,
        "lost_job_on": claim.lost_job_on,
        "reason": claim.reason,
        "filed_on": claim.filed_on,
        "months": claim.months,
        "carried_months": claim.carried_months,
        "first_month": claim.first_month,
        "monthly_amount": claim.monthly_amount,
        "unmet": [c["code"] for c in claim.assessment if not c["met"]],
        "stopped_on": claim.stopped_on,
    }


def check_claim_input(person: Person, lost_job_on, reason: str, today: datetime.date) -> None:
    if reason not in JobLossReason.values:
        raise InsuranceError("unknown_reason", _("Unknown reason for the loss of the job."),
                             field="reason")  # fmt: skip
    if lost_job_on is None:
        raise InsuranceError(
            "lost_job_on_required", _("Enter the day the job ended."), field="lost_job_on"
        )
    if lost_job_on > today:
        raise InsuranceError(
            "lost_job_in_future", _("The day the job ended lies in the future."),
            field="lost_job_on",
        )  # fmt: skip
    if lost_job_on <= person.birth_date:
        raise InsuranceError(
            "lost_job_before_birth", _("The day the job ended is before the birth date."),
            field="lost_job_on",
        )  # fmt: skip


def file_claim(
    *,
    actor: User | None,
    person: Person,
    lost_job_on: datetime.date,
    reason: str,
    seeking_work: bool,
    today: datetime.date | None = None,
) -> UnemploymentClaim:
    """A claim for benefit, filed today; a claim still open (filed or being paid) is a conflict."""
    today = today_or(today)
    region = claim_region(person)
    require_self_or_staff(actor, person, region)
    check_claim_input(person, lost_job_on, reason, today)
    claim = UnemploymentClaim(
        person=person, region_id=region, province_code=province_of(region),
        lost_job_on=lost_job_on, reason=reason, seeking_work=bool(seeking_work), filed_on=today,
        filed_by=actor,
    )  # fmt: skip
    with transaction.atomic():
        for open_claim in UnemploymentClaim.objects.filter(
            person=person, status=ClaimStatus.GRANTED
        ).select_for_update():
            update_claim_status(actor=actor, claim=open_claim, as_of=today)
        try:
            with transaction.atomic():
                claim.save()
        except IntegrityError:
            raise Conflict(
                "claim_open",
                _("This person already has a claim that is awaiting a decision or being paid."),
            ) from None
        record(actor, "unemployment_claim_filed", claim, region, after=claim_facts(claim))
    return claim


def gather_facts(claim: UnemploymentClaim, decided_on: datetime.date) -> ClaimFacts:
    previous = previous_claim(claim)
    recount_after = previous.lost_job_on if previous else None
    return ClaimFacts(
        contribution_months=contribution_months(
            claim.person, upto=claim.lost_job_on, paid_by=decided_on, after=recount_after
        ),
        recounted_after=recount_after,
        carried_months=unused_months(previous) if previous else 0,
        reason=claim.reason,
        left_insured_job=not insured_job_open(claim.person, claim.filed_on),
        registry_status=registry_status_on(claim.person, claim.filed_on),
        seeking_work=claim.seeking_work,
    )


def rules_in_force(day: datetime.date, call):
    try:
        return call()
    except parameters.ParameterError:
        raise InsuranceError(
            "rules_not_in_force",
            _("The unemployment-benefit rules in force on %(day)s are not known to the platform."),
            params={"day": day.isoformat()},
        ) from None


def benefit_level(region_code: str, day: datetime.date):
    """(minimum wage, share, monthly amount) of the claim's locality on the day."""
    found = labour_market_selectors.region_minimum_wage(region_code=region_code, day=day)
    if found is None:
        raise InsuranceError(
            "minimum_wage_missing",
            _("No minimum wage is recorded for region %(region)s on %(day)s."),
            params={"region": region_code, "day": day.isoformat()},
        )
    share = rules_in_force(day, lambda: minimum_wage_share(region_code, day))
    return found.monthly, share, monthly_amount(found.monthly, share)


def decide_claim(
    *, actor: User | None, claim: UnemploymentClaim, today: datetime.date | None = None
) -> UnemploymentClaim:
    """Grant (months and monthly amount) or refuse (every unmet condition) a filed claim."""
    today = today_or(today)
    require_staff_for_region(actor, claim.region_id)
    with transaction.atomic():
        claim = UnemploymentClaim.objects.select_for_update().get(pk=claim.pk)
        if claim.status != ClaimStatus.FILED:
            raise Conflict("claim_decided", _("This claim has already been decided."))
        facts = gather_facts(claim, today)
        entitlement = rules_in_force(today, lambda: assess(facts, today))
        claim.assessment = [condition.as_json() for condition in entitlement.conditions]
        claim.contribution_months = facts.contribution_months
        claim.decided_on, claim.decided_by = today, actor
        if entitlement.granted:
            previous = previous_claim(claim)
            claim.minimum_wage, claim.share, claim.monthly_amount = benefit_level(
                claim.region_id, today
            )
            claim.status = ClaimStatus.GRANTED
            claim.months, claim.carried_months = entitlement.months, entitlement.carried_months
            claim.previous_claim = previous if entitlement.carried_months else None
            claim.first_month = month_start(claim.filed_on)
        else:
            claim.status = ClaimStatus.REFUSED
        claim.save()
        record(actor, "unemployment_claim_decided", claim, claim.region_id,
               after=claim_facts(claim))  # fmt: skip
    return claim


def update_claim_status(
    *, actor: User | None, claim: UnemploymentClaim, as_of: datetime.date
) -> UnemploymentClaim:
    """A granted claim stops on the day the person found work (or enlisted) within its period,
    and ends once its last month is over. Call inside a transaction."""
    if claim.status != ClaimStatus.GRANTED:
        return claim
    change = stopping_change(claim, as_of)
    after_period = add_months(claim.first_month, claim.months)
    if change is not None and change.since < after_period:
        claim.status, claim.stopped_on, claim.stop_status = (
            ClaimStatus.STOPPED, change.since, change.status,
        )  # fmt: skip
    elif after_period <= month_start(as_of):
        claim.status = ClaimStatus.ENDED
    else:
        return claim
    claim.save(update_fields=["status", "stopped_on", "stop_status"])
    record(actor, "unemployment_claim_" + claim.status, claim, claim.region_id,
           after=claim_facts(claim))  # fmt: skip
    return claim


@dataclass(frozen=True)
class PaymentRun:
    month: datetime.date
    paid: int
    already_paid: int
    not_payable: int
    stopped: int
    total: Decimal


def pay_benefits(
    *, actor: User | None, month: datetime.date, today: datetime.date | None = None
) -> PaymentRun:
    """Record the month's payment of every claim in the actor's region that pays that month.

    A month already paid is left as it is (a second run adds nothing); no month is paid beyond
    the granted months, nor from the month the person found work. Months not yet begun are
    refused.
    """
    today = today_or(today)
    month = month_start(month)
    if month > month_start(today):
        raise InsuranceError(
            "month_in_future", _("Benefit for %(month)s cannot be paid before that month."),
            field="month", params={"month": f"{month:%Y-%m}"},
        )  # fmt: skip
    if not is_insurance_staff(actor):
        raise PermissionDenied(
            "not_insurance_staff", _("Only social-insurance clerks may do this.")
        )
    claims = UnemploymentClaim.objects.for_actor(actor) if actor else UnemploymentClaim.objects
    claims = claims.filter(
        status__in=[ClaimStatus.GRANTED, ClaimStatus.STOPPED, ClaimStatus.ENDED],
        first_month__lte=month,
    ).select_related("person")
    paid = already = not_payable = stopped = 0
    total = Decimal("0.00")
    with transaction.atomic():
        done = set(BenefitPayment.objects.filter(month=month).values_list("claim_id", flat=True))
        payments, changes = [], []
        for claim in claims.select_for_update(of=("self",)).order_by("pk"):
            status = claim.status
            update_claim_status(actor=actor, claim=claim, as_of=today)
            stopped += status != claim.status and claim.status == ClaimStatus.STOPPED
            if month not in benefit_months(claim):
                not_payable += 1
            elif claim.pk in done:
                already += 1
            else:
                payments.append(payment_for(claim, month, today, actor))
        BenefitPayment.objects.bulk_create(payments)
        for payment in payments:
            paid += 1
            total += payment.amount
            changes.append(payment_change(payment))
        audit.record_many(actor, changes)
    return PaymentRun(month, paid, already, not_payable, stopped, total)


def payment_for(claim, month, today, actor) -> BenefitPayment:
    return BenefitPayment(
        claim=claim, person_id=claim.person_id, month=month, amount=claim.monthly_amount,
        paid_on=today, region_id=claim.region_id, province_code=claim.province_code,
        recorded_by=actor,
    )  # fmt: skip


def payment_change(payment: BenefitPayment) -> audit.Change:
    return audit.Change(
        action="unemployment_benefit_paid",
        object_type="insurance.benefitpayment",
        object_id=str(payment.pk),
        region_code=payment.region_id,
        after={"claim": payment.claim_id, "person": payment.person_id,
               "month": f"{payment.month:%Y-%m}", "amount": payment.amount},
    )  # fmt: skip
