"""Dashboard counts: live for a county, tallied above it, and the copies they read kept in step.

Every figure is checked against a recount straight from people (joins, the slow way), after
each kind of write that could leave a copied region or a tally behind.
"""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone
from tests.registry.conftest import identity

from minsheng.core.errors import Conflict
from minsheng.core.regions import region_tree
from minsheng.demo.services import generate
from minsheng.registry import dedup, services
from minsheng.registry.imports import import_people
from minsheng.registry.models import (
    KeyGroup,
    KeyGroupMembership,
    LedgerEntry,
    LedgerReason,
    MergeProposal,
    Person,
    RegionTally,
)
from minsheng.registry.selectors import ledger_list, people_overview
from minsheng.registry.tallies import refresh_region_tallies

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 25)
HANGZHOU, XIHU, BINJIANG = "330100", "330106", "330108"
LOW_INCOME = {"kind": "minimum_living_allowance"}


def figures(overview: dict) -> tuple:
    return overview["total"], dict(overview["groups"]), dict(overview["ledger"])


def recounted(region_code: str) -> tuple:
    """The same figures from people and their rows, without any copy or tally."""
    codes = sorted(region_tree().subtree(region_code))
    people = Person.objects.filter(region__in=codes, merged_into__isnull=True)
    members = {
        group.label: people.filter(memberships__group=group, memberships__until__isnull=True)
        .distinct()
        .count()
        for group in KeyGroup
    }
    stays = LedgerEntry.objects.filter(
        region__in=codes, exited_on__isnull=True, person__merged_into__isnull=True
    )
    ledger = {reason.label: stays.filter(reason=reason).count() for reason in LedgerReason}
    return people.count(), members, ledger


def memberships_off_their_persons_region() -> int:
    return KeyGroupMembership.objects.exclude(region=F("person__region")).count()


def register(actor, region_code: str, sequence: int, **fields) -> Person:
    return services.register_person(
        actor=actor,
        identity_number=identity(region_code, "20010615", sequence),
        name=f"测试{sequence}",
        region_code=region_code,
        education="bachelor",
        graduation_date=D(2024, 6, 30),
        today=TODAY,
        **fields,
    )


@pytest.fixture
def town(supervisor):
    """Three graduates (two in Xihu, one in Binjiang), all on the ledger, one also low-income."""
    people = [register(supervisor, XIHU, 1), register(supervisor, XIHU, 3)]
    people.append(register(supervisor, BINJIANG, 5))
    for person in people:
        services.add_membership(
            actor=supervisor, person=person, group=KeyGroup.COLLEGE_GRADUATE, since=D(2024, 7, 1)
        )
        services.enter_ledger(
            actor=supervisor,
            person=person,
            reason=LedgerReason.GRADUATE_NOT_EMPLOYED,
            entered_on=D(2024, 7, 1),
            today=TODAY,
        )
    services.add_membership(
        actor=supervisor, person=people[0], group=KeyGroup.LOW_INCOME, since=D(2025, 1, 1),
        details=LOW_INCOME,
    )  # fmt: skip
    return people


def test_a_countys_figures_are_live(caseworker, supervisor, town):
    total, groups, ledger = figures(people_overview(actor=caseworker))
    assert (total, groups[KeyGroup.COLLEGE_GRADUATE.label], groups[KeyGroup.LOW_INCOME.label]) == (
        2, 2, 1,
    )  # fmt: skip
    assert ledger[LedgerReason.GRADUATE_NOT_EMPLOYED.label] == 2
    assert figures(people_overview(actor=caseworker)) == recounted(XIHU)

    register(supervisor, XIHU, 7)

    assert people_overview(actor=caseworker)["total"] == 3
    assert people_overview(actor=caseworker)["counted_at"] is None


def test_a_citys_figures_are_the_tallies_until_recounted(supervisor, town):
    assert figures(people_overview(actor=supervisor)) == recounted(HANGZHOU)  # never tallied
    refresh_region_tallies()
    tallied = people_overview(actor=supervisor)
    assert figures(tallied) == recounted(HANGZHOU)
    assert tallied["counted_at"] is not None

    register(supervisor, BINJIANG, 7)

    assert people_overview(actor=supervisor)["total"] == tallied["total"]
    refresh_region_tallies(region_code=BINJIANG)
    assert figures(people_overview(actor=supervisor)) == recounted(HANGZHOU)
    assert people_overview(actor=supervisor)["total"] == tallied["total"] + 1


def test_memberships_move_with_their_person(caseworker, supervisor, town):
    moving = Person.objects.get(pk=town[0].pk)

    services.update_person(
        actor=supervisor, person=moving, version=moving.version, region_code=BINJIANG
    )

    assert memberships_off_their_persons_region() == 0
    assert figures(people_overview(actor=caseworker)) == recounted(XIHU)
    refresh_region_tallies()
    assert figures(people_overview(actor=supervisor)) == recounted(HANGZHOU)


def merge(actor, kept: Person, duplicate: Person) -> None:
    proposal = MergeProposal.objects.create(kept=kept, duplicate=duplicate, probability=0.99)
    dedup.confirm_merge(actor=actor, proposal_id=proposal.pk)


def test_a_merge_counts_the_person_once_in_the_kept_region(caseworker, supervisor, town):
    kept, duplicate = town[0], town[2]  # the duplicate lives in Binjiang, also a graduate
    services.add_membership(
        actor=supervisor, person=duplicate, group=KeyGroup.DISABILITY, since=D(2025, 3, 1),
        details={"category": "visual", "grade": 3},
    )  # fmt: skip

    merge(supervisor, kept, duplicate)

    assert memberships_off_their_persons_region() == 0
    # The graduate membership stayed with the duplicate (the kept person has one); not counted.
    assert KeyGroupMembership.objects.filter(person=duplicate, until__isnull=True).count() == 1
    total, groups, _ledger = figures(people_overview(actor=caseworker))
    assert (total, groups[KeyGroup.DISABILITY.label]) == (2, 1)
    assert figures(people_overview(actor=caseworker)) == recounted(XIHU)
    refresh_region_tallies()
    assert figures(people_overview(actor=supervisor)) == recounted(HANGZHOU)
    # The duplicate's stay was closed (the kept person has one) and moved as history.
    assert ledger_list(actor=caseworker).count() == ledger_list(actor=supervisor).count() == 2


def test_a_merged_record_never_gets_an_open_stay(supervisor, town):
    kept, duplicate = town[0], town[1]
    merge(supervisor, kept, duplicate)
    duplicate.refresh_from_db()

    with pytest.raises(Conflict) as refused:
        services.enter_ledger(
            actor=supervisor,
            person=duplicate,
            reason=LedgerReason.GRADUATE_NOT_EMPLOYED,
            entered_on=D(2026, 1, 5),
            today=TODAY,
        )

    assert refused.value.code == "person_merged"
    assert not LedgerEntry.objects.filter(person=duplicate, exited_on__isnull=True).exists()


def import_csv(actor, rows: list[str]) -> None:
    header = "姓名,身份证号,所在地区,人员类别,登记日期"
    data = "\r\n".join([header, *rows]).encode()
    import_people(actor=actor, file_name="list.csv", data=data, today=TODAY)


def test_an_import_naming_a_merged_record_writes_to_the_kept_one(supervisor, town):
    kept, duplicate = town[0], town[2]
    LedgerEntry.objects.filter(person=kept).update(exited_on=D(2025, 1, 1), exit_reason="other")
    merge(supervisor, kept, duplicate)  # the duplicate's stay was closed, then moved

    import_csv(supervisor, [f"测试5,{duplicate.identity_number},{BINJIANG},农民工,2026-02-01"])

    assert KeyGroupMembership.objects.get(group=KeyGroup.MIGRANT_WORKER).person_id == kept.pk
    assert memberships_off_their_persons_region() == 0
    assert not LedgerEntry.objects.filter(person=duplicate, exited_on__isnull=True).exists()
    assert figures(people_overview(actor=supervisor)) == recounted(HANGZHOU)


def test_an_import_tallies_its_region_once_committed(
    supervisor, django_capture_on_commit_callbacks
):
    refresh_region_tallies()
    with django_capture_on_commit_callbacks(execute=True):
        import_csv(supervisor, [f"林芳,{identity(XIHU, '20050720', 22)},{XIHU},登记失业青年,"])

    assert memberships_off_their_persons_region() == 0
    assert RegionTally.objects.get(region=XIHU).groups == {KeyGroup.UNEMPLOYED_YOUTH: 1}
    assert figures(people_overview(actor=supervisor)) == recounted(HANGZHOU)


def test_generated_people_are_counted_and_tallied(caseworker, supervisor):
    generate(persons=300, seed=5, region_code=HANGZHOU, as_of=TODAY, employer_count=0)

    assert memberships_off_their_persons_region() == 0
    assert figures(people_overview(actor=caseworker)) == recounted(XIHU)
    assert figures(people_overview(actor=supervisor)) == recounted(HANGZHOU)
    assert people_overview(actor=supervisor)["counted_at"] is not None


def test_the_tally_command_recounts_a_region_or_all(town):
    out = io.StringIO()
    call_command("ledger", "tally", "--region", XIHU, stdout=out)
    assert out.getvalue().startswith("1 regions counted")
    assert RegionTally.objects.get(region=XIHU).people == 2

    call_command("ledger", "tally", stdout=out)
    assert RegionTally.objects.count() == len(region_tree().by_code)
    with pytest.raises(CommandError):
        call_command("ledger", "tally", "--region", "999999")


def test_the_supervisors_dashboard_says_when_the_city_was_counted(signed_in_as, supervisor, town):
    refresh_region_tallies()
    counted_at = timezone.localtime(RegionTally.objects.get(region=XIHU).counted_at)

    page = signed_in_as(supervisor).get("/").content.decode()

    assert '<p class="figure">3</p>' in page
    assert f"{counted_at:%Y-%m-%d %H:%M}" in page
