import pytest

from minsheng.core.models import Region
from minsheng.core.regions import CITY, COUNTY, NATIONAL_CODE, PROVINCE, region_tree

tree = region_tree()


def test_tree_has_every_province_city_and_county():
    levels = [info.level for info in tree.by_code.values()]

    assert len(tree.children[NATIONAL_CODE]) == 34
    assert levels.count(PROVINCE) == 34
    assert levels.count(CITY) > 300
    assert levels.count(COUNTY) > 2800


def test_region_carries_chinese_and_pinyin_names():
    xihu = tree.get("330106")

    assert (xihu.name, xihu.pinyin, xihu.level) == ("西湖区", "Xihu", COUNTY)
    assert xihu.full_name == "浙江省,杭州市,西湖区"


def test_every_county_sits_under_a_city_under_a_province():
    for code in tree.counties_under(NATIONAL_CODE):
        _county, city, province, nation = tree.ancestors(code)
        assert tree.get(city).level == CITY
        assert tree.get(province).level == PROVINCE
        assert nation == NATIONAL_CODE


@pytest.mark.parametrize(
    ("code", "ancestor", "within"),
    [
        ("330106", "330106", True),
        ("330106", "330100", True),
        ("330106", "330000", True),
        ("330106", NATIONAL_CODE, True),
        ("330106", "330200", False),  # Ningbo, same province
        ("330106", "110000", False),  # another province
        ("330100", "330106", False),  # a city is not within its county
    ],
)
def test_is_within(code, ancestor, within):
    assert tree.is_within(code, ancestor) is within


@pytest.mark.parametrize(
    ("city", "name", "province"),
    [
        ("110100", "市辖区", "110000"),
        ("500100", "市辖区", "500000"),
        ("429000", "省直辖县级行政区划", "420000"),
        ("659000", "自治区直辖县级行政区划", "650000"),
    ],
)
def test_synthesised_city_level_nodes(city, name, province):
    assert tree.get(city).name == name
    assert tree.get(city).parent_code == province
    assert tree.is_within("110105" if city == "110100" else tree.children[city][0], city)


def test_municipal_district_is_within_its_municipality():
    assert tree.ancestors("110105") == ["110105", "110100", "110000", NATIONAL_CODE]
    assert tree.province_of("110105") == "110000"
    assert tree.at_level("110105", CITY) == "110100"


def test_subtree_of_a_city_holds_its_counties_only():
    hangzhou = tree.subtree("330100")

    assert {"330100", "330106"} <= hangzhou
    assert "330000" not in hangzhou
    assert not any(code.startswith("3302") for code in hangzhou)


@pytest.mark.parametrize(
    ("address_code", "resolved"),
    [
        ("330106", "330106"),
        ("330199", "330100"),  # abolished county: its city
        ("339999", "330000"),  # unknown city: the province
        ("990101", None),
        ("100000", None),  # the nation is not an address
    ],
)
def test_address_codes_resolve_to_the_most_specific_known_region(address_code, resolved):
    assert tree.resolve_address_code(address_code) == resolved


@pytest.mark.django_db
def test_database_holds_the_same_tree():
    assert Region.objects.count() == len(tree.by_code)
    xihu = Region.objects.get(code="330106")
    assert xihu.parent_id == "330100"
    assert Region.objects.get(code="110100").parent_id == "110000"
