"""Merge proposals from record linkage: proposing, reviewing, merging, rejecting, scoping."""

import datetime

import pytest
from django.core.management import call_command
from stdnum.cn import ric

from minsheng.assistance.models import ServiceRecord
from minsheng.core.errors import Conflict, NotFound
from minsheng.core.models import AuditEvent
from minsheng.core.regions import region_tree
from minsheng.registry import dedup
from minsheng.registry.models import (
    JobWish,
    KeyGroupMembership,
    LedgerEntry,
    MergeProposal,
    Person,
    StatusChange,
)
from minsheng.registry.selectors import person_list

XIHU, BINJIANG = "330106", "330108"
BORN = datetime.date(2001, 6, 15)
SURNAMES = "赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英华玉兰"


def identity_number(region: str, born: datetime.date, sequence: int) -> str:
    body = f"{region}{born:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def add_person(name, region=XIHU, *, number="", born=BORN, phone="", school="") -> Person:
    return Person.objects.create(
        identity_number=number or None,
        name=name,
        sex="F",
        birth_date=born,
        region_id=region,
        province_code=region_tree().province_of(region),
        phone=phone,
        school=school,
    )


@pytest.fixture
def crowd(db):
    """Sixty distinct people, so that the linkage has a population to tell duplicates from."""
    for i in range(60):
        born = datetime.date(1975, 1, 1) + datetime.timedelta(days=131 * i)
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)] + GIVEN[i % len(GIVEN)]
        add_person(name, number=identity_number(XIHU, born, 100 + i), born=born,
                   phone=f"1590000{i:04d}")  # fmt: skip


@pytest.fixture
def twins(crowd):
    """The same graduate twice: once with an identity number, once from a list without one."""
    kept = add_person("林晓燕", number=identity_number(XIHU, BORN, 21), phone="13800001111",
                      school="浙江大学")  # fmt: skip
    duplicate = add_person("林晓燕", phone="13800001111", school="浙江大学")
    return kept, duplicate


@pytest.fixture
def namesake(crowd):
    return add_person("林晓燕", born=datetime.date(1980, 3, 3), phone="13911112222")


def pending_pairs():
    return set(
        MergeProposal.objects.filter(decision="pending").values_list("kept_id", "duplicate_id")
    )


def test_clear_duplicates_are_proposed_and_strangers_are_not(caseworker, twins, namesake):
    kept, duplicate = twins
    run = dedup.propose_merges(actor=caseworker)
    assert pending_pairs() == {(kept.pk, duplicate.pk)}
    assert run.records_compared == Person.objects.count()
    proposal = MergeProposal.objects.get()
    assert proposal.probability > 0.99
    assert proposal.evidence["levels"]["identity_number"] == "missing"
    assert proposal.evidence["levels"]["phone"] == "exact"
    assert AuditEvent.objects.filter(action="merge_proposed", object_id=str(proposal.pk)).exists()


def test_a_mistyped_identity_number_is_proposed_with_the_valid_one_kept(caseworker, crowd):
    number = identity_number(XIHU, BORN, 21)
    kept = add_person("林晓燕", number=number, phone="13800001111")
    mistyped = add_person("林晓燕", number=number[:14] + "9" + number[15:], phone="13800001111")
    dedup.propose_merges(actor=caseworker)
    assert pending_pairs() == {(kept.pk, mistyped.pk)}


def test_proposing_again_adds_nothing(caseworker, twins):
    dedup.propose_merges(actor=caseworker)
    again = dedup.propose_merges(actor=caseworker)
    assert again.pairs_found == 1
    assert again.proposals_created == []
    assert MergeProposal.objects.count() == 1


def test_a_rejected_pair_is_not_proposed_again(caseworker, twins):
    dedup.propose_merges(actor=caseworker)
    proposal = MergeProposal.objects.get()
    dedup.reject_merge(actor=caseworker, proposal_id=proposal.pk)
    dedup.propose_merges(actor=caseworker)
    proposal.refresh_from_db()
    assert MergeProposal.objects.count() == 1
    assert (proposal.decision, proposal.decided_by) == ("rejected", caseworker)
    assert dedup.proposal_list(actor=caseworker).count() == 0
    assert AuditEvent.objects.filter(action="merge_rejected", object_id=str(proposal.pk)).exists()
    with pytest.raises(Conflict):
        dedup.confirm_merge(actor=caseworker, proposal_id=proposal.pk)


def give_history(person, caseworker, *, since):
    KeyGroupMembership.objects.create(person=person, group="college_graduate", since=since)
    StatusChange.objects.create(person=person, status="unemployed", since=since)
    JobWish.objects.create(person=person, occupation_code="2-02-10-03")
    LedgerEntry.objects.create(person=person, region_id=person.region_id, province_code="330000",
                               reason="graduate_not_employed", entered_on=since)  # fmt: skip
    ServiceRecord.objects.create(person=person, kind="policy_briefing", delivered_on=since,
                                 channel="phone", content="政策宣讲", staff=caseworker,
                                 region_id=person.region_id, province_code="330000")  # fmt: skip


def test_a_confirmed_merge_moves_the_records_and_keeps_the_duplicate_row(caseworker, twins):
    kept, duplicate = twins
    give_history(kept, caseworker, since=datetime.date(2024, 7, 1))
    give_history(duplicate, caseworker, since=datetime.date(2024, 9, 1))
    duplicate_service = ServiceRecord.objects.get(person=duplicate)
    dedup.propose_merges(actor=caseworker)
    proposal = MergeProposal.objects.get()

    dedup.confirm_merge(actor=caseworker, proposal_id=proposal.pk)

    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert StatusChange.objects.filter(person=kept).count() == 2
    assert JobWish.objects.filter(person=kept).count() == 2
    # The kept person is a graduate already: a second open membership stays with the duplicate.
    assert KeyGroupMembership.objects.filter(person=kept).count() == 1
    assert KeyGroupMembership.objects.filter(person=duplicate).count() == 1
    assert ServiceRecord.objects.get(pk=duplicate_service.pk).person == kept
    # One ledger stay at a time: the duplicate's stay was closed, then moved as history.
    stays = LedgerEntry.objects.filter(person=kept)
    assert stays.count() == 2
    assert stays.filter(exited_on__isnull=True).count() == 1
    assert list(person_list(actor=caseworker).filter(name="林晓燕")) == [kept]
    proposal.refresh_from_db()
    assert (proposal.decision, proposal.decided_by) == ("merged", caseworker)
    event = AuditEvent.objects.get(action="person_merged")
    assert event.object_id == str(duplicate.pk)
    assert event.before["merged_into"] is None
    assert event.after["merged_into"] == kept.pk
    assert event.after["moved_to_kept"]["assistance.servicerecord"] == [duplicate_service.pk]


def test_a_membership_the_kept_person_already_has_stays_with_the_duplicate(caseworker, twins):
    _kept, duplicate = twins
    for person in twins:
        KeyGroupMembership.objects.create(
            person=person, group="college_graduate", since=datetime.date(2024, 7, 1)
        )
    dedup.propose_merges(actor=caseworker)
    dedup.confirm_merge(actor=caseworker, proposal_id=MergeProposal.objects.get().pk)
    assert KeyGroupMembership.objects.filter(person=duplicate).count() == 1
    event = AuditEvent.objects.get(action="person_merged")
    assert "registry.keygroupmembership" in event.after["left_with_duplicate"]


def test_proposals_across_the_region_boundary_are_invisible_to_a_county(
    caseworker, supervisor, crowd
):
    add_person("林晓燕", number=identity_number(XIHU, BORN, 21), phone="13800001111")
    add_person("林晓燕", BINJIANG, phone="13800001111")
    assert dedup.propose_merges(actor=caseworker).proposals_created == []
    dedup.propose_merges(actor=supervisor)
    proposal = MergeProposal.objects.get()
    assert dedup.proposal_list(actor=caseworker).count() == 0
    with pytest.raises(NotFound):
        dedup.proposal_get(actor=caseworker, proposal_id=proposal.pk)
    with pytest.raises(NotFound):
        dedup.confirm_merge(actor=caseworker, proposal_id=proposal.pk)
    assert dedup.proposal_list(actor=supervisor).get() == proposal


def test_the_review_page_masks_identifiers_and_merges(signed_in_as, caseworker, twins):
    kept, duplicate = twins
    dedup.propose_merges(actor=caseworker)
    proposal = MergeProposal.objects.get()
    client = signed_in_as(caseworker)

    listing = client.get("/people/duplicates/")
    assert listing.status_code == 200
    assert "林晓燕" in listing.content.decode()
    detail = client.get(f"/people/duplicates/{proposal.pk}/").content.decode()
    assert kept.identity_number not in detail and "13800001111" not in detail
    assert "138****1111" in detail

    response = client.post(f"/people/duplicates/{proposal.pk}/decide/", {"decision": "merged"})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept


def test_pages_hide_proposals_out_of_scope_and_from_analysts(signed_in_as, make_user, twins):
    dedup.propose_merges(actor=None)
    proposal = MergeProposal.objects.get()
    chaoyang = make_user("caseworker_chaoyang", role="caseworker", region_code="110105")
    assert signed_in_as(chaoyang).get(f"/people/duplicates/{proposal.pk}/").status_code == 404
    assert (
        signed_in_as(chaoyang)
        .post(f"/people/duplicates/{proposal.pk}/decide/", {"decision": "merged"})
        .status_code
        == 404
    )
    analyst = make_user("analyst", role="analyst", region_code="330100")
    assert signed_in_as(analyst).get("/people/duplicates/").status_code == 404
    assert MergeProposal.objects.get().decision == "pending"


def test_the_api_lists_masked_pairs_and_rejects(api_client_for, make_user, supervisor, twins):
    api = api_client_for(supervisor)
    run = api.post("/duplicates/propose", {"region_code": "330100"})
    assert run.status_code == 200 and len(run.json()["proposals_created"]) == 1
    listing = api.get("/duplicates").json()
    assert listing["count"] == 1
    pair = listing["items"][0]
    assert pair["duplicate"]["phone_masked"] == "138****1111"
    assert twins[0].identity_number not in str(pair)

    outsider = api_client_for(make_user("cw_chaoyang", role="caseworker", region_code="110105"))
    assert outsider.post(f"/duplicates/{pair['id']}/reject", {}).status_code == 404
    rejected = api.post(f"/duplicates/{pair['id']}/reject", {})
    assert rejected.status_code == 200 and rejected.json()["decision"] == "rejected"
    assert api.post(f"/duplicates/{pair['id']}/merge", {}).status_code == 409


def test_the_command_proposes_for_a_region(twins, capsys):
    call_command("dedup", "propose", "--region", XIHU)
    assert "1 new for review" in capsys.readouterr().out
    call_command("dedup", "propose", "--region", XIHU)
    assert "0 new for review" in capsys.readouterr().out
