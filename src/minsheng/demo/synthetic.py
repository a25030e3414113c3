"""Deterministic synthetic people and employers for demos, tests and benchmarks (no Django).

Everything is drawn from NumPy generators seeded with (seed, batch number), so the same seed
gives the same records whatever else has run. People come in batches of `BATCH_SIZE`, which
keeps memory flat however many are asked for. Identity numbers carry real county codes, birth
dates that agree with the person's age and group, a sequence number of the right parity for
the person's sex and a correct check character; employers get valid Unified Social Credit Codes.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from minsheng.core.regions import COUNTY, region_tree
from minsheng.demo import vocabulary

BATCH_SIZE = 10_000

# Share of each key group among the people an employment office records, and each group's
# age range. "none" are job seekers outside the key groups.
GROUPS = (
    # group, share, youngest, oldest, share of men
    ("college_graduate", 0.32, 0, 0, 0.48),  # ages follow from education and graduation year
    ("unemployed_youth", 0.08, 16, 24, 0.55),
    ("migrant_worker", 0.28, 18, 59, 0.62),
    ("retired_soldier", 0.04, 20, 45, 0.95),
    ("disability", 0.05, 18, 59, 0.58),
    ("low_income", 0.07, 18, 59, 0.50),
    ("none", 0.16, 18, 59, 0.52),
)
GROUP_NAMES = tuple(group[0] for group in GROUPS)
# Non-graduates' schooling; graduates hold a junior-college diploma or a degree.


class Choice:
    """Values drawn by their shares from one uniform number in [0, 1)."""

    def __init__(self, values: tuple, shares: tuple[float, ...]) -> None:
        self.values = values
        self.bounds = list(itertools.accumulate(shares))

    def __call__(self, u: float):
        return self.values[min(bisect.bisect_right(self.bounds, u), len(self.values) - 1)]


SCHOOLING = Choice(
    ("primary", "junior_middle", "senior_high", "secondary_vocational", "junior_college"),
    (0.08, 0.38, 0.24, 0.2, 0.1),
)
DEGREE = Choice(("junior_college", "bachelor", "master", "doctorate"), (0.45, 0.45, 0.09, 0.01))
DISABILITY_GRADE = Choice((1, 2, 3, 4), (0.1, 0.2, 0.3, 0.4))
AGE_AT_GRADUATION = {"junior_college": 21, "bachelor": 22, "master": 25, "doctorate": 29}
# Provinces most migrant workers come from.
LABOUR_EXPORTING_PROVINCES = (
    "340000", "410000", "360000", "510000", "430000", "450000", "520000", "500000", "420000",
    "370000",
)  # fmt: skip
PHONE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "157", "158", "159", "166", "176", "177", "180", "181", "182", "183", "185", "186", "187",
    "188", "189", "191", "198", "199",
)  # fmt: skip
ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
ID_CHECK_CHARACTERS = "10X98765432"
EMPLOYER_SIZE = Choice(("micro", "small", "medium", "large"), (0.6, 0.25, 0.1, 0.05))
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@dataclass(frozen=True, slots=True)
class Membership:
    group: str
    since: datetime.date
    details: dict

    def details_json(self) -> str:
        return json.dumps(self.details, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True, slots=True)
class SyntheticPerson:
    identity_number: str
    name: str
    sex: str
    birth_date: datetime.date
    region_code: str
    province_code: str
    phone: str
    education: str
    school: str
    major: str
    graduation_date: datetime.date | None
    memberships: tuple[Membership, ...]


@dataclass(frozen=True, slots=True)
class SyntheticEmployer:
    credit_code: str
    name: str
    industry: str
    size: str
    region_code: str
    province_code: str
    contact_name: str
    contact_phone: str


def counties_in(region_code: str) -> list[str]:
    """Counties under a region (the region itself when it is a county or has none)."""
    tree = region_tree()
    if region_code not in tree:
        raise ValueError(f"unknown region code {region_code}")
    return tree.counties_under(region_code) or [region_code]


def identity_check_characters(bodies: np.ndarray) -> list[str]:
    """GB 11643 check characters for an array of 17-digit identity-number bodies."""
    digits = np.empty((len(bodies), 17), dtype=np.int64)
    rest = bodies.copy()
    for position in range(16, -1, -1):
        digits[:, position] = rest % 10
        rest //= 10
    remainders = (digits @ ID_WEIGHTS) % 11
    return [ID_CHECK_CHARACTERS[r] for r in remainders.tolist()]


def credit_code(registration_region: str, organisation_digits: str) -> str:
    """A Unified Social Credit Code for an enterprise (登记管理部门 9, 机构类别 1)."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 organisation code check
    check = 11 - sum(int(d) * w for d, w in zip(organisation_digits, weights, strict=True)) % 11
    organisation = organisation_digits + {10: "X", 11: "0"}.get(check, str(check))
    body = "91" + registration_region + organisation
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return body + USCC_ALPHABET[(31 - total) % 31]


class NameMaker:
    """Plausible Chinese names: a surname by its frequency and one or two given characters."""

    def __init__(self) -> None:
        self.surnames = [surname for surname, _share in vocabulary.SURNAMES]
        shares = np.array([share for _surname, share in vocabulary.SURNAMES], dtype=float)
        self.surname_shares = shares / shares.sum()
        self.characters = {
            sex: list(chars) for sex, chars in vocabulary.GIVEN_NAME_CHARACTERS.items()
        }

    def make(self, rng: np.random.Generator, sexes: list[str]) -> list[str]:
        count = len(sexes)
        surnames = rng.choice(len(self.surnames), size=count, p=self.surname_shares).tolist()
        two_characters = (rng.random(count) < 0.7).tolist()
        first = rng.integers(0, 1 << 30, size=count).tolist()
        second = rng.integers(0, 1 << 30, size=count).tolist()
        names = []
        for i, sex in enumerate(sexes):
            chars = self.characters[sex]
            given = chars[first[i] % len(chars)]
            if two_characters[i]:
                given += chars[second[i] % len(chars)]
            names.append(self.surnames[surnames[i]] + given)
        return names


def phones(rng: np.random.Generator, count: int) -> list[str]:
    prefixes = rng.integers(0, len(PHONE_PREFIXES), size=count).tolist()
    numbers = rng.integers(0, 100_000_000, size=count).tolist()
    return [f"{PHONE_PREFIXES[p]}{n:08d}" for p, n in zip(prefixes, numbers, strict=True)]


class PersonGenerator:
    """People living in `region_code`, as they would appear in an employment office's records."""

    def __init__(self, *, region_code: str, seed: int, as_of: datetime.date) -> None:
        tree = region_tree()
        self.seed = seed
        self.as_of = as_of
        self.residences = counties_in(region_code)
        self.province_of = {code: tree.province_of(code) for code in self.residences}
        all_counties = [r.code for r in tree.by_code.values() if r.level == COUNTY]
        self.counties_by_province: dict[str, list[str]] = {}
        for code in all_counties:
            self.counties_by_province.setdefault(tree.province_of(code), []).append(code)
        self.migrant_sources = {
            province: [p for p in LABOUR_EXPORTING_PROVINCES if p != province]
            for province in self.counties_by_province
        }
        self.names = NameMaker()
        self.schools = {
            kind: [(name, province) for name, province, k in vocabulary.SCHOOLS if k == kind]
            for kind in ("university", "college")
        }
        self.seen: set[int] = set()

    def batches(self, count: int) -> Iterator[list[SyntheticPerson]]:
        for number, start in enumerate(range(0, count, BATCH_SIZE)):
            yield self.batch(number, min(BATCH_SIZE, count - start))

    def batch(self, number: int, size: int) -> list[SyntheticPerson]:
        rng = np.random.default_rng([self.seed, number])
        shares = np.array([group[1] for group in GROUPS])
        groups = rng.choice(len(GROUPS), size=size, p=shares / shares.sum()).tolist()
        male_share = np.array([group[4] for group in GROUPS])[groups]
        sexes = np.where(rng.random(size) < male_share, "M", "F").tolist()
        residences = rng.choice(self.residences, size=size).tolist()
        names = self.names.make(rng, sexes)
        phone_numbers = phones(rng, size)
        uniform = rng.random((size, 8)).tolist()
        drafts = [
            self.person(GROUP_NAMES[g], sex, residence, name, phone, u)
            for g, sex, residence, name, phone, u in zip(
                groups, sexes, residences, names, phone_numbers, uniform, strict=True
            )
        ]
        bodies = np.array([body for body, _fields in drafts], dtype=np.int64)
        checks = identity_check_characters(bodies)
        return [
            SyntheticPerson(identity_number=f"{body:017d}{check}", **fields)
            for (body, fields), check in zip(drafts, checks, strict=True)
        ]

    def person(self, group, sex, residence, name, phone, u) -> tuple[int, dict]:
        """A person's identity-number body and other fields from eight uniform draws `u`."""
        province = self.province_of[residence]
        education, school, major, graduation_date = "", "", "", None
        details: dict = {}
        if group == "college_graduate":
            education = DEGREE(u[0])
            years_ago = int(u[1] * 3) + (0 if self.as_of >= self.as_of.replace(month=7) else 1)
            graduation_date = datetime.date(self.as_of.year - years_ago, 6, 30)
            birth_year = graduation_date.year - AGE_AT_GRADUATION[education] - int(u[2] * 2)
            birth_date = day_of_year(birth_year, u[3])
            school = self.school(education, province, u[4], u[5])
            major = vocabulary.MAJORS[int(u[6] * len(vocabulary.MAJORS))]
            since = graduation_date
        else:
            _name, _share, youngest, oldest, _men = GROUPS[GROUP_NAMES.index(group)]
            age = youngest + int(u[0] * (oldest - youngest + 1))
            birth_date = day_of_year(self.as_of.year - age - 1, u[1])
            education = SCHOOLING(u[2] * (1 if age >= 21 else 0.9))
            years_back = 1 + max(0, min(age - 18, 9))
            since = self.as_of - datetime.timedelta(days=int(u[3] * 365 * years_back))
            since = max(since, add_years(birth_date, 16))
        birthplace = self.birthplace(group, residence, province, u[5], u[6])
        if group == "migrant_worker":
            returned = u[7] < 0.2
            details = {
                "home_region": residence if returned else birthplace,
                "work_region": self.elsewhere(province, u[4]) if returned else residence,
                "returned_home": returned,
            }
            birthplace = residence if returned else birthplace
        elif group == "disability":
            details = {
                "category": vocabulary.DISABILITY_CATEGORIES[int(u[4] * 7)],
                "grade": DISABILITY_GRADE(u[7]),
            }
        elif group == "low_income":
            details = {"kind": vocabulary.LOW_INCOME_KINDS[int(u[4] * 3)]}
        elif group == "retired_soldier":
            details = {"discharge_year": since.year}
        memberships = () if group == "none" else (Membership(group, since, details),)
        fields = {
            "name": name,
            "sex": sex,
            "birth_date": birth_date,
            "region_code": residence,
            "province_code": province,
            "phone": phone,
            "education": education,
            "school": school,
            "major": major,
            "graduation_date": graduation_date,
            "memberships": memberships,
        }
        return self.identity_body(birthplace, birth_date, sex, u[7]), fields

    def school(self, education: str, province: str, u_local: float, u_pick: float) -> str:
        schools = self.schools["college" if education == "junior_college" else "university"]
        local = [name for name, p in schools if p == province]
        pool = local if local and u_local < 0.6 else [name for name, _p in schools]
        return pool[int(u_pick * len(pool))]

    def birthplace(self, group: str, residence: str, province: str, u_where, u_pick) -> str:
        """Where the identity number was issued: mostly here; migrants come from elsewhere."""
        if group == "migrant_worker" or u_where > 0.9:
            return self.elsewhere(province, u_pick)
        if u_where > 0.7:
            same_province = self.counties_by_province[province]
            return same_province[int(u_pick * len(same_province))]
        return residence

    def elsewhere(self, province: str, u: float) -> str:
        sources = self.migrant_sources[province]
        source = sources[int(u * len(sources))]
        counties = self.counties_by_province[source]
        # The fraction left after choosing the province picks the county within it.
        return counties[int((u * len(sources) % 1) * len(counties))]

    def identity_body(self, birthplace, birth_date, sex, u) -> int:
        """The first 17 digits: address code, birth date, sequence (odd for men), unique."""
        sequence = int(u * 500) * 2 + (1 if sex == "M" else 0)
        date_part = birth_date.year * 10_000 + birth_date.month * 100 + birth_date.day
        base = (int(birthplace) * 100_000_000 + date_part) * 1000
        body = base + sequence
        while body in self.seen:  # someone born the same day in the same county: next number
            sequence = (sequence + 2) % 1000
            body = base + sequence
        self.seen.add(body)
        return body


def day_of_year(year: int, u: float) -> datetime.date:
    start = datetime.date(year, 1, 1)
    return start + datetime.timedelta(days=int(u * 365))


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def employers(*, region_code: str, count: int, seed: int) -> list[SyntheticEmployer]:
    """Employers registered in the counties of `region_code`, with unique names and codes."""
    tree = region_tree()
    rng = np.random.default_rng([seed, 1 << 20])
    counties = counties_in(region_code)
    industries = list(vocabulary.INDUSTRIES)
    weights = np.array([vocabulary.INDUSTRIES[i][0] for i in industries], dtype=float)
    names = NameMaker()
    contact_sexes = rng.choice(["M", "F"], size=count).tolist()
    contacts = names.make(rng, contact_sexes)
    contact_phones = phones(rng, count)
    brand = vocabulary.BRAND_CHARACTERS
    result, seen_names, seen_codes = [], set(), set()
    for i in range(count):
        county = counties[int(rng.integers(len(counties)))]
        city = tree.get(tree.at_level(county, 2) or county).name
        industry = industries[int(rng.choice(len(industries), p=weights / weights.sum()))]
        trades = vocabulary.INDUSTRIES[industry][1]
        while True:
            a, b, t = rng.integers(0, len(brand)), rng.integers(0, len(brand)), rng.integers(9)
            trade = trades[int(t) % len(trades)]
            name = f"{city.removesuffix('市')}{brand[a]}{brand[b]}{trade}有限公司"
            code = credit_code(county, f"{int(rng.integers(10**8)):08d}")
            if a != b and name not in seen_names and code not in seen_codes:
                break
        seen_names.add(name)
        seen_codes.add(code)
        result.append(
            SyntheticEmployer(
                credit_code=code,
                name=name,
                industry=industry,
                size=EMPLOYER_SIZE(float(rng.random())),
                region_code=county,
                province_code=tree.province_of(county),
                contact_name=contacts[i],
                contact_phone=contact_phones[i],
            )
        )
    return result
