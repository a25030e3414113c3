import pytest

from minsheng.core.masking import mask_identity_number, mask_phone


def test_identity_number_keeps_region_and_last_four():
    assert mask_identity_number("11010519491231002X") == "110105********002X"


def test_fifteen_digit_identity_number_hides_the_birth_date():
    assert mask_identity_number("110105491231002") == "110105*****1002"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("057187654321", "057*****4321"),
        ("1234567", "*******"),
    ],
)
def test_phone_keeps_prefix_and_last_four(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("empty", [None, ""])
def test_missing_values_mask_to_nothing(empty):
    assert mask_identity_number(empty) == ""
    assert mask_phone(empty) == ""
