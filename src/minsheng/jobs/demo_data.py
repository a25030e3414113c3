"""Demo recruitment: vacancies, the Golden Autumn Recruitment Month with its fairs, a current
graduate campaign, recommendations, applications and hires.

Runs after the ledger, the assistance services and the demo accounts exist. Everything goes
through the services, as a clerk, an employer and a caseworker would do it, so the audit log,
the 1131 counts and the ledger exits are the real ones. Dates are drawn relative to `as_of`;
the same `as_of` gives the same data. A second run adds nothing (campaigns already exist).
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from minsheng.core.models import User
from minsheng.core.regions import region_tree
from minsheng.jobs import campaign_services, placement_services, services
from minsheng.jobs.models import (
    Application,
    ApplicationStatus,
    Campaign,
    CampaignKind,
    ContractType,
    Employer,
    FairMode,
    Vacancy,
    VacancyStatus,
)
from minsheng.jobs.selectors import open_vacancies
from minsheng.registry.models import LedgerEntry, Person

DAY = datetime.timedelta(days=1)
# (title as an employer writes it, occupation code or "" to code the title, pay range,
#  minimum education, contract type)
VACANCIES = (
    ("电商运营专员", "4-01-06-01", (5000, 8000), "junior_college", ContractType.FULL_TIME),
    ("直播带货主播（底薪+提成）", "4-01-06-02", (6000, 15000), "", ContractType.FULL_TIME),
    ("养老护理员", "4-10-01-05", (4500, 6500), "senior_high", ContractType.FULL_TIME),
    ("客服专员（五险一金）", "4-07-02-03", (4200, 6000), "senior_high", ContractType.FULL_TIME),
    ("行政文员", "3-01-01-01", (4000, 5500), "junior_college", ContractType.FULL_TIME),
    ("仓库管理员", "4-02-06-01", (4500, 6000), "senior_high", ContractType.FULL_TIME),
    ("快递员 多劳多得", "4-02-07-08", (6000, 10000), "", ContractType.FULL_TIME),
    (
        "电工（持证上岗）",
        "6-31-01-03",
        (6000, 9000),
        "secondary_vocational",
        ContractType.FULL_TIME,
    ),
    ("二保焊工", "6-18-02-04", (7000, 11000), "", ContractType.FULL_TIME),
    ("数据分析师", "2-02-30-09", (9000, 15000), "bachelor", ContractType.FULL_TIME),
    ("中餐厨师", "4-03-02-01", (6000, 9000), "", ContractType.FULL_TIME),
    ("机械设计工程师", "2-02-07-01", (8000, 14000), "bachelor", ContractType.FULL_TIME),
    ("销售代表", "4-01-02-01", (4000, 12000), "junior_college", ContractType.FULL_TIME),
    ("外卖骑手（兼职）", "4-10-08-01", (3000, 8000), "", ContractType.PART_TIME),
    ("呼叫中心话务员", "4-04-05-03", (4000, 5500), "senior_high", ContractType.FULL_TIME),
    ("算法工程师", "2-02-38-01", (15000, 30000), "master", ContractType.FULL_TIME),
    ("健康照护师", "4-14-01-03", (4500, 7000), "secondary_vocational", ContractType.FULL_TIME),
    ("汽车维修工", "4-12-01-01", (5000, 8000), "secondary_vocational", ContractType.FULL_TIME),
    ("保育员", "4-10-01-03", (4000, 5500), "secondary_vocational", ContractType.FULL_TIME),
    ("数控车工", "6-18-01-01", (6000, 9000), "secondary_vocational", ContractType.FULL_TIME),
    ("超市收银员", "4-01-02-04", (3500, 4500), "", ContractType.PART_TIME),
    ("保安员（包住）", "4-07-05-01", (4000, 5000), "", ContractType.FULL_TIME),
    ("新媒体运营实习生", "", (2500, 3500), "junior_college", ContractType.INTERNSHIP),
    ("软件测试工程师", "", (7000, 11000), "bachelor", ContractType.FULL_TIME),
    ("奶茶店店员", "", (3800, 5000), "", ContractType.FLEXIBLE),
)
VACANCY_EMPLOYERS = 60
HIRES = 24


@dataclass(frozen=True)
class RecruitmentSeedReport:
    vacancies: int
    campaigns: int
    recommendations: int
    applications: int
    hires: int


def golden_autumn_dates(as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    """October after the National Day holiday, of the latest year whose October has ended."""
    year = as_of.year if as_of.month >= 11 else as_of.year - 1
    return datetime.date(year, 10, 8), datetime.date(year, 10, 31)


def seed_recruitment(*, as_of: datetime.date, region_code: str) -> RecruitmentSeedReport | None:
    if Campaign.objects.exists():
        return None
    supervisor = User.objects.get(username="supervisor")
    caseworker = User.objects.get(username="caseworker")
    rng = random.Random(f"recruitment:{as_of.isoformat()}")
    with transaction.atomic():
        golden_start, golden_end = golden_autumn_dates(as_of)
        vacancies = post_vacancies(supervisor, region_code, golden_start - 20 * DAY, as_of, rng)
        golden = golden_autumn(supervisor, region_code, golden_start, golden_end, vacancies, rng)
        graduate = graduate_campaign(supervisor, region_code, as_of, vacancies)
        recommendations = recommend(caseworker, golden_start + 5 * DAY, as_of)
        applications, hires = apply_and_hire(caseworker, golden, as_of, rng)
    return RecruitmentSeedReport(
        vacancies=len(vacancies),
        campaigns=len([golden, graduate]),
        recommendations=recommendations,
        applications=applications,
        hires=hires,
    )


def post_vacancies(supervisor, region_code, posted_on, as_of, rng) -> list[Vacancy]:
    """Vacancies of demo employers: most published, a few waiting for review, one sent back."""
    demo_employer = User.objects.get(username="employer").employers.first()
    others = Employer.objects.filter(region_id__in=region_tree().subtree(region_code)).exclude(
        pk=demo_employer.pk
    )
    employers = [demo_employer, *others.order_by("credit_code")[: VACANCY_EMPLOYERS - 1]]
    posted = []
    for number, employer in enumerate(employers):
        for title, code, (low, high), education, contract in rng.sample(VACANCIES, 2 + number % 3):
            posted.append(
                services.post_vacancy(
                    actor=supervisor,
                    employer=employer,
                    today=posted_on,
                    title=title,
                    occupation_code=code,
                    description=f"{employer.name}招聘{title}，工作地点{employer.region.name}。",
                    headcount=rng.choice((1, 2, 3, 5, 10)),
                    pay_min=low,
                    pay_max=high,
                    education=education,
                    region_code=employer.region_id,
                    contract_type=contract,
                    opens_on=posted_on + rng.randrange(10) * DAY,
                    closes_on=as_of + rng.randrange(20, 90) * DAY,
                )
            )
    for number, vacancy in enumerate(posted):
        if number % 12 == 5:
            continue  # waiting in the review queue
        approve = number % 37 != 3
        note = "" if approve else "请补充岗位职责和工作时间。"
        services.review_vacancy(
            actor=supervisor, vacancy=vacancy, version=vacancy.version, approve=approve, note=note
        )
    return posted


def golden_autumn(supervisor, region_code, starts_on, ends_on, vacancies, rng) -> Campaign:
    campaign = campaign_services.create_campaign(
        actor=supervisor,
        name=f"{starts_on.year}年金秋招聘月",
        kind=CampaignKind.GOLDEN_AUTUMN,
        starts_on=starts_on,
        ends_on=ends_on,
        region_code=region_code,
        description="面向各类劳动者的金秋招聘月专项活动：现场招聘会、网络招聘会和直播带岗。",
    )
    on_site = campaign_services.add_fair(
        actor=supervisor, campaign=campaign, name="金秋招聘月西湖区现场招聘会",
        mode=FairMode.ON_SITE, venue="西湖区人力资源市场（文三路）", booths=40,
        held_on=starts_on + 9 * DAY, region_code="330106",
    )  # fmt: skip
    online = campaign_services.add_fair(
        actor=supervisor, campaign=campaign, name="金秋招聘月网络招聘会", mode=FairMode.ONLINE,
        held_on=starts_on + 16 * DAY, region_code=region_code,
    )  # fmt: skip
    published = [v for v in vacancies if v.status == VacancyStatus.PUBLISHED]
    by_employer: dict[int, list[Vacancy]] = {}
    for vacancy in published:
        by_employer.setdefault(vacancy.employer_id, []).append(vacancy)
    for number, (_employer_id, offered) in enumerate(sorted(by_employer.items())):
        fair = on_site if number < on_site.booths else online
        campaign_services.register_employer_at_fair(
            actor=supervisor, fair=fair, employer=offered[0].employer, vacancies=offered
        )
    attendees = ledger_people("330106", 300)
    for number, person in enumerate(rng.sample(attendees, min(len(attendees), 160))):
        campaign_services.register_attendee(
            actor=supervisor, fair=on_site if number % 3 else online, person=person
        )
    return campaign


def graduate_campaign(supervisor, region_code, as_of, vacancies) -> Campaign:
    """A campaign running now, with a fair still to come that graduates can register for."""
    campaign = campaign_services.create_campaign(
        actor=supervisor,
        name=f"{as_of.year}年大中城市联合招聘高校毕业生秋季专场",
        kind=CampaignKind.GRADUATE_AUTUMN,
        starts_on=as_of - 60 * DAY,
        ends_on=as_of + 20 * DAY,
        region_code=region_code,
        target_groups=["college_graduate"],
        description="面向高校毕业生和离校未就业青年的秋季专场招聘。",
    )
    fair = campaign_services.add_fair(
        actor=supervisor, campaign=campaign, name="高校毕业生秋季专场（浙江大学紫金港校区）",
        mode=FairMode.ON_SITE, venue="浙江大学紫金港校区学生活动中心", booths=30,
        held_on=as_of + 7 * DAY, region_code="330106",
    )  # fmt: skip
    graduate_jobs = [
        v
        for v in vacancies
        if v.status == VacancyStatus.PUBLISHED
        and v.education in ("junior_college", "bachelor", "master")
        and v.closes_on >= fair.held_on
    ]
    by_employer: dict[int, list[Vacancy]] = {}
    for vacancy in graduate_jobs:
        by_employer.setdefault(vacancy.employer_id, []).append(vacancy)
    for _employer_id, offered in sorted(by_employer.items())[: fair.booths]:
        campaign_services.register_employer_at_fair(
            actor=supervisor, fair=fair, employer=offered[0].employer, vacancies=offered
        )
    return campaign


def ledger_people(region_code: str, limit: int) -> list[Person]:
    on_ledger = LedgerEntry.objects.filter(region_id=region_code, exited_on__isnull=True)
    return list(Person.objects.filter(pk__in=on_ledger.values("person")).order_by("pk")[:limit])


def recommend(caseworker, on: datetime.date, as_of: datetime.date) -> int:
    """The caseworker's batch in the campaign, and the same batch again today."""
    first = placement_services.recommend_for_ledger(actor=caseworker, on=on, per_person=2)
    return first + placement_services.recommend_for_ledger(actor=caseworker, on=as_of, per_person=1)


def apply_and_hire(caseworker, campaign: Campaign, as_of: datetime.date, rng) -> tuple[int, int]:
    """Some recommended people apply; employers interview, offer and hire some of them."""
    recommendations = campaign.recommendations.select_related("person", "vacancy").order_by("pk")
    fair_of = {}
    for fair in campaign.fairs.all():
        for vacancy_id in fair.employers.values_list("vacancies", flat=True):
            fair_of.setdefault(vacancy_id, fair)
    applications, hires = 0, 0
    applied_people = set()
    for recommendation in recommendations:
        if recommendation.person_id in applied_people or rng.random() > 0.45:
            continue
        vacancy = recommendation.vacancy
        applied_on = recommendation.recommended_on + rng.randrange(1, 5) * DAY
        if open_vacancies(actor=caseworker, as_of=applied_on).filter(pk=vacancy.pk).exists():
            application = placement_services.apply(
                actor=caseworker, person=recommendation.person, vacancy=vacancy, on=applied_on,
                fair=fair_of.get(vacancy.pk),
            )  # fmt: skip
            applied_people.add(recommendation.person_id)
            applications += 1
            hires += advance(caseworker, application, as_of, rng, hire=hires < HIRES)
    return applications, hires


def advance(caseworker, application: Application, as_of, rng, *, hire: bool) -> int:
    day = application.applied_on
    for status in (ApplicationStatus.INTERVIEWED, ApplicationStatus.OFFERED):
        if rng.random() < 0.3:
            break
        day = min(as_of, day + rng.randrange(3, 10) * DAY)
        placement_services.advance_application(
            actor=caseworker, application=application, status=status, on=day
        )
    else:
        if hire:
            day = min(as_of, day + rng.randrange(3, 10) * DAY)
            vacancy = application.vacancy
            pay = vacancy.pay_min + (vacancy.pay_max - vacancy.pay_min) * rng.randrange(5) / 4
            placement_services.advance_application(
                actor=caseworker, application=application, status=ApplicationStatus.HIRED,
                on=day, monthly_pay=pay,
            )  # fmt: skip
            return 1
    return 0
