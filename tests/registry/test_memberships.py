"""A membership's stored details read as labelled facts; what is not known shows as stored."""

import pytest

from minsheng.registry.memberships import membership_facts

pytestmark = pytest.mark.usefixtures("in_english")


def facts(details: dict) -> list[tuple[str, str]]:
    return [(str(label), value) for label, value in membership_facts(details)]


def test_known_keys_are_labelled_and_in_a_fixed_order_whatever_the_stored_order():
    # PostgreSQL's jsonb hands keys back shortest first
    assert facts({"grade": 2, "category": "hearing"}) == [
        ("Disability category", "Hearing"),
        ("Disability grade", "Grade 2"),
    ]
    assert facts({"kind": "low_income_margin"}) == [("Low-income kind", "Low-income margin family")]
    assert facts({"discharge_year": 2019}) == [("Discharge year", "2019")]


def test_regions_are_named_and_returning_home_is_yes_or_no():
    assert facts({"returned_home": False, "work_region": "340303", "home_region": "330106"}) == [
        ("Home region", "浙江省杭州市西湖区"),
        ("Work region", "安徽省蚌埠市蚌山区"),
        ("Returned home to work", "no"),
    ]


def test_an_unknown_key_or_value_shows_as_stored_after_the_known_ones():
    assert facts({"note": "夜班", "grade": "9", "category": "other", "home_region": "999999"}) == [
        ("Home region", "999999"),
        ("Disability category", "other"),
        ("Disability grade", "9"),
        ("note", "夜班"),
    ]
    assert facts({"grade": "3"}) == [("Disability grade", "Grade 3")]  # a grade stored as text
