import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from minsheng.core.identity import (
    InvalidIdentifier,
    is_valid_resident_id,
    parse_credit_code,
    parse_resident_id,
)
from minsheng.core.regions import COUNTY, region_tree

TODAY = datetime.date.today()
COUNTY_CODES = sorted(code for code, info in region_tree().by_code.items() if info.level == COUNTY)
ID_CHARACTERS = "0123456789X"
USCC_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def with_check_digit(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


ANY_BIRTH_DATE = st.dates(datetime.date(1900, 1, 1), TODAY)


@st.composite
def resident_ids(draw, birth_dates=ANY_BIRTH_DATE):
    county = draw(st.sampled_from(COUNTY_CODES))
    birth_date = draw(birth_dates)
    sequence = draw(st.integers(0, 999))
    return with_check_digit(f"{county}{birth_date:%Y%m%d}{sequence:03d}")


@st.composite
def credit_codes(draw):
    registry = draw(st.sampled_from("159"))
    kind = draw(st.sampled_from("123"))
    county = draw(st.sampled_from(COUNTY_CODES))
    organisation = draw(st.text(USCC_CHARACTERS, min_size=9, max_size=9))
    body = f"{registry}{kind}{county}{organisation}"
    return body + uscc.calc_check_digit(body)


def refusal(raw: str, **kwargs) -> InvalidIdentifier:
    with pytest.raises(InvalidIdentifier) as caught:
        parse_resident_id(raw, **kwargs)
    return caught.value


@given(resident_ids())
def test_parse_gives_back_birth_date_sex_and_region(number):
    parsed = parse_resident_id(number)

    assert parsed.number == number
    assert parsed.birth_date == datetime.date(
        int(number[6:10]), int(number[10:12]), int(number[12:14])
    )
    assert parsed.sex == ("M" if int(number[16]) % 2 else "F")
    assert parsed.region_code == number[:6]
    assert parsed.address_code == number[:6]


@given(resident_ids())
def test_every_one_character_corruption_is_rejected(number):
    for position, original in enumerate(number):
        for replacement in ID_CHARACTERS.replace(original, ""):
            corrupted = number[:position] + replacement + number[position + 1 :]
            assert not is_valid_resident_id(corrupted), (number, corrupted)


@given(resident_ids(birth_dates=st.dates(datetime.date(1900, 1, 1), datetime.date(1999, 12, 31))))
def test_fifteen_digit_numbers_become_their_eighteen_digit_form(number):
    old_form = number[:6] + number[8:17]

    parsed = parse_resident_id(old_form)

    assert parsed.number == number
    assert parsed.birth_date.year < 2000


def test_known_number_parses():
    parsed = parse_resident_id("11010519491231002X")

    assert parsed.birth_date == datetime.date(1949, 12, 31)
    assert parsed.sex == "F"
    assert parsed.region_code == "110105"


def test_spaces_hyphens_and_lower_case_x_are_accepted():
    assert parse_resident_id(" 11010519491231002x ").number == "11010519491231002X"
    assert parse_resident_id("110105 19491231 002X").number == "11010519491231002X"
    assert parse_resident_id("110105-19491231-002x").number == "11010519491231002X"


def test_wrong_checksum_is_rejected_with_its_code_and_field():
    error = refusal("110105194912310021", field="id_number")

    assert error.code == "identity_number_checksum"
    assert error.field == "id_number"
    assert error.status == 400


def test_unknown_region_is_rejected():
    assert refusal(with_check_digit("99010119800101001")).code == "identity_number_region"


def test_abolished_county_code_falls_back_to_its_city():
    # 330102 (Hangzhou Shangcheng, old code) may be absent from today's table; any unknown
    # county code under a known city resolves to that city.
    unknown_county = next(
        f"3301{n:02d}" for n in range(1, 100) if f"3301{n:02d}" not in region_tree()
    )
    parsed = parse_resident_id(with_check_digit(f"{unknown_county}19800101001"))

    assert parsed.address_code == unknown_county
    assert parsed.region_code == "330100"


@pytest.mark.parametrize(
    "birth",
    [
        "19900230",  # 30 February
        "19901301",  # month 13
        "18790101",  # before any living person
        (TODAY + datetime.timedelta(days=1)).strftime("%Y%m%d"),
    ],
)
def test_impossible_birth_dates_are_rejected(birth):
    # Judged against the same day the cases were made on (a run may cross midnight).
    number = with_check_digit(f"330106{birth}001")
    assert refusal(number, today=TODAY).code == "identity_number_birth_date"


def test_birth_date_is_judged_against_the_given_day():
    number = with_check_digit("33010620200101001")

    assert refusal(number, today=datetime.date(2019, 12, 31)).code == "identity_number_birth_date"
    assert parse_resident_id(number, today=datetime.date(2020, 1, 1)).birth_date.year == 2020


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "identity_number_length"),
        ("1101051949123100", "identity_number_length"),
        ("1101051949123100XX", "identity_number_format"),
        ("11010519491231A02X", "identity_number_format"),
    ],
)
def test_malformed_numbers_are_rejected(raw, code):
    assert refusal(raw).code == code


def test_refusal_carries_a_message_in_both_languages():
    error = refusal("110105194912310021")

    assert set(error.messages()) == {"zh-hans", "en"}
    assert "check character" in error.messages()["en"]
    assert error.as_dict()["field"] == "identity_number"


def test_refusal_message_is_translated_to_chinese():
    error = refusal("110105194912310021")

    assert error.messages()["zh-hans"] != error.messages()["en"]


@given(credit_codes())
def test_valid_credit_codes_pass(code):
    assert parse_credit_code(code) == code


@given(credit_codes())
def test_every_one_character_corruption_of_a_credit_code_is_rejected(code):
    for position, original in enumerate(code):
        for replacement in USCC_CHARACTERS.replace(original, ""):
            corrupted = code[:position] + replacement + code[position + 1 :]
            with pytest.raises(InvalidIdentifier):
                parse_credit_code(corrupted)


def test_credit_code_with_unknown_region_is_rejected():
    body = "91990101MA2H7QK5X"
    with pytest.raises(InvalidIdentifier) as caught:
        parse_credit_code(body + uscc.calc_check_digit(body))

    assert caught.value.code == "credit_code_region"
    assert caught.value.field == "credit_code"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("91330106MA2H7QK5X", "credit_code_length"),
        ("91330106MA2H7QK5XO", "credit_code_format"),
    ],
)
def test_malformed_credit_codes_are_rejected(raw, code):
    with pytest.raises(InvalidIdentifier) as caught:
        parse_credit_code(raw)

    assert caught.value.code == code
