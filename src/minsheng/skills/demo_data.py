"""Demo skills: training providers in Hangzhou, courses in the digital economy, green economy and
elderly care, enrolments of Xihu ledger people by the demo caseworker, a finished course with
its assessment, certificates and paid subsidies, and a full course with a waiting list.

Runs after the ledger, the assistance services and recruitment. Everything goes through the
services, as the supervisor, the caseworker and a citizen would do it, so the audit log and the
1131 training opportunities are the real ones. Dates are drawn relative to `as_of`; a second
run adds nothing (providers already exist). Provider names, credit codes and accreditation
numbers are invented.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from stdnum.cn import uscc

from minsheng.core.models import User
from minsheng.registry.models import JobWish, LedgerEntry, Person
from minsheng.skills import (
    enrolment_services,
    progress_services,
    selectors,
    services,
    subsidy_services,
)
from minsheng.skills.models import (
    CourseStatus,
    Enrolment,
    ObtainedBy,
    ProviderKind,
    TrainingProvider,
)

DAY = datetime.timedelta(days=1)
XIHU, BINJIANG = "330106", "330108"
AI_TRAINER, E_COMMERCE = "4-04-05-05", "4-01-06-01"
ELDERLY_CARER, SOLAR_OPERATOR, ELECTRICIAN = "4-10-01-05", "6-28-01-10", "6-31-01-03"
# Assessment scores of the finished course's participants who complete it (60 passes).
SCORES = (88, 92, 52, 76, 65, 81, 45, 95, 70, 84)
FINISHED_COURSE_PEOPLE = 12


@dataclass(frozen=True)
class SkillsSeedReport:
    providers: int
    courses: int
    enrolments: int
    certificates: int
    subsidies_paid: int
    sample_certificate: str


def credit_code(kind: str, region_code: str, sequence: int) -> str:
    body = f"{kind}{region_code}MJ{sequence:07d}"
    return body + uscc.calc_check_digit(body)


def seed_skills(*, as_of: datetime.date, region_code: str) -> SkillsSeedReport | None:
    if TrainingProvider.objects.exists():
        return None
    supervisor = User.objects.get(username="supervisor")
    caseworker = User.objects.get(username="caseworker")
    with transaction.atomic():
        digital, care, school = register_providers(supervisor, as_of)
        pool = xihu_ledger_people(as_of, limit=2 * FINISHED_COURSE_PEOPLE)
        finished = finished_course(
            supervisor, caseworker, digital, as_of,
            people=pool[: min(FINISHED_COURSE_PEOPLE, max(1, len(pool) // 2))],
        )  # fmt: skip
        full = full_course(supervisor, caseworker, digital, as_of, exclude=finished)
        open_courses(supervisor, caseworker, care, school, as_of, exclude=finished + full)
        enterprise_levels(caseworker, as_of, exclude=finished + full)
    certificates = list(selectors.certificate_list(actor=supervisor))
    return SkillsSeedReport(
        providers=TrainingProvider.objects.count(),
        courses=selectors.course_list(actor=supervisor).count(),
        enrolments=Enrolment.objects.count(),
        certificates=len(certificates),
        subsidies_paid=selectors.subsidy_list(actor=supervisor, decision="granted")
        .filter(payment__isnull=False)
        .count(),
        sample_certificate=certificates[-1].number if certificates else "",
    )


def register_providers(supervisor, as_of) -> tuple[TrainingProvider, ...]:
    accredited = {"accredited_from": as_of - 900 * DAY, "accredited_until": as_of + 1000 * DAY}
    digital = services.register_provider(
        actor=supervisor, name="杭州数智职业技能培训学校", kind=ProviderKind.TRAINING_ORGANISATION,
        credit_code=credit_code("52", XIHU, 1), region_code=XIHU, address="西湖区文三路 478 号",
        accreditation_number="杭人社培（示例）2024-017", **accredited,
    )  # fmt: skip
    care = services.register_provider(
        actor=supervisor, name="西湖区康养职业培训中心", kind=ProviderKind.TRAINING_ORGANISATION,
        credit_code=credit_code("52", XIHU, 2), region_code=XIHU, address="西湖区古墩路 88 号",
        accreditation_number="杭人社培（示例）2023-102", **accredited,
    )  # fmt: skip
    school = services.register_provider(
        actor=supervisor, name="杭州示范技师学院", kind=ProviderKind.VOCATIONAL_SCHOOL,
        credit_code=credit_code("12", BINJIANG, 3), region_code=BINJIANG,
        address="滨江区江南大道 1001 号", accreditation_number="浙人社技（示例）2022-008",
        accredited_from=as_of - 1500 * DAY,
    )  # fmt: skip
    return digital, care, school


def xihu_ledger_people(as_of, *, wishing: str = "", exclude=(), limit: int) -> list[Person]:
    """People on the Xihu ledger since well before the courses, by a wish first when asked."""
    entries = LedgerEntry.objects.filter(
        region_id=XIHU, exited_on__isnull=True, entered_on__lte=as_of - 80 * DAY
    )
    people = (
        Person.objects.filter(pk__in=entries.values("person"), account__isnull=True)
        .exclude(pk__in=[p.pk for p in exclude])
        .order_by("pk")
    )
    chosen = []
    if wishing:
        wishes = JobWish.objects.filter(occupation_code=wishing).values("person")
        chosen = list(people.filter(pk__in=wishes)[:limit])
    rest = people.exclude(pk__in=[p.pk for p in chosen])
    return chosen + list(rest[: limit - len(chosen)])


def finished_course(supervisor, caseworker, provider, as_of, *, people) -> list[Person]:
    """An AI-trainer course that ended: attendance, assessment, certificates, subsidies paid.

    Of its twelve participants ten complete it (two of them fail the assessment), one leaves
    early and one drops out; a small demo data set has fewer people and fewer of these.
    """
    course = services.add_course(
        actor=supervisor, provider=provider, title="人工智能训练师（初级工）培训班",
        occupation_code=AI_TRAINER, target_level=2, hours=80, starts_on=as_of - 60 * DAY,
        ends_on=as_of - 25 * DAY, place="西湖区文三路 478 号 数智培训学校 3 楼实训室",
        region_code=XIHU, capacity=12, cost=Decimal(2400),
        description="数据采集与处理、数据标注、智能系统运维基础；结业参加初级工（五级）认定。",
    )  # fmt: skip
    enrolments = [
        enrolment_services.enrol(
            actor=caseworker, course=course, person=person, on=as_of - 70 * DAY
        )
        for person in people
    ]
    completing, others = enrolments[: len(SCORES)], enrolments[len(SCORES) :]
    if others:
        enrolment_services.drop(
            actor=caseworker, enrolment=others[-1], reason="已找到工作，无法继续参加培训",
            on=as_of - 50 * DAY,
        )  # fmt: skip
    if len(others) > 1:
        progress_services.record_attendance(
            actor=caseworker, enrolment=others[0], hours=40, on=as_of - 40 * DAY
        )
    for enrolment, score in zip(completing, SCORES, strict=False):
        progress_services.record_attendance(
            actor=caseworker, enrolment=enrolment, hours=76, on=as_of - 25 * DAY
        )
        progress_services.record_completion(
            actor=caseworker, enrolment=enrolment, completed_on=as_of - 25 * DAY
        )
        progress_services.record_assessment(
            actor=caseworker, enrolment=enrolment, score=score, assessed_on=as_of - 20 * DAY
        )
        if score >= 60:
            progress_services.issue_certificate(
                actor=caseworker, enrolment=enrolment, issued_on=as_of - 15 * DAY
            )
    services.set_course_status(actor=supervisor, course=course, status=CourseStatus.CLOSED)
    subsidy_services.decide_course_subsidies(actor=caseworker, course=course, on=as_of - 10 * DAY)
    for application in selectors.unpaid_subsidies(actor=supervisor, course=course):
        subsidy_services.pay_subsidy(
            actor=supervisor, application=application, paid_on=as_of - 5 * DAY,
            voucher=f"PXBT-{as_of:%Y}-{application.pk:05d}",
        )  # fmt: skip
    return people


def full_course(supervisor, caseworker, provider, as_of, *, exclude) -> list[Person]:
    """An e-commerce course about to start: full, three on the waiting list, then one drops."""
    people = xihu_ledger_people(as_of, wishing=E_COMMERCE, exclude=exclude, limit=11)
    course = services.add_course(
        actor=supervisor, provider=provider, title="电子商务师（初级工）直播电商实训班",
        occupation_code=E_COMMERCE, target_level=2, hours=64, starts_on=as_of + 10 * DAY,
        ends_on=as_of + 30 * DAY, place="西湖区文三路 478 号 直播实训基地", region_code=XIHU,
        capacity=max(1, min(8, len(people) - 3)), cost=Decimal(1800),
        description="直播选品、短视频制作、店铺运营与数据分析；结业参加初级工（五级）认定。",
    )  # fmt: skip
    enrolments = [
        enrolment_services.enrol(actor=caseworker, course=course, person=person, on=as_of - 3 * DAY)
        for person in people
    ]
    if len(enrolments) > course.capacity:
        enrolment_services.drop(
            actor=caseworker, enrolment=enrolments[0], reason="时间冲突，改报下期", on=as_of - DAY
        )
    return people


def open_courses(supervisor, caseworker, care, school, as_of, *, exclude) -> None:
    """A care course (with a self-enrolment by the demo citizen) and a green one."""
    carers = services.add_course(
        actor=supervisor, provider=care, title="养老护理员（初级工）培训班",
        occupation_code=ELDERLY_CARER, target_level=2, hours=120, starts_on=as_of + 20 * DAY,
        ends_on=as_of + 60 * DAY, place="西湖区古墩路 88 号 康养实训中心", region_code=XIHU,
        capacity=30, cost=Decimal(2000),
        description="生活照料、基础照护、康复服务与心理支持；含养老机构实习 16 学时。",
    )  # fmt: skip
    for person in xihu_ledger_people(as_of, wishing=ELDERLY_CARER, exclude=exclude, limit=5):
        enrolment_services.enrol(actor=caseworker, course=carers, person=person, on=as_of)
    citizen = User.objects.filter(username="citizen").first()
    own = Person.objects.filter(account=citizen).first() if citizen else None
    if own is not None:
        enrolment_services.enrol(actor=citizen, course=carers, person=own, on=as_of)
    services.add_course(
        actor=supervisor, provider=school, title="光伏发电运维值班员（中级工）培训班",
        occupation_code=SOLAR_OPERATOR, target_level=3, hours=160, starts_on=as_of + 30 * DAY,
        ends_on=as_of + 90 * DAY, place="滨江区江南大道 1001 号 新能源实训楼", region_code=BINJIANG,
        capacity=40, cost=Decimal(3200),
        description="光伏电站巡检、设备运行监控、故障处理与安全规程。",
    )  # fmt: skip


def enterprise_levels(caseworker, as_of, *, exclude) -> None:
    """An electrician's levels from an enterprise's own evaluation, five years apart."""
    for person in xihu_ledger_people(as_of, exclude=exclude, limit=1):
        record_levels(caseworker, person, as_of)


def record_levels(caseworker, person, as_of) -> None:
    for level, years_ago in ((2, 9), (3, 4)):
        progress_services.record_skill_level(
            actor=caseworker, person=person, occupation_code=ELECTRICIAN, level=level,
            obtained_by=ObtainedBy.ENTERPRISE_EVALUATION,
            obtained_on=as_of - years_ago * 365 * DAY, evaluated_by="杭州示范电气设备有限公司",
        )  # fmt: skip
