"""Record linkage on plain records (no database): clear duplicates found, clear strangers not."""

import datetime

import pytest
from stdnum.cn import ric

from minsheng.registry.linkage import PersonRecord, find_duplicates, keep_first

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"


def identity_number(region: str, born: datetime.date, sequence: int) -> str:
    body = f"{region}{born:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def background(count: int = 90) -> list[PersonRecord]:
    """Distinct people: names, birth dates and phones all differ from each other and the cases."""
    records = []
    for i in range(count):
        born = datetime.date(1975, 1, 1) + datetime.timedelta(days=97 * i)
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)] + GIVEN[i % len(GIVEN)]
        records.append(
            PersonRecord(
                id=1000 + i,
                name=name,
                birth_date=born,
                phone=f"1590000{i:04d}",
                identity_number=identity_number("330106", born, 100 + i) if i % 3 else "",
                region_code="330106",
            )
        )
    return records


BORN = datetime.date(2001, 6, 15)
FULL = identity_number("330106", BORN, 21)


def found(records, **options) -> dict[frozenset, object]:
    return {frozenset((p.kept_id, p.duplicate_id)): p for p in find_duplicates(records, **options)}


def test_a_record_without_identity_number_is_linked_to_the_one_with_it():
    records = [
        *background(),
        PersonRecord(1, "林晓燕", BORN, "13800001111", "浙江大学", FULL, "330106"),
        PersonRecord(2, "林晓燕", BORN, "13800001111", "浙江大学", "", "330108"),
    ]
    pair = found(records)[frozenset((1, 2))]
    assert (pair.kept_id, pair.duplicate_id) == (1, 2)
    assert pair.probability > 0.99
    assert pair.levels == {
        "name": "exact",
        "birth_date": "exact",
        "phone": "exact",
        "school": "exact",
        "identity_number": "missing",
    }


def test_a_mistyped_identity_number_is_linked_and_the_valid_one_kept():
    typo = FULL[:14] + ("1" if FULL[14] != "1" else "2") + FULL[15:]
    records = [
        *background(),
        PersonRecord(1, "林晓燕", BORN, "13800001111", "", typo, "330106"),
        PersonRecord(2, "林晓燕", BORN, "13800001111", "", FULL, "330106"),
    ]
    pair = found(records)[frozenset((1, 2))]
    assert (pair.kept_id, pair.duplicate_id) == (2, 1)
    assert pair.levels["identity_number"] == "typo"


def test_a_one_character_name_variant_with_the_same_birth_date_and_phone_is_linked():
    records = [
        *background(),
        PersonRecord(1, "林晓燕", BORN, "13800001111", "", FULL, "330106"),
        PersonRecord(2, "林小燕", BORN, "13800001111", "", "", "330106"),
    ]
    assert found(records)[frozenset((1, 2))].levels["name"] == "typo"


@pytest.mark.parametrize(
    "stranger",
    [
        # A namesake born years apart with another phone.
        PersonRecord(2, "林晓燕", datetime.date(1985, 2, 3), "13911112222", "", "", "330106"),
        # Born the same day with the same surname, otherwise different.
        PersonRecord(2, "林建国", BORN, "13911112222", "", "", "330106"),
        # Born the same day in the same county: identity numbers alike but for the last four.
        PersonRecord(
            2, "林晓艳", BORN, "13911112222", "", identity_number("330106", BORN, 23), "330106"
        ),
        # Both without a phone: a missing value is not agreement.
        PersonRecord(2, "林志强", datetime.date(1990, 9, 9), "", "", "", "330106"),
    ],
)
def test_different_people_are_not_linked(stranger):
    records = [
        *background(),
        PersonRecord(1, "林晓燕", BORN, "", "", FULL, "330106"),
        stranger,
    ]
    assert frozenset((1, 2)) not in found(records)


def test_the_background_population_has_no_duplicates():
    assert find_duplicates(background()) == []


def test_too_few_records_are_nothing_to_link():
    assert find_duplicates([]) == []
    assert find_duplicates([PersonRecord(1, "林晓燕", BORN)]) == []


def test_without_identity_numbers_the_older_record_is_kept():
    older = PersonRecord(
        7, "林晓燕", BORN, created_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    )
    newer = PersonRecord(
        3, "林晓燕", BORN, created_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    assert keep_first(newer, older) == (older, newer)


def test_estimated_agreement_rates_still_find_a_clear_duplicate():
    records = [
        *background(),
        PersonRecord(1, "林晓燕", BORN, "13800001111", "浙江大学", FULL, "330106"),
        PersonRecord(2, "林晓燕", BORN, "13800001111", "浙江大学", "", "330106"),
    ]
    assert frozenset((1, 2)) in found(records, estimate_u=True)
