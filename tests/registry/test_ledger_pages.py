"""Ledger pages: the ledger list, registering, editing with a version, the person page actions."""

import datetime

import pytest
from stdnum.cn import ric

from minsheng.core.models import AuditEvent
from minsheng.registry import services
from minsheng.registry.models import LedgerEntry, Person, StatusChange

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def signed_in(signed_in_as, caseworker):
    return signed_in_as(caseworker)


@pytest.fixture
def graduate(caseworker, make_person):
    person = make_person("赵毕业", "330106", sequence=9)
    person.education, person.graduation_date = "bachelor", D(2025, 6, 30)
    person.save()
    return person


def put_on_ledger(actor, person, day=None, reason="graduate_not_employed"):
    return services.enter_ledger(
        actor=actor, person=person, reason=reason, entered_on=day or D(2025, 7, 1)
    )


def test_the_ledger_page_lists_open_stays_in_the_county_only(
    signed_in, caseworker, administrator, graduate, people
):
    put_on_ledger(caseworker, graduate)
    put_on_ledger(administrator, people["binjiang"], reason="other")  # another county
    closed = put_on_ledger(caseworker, people["xihu"], reason="other")
    services.exit_ledger(
        actor=caseworker, entry=closed, reason="moved_away", exited_on=D(2025, 8, 1)
    )

    page = signed_in.get("/people/ledger/").content.decode()

    assert "赵毕业" in page
    assert "李滨江" not in page and "王西湖" not in page
    assert graduate.identity_number not in page
    assert 'href="/people/ledger/"' in page  # the navigation entry


def test_the_ledger_can_be_searched_and_filtered_with_htmx(signed_in, caseworker, graduate):
    put_on_ledger(caseworker, graduate)
    services.record_status_change(
        actor=caseworker, person=graduate, status="unemployed", since=D(2025, 6, 30)
    )

    by_name = signed_in.get("/people/ledger/", {"q": "赵"}, headers={"HX-Request": "true"})
    assert "赵毕业" in by_name.content.decode()
    assert "<html" not in by_name.content.decode()  # only the results table
    by_number = signed_in.get("/people/ledger/", {"q": graduate.identity_number})
    assert "赵毕业" in by_number.content.decode()
    assert "赵毕业" not in signed_in.get("/people/ledger/", {"status": "employed"}).content.decode()
    assert "赵毕业" in signed_in.get("/people/ledger/", {"status": "unemployed"}).content.decode()
    early = signed_in.get("/people/ledger/", {"entered_before": "2025-07-01"})
    assert "赵毕业" not in early.content.decode()
    long_term = signed_in.get("/people/ledger/", {"group": "long_term_unemployed"})
    assert "赵毕业" in long_term.content.decode()  # unemployed since 2025-06-30
    assert signed_in.get("/people/ledger/", {"entered_before": "not-a-date"}).status_code == 200


def test_registering_shows_errors_next_to_fields_and_then_the_person(signed_in):
    body = "33010620000229002"
    number = body + ric.calc_check_digit(body + "0")

    refused = signed_in.post(
        "/people/register/",
        {"identity_number": number[:-1] + "0", "name": "钱二月", "region_code": "330106"},
    )
    assert refused.status_code == 400
    assert 'id="id_identity_number-error"' in refused.content.decode()
    elsewhere = signed_in.post(
        "/people/register/", {"identity_number": number, "name": "钱二月", "region_code": "110105"}
    )
    assert 'id="id_region_code-error"' in elsewhere.content.decode()
    assert not Person.objects.exists()

    created = signed_in.post(
        "/people/register/", {"identity_number": number, "name": "钱二月", "region_code": "330106"}
    )

    person = Person.objects.get()
    assert created.status_code == 302 and created.url == f"/people/{person.pk}/"
    assert person.birth_date == D(2000, 2, 29)
    duplicate = signed_in.post(
        "/people/register/", {"identity_number": number, "name": "钱二月", "region_code": "330106"}
    )
    assert duplicate.status_code == 409


def test_two_clerks_editing_at_once_the_second_is_refused(
    signed_in_as, caseworker, supervisor, people
):
    person = people["xihu"]
    form = {"name": "王西湖", "region_code": "330106", "phone": "13812345678", "version": "1"}
    first = signed_in_as(caseworker).post(f"/people/{person.pk}/edit/", form | {"major": "法学"})
    assert first.status_code == 302

    second = signed_in_as(supervisor).post(f"/people/{person.pk}/edit/", form | {"name": "王东"})

    assert second.status_code == 409
    assert 'class="notice" role="alert"' in second.content.decode()
    stored = Person.objects.get(pk=person.pk)
    assert (stored.name, stored.major, stored.version) == ("王西湖", "法学", 2)


def test_the_edit_form_carries_the_version_and_masks_the_number(signed_in, people):
    page = signed_in.get(f"/people/{people['xihu'].pk}/edit/").content.decode()
    assert 'type="hidden" name="version" value="1"' in page
    assert people["xihu"].identity_number not in page


def test_a_new_job_offers_the_ledger_exit_which_the_clerk_confirms(signed_in, caseworker, graduate):
    entry = put_on_ledger(caseworker, graduate)
    url = f"/people/{graduate.pk}/"

    missing_employer = signed_in.post(
        url + "status/", {"status": "employed", "since": "2025-09-01"}
    )
    assert missing_employer.status_code == 400
    assert 'id="id_employer_name-error"' in missing_employer.content.decode()

    recorded = signed_in.post(
        url + "status/",
        {"status": "employed", "since": "2025-09-01", "employer_name": "杭州某有限公司"},
    )
    assert recorded.status_code == 302 and "offer_exit=" in recorded.url
    offer = signed_in.get(recorded.url).content.decode()
    assert 'value="2025-09-01"' in offer and 'value="employed" selected' in offer
    assert LedgerEntry.objects.get(pk=entry.pk).exited_on is None  # offered, not done

    too_early = signed_in.post(
        url + f"ledger/{entry.pk}/exit/", {"reason": "employed", "exited_on": "2025-06-01"}
    )
    assert too_early.status_code == 400
    assert 'id="id_exited_on-error"' in too_early.content.decode()
    signed_in.post(
        url + f"ledger/{entry.pk}/exit/", {"reason": "employed", "exited_on": "2025-09-01"}
    )

    page = signed_in.get(url).content.decode()
    assert LedgerEntry.objects.get(pk=entry.pk).exit_reason == "employed"
    assert "timeline-ledger_exit" in page and "timeline-status" in page
    assert "杭州某有限公司" in page


def test_wishes_and_key_groups_from_the_person_page(signed_in, graduate):
    url = f"/people/{graduate.pk}/"
    signed_in.post(
        url + "wishes/",
        {"occupation_code": "2-02-10-03", "region_code": "330106", "expected_monthly_pay": "8000"},
    )
    wish = graduate.wishes.get()
    bad_group = signed_in.post(
        url + "groups/", {"group": "disability", "since": "2024-01-01", "category": "physical"}
    )
    assert bad_group.status_code == 400
    assert 'id="id_grade-error"' in bad_group.content.decode()
    signed_in.post(url + "groups/", {"group": "college_graduate", "since": "2025-06-30"})
    membership = graduate.memberships.get()
    signed_in.post(url + f"groups/{membership.pk}/end/", {"until": "2027-06-30"})
    signed_in.post(url + f"wishes/{wish.pk}/remove/")

    membership.refresh_from_db()
    assert membership.until == D(2027, 6, 30)
    assert not graduate.wishes.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"job_wish_added", "job_wish_removed", "membership_added", "membership_ended"} <= actions


def test_key_group_details_read_as_facts_in_the_readers_language(
    signed_in, english_client, caseworker, make_person
):
    disabled = make_person("孙残疾", "330106", sequence=12)
    returned = make_person("钱返乡", "330106", sequence=13)
    services.add_membership(
        actor=caseworker, person=disabled, group="disability", since=D(2024, 1, 1),
        details={"category": "intellectual", "grade": 4},
    )  # fmt: skip
    services.add_membership(
        actor=caseworker, person=returned, group="migrant_worker", since=D(2024, 1, 1),
        details={"home_region": "330106", "work_region": "340303", "returned_home": True},
    )  # fmt: skip
    chinese = {p: signed_in.get(f"/people/{p.pk}/").content.decode() for p in (disabled, returned)}
    english = english_client(caseworker)
    english = {p: english.get(f"/people/{p.pk}/").content.decode() for p in (disabled, returned)}

    assert "残疾类别: 智力残疾<br>残疾等级: " in chinese[disabled]
    assert "category: intellectual" not in chinese[disabled]
    assert "Disability category: Intellectual<br>Disability grade: Grade 4" in english[disabled]
    assert "浙江省杭州市西湖区<br>" in chinese[returned] and ": 是</td>" in chinese[returned]
    assert "home_region: 330106" not in chinese[returned]
    assert (
        "Home region: 浙江省杭州市西湖区<br>Work region: 安徽省蚌埠市蚌山区<br>"
        "Returned home to work: yes"
    ) in english[returned]


def test_another_countys_person_is_404_for_every_page_and_action(signed_in, people):
    other = people["binjiang"].pk
    for path in (f"/people/{other}/", f"/people/{other}/edit/"):
        assert signed_in.get(path).status_code == 404
    for path, data in (
        (f"/people/{other}/status/", {"status": "unemployed", "since": "2025-01-01"}),
        (f"/people/{other}/ledger/enter/", {"reason": "other", "entered_on": "2025-01-01"}),
        (f"/people/{other}/wishes/", {"region_code": "330106"}),
        (f"/people/{other}/edit/", {"name": "x", "region_code": "330106", "version": "1"}),
    ):
        assert signed_in.post(path, data).status_code == 404
    assert not StatusChange.objects.exists() and not LedgerEntry.objects.exists()


def test_read_only_roles_see_the_ledger_but_no_forms(signed_in_as, make_user, graduate):
    clerk = make_user("clerk_xihu", role="insurance_clerk", region_code="330106")
    client = signed_in_as(clerk)
    page = client.get(f"/people/{graduate.pk}/").content.decode()
    assert "赵毕业" in page and "/status/" not in page
    assert client.get("/people/register/").status_code == 404
    assert client.get("/people/ledger/").status_code == 200
