"""Pages: the person page's 1131 section with its HTMX form, lists, pairing pages, scoping."""

import datetime

import pytest
from django.utils import timezone

from minsheng.assistance import services
from minsheng.assistance.models import Pairing, ServiceRecord

from .conftest import BINJIANG, join_group, put_on_ledger, serve_1131

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
DAY = datetime.timedelta(days=1)


@pytest.fixture
def person(make_person):
    return make_person("陈西湖")


@pytest.fixture
def stranger(make_person):
    return make_person("刘滨江", BINJIANG)


def service_form(**overrides):
    return {
        "kind": "job_recommendation",
        "delivered_on": timezone.localdate().isoformat(),
        "channel": "phone",
        "content": "推荐岗位：前端开发",
    } | overrides


def test_the_person_page_shows_the_1131_section_with_a_form(signed_in_as, caseworker, person):
    page = signed_in_as(caseworker).get(f"/people/{person.pk}/").content.decode()
    assert "1131 incomplete" in page
    assert f'hx-post="/assistance/people/{person.pk}/services/"' in page
    assert "Paired assistance" in page


def test_recording_a_service_by_htmx_redraws_the_section(signed_in_as, caseworker, person):
    client = signed_in_as(caseworker)
    url = f"/assistance/people/{person.pk}/services/"

    response = client.post(url, service_form(), headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="services-section">') and "<html" not in html
    assert "推荐岗位：前端开发" in html
    assert ServiceRecord.objects.get().staff == caseworker


def test_a_service_recorded_without_staff_shows_a_dash(signed_in_as, caseworker, person):
    # Services from imports and the demo data name no staff member.
    ServiceRecord.objects.create(
        person=person,
        kind="policy_briefing",
        delivered_on=timezone.localdate(),
        channel="phone",
        content="讲解就业补贴政策",
        region_id=person.region_id,
        province_code=person.province_code,
    )

    response = signed_in_as(caseworker).get(f"/people/{person.pk}/")

    assert response.status_code == 200
    assert "<td>讲解就业补贴政策</td><td>—</td>" in response.content.decode()


def test_an_invalid_service_shows_the_error_in_the_form(signed_in_as, caseworker, person):
    client = signed_in_as(caseworker)
    url = f"/assistance/people/{person.pk}/services/"
    tomorrow = (timezone.localdate() + DAY).isoformat()

    html = client.post(url, service_form(delivered_on=tomorrow), headers=HTMX).content.decode()
    assert "The date cannot be in the future." in html
    assert client.post(url, service_form(content="")).status_code == 400
    assert not ServiceRecord.objects.exists()


def test_without_htmx_a_recorded_service_returns_to_the_person(signed_in_as, caseworker, person):
    response = signed_in_as(caseworker).post(
        f"/assistance/people/{person.pk}/services/", service_form()
    )
    assert response.status_code == 302 and response.url == f"/people/{person.pk}/"


def test_pages_about_another_countys_people_are_not_found(
    signed_in_as, caseworker, make_user, stranger
):
    client = signed_in_as(caseworker)
    assert client.get(f"/assistance/people/{stranger.pk}/services/").status_code == 404
    assert (
        client.post(f"/assistance/people/{stranger.pk}/services/", service_form()).status_code
        == 404
    )
    join_group(stranger, "low_income")
    other = make_user("bj_worker", role="caseworker", region_code=BINJIANG)
    pairing = services.assign_caseworker(actor=other, person=stranger, caseworker=other)
    assert client.get(f"/assistance/pairings/{pairing.pk}/reassign/").status_code == 404
    follow_up = {"visited_on": "2026-01-01", "channel": "phone", "notes": "x"}
    assert (
        client.post(f"/assistance/pairings/{pairing.pk}/follow-up/", follow_up).status_code == 404
    )
    assert client.get("/assistance/1131/", {"region": "330100"}).status_code == 404


def test_analysts_do_not_see_named_lists(signed_in_as, make_user):
    client = signed_in_as(make_user("analyst", role="analyst", region_code="330000"))
    for url in ("/assistance/1131/overdue/", "/assistance/pairing/", "/assistance/1131/"):
        assert client.get(url).status_code == 404


def test_overdue_page_lists_what_is_missing(signed_in_as, caseworker, person, stranger):
    long_ago = timezone.localdate() - 200 * DAY
    put_on_ledger(person, long_ago)
    put_on_ledger(stranger, long_ago)

    page = signed_in_as(caseworker).get("/assistance/1131/overdue/").content.decode()

    assert "陈西湖" in page and "刘滨江" not in page
    assert "Job recommendation 0/3" in page
    assert person.identity_number not in page


def test_completion_page_rolls_up_by_county(signed_in_as, supervisor, caseworker, person):
    put_on_ledger(person, timezone.localdate() - 20 * DAY)
    serve_1131(caseworker, person, timezone.localdate() - 10 * DAY)

    page = signed_in_as(supervisor).get("/assistance/1131/").content.decode()

    assert "西湖区" in page and "滨江区" in page
    assert "100%" in page


def test_assign_suggested_pairs_everyone_listed(signed_in_as, supervisor, caseworker, make_person):
    for index in range(3):
        join_group(make_person(f"困难{index}"), "low_income")
    join_group(make_person("滨江无人负责", BINJIANG), "low_income")
    client = signed_in_as(supervisor)
    page = client.get("/assistance/pairing/").content.decode()
    assert "困难0" in page and "0 of 4 eligible people have a caseworker" in page
    assert "No caseworker covers this region." in page

    response = client.post("/assistance/pairing/assign/", {"q": ""})

    assert response.status_code == 302
    assert Pairing.objects.filter(caseworker=caseworker, ended_on__isnull=True).count() == 3
    assert "3 of 4 eligible people" in client.get("/assistance/pairing/").content.decode()


def test_my_people_today_shows_due_follow_ups_and_overdue_1131(
    signed_in_as, caseworker, make_user, make_person
):
    today = timezone.localdate()
    due, later = make_person("到期人"), make_person("未到期")
    for person, started in ((due, today - 30 * DAY), (later, today - 10 * DAY)):
        join_group(person, "disability")
        services.assign_caseworker(
            actor=caseworker, person=person, caseworker=caseworker, started_on=started
        )
    put_on_ledger(make_person("台账逾期"), today - 120 * DAY)

    page = signed_in_as(caseworker).get("/assistance/today/").content.decode()

    assert "到期人" in page and "未到期" not in page
    assert "台账逾期" in page
    nav = signed_in_as(caseworker).get("/").content.decode()
    assert "My people today" in nav and "1131 overdue" in nav


def test_reassign_page_hands_the_person_over(
    signed_in_as, supervisor, caseworker, make_user, person
):
    colleague = make_user("colleague", role="caseworker", region_code="330106")
    join_group(person, "low_income")
    pairing = services.assign_caseworker(actor=supervisor, person=person, caseworker=caseworker)
    client = signed_in_as(supervisor)

    response = client.post(
        f"/assistance/pairings/{pairing.pk}/reassign/",
        {"caseworker": colleague.pk, "on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 302
    assert Pairing.objects.get(ended_on__isnull=True).caseworker == colleague
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Pairing history" in page and "Reassigned to another caseworker" in page


def test_staff_left_button_hands_people_over(
    signed_in_as, supervisor, caseworker, make_user, person
):
    colleague = make_user("colleague", role="caseworker", region_code="330106")
    join_group(person, "low_income")
    services.assign_caseworker(actor=supervisor, person=person, caseworker=caseworker)
    client = signed_in_as(supervisor)
    assert "caseworker_xihu" in client.get("/assistance/caseworkers/").content.decode()

    client.post(f"/assistance/caseworkers/{caseworker.pk}/left/")

    assert Pairing.objects.get(ended_on__isnull=True).caseworker == colleague
    assert (
        signed_in_as(caseworker).post(f"/assistance/caseworkers/{colleague.pk}/left/").status_code
        == 404
    )


def test_follow_up_by_htmx_redraws_the_pairing_section(signed_in_as, caseworker, person):
    join_group(person, "low_income")
    pairing = services.assign_caseworker(
        actor=caseworker, person=person, caseworker=caseworker,
        started_on=timezone.localdate() - 40 * DAY,
    )  # fmt: skip
    client = signed_in_as(caseworker)

    html = client.post(
        f"/assistance/pairings/{pairing.pk}/follow-up/",
        {
            "visited_on": timezone.localdate().isoformat(),
            "channel": "home_visit",
            "notes": "上门走访",
        },
        headers=HTMX,
    ).content.decode()

    assert html.startswith('<div id="pairing-section">') and "上门走访" in html
    assert pairing.follow_ups.count() == 1


def test_a_citizen_sees_their_own_1131_counts_without_staff_tools(
    signed_in_as, citizen, caseworker, person
):
    person.account = citizen
    person.save()
    serve_1131(caseworker, person, timezone.localdate())

    response = signed_in_as(citizen).get(f"/people/{person.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "1131 complete" in page
    assert "Record a service" not in page and "服务" not in page
