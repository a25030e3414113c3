"""Unemployment benefit: entitlement from the records (contributions, the reason the job ended,
registration, looking for work), the period and the amount, monthly payments that stop on
re-employment, and the unused months of an earlier claim carried into the next one."""

import datetime
from decimal import Decimal

import pytest
from tests.insurance.benefit_factories import (
    granted_claim,
    paid_employment,
    set_status,
    unemployed_worker,
)
from tests.insurance.factories import BINJIANG, make_person

from minsheng.core.errors import Conflict, NotFound, PermissionDenied
from minsheng.core.models import AuditEvent
from minsheng.insurance import unemployment_services
from minsheng.insurance.calculations import InsuranceError, add_months
from minsheng.insurance.unemployment_models import BenefitPayment, ClaimStatus
from minsheng.insurance.unemployment_selectors import claim_view

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
LOST = datetime.date(2026, 8, 31)
FILED = datetime.date(2026, 9, 10)
SEPTEMBER, OCTOBER, NOVEMBER = (datetime.date(2026, m, 1) for m in (9, 10, 11))


def file(person, *, reason="redundancy", seeking_work=True, actor=None, today=FILED):
    return unemployment_services.file_claim(
        actor=actor, person=person, lost_job_on=LOST, reason=reason, seeking_work=seeking_work,
        today=today,
    )  # fmt: skip


def pay(month, today=datetime.date(2026, 11, 25)):
    return unemployment_services.pay_benefits(actor=None, month=month, today=today)


def test_three_years_of_contributions_after_a_layoff_give_12_months_at_90_percent():
    claim = granted_claim(unemployed_worker(months=36))
    assert claim.status == ClaimStatus.GRANTED
    assert (claim.contribution_months, claim.months, claim.carried_months) == (36, 12, 0)
    # Hangzhou's districts, first tier from 2024-01-01: 2490 a month; 90% of it.
    assert (claim.minimum_wage, claim.share, claim.monthly_amount) == (
        Decimal("2490.00"), Decimal("0.9000"), Decimal("2241.00"),
    )  # fmt: skip
    assert claim.first_month == SEPTEMBER
    assert all(condition["met"] for condition in claim.assessment)


@pytest.mark.parametrize(
    ("months", "period"), [(12, 12), (59, 12), (60, 18), (119, 18), (120, 24), (200, 24)]
)
def test_the_period_follows_the_completed_years_of_contribution(months, period):
    claim = granted_claim(unemployed_worker(months=months))
    assert (claim.contribution_months, claim.months) == (months, period)


def test_a_resignation_is_refused_and_says_why():
    claim = granted_claim(unemployed_worker(), reason="resigned")
    view = claim_view(actor=None, claim=claim)
    assert claim.status == ClaimStatus.REFUSED
    assert [c.code for c in view.unmet] == ["involuntary"]
    assert "own choice (Resigned)" in view.unmet[0].text
    assert claim.months == 0 and claim.monthly_amount is None


def test_every_unmet_condition_is_explained():
    person = make_person("赵六", sequence=5, born="19880101")
    paid_employment(person, first_month=datetime.date(2025, 11, 1), months=10)  # still open
    claim = file(person, reason="agreed_at_worker_proposal", seeking_work=False)
    claim = unemployment_services.decide_claim(actor=None, claim=claim, today=FILED)
    texts = {c.code: c.text for c in claim_view(actor=None, claim=claim).unmet}
    assert set(texts) == {"contributions", "involuntary", "left_job", "registered", "seeking_work"}
    assert "only 10 paid months count, 2 are missing" in texts["contributions"]
    assert "shows no status" in texts["registered"]


def test_unpaid_months_and_months_without_unemployment_contributions_do_not_count():
    person = unemployed_worker(months=8)
    paid_employment(
        person, first_month=datetime.date(2025, 1, 1), months=4, unemployment=False,
        ended_on=datetime.date(2025, 4, 30),
    )  # fmt: skip
    claim = granted_claim(person)
    assert (claim.status, claim.contribution_months) == (ClaimStatus.REFUSED, 8)


def test_a_second_open_claim_is_a_conflict():
    person = unemployed_worker()
    granted_claim(person)
    with pytest.raises(Conflict):
        file(person, today=datetime.date(2026, 10, 5))


def test_a_decided_claim_is_not_decided_again():
    claim = granted_claim(unemployed_worker())
    with pytest.raises(Conflict):
        unemployment_services.decide_claim(actor=None, claim=claim, today=FILED)


def test_bad_input_is_refused_with_the_field():
    person = unemployed_worker()
    with pytest.raises(InsuranceError) as refused:
        unemployment_services.file_claim(
            actor=None, person=person, lost_job_on=datetime.date(2026, 12, 1),
            reason="redundancy", seeking_work=True, today=FILED,
        )  # fmt: skip
    assert refused.value.field == "lost_job_on"
    with pytest.raises(InsuranceError):
        file(person, reason="bored")


def test_payments_are_recorded_once_a_month_and_not_before_the_month():
    claim = granted_claim(unemployed_worker())
    first = pay(SEPTEMBER)
    again = pay(SEPTEMBER)
    pay(OCTOBER)
    assert (first.paid, first.total, again.paid, again.already_paid) == (
        1,
        Decimal("2241.00"),
        0,
        1,
    )
    assert list(claim.payments.order_by("month").values_list("month", flat=True)) == [
        SEPTEMBER, OCTOBER,
    ]  # fmt: skip
    with pytest.raises(InsuranceError):
        pay(datetime.date(2026, 12, 1))
    assert pay(datetime.date(2026, 8, 1)).paid == 0


def test_no_month_is_paid_beyond_the_granted_months():
    claim = granted_claim(unemployed_worker(months=12))
    last = datetime.date(2027, 8, 1)
    assert pay(last, today=datetime.date(2027, 8, 5)).paid == 1
    assert pay(datetime.date(2027, 9, 1), today=datetime.date(2027, 9, 5)).paid == 0
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ENDED


def test_payments_stop_from_the_month_after_re_employment():
    person = unemployed_worker()
    claim = granted_claim(person)
    set_status(person, "employed", datetime.date(2026, 11, 15))
    for month in (SEPTEMBER, OCTOBER, NOVEMBER):
        pay(month, today=datetime.date(2026, 11, 20))
    december = pay(datetime.date(2026, 12, 1), today=datetime.date(2026, 12, 5))
    claim.refresh_from_db()
    assert (claim.status, claim.stopped_on, claim.stop_status) == (
        ClaimStatus.STOPPED, datetime.date(2026, 11, 15), "employed",
    )  # fmt: skip
    assert december.paid == 0
    assert BenefitPayment.objects.filter(claim=claim).count() == 3


def second_loss(person, *, new_job_months: int):
    """Re-employed from 2024-12-01 after a claim of 2024, then the new job is lost in 2026-08."""
    set_status(person, "employed", datetime.date(2024, 12, 1))
    first_month = add_months(datetime.date(2026, 8, 1), -(new_job_months - 1))
    paid_employment(person, first_month=first_month, months=new_job_months, ended_on=LOST)
    set_status(person, "unemployed", datetime.date(2026, 9, 1))
    return granted_claim(person)


def first_claim(months: int):
    person = unemployed_worker(months=months, lost_job_on=datetime.date(2024, 8, 31))
    claim = granted_claim(
        person, lost_job_on=datetime.date(2024, 8, 31), filed_on=datetime.date(2024, 9, 10)
    )
    return person, claim


def test_unused_months_carry_into_the_next_claim_and_contributions_are_counted_anew():
    person, first = first_claim(36)  # 12 months granted, 3 begun before the new job
    claim = second_loss(person, new_job_months=21)  # 2024-12 … 2026-08
    first.refresh_from_db()
    assert (first.status, first.stopped_on) == (ClaimStatus.STOPPED, datetime.date(2024, 12, 1))
    assert claim.contribution_months == 21  # the 36 months before the first loss are used up
    assert (claim.months, claim.carried_months, claim.previous_claim) == (21, 9, first)


def test_the_combined_period_never_exceeds_24_months():
    person, _first = first_claim(130)  # 24 months granted, 3 begun: 21 left
    claim = second_loss(person, new_job_months=21)
    assert (claim.months, claim.carried_months) == (24, 21)


def test_re_employed_for_less_than_a_year_the_unused_months_may_still_be_drawn():
    person, _first = first_claim(36)
    claim = second_loss(person, new_job_months=6)  # 2026-03 … 2026-08
    assert claim.status == ClaimStatus.GRANTED
    assert (claim.contribution_months, claim.months, claim.carried_months) == (6, 9, 9)
    text = claim_view(actor=None, claim=claim).conditions[0].text
    assert "the 9 months the earlier claim left unused may still be drawn" in text


def test_clerks_decide_only_in_their_region_and_citizens_file_only_their_own(make_user):
    citizen = make_user("citizen_li", role="citizen")
    person = unemployed_worker()
    stranger = unemployed_worker("陈七", sequence=7)
    person.account = citizen
    person.save()
    claim = file(person, actor=citizen)
    assert claim.filed_by == citizen
    with pytest.raises(NotFound):
        file(stranger, actor=citizen)
    binjiang = make_user("clerk_bj", role="insurance_clerk", region_code=BINJIANG)
    with pytest.raises(NotFound):
        unemployment_services.decide_claim(actor=binjiang, claim=claim, today=FILED)
    with pytest.raises(PermissionDenied):
        unemployment_services.pay_benefits(actor=citizen, month=SEPTEMBER, today=FILED)


def test_every_write_leaves_an_audit_row():
    claim = granted_claim(unemployed_worker())
    pay(SEPTEMBER)
    actions = list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))
    assert actions[-3:] == [
        "unemployment_claim_filed", "unemployment_claim_decided", "unemployment_benefit_paid",
    ]  # fmt: skip
    claim_rows = AuditEvent.objects.filter(
        object_type="insurance.unemploymentclaim", object_id=str(claim.pk)
    )
    assert claim_rows.count() == 2
