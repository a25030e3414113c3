import datetime

import pytest

from minsheng.registry.models import KeyGroup, KeyGroupMembership
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
