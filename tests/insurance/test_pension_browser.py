"""The pension calculator in a real browser: a citizen opens it from the navigation, enters
their birth month, contribution years (years and months), index and balance, and reads the
retirement month, the pension and the step-by-step explanation.

A missing Chromium fails this test on purpose: CI installs it (`.ci/run`).
"""

import pytest
from playwright.sync_api import expect, sync_playwright

from minsheng.core import services

PASSWORD = "Minsheng-test-2025"


@pytest.mark.browser
def test_a_citizen_estimates_their_pension_step_by_step(live_server, load_regions, tmp_path):
    services.create_user(actor=None, username="browser_citizen", password=PASSWORD, role="citizen")
    base = live_server.url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        try:
            page = browser.new_context(locale="en-US").new_page()
            page.goto(f"{base}/login/")
            page.fill("input[name=username]", "browser_citizen")
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(f"{base}/")
            page.click("nav >> text=Pension estimate")

            page.fill("#id_birth_month", "1965-03")
            page.select_option("#id_category", "male")
            page.select_option("#id_province_code", "110000")
            page.fill("#id_contribution_months_0", "29")
            page.fill("#id_planned_months_0", "1")
            page.fill("#id_deemed_months_0", "5")
            page.fill("#id_average_index", "1.2")
            page.fill("#id_transitional_index", "1")
            page.fill("#id_account_balance", "150000")
            page.click("#pension-form button[type=submit]")

            expect(page.locator("#pension-total")).to_have_text("6325.14 yuan a month")
            expect(page.locator("#retirement-month")).to_have_text("2025-04")
            expect(page.locator("#step-basic_pension")).to_contain_text("4638.87")
            expect(page.locator("#step-account_divisor")).to_contain_text("138.4")
            page.screenshot(path=str(tmp_path / "pension_estimate.png"), full_page=True)

            page.click("#step-account_divisor >> text=Months divisor of the individual-account")
            expect(page.locator("h1")).to_contain_text("insurance.pension.account_divisor")
            expect(page.locator("main")).to_contain_text("2025-01-01")
        finally:
            browser.close()
