"""Operational rows for the snapshot and release tests, written directly (no services, no audit).

`recruitment_quarter(quarter)` fills the last finished quarter with: a welder's vacancy in
Xihu (Hangzhou) for 5 people, two people looking for welding work in Hangzhou (one unemployed,
one on the ledger), and ten welders hired at 6,000 … 8,250 a month (12 × that a year).
"""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone
from stdnum.cn import ric, uscc

from minsheng.core.regions import region_tree
from minsheng.jobs.models import Application, Employer, Vacancy
from minsheng.labour_market.engine.periods import Period
from minsheng.registry.models import JobWish, LedgerEntry, Person, StatusChange

XIHU, HANGZHOU = "330106", "330100"
WELDER = "6-18-02-04"
_numbers = itertools.count(1)


def last_finished_quarter() -> Period:
    return Period.quarter_of(timezone.localdate()).previous()


def employer(region_code: str = XIHU, industry: str = "C") -> Employer:
    body = f"91{region_code}MA{next(_numbers):07d}"
    return Employer.objects.create(
        credit_code=body + uscc.calc_check_digit(body),
        name=f"杭州恒泰机械制造有限公司{body[-3:]}",
        industry=industry,
        size="small",
        region_id=region_code,
        province_code=region_tree().province_of(region_code),
    )


def vacancy(owner: Employer, *, opens_on, closes_on, headcount=5, occupation=WELDER, **extra):
    return Vacancy.objects.create(
        employer=owner,
        title="焊工",
        occupation_code=occupation,
        headcount=headcount,
        pay_min=Decimal(5000),
        pay_max=Decimal(8000),
        region_id=owner.region_id,
        province_code=owner.province_code,
        contract_type="full_time",
        opens_on=opens_on,
        closes_on=closes_on,
        status=extra.pop("status", "published"),
        skill_level=extra.pop("skill_level", 3),
        **extra,
    )


def person(name: str = "陈明", region_code: str = XIHU) -> Person:
    body = f"{region_code}19950315{next(_numbers) % 100:02d}1"
    return Person.objects.create(
        identity_number=body + ric.calc_check_digit(body + "0"),
        name=name,
        sex="M",
        birth_date=datetime.date(1995, 3, 15),
        region_id=region_code,
        province_code=region_tree().province_of(region_code),
    )


def seeker(*, since: datetime.date, on_ledger: bool = False, wish=WELDER) -> Person:
    someone = person()
    wished = JobWish.objects.create(person=someone, occupation_code=wish, region_id=HANGZHOU)
    made = timezone.make_aware(datetime.datetime.combine(since, datetime.time(9)))
    JobWish.objects.filter(pk=wished.pk).update(created_at=made)
    if on_ledger:
        LedgerEntry.objects.create(
            person=someone,
            region_id=someone.region_id,
            province_code=someone.province_code,
            reason="registered_youth",
            entered_on=since,
        )
    else:
        StatusChange.objects.create(person=someone, status="unemployed", since=since)
    return someone


def hire(job: Vacancy, *, on: datetime.date, monthly_pay: Decimal) -> Application:
    worker = person("王强")
    return Application.objects.create(
        person=worker,
        vacancy=job,
        status="hired",
        applied_on=on,
        hired_on=on,
        monthly_pay=monthly_pay,
        region_id=worker.region_id,
        province_code=worker.province_code,
    )


def recruitment_quarter(quarter: Period) -> dict:
    owner = employer()
    job = vacancy(owner, opens_on=quarter.start, closes_on=quarter.end)
    first_day = quarter.start - datetime.timedelta(days=40)
    seekers = [seeker(since=first_day), seeker(since=first_day, on_ledger=True)]
    hires = [
        hire(
            job, on=quarter.start + datetime.timedelta(days=i), monthly_pay=Decimal(6000 + 250 * i)
        )
        for i in range(10)
    ]
    return {"employer": owner, "vacancy": job, "seekers": seekers, "hires": hires}
