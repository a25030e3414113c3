"""Checking one salary-survey row: every cell, each problem named by row and column."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import LANGUAGE_CODES, DomainError
from minsheng.core.identity import parse_credit_code
from minsheng.core.regions import CITY, COUNTY, region_tree
from minsheng.core.row_errors import RowError
from minsheng.core.skill_levels import SkillLevel
from minsheng.jobs.selectors import industry_choices
from minsheng.labour_market.models import WageSurveyRow
from minsheng.occupations import selectors as occupation_selectors
from minsheng.occupations.engine.taxonomy import Level, is_valid_code, level_of

# Field → header spellings (compared case-insensitively without spaces and underscores).
COLUMNS: dict[str, tuple[str, ...]] = {
    "survey_year": ("调查年度", "年度", "调查年份", "survey year", "year"),
    "credit_code": ("统一社会信用代码", "信用代码", "单位信用代码", "employer credit code",
                    "credit code"),
    "industry": ("行业", "行业门类", "所属行业", "industry"),
    "region": ("地区代码", "行政区划代码", "地区", "region", "region code"),
    "occupation_code": ("职业编码", "职业代码", "occupation code", "occupation"),
    "skill_level": ("技能等级", "职业技能等级", "skill level"),
    "annual_pay": ("年工资", "年薪", "年度工资", "全年工资", "annual pay"),
}  # fmt: skip
REQUIRED = ("survey_year", "credit_code", "industry", "region", "occupation_code", "annual_pay")
# Skill levels by their names and by the five grades of the national standard (五级 … 一级).
LEVEL_WORDS = {
    "学徒工": 1, "初级工": 2, "五级": 2, "中级工": 3, "四级": 3, "高级工": 4, "三级": 4,
    "技师": 5, "二级": 5, "高级技师": 6, "一级": 6, "特级技师": 7, "首席技师": 8,
}  # fmt: skip
MAXIMUM_PAY = Decimal("100000000")
FIRST_YEAR = 2000


def squeeze(text: str) -> str:
    return re.sub(r"[\s_]+", "", str(text or "")).lower()


_BY_HEADER = {squeeze(name): field for field, names in COLUMNS.items() for name in names}


def header_field(header: str) -> str | None:
    return _BY_HEADER.get(squeeze(header))


@dataclass(frozen=True)
class SurveyRow:
    survey_year: int
    credit_code: str
    industry: str
    region_code: str
    city_code: str
    province_code: str
    occupation_code: str
    skill_level: int | None
    annual_pay: Decimal

    def model(self, batch) -> WageSurveyRow:
        return WageSurveyRow(
            batch=batch,
            survey_year=self.survey_year,
            employer_credit_code=self.credit_code,
            industry=self.industry,
            region_id=self.region_code,
            city_code=self.city_code,
            province_code=self.province_code,
            occupation_code=self.occupation_code,
            skill_level=self.skill_level,
            annual_pay=self.annual_pay,
        )


class Bad(Exception):
    def __init__(self, code: str, message) -> None:
        super().__init__(code)
        self.code, self.message = code, message


def _industry_words() -> dict[str, str]:
    words = {}
    for code, label in industry_choices():
        words[code.lower()] = code
        for language in LANGUAGE_CODES:
            with translation.override(language):
                words[squeeze(str(label))] = code
    return words


def _level_words() -> dict[str, int]:
    words = {squeeze(word): level for word, level in LEVEL_WORDS.items()}
    for level in SkillLevel:
        words[str(level.value)] = level.value
        for language in LANGUAGE_CODES:
            with translation.override(language):
                words[squeeze(str(level.label))] = level.value
    return words


class SurveyRowValidator:
    def __init__(self, *, headers: dict[str, str], scope, this_year: int) -> None:
        self.headers, self.scope, self.this_year = headers, scope, this_year
        self.industries, self.levels = _industry_words(), _level_words()
        self.codes_in_force: dict[tuple[str, int], bool] = {}

    def validate(self, number: int, values: dict[str, str]) -> SurveyRow | list[RowError]:
        checked, problems = {}, []
        for field in ("survey_year", "credit_code", "industry", "region", "occupation_code",
                      "skill_level", "annual_pay"):  # fmt: skip
            if field not in self.headers:
                checked[field] = None
                continue
            try:
                checked[field] = getattr(self, f"check_{field}")((values.get(field) or "").strip(),
                                                                 checked)  # fmt: skip
            except Bad as bad:
                problems.append(RowError(number, self.headers[field], bad.code, bad.message))
        if problems:
            return problems
        region = checked["region"]
        return SurveyRow(
            survey_year=checked["survey_year"],
            credit_code=checked["credit_code"],
            industry=checked["industry"],
            region_code=region,
            city_code=region_tree().at_level(region, CITY),
            province_code=region_tree().province_of(region),
            occupation_code=checked["occupation_code"],
            skill_level=checked["skill_level"],
            annual_pay=checked["annual_pay"],
        )

    def check_survey_year(self, text: str, checked) -> int:
        if not text.isdigit() or not FIRST_YEAR <= int(text) <= self.this_year:
            raise Bad(
                "survey_year_invalid", _("Give the survey year as four digits, not a future year.")
            )
        return int(text)

    def check_credit_code(self, text: str, checked) -> str:
        if not text:
            raise Bad("credit_code_required", _("Enter the employer's unified social credit code."))
        try:
            return parse_credit_code(text)
        except DomainError as error:
            raise Bad(error.code, error.message) from None

    def check_industry(self, text: str, checked) -> str:
        found = self.industries.get(squeeze(text))
        if found is None:
            raise Bad(
                "industry_unknown", _("Give the industry as a section letter A to S of GB/T 4754.")
            )
        return found

    def check_region(self, text: str, checked) -> str:
        info = region_tree().get(text)
        if info is None or info.level not in (CITY, COUNTY):
            raise Bad("region_unknown", _("Give the region as a known city or county code."))
        if self.scope is not None and text not in self.scope:
            raise Bad("region_out_of_scope", _("This region lies outside your area."))
        return text

    def check_occupation_code(self, text: str, checked) -> str:
        if not is_valid_code(text) or level_of(text) != Level.OCCUPATION:
            raise Bad("occupation_code_invalid",
                      _("Give an occupation code such as 6-18-02-04 (not a group)."))  # fmt: skip
        year = checked.get("survey_year") or self.this_year
        if (text, year) not in self.codes_in_force:
            day = datetime.date(year, 12, 31)
            self.codes_in_force[text, year] = occupation_selectors.is_code_in_force(text, as_of=day)
        if not self.codes_in_force[text, year]:
            raise Bad(
                "occupation_code_unknown",
                _("This occupation code is not in the classification of that year."),
            )
        return text

    def check_skill_level(self, text: str, checked) -> int | None:
        if not text:
            return None
        found = self.levels.get(squeeze(text))
        if found is None:
            raise Bad(
                "skill_level_unknown",
                _("Give the skill level as 1 to 8 or its name (e.g. 高级工), or leave it empty."),
            )
        return found

    def check_annual_pay(self, text: str, checked) -> Decimal:
        try:
            pay = Decimal(text.replace(",", "").replace("，", "").lstrip("¥￥"))
        except InvalidOperation:
            raise Bad(
                "annual_pay_invalid", _("Give the annual pay in yuan, e.g. 86000.00.")
            ) from None
        if not pay.is_finite() or pay <= 0 or pay >= MAXIMUM_PAY or -pay.as_tuple().exponent > 2:
            raise Bad("annual_pay_invalid", _("Give the annual pay in yuan, e.g. 86000.00."))
        return pay.quantize(Decimal("0.01"))
