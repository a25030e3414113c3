"""Unemployment benefit and a personal pension in a real browser: a clerk files a claim for a
laid-off worker and decides it (12 months at 90% of the minimum wage); the citizen pays into
their personal pension beyond the year's cap and is told the room left.

A missing Chromium fails this test on purpose: CI installs it (`.ci/run`).
"""

import datetime

import pytest
from playwright.sync_api import expect, sync_playwright
from tests.insurance.benefit_factories import unemployed_worker

from minsheng.core import services
from minsheng.registry.models import Person

PASSWORD = "Minsheng-test-2025"


def sign_in(browser, base, username):
    page = browser.new_context(locale="en-US").new_page()
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


@pytest.mark.browser
def test_a_clerk_grants_a_claim_and_a_citizen_meets_the_cap(live_server, load_regions):
    services.create_user(actor=None, username="browser_clerk", password=PASSWORD,
                         role="insurance_clerk", region_code="330100")  # fmt: skip
    citizen = services.create_user(actor=None, username="browser_citizen", password=PASSWORD,
                                   role="citizen")  # fmt: skip
    worker = unemployed_worker()
    Person.objects.filter(pk=worker.pk).update(account=citizen)
    base = live_server.url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        try:
            page = sign_in(browser, base, "browser_clerk")
            page.click("nav >> text=Unemployment benefit")
            form = page.locator("#file-claim form")
            form.locator("input[name=identity_number]").fill(worker.identity_number)
            form.locator("input[name=lost_job_on]").fill("2026-08-31")
            form.locator("select[name=reason]").select_option("redundancy")
            form.locator("input[name=seeking_work]").check()
            form.locator("button[type=submit]").click()
            expect(page.locator("#claim-status")).to_contain_text("Filed, awaiting decision")
            page.click("main button[type=submit] >> text=Decide")
            expect(page.locator("#claim-months")).to_contain_text("12 months")
            expect(page.locator("#claim-amount")).to_contain_text("2241.00")
            assert worker.identity_number not in page.locator("body").inner_text()

            page = sign_in(browser, base, "browser_citizen")
            page.click("nav >> text=My personal pension")
            page.click("#pp-open button[type=submit]")
            today = datetime.date.today().isoformat()
            for amount in ("9000", "3500"):
                page.fill("input[name=pay-amount]", amount)
                page.fill("input[name=pay-paid_on]", today)
                page.click("#pp-contribute button[type=submit]")
            expect(page.locator("#pp-contribute")).to_contain_text("3000.00 yuan of room is left")
            expect(page.locator("#pp-balance")).to_contain_text("9000.00")
        finally:
            browser.close()
