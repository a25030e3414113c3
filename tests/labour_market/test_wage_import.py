"""Importing enterprise salary survey CSV: every row checked, all or nothing, never twice."""

from decimal import Decimal

import pytest
from stdnum.cn import uscc

from minsheng.core.errors import PermissionDenied
from minsheng.core.models import AuditEvent
from minsheng.labour_market import services
from minsheng.labour_market.models import WageSurveyImport, WageSurveyRow

pytestmark = pytest.mark.django_db
HEADER = "调查年度,统一社会信用代码,行业,地区代码,职业编码,技能等级,年工资"


def credit_code(number: int = 1) -> str:
    body = f"91330106MA{number:07d}"
    return body + uscc.calc_check_digit(body)


def wrong_check_character(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


def csv(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8-sig")


@pytest.fixture
def analyst(make_user):
    return make_user("analyst_zhejiang", role="analyst", region_code="330000")


def test_a_valid_file_is_imported_with_its_places_and_levels(analyst):
    data = csv(
        f'2025,{credit_code()},C,330106,6-18-02-04,高级工,"86,000.00"',
        f"2025,{credit_code(2)},I,330200,2-02-10-03,,150000",
        f"2024,{credit_code(3)},制造业,330106,6-18-02-04,5,72000.5",
    )
    outcome = services.import_wage_survey(actor=analyst, file_name="薪酬调查2025.csv", data=data)

    assert (outcome.already_imported, outcome.batch.rows) == (False, 3)
    rows = WageSurveyRow.objects.order_by("pk")
    assert [(r.survey_year, r.industry, r.city_code, r.province_code, r.skill_level, r.annual_pay)
            for r in rows] == [
        (2025, "C", "330100", "330000", 4, Decimal("86000.00")),
        (2025, "I", "330200", "330000", None, Decimal("150000.00")),
        (2024, "C", "330100", "330000", 5, Decimal("72000.50")),
    ]  # fmt: skip
    event = AuditEvent.objects.get(action="wage_survey_imported")
    assert event.after["rows"] == 3 and event.after["years"] == [2024, 2025]


def test_one_bad_row_keeps_the_whole_file_out_with_every_problem_named(analyst):
    data = csv(
        f"2025,{credit_code()},C,330106,6-18-02-04,3,86000",
        f"2031,{wrong_check_character(credit_code(9))},Q9,999999,6-18-02-00,九级,-5",
        f"2025,{credit_code(2)},C,110105,6-18-02-04,3,86000",
    )
    with pytest.raises(services.WageImportRejected) as refused:
        services.import_wage_survey(actor=analyst, file_name="bad.csv", data=data)

    assert WageSurveyRow.objects.count() == 0 and WageSurveyImport.objects.count() == 0
    problems = [(e["row"], e["column"], e["code"]) for e in refused.value.errors]
    assert problems == [
        (3, "调查年度", "survey_year_invalid"),
        (3, "统一社会信用代码", "credit_code_checksum"),
        (3, "行业", "industry_unknown"),
        (3, "地区代码", "region_unknown"),
        (3, "职业编码", "occupation_code_invalid"),
        (3, "技能等级", "skill_level_unknown"),
        (3, "年工资", "annual_pay_invalid"),
        (4, "地区代码", "region_out_of_scope"),  # Beijing: outside a Zhejiang analyst's area
    ]
    messages = refused.value.errors[0]["messages"]
    assert set(messages) == {"zh-hans", "en"} and "survey year" in messages["en"]
    assert refused.value.code == "rows_invalid" and "2" in refused.value.message_in("en")


def test_the_same_file_twice_is_imported_once(analyst):
    data = csv(f"2025,{credit_code()},C,330106,6-18-02-04,3,86000")
    first = services.import_wage_survey(actor=analyst, file_name="a.csv", data=data)
    again = services.import_wage_survey(actor=analyst, file_name="a (1).csv", data=data)
    assert (again.already_imported, again.batch) == (True, first.batch)
    assert WageSurveyRow.objects.count() == 1


def test_excel_csv_in_gb18030_with_english_headers(analyst):
    text = (
        "Survey year,Employer credit code,Industry,Region,Occupation code,Skill level,Annual pay\n"
        f"2025,{credit_code()},制造业,330106,6-18-02-04,技师,96000\n"
    )
    services.import_wage_survey(actor=analyst, file_name="w.csv", data=text.encode("gb18030"))
    assert WageSurveyRow.objects.get().skill_level == 5


def test_a_file_missing_columns_is_refused_whole(analyst):
    with pytest.raises(services.WageImportRejected) as refused:
        services.import_wage_survey(
            actor=analyst, file_name="w.csv", data=csv("2025,330106", header="调查年度,地区代码")
        )
    assert refused.value.code == "missing_columns" and "年工资" in refused.value.message_in(
        "zh-hans"
    )


def test_only_statistics_staff_import_survey_data(caseworker):
    with pytest.raises(PermissionDenied):
        services.import_wage_survey(actor=caseworker, file_name="w.csv", data=csv())
