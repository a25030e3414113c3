"""Demo services and paired assistance for people already on the demo ledger.

Runs after `registry.demo_data.seed_ledger` and after the demo accounts exist. Each person's
story is drawn from a generator seeded with their identity number, so the same people and
`as_of` give the same data. About half of the ledger gets a complete "1131", a third part of
one and the rest nothing yet, so that long stays show up as overdue. People with difficulties
in Xihu district are paired with the demo caseworker and a few colleagues, balanced by
caseload; their follow-ups are spaced so that some fall due on `as_of`. Rows are bulk-inserted
in one transaction with one audit event; people already served or paired are left alone, so a
second run adds nothing.
"""

import datetime
import random
import zlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef

from minsheng.assistance.models import Channel, FollowUp, Pairing, ServiceKind, ServiceRecord
from minsheng.assistance.pairing_selectors import (
    CaseloadBalancer,
    follow_up_interval,
    with_difficulty,
)
from minsheng.core import audit
from minsheng.core.models import Role, User
from minsheng.core.regions import region_tree
from minsheng.core.services import create_user
from minsheng.registry.models import LedgerEntry, Person

PAIRING_REGION = "330106"  # 杭州市西湖区, where the demo caseworker works
DEMO_CASEWORKER = "caseworker"
EXTRA_CASEWORKERS = (("caseworker2", "周敏"), ("caseworker3", "吴磊"), ("caseworker4", "郑洁"))
BATCH_SIZE = 1000
SHARE_COMPLETE, SHARE_PARTIAL = 0.5, 0.33
SHARE_UNPAIRED = 0.12  # left for the "assign suggested" button
CONTENT = {
    ServiceKind.POLICY_BRIEFING: ("讲解一次性扩岗补贴和社保补贴政策", "发送高校毕业生就业政策清单"),
    ServiceKind.CAREER_GUIDANCE: ("职业指导：简历修改与面试辅导", "职业测评并制定求职计划"),
    ServiceKind.JOB_RECOMMENDATION: (
        "推荐岗位：软件测试工程师",
        "推荐岗位：电商运营专员",
        "推荐岗位：行政助理",
        "推荐岗位：数控车工",
        "推荐岗位：客户服务代表",
    ),
    ServiceKind.TRAINING_OPPORTUNITY: ("推荐参加电工职业技能培训", "推荐参加直播电商培训班"),
    ServiceKind.INTERNSHIP_OPPORTUNITY: ("推荐就业见习岗位：区政务服务中心", "推荐见习：科技企业"),
}
FOLLOW_UP_NOTES = (
    "电话回访，了解求职进展，推荐两个岗位",
    "上门走访，家庭情况稳定，有意参加技能培训",
    "微信沟通，已参加面试，等待结果",
    "到服务大厅面谈，协助申请灵活就业社保补贴",
)
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class AssistanceSeedReport:
    services: int
    pairings: int
    follow_ups: int
    caseworkers_created: int


def story(purpose: str, identity_number: str | None, person_id: int) -> random.Random:
    return random.Random(zlib.crc32(f"{purpose}:{identity_number or person_id}".encode()))


def demo_caseworkers() -> tuple[list[User], int]:
    """The demo caseworker and a few colleagues in Xihu, created when missing."""
    created = 0
    for username, full_name in EXTRA_CASEWORKERS:
        if not User.objects.filter(username=username).exists():
            # Imported here: demo.services imports this module to call the seed.
            from minsheng.demo.services import DEMO_PASSWORD

            create_user(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                role=Role.CASEWORKER,
                region_code=PAIRING_REGION,
                full_name=full_name,
            )
            created += 1
    usernames = [DEMO_CASEWORKER, *(username for username, _name in EXTRA_CASEWORKERS)]
    found = list(User.objects.filter(username__in=usernames, role=Role.CASEWORKER))
    return found, created


def services_for(entry: dict, staff: User | None, as_of: datetime.date) -> list[ServiceRecord]:
    rng = story("services", entry["person__identity_number"], entry["person_id"])
    u = rng.random()
    if u < SHARE_COMPLETE:
        kinds = [ServiceKind.POLICY_BRIEFING, ServiceKind.CAREER_GUIDANCE]
        kinds += [ServiceKind.JOB_RECOMMENDATION] * rng.choice((3, 3, 4, 5))
        kinds.append(
            rng.choice((ServiceKind.TRAINING_OPPORTUNITY, ServiceKind.INTERNSHIP_OPPORTUNITY))
        )
    elif u < SHARE_COMPLETE + SHARE_PARTIAL:
        kinds = rng.sample(
            [ServiceKind.POLICY_BRIEFING, ServiceKind.CAREER_GUIDANCE], rng.randint(0, 2)
        )
        kinds += [ServiceKind.JOB_RECOMMENDATION] * rng.randint(0, 2)
        if rng.random() < 0.3:
            kinds.append(ServiceKind.TRAINING_OPPORTUNITY)
    else:
        return []
    window = max(0, min((as_of - entry["entered_on"]).days, 150))
    return [
        ServiceRecord(
            person_id=entry["person_id"],
            kind=kind,
            delivered_on=entry["entered_on"] + rng.randint(0, window) * DAY,
            channel=rng.choice(Channel.values),
            content=rng.choice(CONTENT[kind]),
            staff=staff,
            region_id=entry["region_id"],
            province_code=entry["province_code"],
        )
        for kind in kinds
    ]


def seed_services(*, as_of: datetime.date, region_code: str, staff: list[User]) -> int:
    scope = sorted(region_tree().subtree(region_code))
    served = ServiceRecord.objects.filter(region_id__in=scope).values("person_id")
    entries = (
        LedgerEntry.objects.filter(region_id__in=scope, entered_on__lte=as_of)
        .filter(exited_on__isnull=True)
        .exclude(person_id__in=served)
        .order_by("person_id")
        .values("person_id", "person__identity_number", "entered_on", "region_id", "province_code")
    )
    xihu_staff = sorted(staff, key=lambda user: user.username)
    rows = []
    for index, entry in enumerate(entries.iterator(chunk_size=BATCH_SIZE)):
        # Staff outside Xihu are not demo accounts; their services show no named worker.
        worker = None
        if entry["region_id"] == PAIRING_REGION and xihu_staff:
            worker = xihu_staff[index % len(xihu_staff)]
        rows += services_for(entry, worker, as_of)
    ServiceRecord.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def follow_up_plan(rng: random.Random, as_of: datetime.date, interval: int):
    """When the pairing started and the visits so far: a quarter due today, some overdue."""
    u = rng.random()
    if u < 0.25:
        last = as_of - interval * DAY
    elif u < 0.4:
        last = as_of - (interval + rng.randint(1, 25)) * DAY
    else:
        last = as_of - rng.randint(1, interval - 1) * DAY
    if rng.random() < 0.15:  # a new pairing: nothing recorded yet, due from its start
        return last, []
    visits = [last] + [
        last - (k * interval + rng.randint(0, 5)) * DAY for k in range(1, rng.randint(1, 6))
    ]
    return visits[-1] - rng.randint(0, 10) * DAY, sorted(visits)


def seed_pairings(*, as_of: datetime.date, caseworkers: list[User]) -> tuple[int, int]:
    people = with_difficulty(
        Person.objects.filter(region_id=PAIRING_REGION, merged_into__isnull=True), as_of
    ).exclude(Exists(Pairing.objects.filter(person=OuterRef("pk"))))
    candidates = list(people.order_by("id").values_list("id", "identity_number", "province_code"))
    interval = follow_up_interval(PAIRING_REGION, as_of).days
    balancer = CaseloadBalancer(
        exclude=User.objects.filter(role=Role.CASEWORKER)
        .exclude(pk__in=[user.pk for user in caseworkers])
        .values_list("pk", flat=True)
    )
    pairings, plans = [], []
    for person_id, identity_number, province_code in candidates:
        rng = story("pairing", identity_number, person_id)
        if rng.random() < SHARE_UNPAIRED:
            continue
        caseworker = balancer.suggest(PAIRING_REGION)
        if caseworker is None:
            break
        balancer.take(caseworker)
        started_on, visits = follow_up_plan(rng, as_of, interval)
        pairings.append(
            Pairing(
                person_id=person_id,
                caseworker=caseworker,
                region_id=PAIRING_REGION,
                province_code=province_code,
                started_on=started_on,
            )
        )
        plans.append((visits, rng))
    Pairing.objects.bulk_create(pairings, batch_size=BATCH_SIZE)
    follow_ups = [
        FollowUp(
            pairing=pairing,
            visited_on=visited_on,
            channel=rng.choice(
                (Channel.PHONE, Channel.HOME_VISIT, Channel.IN_PERSON, Channel.ONLINE)
            ),
            notes=rng.choice(FOLLOW_UP_NOTES),
            caseworker=pairing.caseworker,
            region_id=PAIRING_REGION,
        )
        for pairing, (visits, rng) in zip(pairings, plans, strict=True)
        for visited_on in visits
    ]
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH_SIZE)
    return len(pairings), len(follow_ups)


def seed_assistance(*, as_of: datetime.date, region_code: str) -> AssistanceSeedReport:
    """Services for the ledger under `region_code`; pairings and follow-ups in Xihu."""
    with transaction.atomic():
        caseworkers, created = demo_caseworkers()
        services = seed_services(as_of=as_of, region_code=region_code, staff=caseworkers)
        pairings, follow_ups = seed_pairings(as_of=as_of, caseworkers=caseworkers)
        report = AssistanceSeedReport(services, pairings, follow_ups, created)
        audit.record(
            None,
            audit.Change(
                action="assistance_demo_seeded",
                object_type="demo.run",
                object_id=f"assistance-{as_of.isoformat()}",
                region_code=region_code,
                after={"as_of": as_of.isoformat(), **report.__dict__},
            ),
        )
    return report
