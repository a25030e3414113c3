import datetime
import json

import pytest
from django.utils import translation

from minsheng.core import parameters
from minsheng.core.parameters import ParameterError, parse_parameter

TEXTS = """
description: Days before an incomplete 1131 is overdue
description_zh: “1131”服务逾期的天数
unit: days
unit_zh: 天
"""
DOCUMENT = (
    TEXTS
    + """
reference: test
values:
  2023-01-01: {value: 90}
  2025-07-01: {value: {"100000": 60, "330000": 45}}
"""
)


def test_the_value_in_force_on_a_day_is_returned():
    found = parse_parameter("assistance.overdue_days", DOCUMENT)

    assert found.at(datetime.date(2024, 12, 31)) == 90
    assert found.for_region(datetime.date(2025, 7, 1), "330106") == 45  # Zhejiang's own value
    assert found.for_region(datetime.date(2025, 7, 1), "110105") == 60  # the national value
    with pytest.raises(ParameterError, match="no value on 2022-12-31"):
        found.at(datetime.date(2022, 12, 31))


def test_packaged_parameters_load_by_their_path():
    day = datetime.date(2026, 1, 1)
    assert parameters.at(day).assistance.overdue_days == 90
    assert parameters.value("registry.long_term_unemployed_months", day) == 12
    with pytest.raises(ParameterError, match="unknown parameter"):
        parameters.value("no.such.thing", day)


def test_a_malformed_file_is_refused():
    with pytest.raises(ParameterError, match="values must be"):
        parse_parameter("broken", "values:\n  soon: 3\n")


def test_description_and_unit_are_in_the_readers_language():
    found = parse_parameter("assistance.overdue_days", DOCUMENT)

    with translation.override("zh-hans"):
        assert (found.description, found.unit) == ("“1131”服务逾期的天数", "天")
    with translation.override("en"):
        assert found.description == "Days before an incomplete 1131 is overdue"
        assert found.unit == "days"


@pytest.mark.parametrize(
    ("left_out", "missing"),
    [
        ("description_zh: “1131”服务逾期的天数\n", "description_zh"),
        ("unit_zh: 天\n", "unit_zh"),
        ("description: Days before an incomplete 1131 is overdue\n", "description"),
    ],
)
def test_a_file_described_in_one_language_only_is_refused_naming_the_file(left_out, missing):
    english_only = DOCUMENT.replace(left_out, "")

    with pytest.raises(ParameterError) as refused:
        parse_parameter("assistance.overdue_days", english_only)
    assert "rules/assistance/overdue_days.yaml" in str(refused.value)
    assert f"missing {missing} " in str(refused.value)
    assert f"缺少 {missing}" in str(refused.value)


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= character <= "\u9fff" for character in text)


def test_every_shipped_parameter_is_described_in_chinese_and_english():
    for name, found in parameters.all_parameters().items():
        assert found.description_en[0].isascii() and found.unit_en.isascii(), name
        assert has_chinese(found.description_zh) and has_chinese(found.unit_zh), name


@pytest.mark.parametrize(
    ("description", "headline"),
    [
        ("领取失业保险金所需的缴费时间：失业前……的月数。", "领取失业保险金所需的缴费时间"),
        ("Contribution needed: months paid. More.", "Contribution needed"),
        ("参加人每个自然年缴纳个人养老金的上限。", "参加人每个自然年缴纳个人养老金的上限"),
        ("Subsidy per person (yuan; by group). Details.", "Subsidy per person (yuan; by group)"),
        ("补贴标准（单位为元；按群体）。其余", "补贴标准（单位为元；按群体）"),
    ],
)
def test_the_headline_is_the_description_up_to_its_first_colon_or_sentence_end(
    description, headline
):
    quoted = json.dumps(description, ensure_ascii=False)
    found = parse_parameter("x.y", DOCUMENT.replace("“1131”服务逾期的天数", quoted))

    with translation.override("zh-hans"):
        assert found.headline == headline
