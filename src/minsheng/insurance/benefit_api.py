"""JSON API of unemployment benefit and personal pensions (mounted on the insurance router).

Lists are paginated; records outside the caller's reach are 404; errors have the standard
shape. A refused claim or withdrawal is a decision, not an error: it is stored and returned
with every condition and why it was not met.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from minsheng.core.errors import NotFound
from minsheng.core.models import Role
from minsheng.insurance import personal_pension_selectors as pp_selectors
from minsheng.insurance import personal_pension_services as pp_services
from minsheng.insurance import selectors, unemployment_selectors, unemployment_services
from minsheng.insurance.benefit_schemas import (
    AccountDetailOut,
    AccountIn,
    AccountOut,
    BenefitPaymentOut,
    ClaimDetailOut,
    ClaimIn,
    ClaimOut,
    ContributionIn,
    ContributionOut,
    PayBenefitsIn,
    PaymentRunOut,
    WithdrawalIn,
    WithdrawalOut,
)
from minsheng.insurance.calculations import parse_month

router = Router(tags=["insurance"])


def person_for(actor, identity_number: str):
    """Citizens act for themselves; staff name the person by identity number."""
    if actor.role == Role.CITIZEN:
        person = selectors.own_person(actor=actor)
        if person is None:
            raise NotFound("person_not_found", _("No person record is linked to this account."))
        return person
    return unemployment_selectors.person_by_number(identity_number)


# Unemployment benefit ---------------------------------------------------------------------


@router.get("/insurance/unemployment/claims", response=list[ClaimOut])
@paginate(PageNumberPagination)
def claim_list(request, status: str = "", q: str = ""):
    """Claims kept in the clerk's region, or the citizen's own, newest first."""
    return unemployment_selectors.claim_list(actor=request.auth, status=status, search=q)


@router.post("/insurance/unemployment/claims", response={201: ClaimOut})
def claim_file(request, payload: ClaimIn):
    """File a claim: a clerk for the person with `identity_number`, a citizen for themself."""
    claim = unemployment_services.file_claim(
        actor=request.auth, person=person_for(request.auth, payload.identity_number),
        lost_job_on=payload.lost_job_on, reason=payload.reason,
        seeking_work=payload.seeking_work,
    )  # fmt: skip
    return Status(201, claim)


def claim_detail_out(actor, claim) -> dict:
    view = unemployment_selectors.claim_view(actor=actor, claim=claim)
    return {
        "claim": claim, "months_paid": view.months_paid, "months_left": view.months_left,
        "paid_total": view.paid_total, "payments": view.payments,
        "conditions": [{"code": c.code, "met": c.met, "text": c.text} for c in view.conditions],
    }  # fmt: skip


@router.get("/insurance/unemployment/claims/{claim_id}", response=ClaimDetailOut)
def claim_detail(request, claim_id: int):
    """A claim with its decision explained, condition by condition, and its payments."""
    claim = unemployment_selectors.claim_get(actor=request.auth, claim_id=claim_id)
    return claim_detail_out(request.auth, claim)


@router.post("/insurance/unemployment/claims/{claim_id}/decide", response=ClaimDetailOut)
def claim_decide(request, claim_id: int):
    """Decide a filed claim from the records and the rules: granted with months and amount, or
    refused with every condition not met."""
    claim = unemployment_selectors.claim_get(actor=request.auth, claim_id=claim_id)
    claim = unemployment_services.decide_claim(actor=request.auth, claim=claim)
    return claim_detail_out(request.auth, claim)


@router.get("/insurance/unemployment/payments", response=list[BenefitPaymentOut])
@paginate(PageNumberPagination)
def benefit_payment_list(request):
    return unemployment_selectors.payment_list(actor=request.auth)


@router.post("/insurance/unemployment/payments", response=PaymentRunOut)
def benefit_payments_run(request, payload: PayBenefitsIn):
    """Record a month's payments for every claim of the clerk's region (idempotent)."""
    month = parse_month(payload.month)
    return unemployment_services.pay_benefits(actor=request.auth, month=month)


# Personal pensions ------------------------------------------------------------------------


@router.get("/insurance/personal-pensions", response=list[AccountOut])
@paginate(PageNumberPagination)
def account_list(request, q: str = ""):
    return pp_selectors.account_list(actor=request.auth, search=q)


@router.post("/insurance/personal-pensions", response={201: AccountOut})
def account_open(request, payload: AccountIn):
    person = person_for(request.auth, payload.identity_number)
    return Status(201, pp_services.open_personal_pension(actor=request.auth, person=person))


@router.get("/insurance/personal-pensions/{account_id}", response=AccountDetailOut)
def account_detail(request, account_id: int):
    """The account year by year: paid in, the cap, the room left and the tax deduction."""
    account = pp_selectors.account_get(actor=request.auth, account_id=account_id)
    view = pp_selectors.account_view(account=account, as_of=timezone.localdate())
    return {"account": account, "balance": view.balance, "years": view.years}


@router.post("/insurance/personal-pensions/{account_id}/contributions",
             response={201: ContributionOut})  # fmt: skip
def contribution_add(request, account_id: int, payload: ContributionIn):
    """Pay in; beyond the year's cap it is refused with the room left that year."""
    account = pp_selectors.account_get(actor=request.auth, account_id=account_id)
    contribution = pp_services.contribute_personal_pension(
        actor=request.auth, account=account, amount=payload.amount, paid_on=payload.paid_on
    )
    return Status(201, contribution)


@router.get("/insurance/personal-pensions/{account_id}/withdrawals", response=list[WithdrawalOut])
@paginate(PageNumberPagination)
def withdrawal_list(request, account_id: int):
    account = pp_selectors.account_get(actor=request.auth, account_id=account_id)
    return account.withdrawals.order_by("-requested_on", "-pk")


@router.post("/insurance/personal-pensions/{account_id}/withdrawals",
             response={201: WithdrawalOut})  # fmt: skip
def withdrawal_request(request, account_id: int, payload: WithdrawalIn):
    """Ask to withdraw today: approved with 3% tax withheld when a condition in force is met,
    refused (and kept) with every condition otherwise."""
    account = pp_selectors.account_get(actor=request.auth, account_id=account_id)
    withdrawal = pp_services.request_withdrawal(
        actor=request.auth, account=account, amount=payload.amount,
        retirement_category=payload.retirement_category, attested=payload.attested,
        evidence=payload.evidence,
    )  # fmt: skip
    return Status(201, withdrawal)
