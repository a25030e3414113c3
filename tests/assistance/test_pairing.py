"""Paired assistance: eligibility, balanced suggestions, reassignment, leavers, follow-ups."""

import datetime

import pytest
from django.db import IntegrityError
from django.db.models import Count

from minsheng.assistance import pairing_selectors, services
from minsheng.assistance.models import Pairing
from minsheng.core.errors import Conflict, NotFound
from minsheng.core.models import AuditEvent

from .conftest import BINJIANG, TODAY, join_group, status

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
START = datetime.date(2026, 1, 5)


@pytest.fixture
def colleagues(make_user):
    """Three caseworkers covering Xihu: two in the district, one city-wide; one in Binjiang."""
    make = make_user
    return {
        "wu": make("wu", role="caseworker", region_code="330106"),
        "an": make("an", role="caseworker", region_code="330106"),
        "city": make("city", role="caseworker", region_code="330100"),
        "binjiang": make("bj", role="caseworker", region_code=BINJIANG),
    }


@pytest.fixture
def needy(make_person):
    """A factory: a Xihu person in the low-income group."""

    def make(name, region_code="330106"):
        person = make_person(name, region_code)
        join_group(person, "low_income")
        return person

    return make


def test_eligibility_low_income_disability_or_long_term_unemployed(caseworker, make_person):
    poor, disabled, jobless = make_person("贫困"), make_person("残疾"), make_person("长期失业")
    join_group(poor, "low_income")
    join_group(disabled, "disability")
    status(jobless, "unemployed", TODAY - 400 * DAY)
    recently_jobless, graduate = make_person("短期失业"), make_person("毕业生")
    status(recently_jobless, "unemployed", TODAY - 100 * DAY)
    join_group(graduate, "college_graduate")
    former = make_person("已脱困")
    join_group(former, "low_income", since=datetime.date(2020, 1, 1), until=TODAY - DAY)

    eligible = pairing_selectors.eligible_people(actor=caseworker, as_of=TODAY)

    assert {p.name for p in eligible} == {"贫困", "残疾", "长期失业"}
    assert pairing_selectors.eligibility_reasons(jobless, TODAY) == ["Long-term unemployed"]
    assert pairing_selectors.eligibility_reasons(disabled, TODAY) == ["Person with disability"]
    assert pairing_selectors.eligibility_reasons(former, TODAY) == []


def test_assigning_needs_a_covering_caseworker_and_an_eligible_person(
    caseworker, colleagues, needy, make_person
):
    person = needy("甲")
    with pytest.raises(services.AssistanceError) as refused:
        services.assign_caseworker(
            actor=caseworker, person=person, caseworker=colleagues["binjiang"], started_on=START
        )
    assert refused.value.code == "caseworker_not_covering"
    with pytest.raises(services.AssistanceError) as refused:
        services.assign_caseworker(
            actor=caseworker, person=make_person("乙"), caseworker=colleagues["wu"]
        )
    assert refused.value.code == "not_eligible"

    pairing = services.assign_caseworker(
        actor=caseworker, person=person, caseworker=colleagues["city"], started_on=START
    )

    assert (pairing.caseworker, pairing.region_id, pairing.assigned_by) == (
        colleagues["city"],
        "330106",
        caseworker,
    )
    event = AuditEvent.objects.get(action="caseworker_assigned")
    assert (event.object_id, event.after["caseworker"]) == (str(pairing.pk), colleagues["city"].pk)


def test_one_open_pairing_per_person(caseworker, colleagues, needy):
    person = needy("丙")
    services.assign_caseworker(actor=caseworker, person=person, caseworker=colleagues["wu"])
    with pytest.raises(Conflict):
        services.assign_caseworker(actor=caseworker, person=person, caseworker=colleagues["an"])
    with pytest.raises(IntegrityError):
        Pairing.objects.create(
            person=person, caseworker=colleagues["an"], region_id="330106",
            province_code="330000", started_on=START,
        )  # fmt: skip


def test_inactive_caseworkers_cannot_be_assigned(caseworker, colleagues, needy):
    colleagues["wu"].is_active = False
    colleagues["wu"].save()
    with pytest.raises(services.AssistanceError):
        services.assign_caseworker(
            actor=caseworker, person=needy("丁"), caseworker=colleagues["wu"]
        )


def test_suggestions_balance_caseloads_ties_by_name(caseworker, colleagues, needy):
    colleagues["an"].first_name, colleagues["wu"].first_name = "Zhang", "Bai"
    colleagues["an"].save()
    colleagues["wu"].save()
    services.assign_caseworker(
        actor=caseworker, person=needy("老一"), caseworker=colleagues["city"]
    )
    services.assign_caseworker(
        actor=caseworker, person=needy("老二"), caseworker=colleagues["city"]
    )
    # The demo fixture's own caseworker also covers Xihu; give them a heavy load.
    for index in range(3):
        services.assign_caseworker(
            actor=caseworker, person=needy(f"重{index}"), caseworker=caseworker
        )
    for index in range(4):
        needy(f"新{index}")

    people = pairing_selectors.eligible_people(actor=caseworker, as_of=TODAY, unpaired_only=True)
    suggested = {s.person.name: s.caseworker for s in pairing_selectors.suggestions_for(people)}

    # Loads: wu (Bai) 0, an (Zhang) 0, city 2, caseworker_xihu 3; ties go to Bai.
    assert {name: user.username for name, user in suggested.items()} == {
        "新0": "wu", "新1": "an", "新2": "wu", "新3": "an",
    }  # fmt: skip

    created = services.assign_suggested(actor=caseworker, people=list(people), on=TODAY)

    loads = dict(
        Pairing.objects.filter(ended_on__isnull=True)
        .values_list("caseworker__username")
        .annotate(n=Count("id"))
    )
    assert len(created) == 4
    assert loads == {"wu": 2, "an": 2, "city": 2, "caseworker_xihu": 3}
    assert AuditEvent.objects.filter(action="caseworker_assigned", reason="suggested").count() == 4


def test_reassignment_ends_the_old_pairing_and_keeps_history(caseworker, colleagues, needy):
    person = needy("戊")
    first = services.assign_caseworker(
        actor=caseworker, person=person, caseworker=colleagues["wu"], started_on=START
    )

    second = services.reassign(
        actor=caseworker, pairing=first, caseworker=colleagues["an"], on=START + 30 * DAY
    )

    first.refresh_from_db()
    assert (first.ended_on, first.end_reason, first.caseworker) == (
        START + 30 * DAY,
        "reassigned",
        colleagues["wu"],
    )
    assert (second.started_on, second.caseworker, second.ended_on) == (
        START + 30 * DAY,
        colleagues["an"],
        None,
    )
    history = pairing_selectors.pairing_list(actor=caseworker, person=person, open_only=False)
    assert [p.caseworker.username for p in history] == ["an", "wu"]
    actions = list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))
    assert actions[-2:] == ["pairing_ended", "caseworker_assigned"]
    with pytest.raises(Conflict):
        services.reassign(actor=caseworker, pairing=first, caseworker=colleagues["city"])


def test_staff_left_hands_every_person_over_balanced(supervisor, caseworker, colleagues, needy):
    leaving = colleagues["wu"]
    people = [needy(f"己{index}") for index in range(4)]
    for person in people:
        services.assign_caseworker(
            actor=supervisor, person=person, caseworker=leaving, started_on=START
        )

    moved = services.staff_left(actor=supervisor, caseworker=leaving, on=TODAY)

    assert len(moved) == 4
    assert not Pairing.objects.filter(caseworker=leaving, ended_on__isnull=True).exists()
    ended = Pairing.objects.filter(caseworker=leaving)
    assert {(p.ended_on, p.end_reason) for p in ended} == {(TODAY, "staff_left")}
    # Colleagues all start at 0 and take turns in name order: an, caseworker_xihu, city.
    assert [p.caseworker.username for p in moved] == ["an", "caseworker_xihu", "city", "an"]
    assert [p.person.name for p in moved] == ["己0", "己1", "己2", "己3"]
    assert AuditEvent.objects.filter(action="pairing_ended").count() == 4


def test_staff_left_changes_nothing_when_nobody_can_take_over(supervisor, make_user, needy):
    only = make_user("only_binjiang", role="caseworker", region_code=BINJIANG)
    person = needy("庚", BINJIANG)
    services.assign_caseworker(actor=supervisor, person=person, caseworker=only, started_on=START)

    with pytest.raises(services.AssistanceError) as refused:
        services.staff_left(actor=supervisor, caseworker=only, on=TODAY)

    assert refused.value.code == "no_successor"
    assert Pairing.objects.get().ended_on is None


def test_staff_left_outside_the_scope_is_not_found(caseworker, make_user):
    stranger = make_user("beijing_worker", role="caseworker", region_code="110105")
    with pytest.raises(NotFound):
        services.staff_left(actor=caseworker, caseworker=stranger)


def test_follow_ups_fall_due_at_the_parameter_interval(caseworker, needy):
    person = needy("辛")
    pairing = services.assign_caseworker(
        actor=caseworker, person=person, caseworker=caseworker, started_on=START
    )
    assert pairing_selectors.next_follow_up_due(pairing, START) == START + 30 * DAY

    def due_on(as_of):
        rows = pairing_selectors.follow_ups_due(
            actor=caseworker, as_of=as_of, caseworker=caseworker
        )
        return [p.person.name for p in rows]

    assert due_on(START + 29 * DAY) == []
    assert due_on(START + 30 * DAY) == ["辛"]

    services.record_follow_up(
        actor=caseworker, pairing=pairing, visited_on=START + 35 * DAY, channel="home_visit",
        notes="上门走访，推荐岗位两个",
    )  # fmt: skip

    assert due_on(START + 40 * DAY) == []
    assert pairing_selectors.next_follow_up_due(pairing, TODAY) == START + 65 * DAY
    assert due_on(START + 65 * DAY) == ["辛"]
    event = AuditEvent.objects.get(action="follow_up_recorded")
    assert event.after["pairing"] == pairing.pk


def test_follow_ups_need_notes_and_a_date_within_the_pairing(caseworker, needy):
    pairing = services.assign_caseworker(
        actor=caseworker, person=needy("壬"), caseworker=caseworker, started_on=START
    )
    with pytest.raises(services.AssistanceError) as refused:
        services.record_follow_up(
            actor=caseworker, pairing=pairing, visited_on=START - DAY, channel="phone", notes="x"
        )
    assert refused.value.field == "visited_on"
    with pytest.raises(services.AssistanceError) as refused:
        services.record_follow_up(
            actor=caseworker, pairing=pairing, visited_on=START, channel="phone", notes=" "
        )
    assert refused.value.field == "notes"


def test_coverage_counts_eligible_and_paired_by_county(supervisor, caseworker, needy):
    paired, _unpaired = needy("癸"), needy("子")
    needy("丑", BINJIANG)
    services.assign_caseworker(actor=supervisor, person=paired, caseworker=caseworker)

    overall, counties = pairing_selectors.coverage_by_county(
        actor=supervisor, as_of=TODAY.today(), region_code="330100"
    )

    assert (overall.eligible, overall.paired) == (3, 1)
    by_code = {row.region_code: row for row in counties}
    assert (by_code["330106"].eligible, by_code["330106"].paired) == (2, 1)
    assert by_code["330106"].rate == 0.5
    assert (by_code["330108"].eligible, by_code["330108"].paired) == (1, 0)
