"""The 1131 view: what counts, the overdue list with its dated parameter, completion rates."""

import dataclasses
import datetime

import pytest

from minsheng.assistance import selectors
from minsheng.core import parameters
from minsheng.core.errors import NotFound

from .conftest import BINJIANG, CHAOYANG, TODAY, put_on_ledger, serve, serve_1131

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def missing_labels(completeness) -> list[str]:
    return [str(row.label) for row in completeness.missing]


def test_three_job_recommendations_are_needed(caseworker, make_person):
    person = make_person("赵一")
    serve(caseworker, person, "policy_briefing", TODAY)
    serve(caseworker, person, "career_guidance", TODAY)
    serve(caseworker, person, "internship_opportunity", TODAY)
    serve(caseworker, person, "job_recommendation", TODAY, times=2)

    two = selectors.person_1131(person=person, as_of=TODAY)
    assert not two.complete
    assert missing_labels(two) == ["Job recommendation"]
    assert (two.missing[0].have, two.missing[0].needed) == (2, 3)

    serve(caseworker, person, "job_recommendation", TODAY)
    assert selectors.person_1131(person=person, as_of=TODAY).complete


def test_training_or_internship_either_counts(caseworker, make_person):
    person = make_person("赵二")
    serve(caseworker, person, "policy_briefing", TODAY)
    serve(caseworker, person, "career_guidance", TODAY)
    serve(caseworker, person, "job_recommendation", TODAY, times=3)
    assert missing_labels(selectors.person_1131(person=person, as_of=TODAY)) == [
        "Training or internship opportunity"
    ]
    serve(caseworker, person, "internship_opportunity", TODAY)
    assert selectors.person_1131(person=person, as_of=TODAY).complete


def test_only_the_current_ledger_stay_counts(caseworker, make_person):
    person = make_person("赵三")
    first_stay = datetime.date(2025, 1, 1)
    put_on_ledger(person, first_stay, exited_on=datetime.date(2025, 6, 1))
    serve_1131(caseworker, person, datetime.date(2025, 3, 1))
    assert selectors.person_1131(person=person, as_of=datetime.date(2025, 5, 1)).complete

    put_on_ledger(person, datetime.date(2026, 1, 1))
    serve(caseworker, person, "policy_briefing", datetime.date(2026, 2, 1))

    now = selectors.person_1131(person=person, as_of=TODAY)
    assert now.since == datetime.date(2026, 1, 1)
    assert {str(row.label): row.have for row in now.rows} == {
        "Policy briefing": 1,
        "Career guidance": 0,
        "Job recommendation": 0,
        "Training or internship opportunity": 0,
    }


def test_without_a_ledger_stay_every_service_counts(caseworker, make_person):
    person = make_person("赵四")
    serve_1131(caseworker, person, datetime.date(2020, 1, 1))
    completeness = selectors.person_1131(person=person, as_of=TODAY)
    assert completeness.complete and completeness.since is None


def test_overdue_lists_long_stays_without_a_complete_1131_and_what_is_missing(
    caseworker, make_person
):
    overdue_days = parameters.value("assistance.overdue_days", TODAY, region_code="330106")
    long_stay = TODAY - (overdue_days + 1) * DAY
    late = make_person("钱逾期")
    put_on_ledger(late, long_stay)
    serve(caseworker, late, "job_recommendation", long_stay, times=2)
    done = make_person("钱完成")
    put_on_ledger(done, long_stay)
    serve_1131(caseworker, done, long_stay)
    recent = make_person("钱新近")
    put_on_ledger(recent, TODAY - overdue_days * DAY)

    rows = list(selectors.overdue_list(actor=caseworker, as_of=TODAY))

    assert [row.person.name for row in rows] == ["钱逾期"]
    missing = selectors.completeness_of(rows[0]).missing
    assert [(str(m.label), m.have, m.needed) for m in missing] == [
        ("Policy briefing", 0, 1),
        ("Career guidance", 0, 1),
        ("Job recommendation", 2, 3),
        ("Training or internship opportunity", 0, 1),
    ]


def test_overdue_follows_the_dated_parameter_per_region(
    caseworker, supervisor, make_person, monkeypatch
):
    changed = dataclasses.replace(
        parameters.parameter("assistance.overdue_days"),
        values=(
            (datetime.date(2023, 1, 1), 90),
            (datetime.date(2026, 6, 1), {"330106": 30, "100000": 90}),
        ),
    )
    monkeypatch.setitem(parameters.all_parameters(), "assistance.overdue_days", changed)
    xihu, binjiang = make_person("孙西湖"), make_person("孙滨江", BINJIANG)
    for person in (xihu, binjiang):
        put_on_ledger(person, TODAY - 40 * DAY)

    def overdue_names(as_of):
        return {row.person.name for row in selectors.overdue_list(actor=supervisor, as_of=as_of)}

    assert overdue_names(TODAY) == {"孙西湖"}
    # Before the change every region waited 90 days.
    assert overdue_names(datetime.date(2026, 5, 31)) == set()


def test_completion_rate_counts_people_on_the_ledger_by_county(caseworker, supervisor, make_person):
    for index in range(4):
        person = make_person(f"李{index}")
        put_on_ledger(person, datetime.date(2026, 1, 1))
        if index < 3:
            serve_1131(caseworker, person, datetime.date(2026, 2, 1))
    left = make_person("李已离开")
    put_on_ledger(left, datetime.date(2026, 1, 1), exited_on=datetime.date(2026, 3, 1))
    serve_1131(caseworker, left, datetime.date(2026, 2, 1))
    serve_1131(caseworker, make_person("李不在台账"), datetime.date(2026, 2, 1))
    put_on_ledger(make_person("周滨江", BINJIANG), datetime.date(2026, 1, 1))
    put_on_ledger(make_person("周朝阳", CHAOYANG), datetime.date(2026, 1, 1))

    overall, counties = selectors.completion_by_county(
        actor=supervisor, as_of=TODAY, region_code="330100"
    )

    assert (overall.on_ledger, overall.complete) == (5, 3)
    by_code = {row.region_code: row for row in counties}
    assert (by_code["330106"].on_ledger, by_code["330106"].complete) == (4, 3)
    assert by_code["330106"].rate == 0.75
    assert (by_code["330108"].on_ledger, by_code["330108"].complete) == (1, 0)
    assert by_code["330102"].rate is None
    assert "110105" not in by_code


def test_completion_outside_the_scope_is_not_found(caseworker):
    with pytest.raises(NotFound):
        selectors.completion_by_county(actor=caseworker, as_of=TODAY, region_code="330100")
