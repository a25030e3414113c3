import datetime

import pytest
from django.utils import timezone

from minsheng.registry import selectors
from minsheng.registry.models import (
    JobWish,
    KeyGroup,
    KeyGroupMembership,
    LedgerEntry,
    StatusChange,
)
from minsheng.registry.selectors import people_overview, person_list

pytestmark = pytest.mark.django_db


def names(queryset) -> set[str]:
    return set(queryset.values_list("name", flat=True))


def test_staff_see_people_of_their_subtree(people, caseworker, supervisor, administrator):
    assert names(person_list(actor=caseworker)) == {"王西湖"}
    assert names(person_list(actor=supervisor)) == {"王西湖", "李滨江"}
    assert names(person_list(actor=administrator)) == {"王西湖", "李滨江", "张朝阳"}


def test_citizen_sees_only_their_own_record(people, citizen, make_person):
    mine = make_person("陈本人", "330106", sequence=5, account=citizen)

    assert list(person_list(actor=citizen)) == [mine]


def test_overview_counts_current_key_group_members_in_scope(people, caseworker):
    KeyGroupMembership.objects.create(
        person=people["xihu"], group=KeyGroup.COLLEGE_GRADUATE, since=datetime.date(2024, 7, 1)
    )
    KeyGroupMembership.objects.create(
        person=people["binjiang"], group=KeyGroup.COLLEGE_GRADUATE, since=datetime.date(2024, 7, 1)
    )

    overview = people_overview(actor=caseworker)

    assert overview["total"] == 1
    assert dict(overview["groups"])[KeyGroup.COLLEGE_GRADUATE.label] == 1


# The statistics snapshot's reads: a system job's, so every region, no actor.
SNAPSHOT_DAY = datetime.date(2026, 9, 30)


def rows_of(chunks) -> list[dict]:
    return [
        dict(zip(chunk, values, strict=True))
        for chunk in chunks
        for values in zip(*chunk.values(), strict=True)
    ]


@pytest.fixture
def histories(people):
    """Each person unemployed since June with a wish and a ledger stay; Binjiang's record was
    merged into Xihu's, and Chaoyang (Beijing) found work after the snapshot day."""
    people["binjiang"].merged_into = people["xihu"]
    people["binjiang"].save()
    made = {}
    for key, person in people.items():
        wish = JobWish.objects.create(
            person=person, occupation_code="6-18-02-04", region_id=person.region_id
        )
        status = StatusChange.objects.create(
            person=person,
            status="unemployed",
            since=datetime.date(2026, 6, 1),
            employer_name="杭州恒泰机械制造有限公司",
            note="工厂关闭",
        )
        stay = LedgerEntry.objects.create(
            person=person,
            region_id=person.region_id,
            province_code=person.province_code,
            reason="registered_youth",
            entered_on=datetime.date(2026, 6, 2),
        )
        made[key] = {"wish": wish, "status": status, "stay": stay}
    LedgerEntry.objects.filter(pk=made["chaoyang"]["stay"].pk).update(
        exited_on=datetime.date(2026, 10, 8), exit_reason="employed"
    )
    StatusChange.objects.create(
        person=people["chaoyang"], status="employed", since=datetime.date(2026, 10, 8)
    )
    return made


def test_snapshot_reads_cover_every_region_but_not_merged_records_or_later_days(people, histories):
    kept = [histories["xihu"], histories["chaoyang"]]
    wishes = rows_of(selectors.job_wishes_for_snapshot(as_of=timezone.localdate()))
    assert [(w["wish_id"], w["region_code"], w["person_region_code"]) for w in wishes] == [
        (kept[0]["wish"].pk, "330106", "330106"), (kept[1]["wish"].pk, "110105", "110105"),
    ]  # fmt: skip
    changes = rows_of(selectors.status_changes_for_snapshot(as_of=SNAPSHOT_DAY))
    assert [(c["change_id"], c["province_code"], c["status"]) for c in changes] == [
        (kept[0]["status"].pk, "330000", "unemployed"),
        (kept[1]["status"].pk, "110000", "unemployed"),
    ]
    stays = selectors.ledger_entries_for_snapshot(as_of=SNAPSHOT_DAY)
    assert stays.count() == 2
    assert [(s["entry_id"], s["exited_on"]) for s in rows_of(stays)] == [
        (kept[0]["stay"].pk, None), (kept[1]["stay"].pk, datetime.date(2026, 10, 8)),
    ]  # fmt: skip
    assert rows_of(selectors.status_changes_for_snapshot(as_of=datetime.date(2026, 5, 31))) == []


def test_snapshot_reads_hold_no_names_identity_numbers_phones_or_notes(people, histories):
    today = timezone.localdate()
    reads = [
        selectors.job_wishes_for_snapshot(as_of=today),
        selectors.status_changes_for_snapshot(as_of=today),
        selectors.ledger_entries_for_snapshot(as_of=today),
    ]
    values = {str(value) for read in reads for row in rows_of(read) for value in row.values()}
    for person in people.values():
        assert not {person.name, person.identity_number, person.phone} & values
    assert not {"杭州恒泰机械制造有限公司", "工厂关闭"} & values
