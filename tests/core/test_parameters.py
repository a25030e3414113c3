import datetime

import pytest

from minsheng.core import parameters
from minsheng.core.parameters import ParameterError, parse_parameter

DOCUMENT = """
description: Days before an incomplete 1131 is overdue
unit: days
reference: test
values:
  2023-01-01: {value: 90}
  2025-07-01: {value: {"100000": 60, "330000": 45}}
"""


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
