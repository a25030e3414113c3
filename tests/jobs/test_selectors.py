"""The statistics snapshot's reads of recruitment docking: a system job's, so every region's
vacancies and hires up to the day, carrying figures and codes but no names or contact details."""

import datetime
from decimal import Decimal

import pytest

from minsheng.jobs import selectors
from minsheng.jobs.models import Application

from .conftest import CHAOYANG, WELDER, today

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def rows_of(chunks) -> list[dict]:
    return [
        dict(zip(chunk, values, strict=True))
        for chunk in chunks
        for values in zip(*chunk.values(), strict=True)
    ]


def every_value(rows: list[dict]) -> set[str]:
    return {str(value) for row in rows for value in row.values()}


@pytest.fixture
def vacancies(make_employer, make_vacancy):
    hangzhou = make_employer("杭州恒泰机械制造有限公司", industry="C")
    beijing = make_employer("北京朝阳软件有限公司", region_code=CHAOYANG, industry="I")
    return {
        "xihu": make_vacancy(hangzhou, "电焊工（夜班）", opens_on=today() - 10 * DAY),
        "chaoyang": make_vacancy(beijing, published=False, opens_on=today() - 3 * DAY),
        "later": make_vacancy(hangzhou, opens_on=today() + 2 * DAY, closes_on=today() + 9 * DAY),
    }


def test_vacancies_of_every_region_and_status_opened_by_the_day(vacancies):
    chunks = selectors.vacancies_for_snapshot(as_of=today())
    rows = rows_of(chunks)
    columns = ("vacancy_id", "region_code", "province_code", "industry", "status")
    assert [tuple(row[c] for c in columns) for row in rows] == [
        (vacancies["xihu"].pk, "330106", "330000", "C", "published"),
        (vacancies["chaoyang"].pk, CHAOYANG, "110000", "I", "pending"),
    ]
    assert chunks.count() == 2
    assert rows[0]["occupation_code"] == WELDER and rows[0]["pay_max"] == Decimal(8000)
    assert len(rows_of(selectors.vacancies_for_snapshot(as_of=today() + 2 * DAY))) == 3


def test_vacancy_reads_hold_no_employer_names_titles_or_contacts(vacancies):
    values = every_value(rows_of(selectors.vacancies_for_snapshot(as_of=today())))
    for private in ("杭州恒泰机械制造有限公司", "电焊工（夜班）", "周经理", "0571-88886666"):
        assert private not in values


def test_hires_by_the_day_placed_where_the_vacancy_is_without_the_person(vacancies, make_seeker):
    worker = make_seeker("王强", CHAOYANG)  # lives in Beijing, hired in Hangzhou
    applicant = make_seeker("李娜")
    job = vacancies["xihu"]
    hired = Application.objects.create(
        person=worker, vacancy=job, status="hired", applied_on=today() - 5 * DAY,
        hired_on=today() - 2 * DAY, monthly_pay=Decimal(7200), region_id=CHAOYANG,
        province_code="110000",
    )  # fmt: skip
    Application.objects.create(
        person=applicant, vacancy=job, status="applied", applied_on=today() - DAY,
        region_id=applicant.region_id, province_code=applicant.province_code,
    )  # fmt: skip

    rows = rows_of(selectors.hires_for_snapshot(as_of=today()))

    assert rows == [
        {
            "application_id": hired.pk, "occupation_code": WELDER, "region_code": "330106",
            "province_code": "330000", "industry": "C", "skill_level": job.skill_level,
            "hired_on": today() - 2 * DAY, "monthly_pay": Decimal(7200),
        }
    ]  # fmt: skip
    assert rows_of(selectors.hires_for_snapshot(as_of=today() - 3 * DAY)) == []
    assert not {"王强", worker.identity_number, "13812345678"} & every_value(rows)
