"""Unemployment-benefit pages: the clerk's claims of their region (masked, 404 outside it),
filing and deciding a claim, recording a month's payments, and the citizen's own claim."""

import datetime
import re

import pytest
from tests.insurance.benefit_factories import granted_claim, unemployed_worker
from tests.insurance.factories import BINJIANG

from minsheng.insurance.unemployment_models import BenefitPayment, ClaimStatus, UnemploymentClaim

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
MASKED = re.compile(r"\d{6}\*{8}[\dX]{4}")


@pytest.fixture
def clerk(make_user):
    return make_user("clerk_hz", role="insurance_clerk", region_code="330100")


def test_the_clerk_lists_the_regions_claims_masked_and_a_clerk_elsewhere_gets_404(
    english_client, clerk, make_user
):
    claim = granted_claim(unemployed_worker())
    page = english_client(clerk).get("/insurance/unemployment/").content.decode()
    assert "李强" in page and MASKED.search(page)
    assert claim.person.identity_number not in page
    binjiang = make_user("clerk_bj", role="insurance_clerk", region_code=BINJIANG)
    client = english_client(binjiang)
    assert "李强" not in client.get("/insurance/unemployment/").content.decode()
    assert client.get(f"/insurance/unemployment/{claim.pk}/").status_code == 404


def test_a_clerk_files_a_claim_and_decides_it(english_client, clerk):
    person = unemployed_worker()
    client = english_client(clerk)
    response = client.post(
        "/insurance/unemployment/",
        {"action": "file", "identity_number": person.identity_number, "lost_job_on": "2026-08-31",
         "reason": "contract_expired", "seeking_work": "on"},
    )  # fmt: skip
    claim = UnemploymentClaim.objects.get()
    assert response.status_code == 302 and claim.status == ClaimStatus.FILED
    client.post(f"/insurance/unemployment/{claim.pk}/decide/")
    claim.refresh_from_db()
    page = client.get(f"/insurance/unemployment/{claim.pk}/").content.decode()
    assert claim.status == ClaimStatus.GRANTED
    assert 'id="claim-months"><strong>12 months' in page
    assert "minimum wage 2490.00 × 0.9000" in page


def test_a_refusal_shows_each_condition_not_met(english_client, clerk):
    claim = granted_claim(unemployed_worker(), reason="resigned")
    page = english_client(clerk).get(f"/insurance/unemployment/{claim.pk}/").content.decode()
    assert 'class="unmet" id="condition-involuntary"' in page
    assert "own choice (Resigned)" in page
    assert 'class="met" id="condition-contributions"' in page


def test_filing_for_an_unknown_number_is_refused_next_to_the_field(english_client, clerk):
    response = english_client(clerk).post(
        "/insurance/unemployment/",
        {"action": "file", "identity_number": "110101199001011234", "lost_job_on": "2026-08-31",
         "reason": "redundancy"},
    )  # fmt: skip
    assert response.status_code in (400, 404)
    assert 'id="id_identity_number-error"' in response.content.decode()


def test_the_clerk_records_a_months_payments_once(english_client, clerk):
    granted_claim(unemployed_worker())
    client = english_client(clerk)
    for _attempt in range(2):
        response = client.post("/insurance/unemployment/", {"action": "pay", "month": "2026-09"})
        assert response.status_code == 302
    assert BenefitPayment.objects.count() == 1


def test_the_citizen_files_their_own_claim_and_sees_the_decision(english_client, make_user):
    citizen = make_user("citizen_li", role="citizen")
    person = unemployed_worker()
    person.account = citizen
    person.save()
    client = english_client(citizen)
    response = client.post(
        "/insurance/mine/unemployment/",
        {"lost_job_on": "2026-08-31", "reason": "employer_bankrupt", "seeking_work": "on"},
    )
    claim = UnemploymentClaim.objects.get()
    assert response.status_code == 302 and claim.filed_by == citizen
    assert (
        "Filed, awaiting decision" in client.get("/insurance/mine/unemployment/").content.decode()
    )
    assert client.post(f"/insurance/unemployment/{claim.pk}/decide/").status_code == 404
    other = granted_claim(
        unemployed_worker("陈七", sequence=7), filed_on=datetime.date(2026, 9, 11)
    )
    assert client.get(f"/insurance/unemployment/{other.pk}/").status_code == 404


def test_the_rules_applied_read_as_what_they_are_in_the_readers_language(english_client, clerk):
    claim = granted_claim(unemployed_worker())
    client = english_client(clerk)
    url = f"/insurance/unemployment/{claim.pk}/"
    english = client.get(url).content.decode()
    chinese = client.get(url, headers={"accept-language": "zh-hans"}).content.decode()

    rule = "insurance.unemployment.minimum_contribution_months"
    link = f'<a class="rule-link" href="/parameters/{rule}/" title="{rule}">'
    assert f"{link}领取失业保险金所需的缴费时间</a>" in chinese
    assert f"{link}Contribution needed before unemployment benefit is paid</a>" in english
    assert rule not in re.sub(r"<[^>]+>", "", chinese)  # the dotted name only in the title
