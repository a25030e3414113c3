"""The pages in a real browser: Debian's Chromium driven by Playwright against a live server.

A missing Chromium fails this test on purpose: CI installs it (`.ci/run`).
"""

import pytest
from playwright.sync_api import expect, sync_playwright

from minsheng.core import services

PASSWORD = "Minsheng-test-2025"


@pytest.mark.browser
def test_sign_in_and_expand_the_region_tree(live_server, load_regions):
    services.create_user(
        actor=None,
        username="browser_caseworker",
        password=PASSWORD,
        role="caseworker",
        region_code="330106",
    )

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        try:
            page = browser.new_page()
            page.goto(f"{live_server.url}/login/")
            page.fill("input[name=username]", "browser_caseworker")
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")

            page.wait_for_url(f"{live_server.url}/")
            expect(page.locator("p.lead")).to_contain_text("西湖区")
            page.click("nav a[href='/regions/']")

            zhejiang = page.locator("main > ul.tree > li:has(> span.code:text-is('330000'))")
            below_zhejiang = zhejiang.locator(":scope > div.sub")
            expect(below_zhejiang).to_be_empty()
            zhejiang.locator(":scope > button").click()

            expect(below_zhejiang).to_contain_text("杭州市")
            expect(below_zhejiang).not_to_contain_text("南京市")
            expect(page).to_have_url(f"{live_server.url}/regions/")
        finally:
            browser.close()
