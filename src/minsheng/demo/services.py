"""Loading synthetic data into the database, and the demo site's accounts.

People are written with plain multi-row INSERTs in batches (the ORM's per-object overhead
would dominate at a million rows) inside one transaction, so a failed run leaves nothing
behind. Rows whose identity number or credit code is already stored are skipped, which makes
re-running the same seed a no-op. Each run writes one audit event that names its parameters,
and recounts the region's dashboard tallies at the end.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from minsheng.assistance.demo_data import seed_assistance
from minsheng.core import audit
from minsheng.core.models import Role, User
from minsheng.core.services import create_user
from minsheng.demo.synthetic import PersonGenerator, employers
from minsheng.insurance.benefits_demo_data import seed_benefits
from minsheng.insurance.demo_data import seed_insurance
from minsheng.jobs.demo_data import seed_recruitment
from minsheng.jobs.models import Employer
from minsheng.labour_market.demo_data import seed_statistics
from minsheng.registry.demo_data import seed_ledger
from minsheng.registry.models import KeyGroupMembership, Person
from minsheng.registry.rollups import store_rollup_figures
from minsheng.registry.tallies import refresh_region_tallies
from minsheng.skills.demo_data import seed_skills


@dataclass(frozen=True)
class GenerationReport:
    people: int
    memberships: int
    employers: int


def insert_sql(model, columns: list[str], conflict: str | None = None) -> str:
    quote = connection.ops.quote_name
    names = [quote(model._meta.get_field(column).column) for column in columns]
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(names)}) "
        f"VALUES ({', '.join(['%s'] * len(names))})"
    )
    if conflict:
        sql += f" ON CONFLICT ({quote(conflict)}) DO NOTHING"
    return sql


PERSON_COLUMNS = [
    "identity_number", "name", "sex", "birth_date", "region", "province_code", "phone",
    "education", "school", "major", "graduation_date", "created_at", "updated_at", "version",
]  # fmt: skip
MEMBERSHIP_COLUMNS = ["person", "region", "group", "since", "details"]
EMPLOYER_COLUMNS = [
    "credit_code", "name", "industry", "size", "region", "province_code", "contact_name",
    "contact_phone", "created_at",
]  # fmt: skip


def date_value(day: datetime.date | None) -> str | None:
    """ISO dates: SQLite stores them as text and PostgreSQL casts the literal."""
    return day.isoformat() if day else None


def generate(
    *,
    persons: int,
    seed: int,
    region_code: str,
    as_of: datetime.date,
    employer_count: int | None = None,
    on_progress: Callable[[int], None] = lambda done: None,
) -> GenerationReport:
    """Write `persons` synthetic people (and employers, one per 40 people by default)."""
    generator = PersonGenerator(region_code=region_code, seed=seed, as_of=as_of)
    employer_count = max(20, persons // 40) if employer_count is None else employer_count
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    people = memberships = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Random identity numbers touch index pages all over the file: cache them (256 MiB).
            cursor.execute("PRAGMA cache_size = -262144")
        for batch in generator.batches(persons):
            cursor.execute(f"SELECT MAX(id) FROM {Person._meta.db_table}")
            last_id = cursor.fetchone()[0] or 0
            cursor.executemany(
                insert_sql(Person, PERSON_COLUMNS, conflict="identity_number"),
                [
                    (
                        p.identity_number, p.name, p.sex, date_value(p.birth_date), p.region_code,
                        p.province_code, p.phone, p.education, p.school, p.major,
                        date_value(p.graduation_date), now, now, 1,
                    )
                    for p in batch
                ],
            )  # fmt: skip
            cursor.execute(
                f"SELECT identity_number, id FROM {Person._meta.db_table} WHERE id > %s",
                [last_id],
            )
            new_ids = dict(cursor.fetchall())
            rows = [
                (
                    new_ids[p.identity_number],
                    p.region_code,
                    m.group,
                    date_value(m.since),
                    m.details_json(),
                )
                for p in batch
                if p.identity_number in new_ids
                for m in p.memberships
            ]
            cursor.executemany(insert_sql(KeyGroupMembership, MEMBERSHIP_COLUMNS), rows)
            people += sum(p.identity_number in new_ids for p in batch)
            memberships += len(rows)
            on_progress(len(batch))
        before = Employer.objects.count()
        cursor.executemany(
            insert_sql(Employer, EMPLOYER_COLUMNS, conflict="credit_code"),
            [
                (
                    e.credit_code, e.name, e.industry, e.size, e.region_code, e.province_code,
                    e.contact_name, e.contact_phone, now,
                )
                for e in employers(region_code=region_code, count=employer_count, seed=seed)
            ],
        )  # fmt: skip
        report = GenerationReport(people, memberships, Employer.objects.count() - before)
        audit.record(
            None,
            audit.Change(
                action="synthetic_data_generated",
                object_type="demo.run",
                object_id=f"seed-{seed}",
                region_code=region_code,
                after={
                    "requested_persons": persons,
                    "as_of": as_of.isoformat(),
                    "people": report.people,
                    "memberships": report.memberships,
                    "employers": report.employers,
                },
            ),
        )
    refresh_region_tallies(region_code=region_code)
    return report


# The demo site: Hangzhou, with a caseworker in Xihu district.
DEMO_REGION = "330100"
DEMO_PERSONS = 20_000
DEMO_SEED = 2026
DEMO_PASSWORD = "minsheng-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    region_code: str
    full_name: str


DEMO_ACCOUNTS = (
    DemoAccount("admin", Role.ADMIN, "100000", "系统管理员"),
    DemoAccount("caseworker", Role.CASEWORKER, "330106", "西湖区就业服务专员"),
    DemoAccount("supervisor", Role.SUPERVISOR, "330100", "杭州市就业管理处"),
    DemoAccount("province", Role.SUPERVISOR, "330000", "浙江省就业管理局"),
    DemoAccount("analyst", Role.ANALYST, "330000", "浙江省劳动力市场分析员"),
    DemoAccount("clerk", Role.INSURANCE_CLERK, "330100", "杭州市社会保险经办员"),
    DemoAccount("fund", Role.FUND_SUPERVISOR, "330000", "浙江省基金监督员"),
    DemoAccount("mediator", Role.MEDIATOR, "330106", "西湖区劳动争议调解员"),
    DemoAccount("employer", Role.EMPLOYER, "", ""),
    DemoAccount("citizen", Role.CITIZEN, "", ""),
)


def demo_is_built() -> bool:
    return User.objects.filter(username="admin").exists()


def build_demo(*, on_progress: Callable[[int], None] = lambda done: None) -> GenerationReport:
    """The demo data set: a city's people and employers, and one account per role."""
    report = generate(
        persons=DEMO_PERSONS,
        seed=DEMO_SEED,
        region_code=DEMO_REGION,
        as_of=timezone.localdate(),
        on_progress=on_progress,
    )
    seed_ledger(as_of=timezone.localdate(), region_code=DEMO_REGION)
    with transaction.atomic():
        for account in DEMO_ACCOUNTS:
            create_demo_account(account)
    seed_assistance(as_of=timezone.localdate(), region_code=DEMO_REGION)
    seed_recruitment(as_of=timezone.localdate(), region_code=DEMO_REGION)
    seed_skills(as_of=timezone.localdate(), region_code=DEMO_REGION)
    seed_insurance(as_of=timezone.localdate(), region_code=DEMO_REGION)
    seed_benefits(as_of=timezone.localdate())
    refresh_region_tallies(region_code=DEMO_REGION)
    store_rollup_figures(region_code=DEMO_REGION, as_of=timezone.localdate())
    seed_statistics(as_of=timezone.localdate(), region_code=DEMO_REGION)
    # Planner statistics for the tables just filled: without them SQLite guesses join orders
    # (a district's empty duplicates list walked its 20,000 people, 0.4 s instead of 1 ms).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return report


def create_demo_account(account: DemoAccount) -> User:
    """A demo login; the employer and citizen accounts are tied to a demo firm and person."""
    if account.role == Role.EMPLOYER:
        employer = Employer.objects.filter(region_id="330106").order_by("id").first()
        full_name = employer.contact_name
    elif account.role == Role.CITIZEN:
        person = Person.objects.filter(
            region_id="330106", account__isnull=True, memberships__group="college_graduate"
        ).order_by("id")[0]
        full_name = person.name
    else:
        full_name = account.full_name
    user = create_user(
        actor=None,
        username=account.username,
        password=DEMO_PASSWORD,
        role=account.role,
        region_code=account.region_code or None,
        full_name=full_name,
    )
    if account.role == Role.EMPLOYER:
        employer.accounts.add(user)
        linked = ("jobs.employer", employer.pk, employer.region_id)
    elif account.role == Role.CITIZEN:
        Person.objects.filter(pk=person.pk).update(account=user)
        linked = ("registry.person", person.pk, person.region_id)
    else:
        return user
    object_type, object_id, region_code = linked
    audit.record(
        None,
        audit.Change(
            action="account_linked",
            object_type=object_type,
            object_id=str(object_id),
            region_code=region_code,
            after={"account": user.username},
        ),
    )
    return user
