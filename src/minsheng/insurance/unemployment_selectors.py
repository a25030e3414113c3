"""Reads of unemployment claims and benefit payments; each starts from `for_actor(actor)`.

A clerk sees the claims kept in their region (404 outside it), a citizen their own. A claim is
shown with its decision in words: every condition checked, the period and the amount with the
rule each came from.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import NotFound
from minsheng.core.identity import parse_resident_id
from minsheng.core.models import User
from minsheng.insurance.people import find_person
from minsheng.insurance.selectors import readable
from minsheng.insurance.unemployment_models import (
    BenefitPayment,
    ClaimStatus,
    JobLossReason,
    UnemploymentClaim,
)
from minsheng.insurance.unemployment_records import benefit_months
from minsheng.insurance.unemployment_rules import RULES, condition_text
from minsheng.registry.models import EmploymentStatus, Person


def person_by_number(raw: str) -> Person:
    """The person a clerk names by identity number (for a claim or a personal pension); the
    service then checks the record lies in the clerk's region."""
    resident = parse_resident_id(raw, field="identity_number")
    person = find_person(resident.number)
    if person is None:
        raise NotFound(
            "person_not_found", _("No person with this identity number is registered."),
            field="identity_number",
        )  # fmt: skip
    return person


def claim_list(
    *, actor: User | None, status: str = "", search: str = "", person=None
) -> QuerySet[UnemploymentClaim]:
    claims = readable(actor, UnemploymentClaim.objects.for_actor(actor))
    if status:
        claims = claims.filter(status=status)
    search = search.strip()
    if search:
        if len(search) == 18 and search[:17].isdigit():
            claims = claims.filter(person__identity_number=search.upper())
        else:
            claims = claims.filter(person__name__contains=search)
    if person is not None:
        claims = claims.filter(person=person)
    return claims.select_related("person", "region").order_by("-filed_on", "-pk")


def claim_get(*, actor: User | None, claim_id: int) -> UnemploymentClaim:
    claim = claim_list(actor=actor).filter(pk=claim_id).first()
    if claim is None:
        raise NotFound("claim_not_found", _("No such unemployment claim."))
    return claim


def payment_list(*, actor: User | None, claim: UnemploymentClaim | None = None):
    payments = readable(actor, BenefitPayment.objects.for_actor(actor))
    if claim is not None:
        payments = payments.filter(claim=claim)
    return payments.select_related("person").order_by("-month", "-pk")


def reason_label(code: str) -> str:
    return str(JobLossReason(code).label) if code in JobLossReason.values else code


def status_label(code: str) -> str:
    return str(EmploymentStatus(code).label) if code in EmploymentStatus.values else code


@dataclass(frozen=True)
class ExplainedCondition:
    code: str
    met: bool
    text: str


@dataclass(frozen=True)
class ClaimView:
    """A claim with its decision in words and its payments so far."""

    claim: UnemploymentClaim
    conditions: list[ExplainedCondition]
    own_months: int
    payments: list[BenefitPayment]
    months_paid: int
    months_left: int
    paid_total: Decimal
    last_month: datetime.date | None
    rules: dict[str, str]

    @property
    def unmet(self) -> list[ExplainedCondition]:
        return [condition for condition in self.conditions if not condition.met]


def explained_conditions(claim: UnemploymentClaim) -> list[ExplainedCondition]:
    return [
        ExplainedCondition(
            condition["code"],
            condition["met"],
            condition_text(condition, reason_label=reason_label, status_label=status_label),
        )
        for condition in claim.assessment
    ]


def claim_view(*, actor: User | None, claim: UnemploymentClaim) -> ClaimView:
    payments = list(payment_list(actor=actor, claim=claim))
    months = benefit_months(claim)
    granted = claim.status in (ClaimStatus.GRANTED, ClaimStatus.STOPPED, ClaimStatus.ENDED)
    return ClaimView(
        claim=claim,
        conditions=explained_conditions(claim),
        own_months=claim.months - claim.carried_months if granted else 0,
        payments=payments,
        months_paid=len(payments),
        months_left=max(0, len(months) - len(payments)),
        paid_total=sum((payment.amount for payment in payments), Decimal("0.00")),
        last_month=months[-1] if months else None,
        rules={
            "duration": RULES + "benefit_duration",
            "combined": RULES + "combined_maximum_months",
            "share": RULES + "benefit_minimum_wage_share",
            "minimum": RULES + "minimum_contribution_months",
            "reasons": RULES + "involuntary_reasons",
        },
    )


def own_claims(*, actor: User) -> QuerySet[UnemploymentClaim]:
    return claim_list(actor=actor)
