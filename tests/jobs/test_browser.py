"""Recruitment docking in a real browser: an employer posts a vacancy, a caseworker publishes it
and recommends it to a matching person, and the person page says why this job.

A missing Chromium fails this test on purpose: CI installs it (`.ci/run`).
"""

import datetime

import pytest
from playwright.sync_api import expect, sync_playwright
from stdnum.cn import ric

from minsheng.core import services
from minsheng.jobs.models import Employer
from minsheng.occupations.services import load_taxonomy
from minsheng.registry.models import JobWish, LedgerEntry, Person

PASSWORD = "Minsheng-test-2025"
WELDER = "6-18-02-04"


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")


@pytest.mark.browser
def test_a_posted_vacancy_is_published_recommended_and_explained(live_server, load_regions):
    load_taxonomy()
    recruiter = services.create_user(
        actor=None, username="browser_hr", password=PASSWORD, role="employer"
    )
    services.create_user(
        actor=None, username="browser_cw", password=PASSWORD, role="caseworker",
        region_code="330106",
    )  # fmt: skip
    Employer.objects.create(
        credit_code="91330106MA2B3C4D5X", name="杭州恒泰机械制造有限公司", industry="C",
        size="small", region_id="330106", province_code="330000",
    ).accounts.add(recruiter)  # fmt: skip
    body = "33010620000315001"
    person = Person.objects.create(
        identity_number=body + ric.calc_check_digit(body + "0"), name="陈明", sex="M",
        birth_date=datetime.date(2000, 3, 15), region_id="330106", province_code="330000",
        education="secondary_vocational",
    )  # fmt: skip
    JobWish.objects.create(
        person=person, occupation_code=WELDER, region_id="330106", expected_monthly_pay=6000
    )
    LedgerEntry.objects.create(
        person=person, region_id="330106", province_code="330000", reason="registered_youth",
        entered_on=datetime.date.today() - datetime.timedelta(days=30),
    )  # fmt: skip
    closes_on = datetime.date.today() + datetime.timedelta(days=30)
    base = live_server.url

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        try:
            employer_page = browser.new_context(locale="en-US").new_page()
            sign_in(employer_page, base, "browser_hr")
            employer_page.click("nav >> text=Post a vacancy")
            employer_page.fill("input[name=title]", "焊工")
            employer_page.fill("input[name=headcount]", "2")
            employer_page.fill("input[name=pay_min]", "6000")
            employer_page.fill("input[name=pay_max]", "8000")
            employer_page.fill("input[name=closes_on]", closes_on.isoformat())
            employer_page.click("main button[type=submit]")
            expect(employer_page.locator("p.notice")).to_contain_text("Waiting for")
            expect(employer_page.locator("main")).to_contain_text(WELDER)  # coded from the title

            staff_page = browser.new_context(locale="en-US").new_page()
            sign_in(staff_page, base, "browser_cw")
            staff_page.goto(f"{base}/jobs/review/")
            staff_page.click("main button[name=publish]")
            expect(staff_page.locator("main")).to_contain_text("Nothing waits for review")

            staff_page.click("nav >> text=Vacancies")
            staff_page.click("main table >> text=焊工")
            people = staff_page.locator("#matching-people")
            row = people.locator("tbody tr", has_text="陈明")
            expect(row).to_contain_text("It is exactly the occupation the person is looking for.")
            row.locator("button", has_text="Recommend").click()
            expect(row).to_contain_text("Recommended ✓")  # swapped in place (HTMX)

            row.locator("a", has_text="陈明").click()
            jobs = staff_page.locator("#jobs-section")
            expect(jobs).to_contain_text("Why this job")
            recommended = jobs.locator("tbody tr", has_text="焊工").first
            expect(recommended).to_contain_text("杭州恒泰机械制造有限公司")
            expect(recommended).to_contain_text(
                "It is exactly the occupation the person is looking for."
            )
        finally:
            browser.close()
