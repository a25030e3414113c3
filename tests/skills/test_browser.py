"""Skills in a real browser: a caseworker enrols a person from the ledger in a digital-economy
course, records their attendance, completion and passed assessment, issues the certificate,
and an anonymous visitor verifies it on the public page, seeing the surname only.

A missing Chromium fails this test on purpose: CI installs it (`.ci/run`).
"""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect, sync_playwright
from stdnum.cn import ric, uscc

from minsheng.core import services
from minsheng.occupations.services import load_taxonomy
from minsheng.registry.models import LedgerEntry, Person
from minsheng.skills.models import Course, TrainingProvider

PASSWORD = "Minsheng-test-2025"
XIHU = "330106"
NUMBER = re.compile(r"JN-\d{4}-\d{6}-[0-9A-Z]{6}-[0-9A-Z]")


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")


def digital_course(today: datetime.date) -> Course:
    """Like the demo's AI-trainer course, starting today so that every step is on a past day."""
    body = f"52{XIHU}MJ0000001"
    provider = TrainingProvider.objects.create(
        name="杭州数智职业技能培训学校", kind="training_organisation",
        credit_code=body + uscc.calc_check_digit(body), region_id=XIHU, province_code="330000",
        accreditation_number="杭人社培（示例）2024-017",
        accredited_from=today - datetime.timedelta(days=900),
    )  # fmt: skip
    return Course.objects.create(
        provider=provider, title="人工智能训练师（初级工）培训班", occupation_code="4-04-05-05",
        target_level=2, hours=80, starts_on=today, ends_on=today + datetime.timedelta(days=30),
        place="西湖区文三路 478 号", region_id=XIHU, province_code="330000", capacity=12,
        cost=Decimal(2400), focus_area="digital",
    )  # fmt: skip


def ledger_person(today: datetime.date) -> Person:
    body = "33010619980407001"
    person = Person.objects.create(
        identity_number=body + ric.calc_check_digit(body + "0"), name="陈静怡", sex="F",
        birth_date=datetime.date(1998, 4, 7), region_id=XIHU, province_code="330000",
        phone="13912345678",
    )  # fmt: skip
    LedgerEntry.objects.create(
        person=person, region_id=XIHU, province_code="330000", reason="graduate_not_employed",
        entered_on=today - datetime.timedelta(days=60),
    )  # fmt: skip
    return person


def step(row, summary: str, **fields) -> None:
    row.locator("summary", has_text=summary).click()
    form = row.locator("details[open] form")
    for name, value in fields.items():
        form.locator(f"input[name={name}]").fill(value)
    form.locator("button[type=submit]").click()


@pytest.mark.browser
def test_a_ledger_person_is_trained_certified_and_the_certificate_verified(
    live_server, load_regions
):
    load_taxonomy()
    services.create_user(
        actor=None, username="browser_cw", password=PASSWORD, role="caseworker", region_code=XIHU
    )
    today = datetime.date.today()
    course = digital_course(today)
    person = ledger_person(today)
    base = live_server.url

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        try:
            staff = browser.new_context(locale="en-US").new_page()
            sign_in(staff, base, "browser_cw")
            staff.click("nav >> text=Training courses")
            staff.click("#catalogue-results >> text=人工智能训练师（初级工）培训班")
            expect(staff.locator("#enrol-from-ledger")).to_contain_text("1131")
            staff.fill("#q", "陈静怡")
            staff.click("#enrol-from-ledger button[type=submit]")
            found = staff.locator("#ledger-search tbody tr", has_text="陈静怡")
            found.locator("button", has_text="Enrol").click()
            expect(found).to_contain_text("陈静怡 has a place on")  # swapped in place (HTMX)
            expect(found).to_contain_text("training opportunity of their 1131 services")

            staff.goto(f"{base}/skills/courses/{course.pk}/manage/")
            row = staff.locator("#participants tbody tr", has_text="陈静怡")
            step(row, "Record attendance", hours="80")
            expect(staff.locator(".messages")).to_contain_text("attendance recorded")
            step(row, "Record completion")
            expect(staff.locator(".messages")).to_contain_text("completed the course")
            step(row, "Record the assessment", score="86")
            expect(staff.locator(".messages")).to_contain_text("passed the assessment")
            step(row, "Issue the certificate")
            message = staff.locator(".messages")
            expect(message).to_contain_text("issued to 陈静怡")
            number = NUMBER.search(message.inner_text()).group(0)

            visitor = browser.new_context(locale="en-US").new_page()
            visitor.goto(f"{base}/skills/verify/")
            visitor.fill("input[name=number]", number.replace("-", "").lower())
            visitor.click("main button[type=submit]")
            check = visitor.locator("#certificate-check")
            expect(check).to_contain_text("Valid certificate")
            expect(check).to_contain_text(number)
            expect(check).to_contain_text("陈**")
            expect(check).to_contain_text("Junior worker")
            expect(check).to_contain_text("杭州数智职业技能培训学校")
            page = visitor.locator("body").inner_text()
            assert person.name not in page and person.identity_number not in page
            assert person.phone not in page and "Sign out" not in page
        finally:
            browser.close()
