import datetime
from collections import Counter

import pytest

from minsheng.core.identity import parse_credit_code, parse_resident_id
from minsheng.core.regions import region_tree
from minsheng.demo.synthetic import PersonGenerator, employers

AS_OF = datetime.date(2026, 11, 25)


def people(count=3000, seed=7, region="330100"):
    generator = PersonGenerator(region_code=region, seed=seed, as_of=AS_OF)
    return [person for batch in generator.batches(count) for person in batch]


@pytest.fixture(scope="module")
def sample():
    return people()


def test_same_seed_gives_the_same_people_and_another_seed_does_not(sample):
    assert people() == sample
    assert [p.identity_number for p in people(seed=8)] != [p.identity_number for p in sample]


def test_identity_numbers_are_valid_unique_and_agree_with_the_person(sample):
    assert len({p.identity_number for p in sample}) == len(sample)
    for person in sample:
        parsed = parse_resident_id(person.identity_number, today=AS_OF)
        assert parsed.birth_date == person.birth_date
        assert parsed.sex == person.sex


def test_people_live_in_the_requested_region(sample):
    tree = region_tree()
    assert all(tree.is_within(p.region_code, "330100") for p in sample)
    assert {p.province_code for p in sample} == {"330000"}
    assert len({p.region_code for p in sample}) > 5  # spread over Hangzhou's districts


def test_key_groups_come_in_realistic_proportions(sample):
    groups = Counter(m.group for p in sample for m in p.memberships)
    shares = {group: count / len(sample) for group, count in groups.items()}
    assert 0.25 < shares["college_graduate"] < 0.4
    assert 0.2 < shares["migrant_worker"] < 0.35
    assert 0.02 < shares["retired_soldier"] < 0.07
    assert sum(1 for p in sample if not p.memberships) / len(sample) > 0.1


def test_graduates_have_a_school_major_and_plausible_age(sample):
    graduates = [
        p for p in sample if p.memberships and p.memberships[0].group == "college_graduate"
    ]
    for person in graduates:
        assert person.school and person.major
        assert person.education in {"junior_college", "bachelor", "master", "doctorate"}
        age_at_graduation = (person.graduation_date - person.birth_date).days // 365
        assert 19 <= age_at_graduation <= 31
        assert person.graduation_date <= AS_OF


def test_registered_unemployed_youth_are_16_to_24(sample):
    youth = [p for p in sample if p.memberships and p.memberships[0].group == "unemployed_youth"]
    assert youth
    for person in youth:
        age = (AS_OF - person.birth_date).days // 365.25
        assert 16 <= age <= 25
        assert person.birth_date < person.memberships[0].since <= AS_OF


def test_migrant_workers_carry_an_identity_number_from_their_home_region(sample):
    tree = region_tree()
    migrants = [p for p in sample if p.memberships and p.memberships[0].group == "migrant_worker"]
    for person in migrants:
        details = person.memberships[0].details
        assert person.identity_number.startswith(details["home_region"])
        if not details["returned_home"]:
            assert not tree.is_within(details["home_region"], "330000")


def test_employers_have_valid_unique_credit_codes_in_the_region():
    firms = employers(region_code="330100", count=500, seed=3)
    assert len({f.credit_code for f in firms}) == 500
    assert len({f.name for f in firms}) == 500
    for firm in firms:
        assert parse_credit_code(firm.credit_code) == firm.credit_code
        assert firm.credit_code[2:8] == firm.region_code
        assert firm.name.startswith("杭州") and firm.name.endswith("有限公司")
    assert employers(region_code="330100", count=500, seed=3) == firms


def test_an_unknown_region_is_refused():
    with pytest.raises(ValueError, match="unknown region"):
        PersonGenerator(region_code="999999", seed=1, as_of=AS_OF)
