"""The caseworker's daily path in a real browser: find a person, record a service, see the
"1131" view change in place (HTMX), without leaving the person page."""

import datetime

import pytest
from playwright.sync_api import expect, sync_playwright
from stdnum.cn import ric

from minsheng.core import services
from minsheng.registry.models import LedgerEntry, Person

PASSWORD = "Minsheng-test-2025"


@pytest.mark.browser
def test_recording_a_service_updates_the_1131_view(live_server, load_regions):
    services.create_user(
        actor=None,
        username="browser_cw",
        password=PASSWORD,
        role="caseworker",
        region_code="330106",
    )
    body = "33010620030512001"
    person = Person.objects.create(
        identity_number=body + ric.calc_check_digit(body + "0"), name="林晓",
        sex="M", birth_date=datetime.date(2003, 5, 12), region_id="330106",
        province_code="330000",
    )  # fmt: skip
    entered_on = datetime.date.today() - datetime.timedelta(days=20)
    LedgerEntry.objects.create(
        person=person, region_id="330106", province_code="330000",
        reason="graduate_not_employed", entered_on=entered_on,
    )  # fmt: skip

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        try:
            page = browser.new_page(locale="zh-CN")
            page.goto(f"{live_server.url}/login/")
            page.fill("input[name=username]", "browser_cw")
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(f"{live_server.url}/")

            page.goto(f"{live_server.url}/people/?q=林晓")
            page.click("text=林晓")
            person_url = page.url
            section = page.locator("#services-section")
            expect(section).to_contain_text("1131")
            briefing_row = section.locator("tbody tr").first
            expect(briefing_row.locator("td").nth(1)).to_have_text("0")

            section.locator("summary").click()
            section.locator("select[name=kind]").select_option("policy_briefing")
            section.locator("select[name=channel]").select_option("phone")
            section.locator("textarea[name=content]").fill("讲解高校毕业生就业补贴政策")
            section.locator("button[type=submit]").click()

            expect(page.locator("#services-section")).to_contain_text("讲解高校毕业生就业补贴政策")
            expect(
                page.locator("#services-section tbody tr").first.locator("td").nth(1)
            ).to_have_text("1")
            assert page.url == person_url  # updated in place
        finally:
            browser.close()
