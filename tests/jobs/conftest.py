"""Data for the recruitment-docking tests: plain factories for employers, vacancies, campaigns,
fairs and seekers on the ledger. They write rows directly (no audit, no title coding), so a
test states only what it is about; tests of the rules themselves go through the services.
"""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone
from stdnum.cn import ric, uscc

from minsheng.core.regions import region_tree
from minsheng.jobs.models import Campaign, Employer, Fair, Vacancy, VacancyStatus
from minsheng.registry.models import JobWish, LedgerEntry, Person

XIHU, BINJIANG, CHAOYANG = "330106", "330108", "110105"
WELDER, SOFTWARE, CASHIER = "6-18-02-04", "2-02-10-03", "4-01-02-04"


def today() -> datetime.date:
    return timezone.localdate()


def credit_code(sequence: int, region_code: str = XIHU) -> str:
    """A valid Unified Social Credit Code: an enterprise (91) of the region, numbered."""
    body = f"91{region_code}MA{sequence:07d}"
    return body + uscc.calc_check_digit(body)


@pytest.fixture
def make_employer(db):
    """A factory: `make_employer("杭州恒泰机械", region_code=XIHU, accounts=[user])`."""
    numbers = itertools.count(1)

    def make(
        name: str = "杭州恒泰机械制造有限公司",
        *,
        region_code: str = XIHU,
        industry: str = "C",
        size: str = "small",
        accounts=(),
    ) -> Employer:
        employer = Employer.objects.create(
            credit_code=credit_code(next(numbers), region_code),
            name=name,
            industry=industry,
            size=size,
            region_id=region_code,
            province_code=region_tree().province_of(region_code),
            contact_name="周经理",
            contact_phone="0571-88886666",
        )
        employer.accounts.add(*accounts)
        return employer

    return make


@pytest.fixture
def make_vacancy(db):
    """A factory: a welder's job open from 10 days ago for 60 days, published unless asked."""

    def make(
        employer: Employer,
        title: str = "焊工",
        *,
        occupation_code: str = WELDER,
        published: bool = True,
        region_code: str | None = None,
        headcount: int = 2,
        pay_min: int = 5000,
        pay_max: int = 8000,
        opens_on: datetime.date | None = None,
        closes_on: datetime.date | None = None,
        contract_type: str = "full_time",
        education: str = "",
    ) -> Vacancy:
        region_code = region_code or employer.region_id
        return Vacancy.objects.create(
            employer=employer,
            title=title,
            occupation_code=occupation_code,
            headcount=headcount,
            pay_min=Decimal(pay_min),
            pay_max=Decimal(pay_max),
            education=education,
            region_id=region_code,
            province_code=region_tree().province_of(region_code),
            contract_type=contract_type,
            opens_on=opens_on or today() - datetime.timedelta(days=10),
            closes_on=closes_on or today() + datetime.timedelta(days=60),
            status=VacancyStatus.PUBLISHED if published else VacancyStatus.PENDING,
        )

    return make


@pytest.fixture
def make_campaign(db):
    """A factory: a Golden Autumn Recruitment Month of Hangzhou running around today."""

    def make(
        name: str = "2026年金秋招聘月",
        *,
        kind: str = "golden_autumn",
        region_code: str = "330100",
        starts_on: datetime.date | None = None,
        ends_on: datetime.date | None = None,
        target_groups=(),
    ) -> Campaign:
        return Campaign.objects.create(
            name=name,
            kind=kind,
            starts_on=starts_on or today() - datetime.timedelta(days=15),
            ends_on=ends_on or today() + datetime.timedelta(days=15),
            region_id=region_code,
            province_code=region_tree().province_of(region_code),
            target_groups=list(target_groups),
        )

    return make


@pytest.fixture
def make_fair(db):
    """A factory: an on-site fair of the campaign, held today, with `booths` booths."""

    def make(
        campaign: Campaign,
        name: str = "西湖区金秋专场招聘会",
        *,
        mode: str = "on_site",
        booths: int = 20,
        held_on: datetime.date | None = None,
        region_code: str = XIHU,
    ) -> Fair:
        return Fair.objects.create(
            campaign=campaign,
            name=name,
            mode=mode,
            venue="西湖文化广场" if mode == "on_site" else "",
            booths=booths if mode == "on_site" else 0,
            held_on=held_on or today(),
            region_id=region_code,
            province_code=region_tree().province_of(region_code),
        )

    return make


@pytest.fixture
def make_seeker(db):
    """A factory: a person on the ledger since 30 days ago, wishing for a job (or none)."""
    numbers = itertools.count(1)

    def make(
        name: str = "陈明",
        region_code: str = XIHU,
        *,
        sex: str = "M",
        birth_date: datetime.date = datetime.date(2000, 3, 15),
        wish: str | None = WELDER,
        expected_pay: int | None = 6000,
        on_ledger: bool = True,
        account=None,
    ) -> Person:
        body = f"{region_code}{birth_date:%Y%m%d}{next(numbers):02d}{1 if sex == 'M' else 2}"
        person = Person.objects.create(
            identity_number=body + ric.calc_check_digit(body + "0"),
            name=name,
            sex=sex,
            birth_date=birth_date,
            region_id=region_code,
            province_code=region_tree().province_of(region_code),
            phone="13812345678",
            education="secondary_vocational",
            account=account,
        )
        if wish is not None:
            JobWish.objects.create(
                person=person,
                occupation_code=wish,
                region_id=region_code,
                expected_monthly_pay=expected_pay,
            )
        if on_ledger:
            LedgerEntry.objects.create(
                person=person,
                region_id=region_code,
                province_code=person.province_code,
                reason="registered_youth",
                entered_on=today() - datetime.timedelta(days=30),
            )
        return person

    return make
