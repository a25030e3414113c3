"""Contributions in a real browser: an employer enrols an employee registered in another
province, uploads a month's declaration with a bad row, sees the refused row with its reason
and the accepted line clamped to the floor, and records the payment; the arrears are gone.

A missing Chromium fails this test on purpose: CI installs it (`.ci/run`).
"""

import datetime

import pytest
from playwright.sync_api import expect, sync_playwright
from tests.insurance.factories import csv_bytes, identity, make_employer

from minsheng.core import services
from minsheng.insurance.calculations import add_months, month_start
from minsheng.insurance.models import AccountEntry

PASSWORD = "Minsheng-test-2025"


@pytest.mark.browser
def test_an_employer_declares_a_month_and_pays_it(live_server, load_regions, tmp_path):
    user = services.create_user(actor=None, username="browser_hr", password=PASSWORD,
                                role="employer")  # fmt: skip
    make_employer("杭州恒泰机械制造有限公司", accounts=[user])
    henan = identity("410105", "19920505", 3)
    month = add_months(month_start(datetime.date.today()), -1)
    declaration = tmp_path / "declaration.csv"
    declaration.write_bytes(
        csv_bytes([["马涛", henan, 3000], ["某人", identity(sequence=9), 5000]])
    )
    base = live_server.url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        try:
            page = browser.new_context(locale="en-US").new_page()
            page.goto(f"{base}/login/")
            page.fill("input[name=username]", "browser_hr")
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(f"{base}/")
            page.click("nav >> text=Social insurance")
            page.fill("input[name=identity_number]", henan)
            page.fill("input[name=name]", "马涛")
            page.fill("input[name=started_on]", add_months(month, -1).isoformat())
            page.click("main form.stack button[type=submit]")
            expect(page.locator("main table")).to_contain_text("马涛")

            page.click("nav >> text=Declare contributions")
            page.fill("input[name=month]", f"{month:%Y-%m}")
            page.set_input_files("input[name=file]", str(declaration))
            page.click("main form.stack button[type=submit]")
            expect(page.locator("main")).to_contain_text("Refused rows")
            expect(page.locator("main")).to_contain_text("not enrolled with this employer")
            expect(page.locator("main")).to_contain_text("raised to the floor")
            assert henan not in page.locator("body").inner_text()

            page.click("main form.stack button[type=submit]")  # the payment form, prefilled
            expect(page.locator(".messages")).to_contain_text("Payment recorded.")
            page.goto(f"{base}/insurance/arrears/")
            expect(page.locator("main")).to_contain_text("No arrears.")
        finally:
            browser.close()
    assert AccountEntry.objects.count() == 1
