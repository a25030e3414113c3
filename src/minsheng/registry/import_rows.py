"""Validation of one imported row: the same rules as a form, reported by row and column.

Every column of a row is checked, so a clerk sees all of a row's problems at once. Identity
numbers go through `core.identity` (the specific reason is kept); sex and birth date, when the
list gives them, must agree with the number; regions are codes or names resolved in the
national tree and must lie inside the importer's scope.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from minsheng.core.identity import InvalidIdentifier, parse_resident_id
from minsheng.core.regions import NATIONAL_CODE, region_tree
from minsheng.core.row_errors import RowError
from minsheng.registry.models import Education, KeyGroup, Sex

EXCEL_EPOCH = datetime.date(1899, 12, 30)
YOUTH_AGES = (16, 24)

SEX_WORDS = {"男": Sex.MALE, "m": Sex.MALE, "male": Sex.MALE, "女": Sex.FEMALE}
SEX_WORDS |= {"f": Sex.FEMALE, "female": Sex.FEMALE}
EDUCATION_WORDS = {
    Education.PRIMARY: ("小学", "小学及以下", "primary"),
    Education.JUNIOR_MIDDLE: ("初中", "初级中学", "junior middle"),
    Education.SENIOR_HIGH: ("高中", "普通高中", "senior high"),
    Education.SECONDARY_VOCATIONAL: ("中专", "中职", "技校", "职高", "中等职业教育"),
    Education.JUNIOR_COLLEGE: ("大专", "专科", "高职", "大学专科", "junior college"),
    Education.BACHELOR: ("本科", "大学本科", "学士", "bachelor"),
    Education.MASTER: ("硕士", "研究生", "硕士研究生", "master"),
    Education.DOCTORATE: ("博士", "博士研究生", "doctorate", "phd"),
}
EDUCATION_BY_WORD = {
    word: education for education, words in EDUCATION_WORDS.items() for word in words
} | {education.value: education for education in Education}
GROUP_WORDS = {
    KeyGroup.COLLEGE_GRADUATE: (
        "高校毕业生",
        "毕业生",
        "应届毕业生",
        "离校未就业高校毕业生",
        "college graduate",
    ),
    KeyGroup.UNEMPLOYED_YOUTH: ("失业青年", "登记失业青年", "青年", "unemployed youth"),
    KeyGroup.MIGRANT_WORKER: ("农民工", "返乡农民工", "进城务工人员", "migrant worker"),
    KeyGroup.RETIRED_SOLDIER: ("退役军人", "退役士兵", "retired soldier"),
    KeyGroup.DISABILITY: ("残疾人", "残疾", "disability", "person with disability"),
    KeyGroup.LOW_INCOME: ("低收入家庭", "低收入", "困难家庭", "低保", "脱贫家庭", "low income"),
}
GROUP_BY_WORD = {word: group for group, words in GROUP_WORDS.items() for word in words} | {
    group.value: group for group in KeyGroup
}
GROUP_SEPARATORS = re.compile(r"[、,，;；/|]+")
PHONE_NOISE = re.compile(r"[\s()（）]")
MOBILE = re.compile(r"1\d{10}")
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")
DATE_PATTERNS = (
    re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})[-/.年](\d{1,2})月?()"),  # a month only, as on graduation lists
)


@dataclass
class PersonRow:
    """A valid row, ready to be written."""

    row: int
    identity_number: str
    name: str
    sex: str
    birth_date: datetime.date
    region_code: str
    province_code: str
    phone: str = ""
    education: str = ""
    school: str = ""
    major: str = ""
    graduation_date: datetime.date | None = None
    groups: list[str] = field(default_factory=list)
    registered_on: datetime.date | None = None


class BadCell(Exception):
    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(code)
        self.code, self.message = code, message


def text(value: object) -> str:
    if type(value) is str:  # most cells: the quick way
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: object) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and 1 <= value < 2958466:  # an Excel day serial
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    raw = text(value)
    for pattern in DATE_PATTERNS:
        match = pattern.fullmatch(raw)
        if match:
            year, month, day = match.groups()
            try:
                return datetime.date(int(year), int(month), int(day or 1))
            except ValueError:
                break
    raise BadCell("date_format", _("Not a date; write it as 2025-06-30."))


class RegionResolver:
    """Region codes or names → a code inside the importer's scope."""

    def __init__(self, scope: frozenset[str] | None) -> None:
        self.tree = region_tree()
        self.scope = scope
        self.by_name: dict[str, list[str]] = {}
        for region in self.tree.by_code.values():
            for name in {region.name, region.full_name.replace(",", "")}:
                self.by_name.setdefault(name, []).append(region.code)
        self.cache: dict[str, str] = {}

    def in_scope(self, code: str) -> bool:
        return self.scope is None or code in self.scope

    def resolve(self, raw: str) -> str:
        if raw not in self.cache:
            self.cache[raw] = self.lookup(raw)
        return self.cache[raw]

    def lookup(self, raw: str) -> str:
        words = "".join(raw.split())
        if words.isdigit():
            candidates = [words] if words in self.tree and words != NATIONAL_CODE else []
        else:
            candidates = self.by_name.get(words, [])
        if not candidates:
            raise BadCell("region_unknown", _("Unknown region: give a 6-digit code or a name."))
        visible = [code for code in candidates if self.in_scope(code)]
        if not visible:
            raise BadCell("region_out_of_scope", _("This region lies outside your area."))
        if len(visible) > 1:
            raise BadCell(
                "region_ambiguous",
                _("Several regions have this name; give the 6-digit code or the full name."),
            )
        return visible[0]


class RowValidator:
    """Checks rows of one file; `default_region` fills rows that name no region."""

    def __init__(self, *, headers: dict[str, str], default_region: str, scope, today) -> None:
        self.headers = headers  # field → header as written in the file
        self.default_region = default_region
        self.regions = RegionResolver(scope)
        self.today = today
        self.tree = region_tree()
        # A list repeats a few regions and group spellings over thousands of rows.
        self.provinces: dict[str, str] = {}
        self.known_groups: dict[str, list[str]] = {}

    def header(self, field_name: str) -> str:
        return self.headers.get(field_name, field_name)

    def validate(self, row: int, cells: dict[str, object]) -> PersonRow | list[RowError]:
        errors: list[RowError] = []

        def check(field_name: str, parse, *args):
            try:
                return parse(cells.get(field_name), *args)
            except BadCell as bad:
                errors.append(RowError(row, self.header(field_name), bad.code, bad.message))
            except InvalidIdentifier as bad:
                errors.append(RowError(row, self.header(field_name), bad.code, bad.message))
            return None

        resident = check("identity_number", self.identity)
        name = check("name", self.name)
        sex = check("sex", self.sex, resident)
        birth_date = check("birth_date", self.birth_date, resident)
        phone = check("phone", self.phone)
        education = check("education", self.education)
        graduation_date = check("graduation_date", parse_date_cell)
        region_code = check("region", self.region)
        groups = check("groups", self.groups)
        registered_on = check("registered_on", self.registered_on)
        if region_code is None and self.default_region == NATIONAL_CODE:
            errors.append(
                RowError(
                    row,
                    self.header("region"),
                    "region_missing",
                    _("The region is missing; give it in the row or choose one for the import."),
                )
            )
        born = birth_date or (resident.birth_date if resident else None)
        if born and graduation_date and graduation_date <= born:
            errors.append(
                RowError(
                    row,
                    self.header("graduation_date"),
                    "graduation_before_birth",
                    _("The graduation date is not after the birth date."),
                )
            )
        if graduation_date and groups == []:
            groups = [KeyGroup.COLLEGE_GRADUATE.value]
        if born and groups and KeyGroup.UNEMPLOYED_YOUTH in groups:
            age = age_on(born, registered_on or self.today)
            if not YOUTH_AGES[0] <= age <= YOUTH_AGES[1]:
                errors.append(
                    RowError(
                        row,
                        self.header("groups"),
                        "youth_age",
                        _("Registered unemployed youth are 16 to 24 years old."),
                    )
                )
        if errors:
            return errors
        return PersonRow(
            row=row,
            identity_number=resident.number,
            name=name,
            sex=sex or resident.sex,
            birth_date=resident.birth_date,
            region_code=region_code or self.default_region,
            province_code=self.province_of(region_code or self.default_region),
            phone=phone or "",
            education=education or "",
            school=text(cells.get("school"))[:100],
            major=text(cells.get("major"))[:100],
            graduation_date=graduation_date,
            groups=groups or [],
            registered_on=registered_on,
        )

    def province_of(self, region_code: str) -> str:
        if region_code not in self.provinces:
            self.provinces[region_code] = self.tree.province_of(region_code) or ""
        return self.provinces[region_code]

    def identity(self, value):
        number = text(value)
        if not number:
            raise BadCell("identity_number_missing", _("The identity number is missing."))
        return parse_resident_id(number, today=self.today)

    def name(self, value):
        name = text(value)
        if not name:
            raise BadCell("name_missing", _("The name is missing."))
        if len(name) > 64:
            raise BadCell("name_too_long", _("The name is longer than 64 characters."))
        return name

    def sex(self, value, resident):
        if not text(value):
            return None
        sex = SEX_WORDS.get(text(value).lower())
        if sex is None:
            raise BadCell("sex_unknown", _("Write the sex as 男 or 女."))
        if resident and sex != resident.sex:
            raise BadCell("sex_mismatch", _("The sex contradicts the identity number."))
        return sex

    def birth_date(self, value, resident):
        birth_date = parse_date(value)
        if birth_date is None:
            return None
        if birth_date > self.today:
            raise BadCell("birth_date_future", _("The birth date is in the future."))
        if resident and birth_date != resident.birth_date:
            raise BadCell(
                "birth_date_mismatch", _("The birth date contradicts the identity number.")
            )
        return birth_date

    def phone(self, value):
        phone = PHONE_NOISE.sub("", text(value)).removeprefix("+86")
        if phone and not (MOBILE.fullmatch(phone) or LANDLINE.fullmatch(phone)):
            raise BadCell("phone_format", _("Not a phone number: 11 digits for a mobile phone."))
        return phone

    def education(self, value):
        word = text(value).lower()
        if not word:
            return ""
        education = EDUCATION_BY_WORD.get(word)
        if education is None:
            raise BadCell("education_unknown", _("Unknown education level."))
        return education.value

    def region(self, value):
        raw = text(value)
        return self.regions.resolve(raw) if raw else None

    def groups(self, value):
        raw = text(value)
        if raw not in self.known_groups:
            self.known_groups[raw] = self.parse_groups(raw)  # raises for an unknown group
        return list(self.known_groups[raw])

    def parse_groups(self, raw: str) -> list[str]:
        words = [word.strip() for word in GROUP_SEPARATORS.split(raw) if word.strip()]
        groups = []
        for word in words:
            group = GROUP_BY_WORD.get(word.lower())
            if group is None:
                raise BadCell("group_unknown", _("Unknown key group."))
            if group.value not in groups:
                groups.append(group.value)
        return groups

    def registered_on(self, value):
        day = parse_date(value)
        if day and day > self.today:
            raise BadCell("registered_in_future", _("The registration date is in the future."))
        return day


def parse_date_cell(value):
    return parse_date(value)


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
