"""Demo histories for people already generated: status changes, ledger stays and job wishes.

Each person's story is drawn from a generator seeded with their identity number, so the same
people and `as_of` give the same stories whatever order they are read in. Rows are written with
plain multi-row INSERTs (the ORM's per-object cost would dominate, as in `demo.services`) in one
transaction with one audit event for the run; people who already have a status history are left
alone, so running it twice adds nothing.

The shares are rough orders of magnitude from published graduate-employment reports, not
statistics: about half of a cohort employed within the first year, a tenth in further study,
and a tail of long-term unemployed (≥ 12 months) that the ledger exists to catch.
"""

import datetime
import random
import zlib
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from minsheng.core import audit
from minsheng.core.regions import CITY, region_tree
from minsheng.jobs.models import Employer
from minsheng.registry.ledger_services import EXIT_REASON_FOR_STATUS
from minsheng.registry.models import (
    EmploymentStatus,
    HowFound,
    JobWish,
    KeyGroup,
    KeyGroupMembership,
    LedgerEntry,
    LedgerReason,
    Person,
    StatusChange,
)
from minsheng.registry.occupations import occupation_names
from minsheng.registry.tallies import refresh_region_tallies

BATCH_SIZE = 2000
# What became of a graduate after leaving school: (status, share, months after graduation).
GRADUATE_OUTCOMES = (
    (EmploymentStatus.EMPLOYED, 0.50, (1, 12)),
    (EmploymentStatus.FURTHER_STUDY, 0.08, (2, 3)),
    (EmploymentStatus.ENLISTED, 0.02, (2, 4)),
    (EmploymentStatus.FLEXIBLE_WORK, 0.06, (2, 10)),
    (EmploymentStatus.SELF_EMPLOYED, 0.03, (4, 14)),
)
HOW_FOUND = (
    (HowFound.PUBLIC_SERVICE, 0.25),
    (HowFound.RECRUITMENT_FAIR, 0.2),
    (HowFound.ONLINE, 0.3),
    (HowFound.REFERRAL, 0.1),
    (HowFound.SCHOOL, 0.1),
    (HowFound.OWN, 0.05),
)
# Expected monthly pay in yuan by education, as a range the wish is drawn from.
PAY_BY_EDUCATION = {
    "junior_college": (4500, 7000),
    "bachelor": (6000, 9500),
    "master": (8000, 13000),
    "doctorate": (12000, 20000),
}
OTHER_PAY = (3500, 6500)
# Major groups of the occupation dictionary graduates and other job seekers mostly look in.
GRADUATE_MAJOR_GROUPS = ("2-", "3-", "4-")
OTHER_MAJOR_GROUPS = ("4-", "6-")
# Jobs many people ask for (the demo vacancies offer them too): most wishes name one of these.
POPULAR_WISHES = (
    "4-01-06-01", "4-01-06-02", "4-10-01-05", "4-07-02-03", "3-01-01-01", "4-02-06-01",
    "4-02-07-08", "6-31-01-03", "6-18-02-04", "2-02-30-09", "4-03-02-01", "2-02-07-01",
    "4-01-02-01", "4-10-08-01", "4-04-05-03", "2-02-38-01", "4-14-01-03", "4-12-01-01",
    "4-10-01-03", "6-18-01-01", "4-01-02-04", "4-07-05-01",
)  # fmt: skip
SHARE_POPULAR_WISHES = 0.7
FALLBACK_EMPLOYERS = (("杭州示范科技有限公司", ""), ("杭州示范商贸有限公司", ""))


@dataclass(frozen=True)
class LedgerSeedReport:
    people: int
    status_changes: int
    ledger_entries: int
    exits: int
    job_wishes: int


@dataclass(frozen=True)
class Someone:
    id: int
    identity_number: str
    birth_date: datetime.date
    graduation_date: datetime.date | None
    education: str
    region_code: str
    province_code: str
    group: str
    since: datetime.date | None


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return datetime.date(year, month + 1, min(day.day, 28))


class StoryTeller:
    """Turns one person into rows; holds the pools the stories draw from."""

    def __init__(self, *, as_of: datetime.date, employers: list[tuple[str, str]]) -> None:
        self.as_of = as_of
        self.employers = employers or list(FALLBACK_EMPLOYERS)
        codes = sorted(occupation_names())
        self.graduate_jobs = [c for c in codes if c.startswith(GRADUATE_MAJOR_GROUPS)]
        self.other_jobs = [c for c in codes if c.startswith(OTHER_MAJOR_GROUPS)]
        # Popular wishes within the jobs of others (False) and of graduates (True).
        self.popular = {
            graduate: [c for c in POPULAR_WISHES if c.startswith(groups)]
            for graduate, groups in ((True, GRADUATE_MAJOR_GROUPS), (False, OTHER_MAJOR_GROUPS))
        }
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.status_changes: list[tuple] = []
        self.entries: list[tuple] = []
        self.wishes: list[tuple] = []

    def tell(self, person: Someone) -> None:
        rng = random.Random(zlib.crc32(person.identity_number.encode()))
        if person.group == KeyGroup.COLLEGE_GRADUATE and person.graduation_date:
            self.graduate(person, rng)
        elif person.group == KeyGroup.UNEMPLOYED_YOUTH and person.since:
            self.youth(person, rng)
        else:
            self.other(person, rng)

    def graduate(self, person: Someone, rng: random.Random) -> None:
        left_school = person.graduation_date
        if left_school > self.as_of:
            return
        self.status(person, EmploymentStatus.UNEMPLOYED, left_school, rng)
        outcome = self.graduate_outcome(left_school, rng)
        if outcome:
            self.status(person, outcome[0], outcome[1], rng)
        self.stay(person, LedgerReason.GRADUATE_NOT_EMPLOYED, left_school, outcome)
        if outcome is None:
            self.wish(person, rng, self.graduate_jobs)

    def graduate_outcome(self, left_school, rng) -> tuple[str, datetime.date] | None:
        u, cumulative = rng.random(), 0.0
        for status, share, (earliest, latest) in GRADUATE_OUTCOMES:
            cumulative += share
            if u < cumulative:
                day = add_months(left_school, rng.randint(earliest, latest))
                return (status, day) if day <= self.as_of else None
        return None

    def youth(self, person: Someone, rng: random.Random) -> None:
        self.status(person, EmploymentStatus.UNEMPLOYED, person.since, rng)
        outcome = None
        if rng.random() < 0.3:
            day = add_months(person.since, rng.randint(2, 10))
            outcome = (EmploymentStatus.EMPLOYED, day) if day <= self.as_of else None
        elif rng.random() < 0.1:
            day = add_months(person.since, rng.randint(1, 4))
            if day <= self.as_of:  # training does not end the stay on the ledger
                self.status(person, EmploymentStatus.IN_TRAINING, day, rng)
        if outcome:
            self.status(person, outcome[0], outcome[1], rng)
        self.stay(person, LedgerReason.REGISTERED_UNEMPLOYED_YOUTH, person.since, outcome)
        if outcome is None:
            self.wish(person, rng, self.other_jobs)

    def other(self, person: Someone, rng: random.Random) -> None:
        """Migrants mostly work; others are a mix, with some unemployed for over a year."""
        employed_share = 0.8 if person.group == KeyGroup.MIGRANT_WORKER else 0.5
        start = person.since or add_months(self.as_of, -rng.randint(1, 60))
        u = rng.random()
        if u < employed_share:
            self.status(person, EmploymentStatus.EMPLOYED, start, rng)
        elif u < employed_share + 0.1:
            self.status(person, EmploymentStatus.FLEXIBLE_WORK, start, rng)
        else:
            lost_job = max(start, add_months(self.as_of, -rng.randint(1, 30)))
            if lost_job > start:
                self.status(person, EmploymentStatus.EMPLOYED, start, rng)
            self.status(person, EmploymentStatus.UNEMPLOYED, lost_job, rng)
            self.wish(person, rng, self.other_jobs)

    def status(self, person: Someone, status: str, since: datetime.date, rng) -> None:
        employer, credit_code, occupation, how_found = "", "", "", ""
        if status == EmploymentStatus.EMPLOYED:
            employer, credit_code = self.employers[rng.randrange(len(self.employers))]
            jobs = self.graduate_jobs if person.graduation_date else self.other_jobs
            occupation = jobs[rng.randrange(len(jobs))]
            how_found = pick(HOW_FOUND, rng.random())
        since = max(since, person.birth_date).isoformat()
        self.status_changes.append(
            (person.id, status, since, employer, credit_code, occupation, how_found, "", self.now)
        )

    def stay(self, person: Someone, reason: str, entered_on, outcome) -> None:
        exit_reason = EXIT_REASON_FOR_STATUS.get(outcome[0], "") if outcome else ""
        exited_on = outcome[1].isoformat() if outcome else None
        self.entries.append(
            (
                person.id, person.region_code, person.province_code, reason,
                entered_on.isoformat(), exited_on, exit_reason,
            )
        )  # fmt: skip

    def wish(self, person: Someone, rng: random.Random, jobs: list[str]) -> None:
        low, high = PAY_BY_EDUCATION.get(person.education, OTHER_PAY)
        city = region_tree().at_level(person.region_code, CITY) or person.region_code
        popular = self.popular[jobs is self.graduate_jobs]
        for _ in range(1 + (rng.random() < 0.4)):
            pool = popular if rng.random() < SHARE_POPULAR_WISHES else jobs
            self.wishes.append(
                (
                    person.id,
                    pool[rng.randrange(len(pool))],
                    person.region_code if rng.random() < 0.6 else city,
                    rng.randrange(low, high + 1, 500),
                    rng.random() < 0.2,
                    self.now,
                )
            )


def pick(shares, u: float) -> str:
    cumulative = 0.0
    for value, share in shares:
        cumulative += share
        if u < cumulative:
            return value
    return shares[-1][0]


def people_without_history(region_code: str) -> list[Someone]:
    scope = sorted(region_tree().subtree(region_code))
    people = Person.objects.filter(region_id__in=scope, merged_into__isnull=True)
    seen = set(StatusChange.objects.filter(person__in=people).values_list("person_id", flat=True))
    groups = {}
    memberships = KeyGroupMembership.objects.filter(person__in=people, until__isnull=True)
    for person_id, group, since in memberships.order_by("since").values_list(
        "person_id", "group", "since"
    ):
        groups.setdefault(person_id, (group, since))
    rows = people.order_by("id").values_list(
        "id", "identity_number", "birth_date", "graduation_date", "education", "region_id",
        "province_code",
    )  # fmt: skip
    return [
        Someone(*row, *groups.get(row[0], ("", None)))
        for row in rows
        if row[0] not in seen and row[1]
    ]


STATUS_COLUMNS = (
    "person", "status", "since", "employer_name", "employer_credit_code", "occupation_code",
    "how_found", "note", "recorded_at",
)  # fmt: skip
ENTRY_COLUMNS = (
    "person", "region", "province_code", "reason", "entered_on", "exited_on", "exit_reason",
)  # fmt: skip
WISH_COLUMNS = (
    "person", "occupation_code", "region", "expected_monthly_pay", "willing_to_move",
    "created_at",
)  # fmt: skip


def insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(column).column) for column in columns)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({names}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(sql, rows[start : start + BATCH_SIZE])


def seed_ledger(*, as_of: datetime.date, region_code: str) -> LedgerSeedReport:
    """Status histories, ledger stays and job wishes for the people of `region_code`."""
    scope = sorted(region_tree().subtree(region_code))
    employers = list(
        Employer.objects.filter(region_id__in=scope)
        .order_by("credit_code")
        .values_list("name", "credit_code")[:2000]
    )
    teller = StoryTeller(as_of=as_of, employers=employers)
    with transaction.atomic():
        people = people_without_history(region_code)
        for person in people:
            teller.tell(person)
        insert(StatusChange, STATUS_COLUMNS, teller.status_changes)
        insert(LedgerEntry, ENTRY_COLUMNS, teller.entries)
        insert(JobWish, WISH_COLUMNS, teller.wishes)
        report = LedgerSeedReport(
            people=len(people),
            status_changes=len(teller.status_changes),
            ledger_entries=len(teller.entries),
            exits=sum(entry[5] is not None for entry in teller.entries),
            job_wishes=len(teller.wishes),
        )
        audit.record(
            None,
            audit.Change(
                action="ledger_demo_seeded",
                object_type="registry.ledger",
                object_id=f"{region_code}@{as_of.isoformat()}",
                region_code=region_code,
                after={"as_of": as_of} | report.__dict__,
            ),
        )
    refresh_region_tallies(region_code=region_code)
    return report
