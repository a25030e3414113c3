import datetime

import pytest
from stdnum.cn import ric

from minsheng.core.regions import region_tree
from minsheng.registry.models import KeyGroup, KeyGroupMembership, Person
from minsheng.registry.selectors import people_overview, person_list

pytestmark = pytest.mark.django_db


def make_person(name: str, region_code: str, *, sequence: int = 1, account=None) -> Person:
    body = f"{region_code}19900101{sequence:03d}"
    return Person.objects.create(
        identity_number=body + ric.calc_check_digit(body + "0"),
        name=name,
        sex="M" if sequence % 2 else "F",
        birth_date=datetime.date(1990, 1, 1),
        region_id=region_code,
        province_code=region_tree().province_of(region_code),
        account=account,
    )


@pytest.fixture
def people():
    return {
        "xihu": make_person("王西湖", "330106", sequence=1),
        "binjiang": make_person("李滨江", "330108", sequence=2),
        "chaoyang": make_person("张朝阳", "110105", sequence=3),
    }


def names(queryset) -> set[str]:
    return set(queryset.values_list("name", flat=True))


def test_staff_see_people_of_their_subtree(people, caseworker, supervisor, administrator):
    assert names(person_list(actor=caseworker)) == {"王西湖"}
    assert names(person_list(actor=supervisor)) == {"王西湖", "李滨江"}
    assert names(person_list(actor=administrator)) == {"王西湖", "李滨江", "张朝阳"}


def test_citizen_sees_only_their_own_record(people, citizen):
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
