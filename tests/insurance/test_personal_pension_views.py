"""Personal-pension pages: a clerk opens an account for a person of the region and records a
withdrawal on documents; the citizen opens their own, pays in (refused beyond the cap with the
room left) and asks to withdraw (refused, every condition listed)."""

import datetime
import re

import pytest
from tests.insurance.factories import BINJIANG, make_person

from minsheng.insurance import personal_pension_services as services
from minsheng.insurance.personal_pension_models import (
    PersonalPensionAccount,
    PersonalPensionWithdrawal,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def clerk(make_user):
    return make_user("clerk_hz", role="insurance_clerk", region_code="330100")


def test_a_clerk_opens_an_account_and_records_a_withdrawal_on_documents(english_client, clerk):
    person = make_person("王芳", born="19800101", sequence=3)
    client = english_client(clerk)
    response = client.post(
        "/insurance/personal-pensions/", {"identity_number": person.identity_number}
    )
    account = PersonalPensionAccount.objects.get()
    assert response.status_code == 302
    paid = client.post(
        f"/insurance/personal-pensions/{account.pk}/",
        {"action": "contribute", "pay-amount": "5000", "pay-paid_on": account.opened_on},
    )
    assert paid.status_code == 302
    client.post(
        f"/insurance/personal-pensions/{account.pk}/",
        {"action": "withdraw", "withdraw-amount": "1000", "withdraw-attested": ["emigration"],
         "withdraw-evidence": "出境定居证明 2026-117"},
    )  # fmt: skip
    withdrawal = PersonalPensionWithdrawal.objects.get()
    assert (withdrawal.status, str(withdrawal.tax)) == ("approved", "30.00")
    page = client.get(f"/insurance/personal-pensions/{account.pk}/").content.decode()
    assert 'id="pp-balance"><strong>4000.00' in page
    assert person.identity_number not in page


def test_accounts_outside_the_region_are_404(english_client, make_user):
    account = services.open_personal_pension(actor=None, person=make_person(), opened_on=None)
    binjiang = make_user("clerk_bj", role="insurance_clerk", region_code=BINJIANG)
    client = english_client(binjiang)
    assert client.get(f"/insurance/personal-pensions/{account.pk}/").status_code == 404
    assert "王芳" not in client.get("/insurance/personal-pensions/").content.decode()


def test_the_citizen_pays_in_up_to_the_cap_and_is_told_the_room_left(english_client, make_user):
    citizen = make_user("citizen_pp", role="citizen")
    make_person("张敏", born="19950101", sequence=5, account=citizen)
    client = english_client(citizen)
    client.post("/insurance/mine/personal-pension/")
    assert PersonalPensionAccount.objects.filter(person__account=citizen).exists()
    today = datetime.date.today().isoformat()
    mine = "/insurance/mine/personal-pension/"
    client.post(mine, {"action": "contribute", "pay-amount": "10000", "pay-paid_on": today})
    response = client.post(
        mine, {"action": "contribute", "pay-amount": "2500", "pay-paid_on": today}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "2000.00 yuan of room is left" in page
    response = client.post("/insurance/mine/personal-pension/",
                           {"action": "withdraw", "withdraw-amount": "100"})  # fmt: skip
    page = client.get("/insurance/mine/personal-pension/").content.decode()
    assert response.status_code == 302
    assert 'class="withdrawal-refused"' in page
    assert "Not yet at the statutory retirement age: the retirement month is 2058-01." in page
    assert 'name="withdraw-attested"' not in page  # only clerks record documents


def test_the_citizen_reads_the_rules_in_chinese_linked_to_their_pages(signed_in_as, make_user):
    citizen = make_user("citizen_pp", role="citizen")
    make_person("张敏", born="19950101", sequence=5, account=citizen)
    client = signed_in_as(citizen)
    client.post("/insurance/mine/personal-pension/")

    page = client.get("/insurance/mine/personal-pension/").content.decode()

    rule = "insurance.personal_pension.annual_cap"
    assert (
        f'<a class="rule-link" href="/parameters/{rule}/" title="{rule}">'
        "参加人每个自然年缴纳个人养老金的上限</a>"
    ) in page
    assert rule not in re.sub(r"<[^>]+>", "", page)
