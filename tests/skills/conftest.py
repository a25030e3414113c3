"""Data for the skills tests: people on the ledger, providers and courses written directly (no
audit), and a helper that takes an enrolment through attendance and assessment by the services.
"""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone
from stdnum.cn import ric, uscc

from minsheng.core.regions import region_tree
from minsheng.registry.models import LedgerEntry, Person
from minsheng.skills import progress_services
from minsheng.skills.models import Course, Enrolment, TrainingProvider

XIHU, BINJIANG = "330106", "330108"
AI_TRAINER, E_COMMERCE, ELDERLY_CARER = "4-04-05-05", "4-01-06-01", "4-10-01-05"
SOLAR_OPERATOR, WELDER = "6-28-01-10", "6-18-02-04"
DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture(autouse=True)
def _in_english(in_english):
    """Messages compared in these tests are the English msgids."""
    yield


@pytest.fixture
def make_person(db):
    """A factory: a person of `region_code`, on the ledger since 100 days ago unless asked."""
    numbers = itertools.count(1)

    def make(
        name: str = "王小明", region_code: str = XIHU, *, on_ledger: bool = True, account=None
    ) -> Person:
        body = f"{region_code}19980407{next(numbers):03d}"
        person = Person.objects.create(
            identity_number=body + ric.calc_check_digit(body + "0"),
            name=name,
            sex="M",
            birth_date=datetime.date(1998, 4, 7),
            region_id=region_code,
            province_code=region_tree().province_of(region_code),
            phone="13912345678",
            account=account,
        )
        if on_ledger:
            LedgerEntry.objects.create(
                person=person,
                region_id=region_code,
                province_code=person.province_code,
                reason="graduate_not_employed",
                entered_on=today() - 100 * DAY,
            )
        return person

    return make


@pytest.fixture
def make_provider(db):
    numbers = itertools.count(1)

    def make(name: str = "杭州数智职业技能培训学校", region_code: str = XIHU) -> TrainingProvider:
        body = f"52{region_code}MJ{next(numbers):07d}"
        return TrainingProvider.objects.create(
            name=name,
            kind="training_organisation",
            credit_code=body + uscc.calc_check_digit(body),
            region_id=region_code,
            province_code=region_tree().province_of(region_code),
            accreditation_number="杭人社培2024-017",
            accredited_from=today() - 1000 * DAY,
        )

    return make


@pytest.fixture
def make_course(db, make_provider):
    """A factory: a junior AI-trainer course of 80 hours starting in 10 days, 2 places."""

    def make(
        *,
        provider: TrainingProvider | None = None,
        occupation_code: str = AI_TRAINER,
        target_level: int = 2,
        capacity: int = 2,
        starts_on: datetime.date | None = None,
        region_code: str = XIHU,
        focus_area: str = "digital",
        status: str = "open",
        title: str = "人工智能训练师（初级工）培训班",
    ) -> Course:
        starts_on = starts_on or today() + 10 * DAY
        return Course.objects.create(
            provider=provider or make_provider(),
            title=title,
            occupation_code=occupation_code,
            target_level=target_level,
            hours=80,
            starts_on=starts_on,
            ends_on=starts_on + 30 * DAY,
            place="文三路 478 号",
            region_id=region_code,
            province_code=region_tree().province_of(region_code),
            capacity=capacity,
            cost=Decimal(2400),
            focus_area=focus_area,
            status=status,
        )

    return make


def finish(actor, enrolment: Enrolment, *, score=80, completed_on=None) -> Enrolment:
    """Attend all 80 hours, complete and sit the assessment (on days already passed)."""
    course = enrolment.course
    completed_on = completed_on or today()
    progress_services.record_attendance(
        actor=actor, enrolment=enrolment, hours=course.hours, on=completed_on
    )
    progress_services.record_completion(actor=actor, enrolment=enrolment, completed_on=completed_on)
    return progress_services.record_assessment(
        actor=actor, enrolment=enrolment, score=score, assessed_on=completed_on
    )


@pytest.fixture
def past_course(make_course):
    """A course that started 40 days ago and ended 10 days ago, with people enrolled before."""

    def make(**fields) -> Course:
        return make_course(starts_on=today() - 40 * DAY, **fields)

    return make
