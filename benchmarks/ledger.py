"""Real-name ledger: bulk import speed, and list / dashboard latency with a million people.

    uv run python benchmarks/ledger.py [--rows 100000] [--people 1000000] [--requests 50]

(a) imports a generated XLSX of `--rows` people (written first, not timed) as a Hangzhou
    supervisor and prints rows/s (target >= 5,000 rows/s on SQLite);
(b) generates `--people` people in Hangzhou (minsheng.demo.services.generate), puts the
    graduates and young people among them on the ledger, recounts the region tallies and
    stores the regions' roll-up figures (the nightly `minsheng ledger tally`; timed, not part
    of any request), and times the ledger list page (count + first 50 rows) and the dashboard
    panels (`selectors.people_overview`: people, key groups, open stays by reason; the 1131
    and paired-assistance panel; the supervisor's region-figures panel) through the
    selectors, `--requests` times each, for a district caseworker (counted live) and for the
    city supervisor (summed from the stored tallies and figures) (target p95 < 200 ms).
    `--people 0` skips part (b).

Each database runs in a child process with a fresh throwaway database: SQLite in a temporary
directory always, and PostgreSQL too when MINSHENG_BENCH_PG_URL names a throwaway database
(its tables are dropped and re-created). Statistics are gathered before timing (ANALYZE; on
PostgreSQL VACUUM ANALYZE, which autovacuum does for a running server, so that index-only
scans need not visit the freshly written table). The figures are printed side by side.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

AS_OF = datetime.date(2026, 11, 25)
CITY, DISTRICT = "330100", "330106"
ZH_GROUP = {
    "college_graduate": "高校毕业生", "unemployed_youth": "登记失业青年",
    "migrant_worker": "农民工", "retired_soldier": "退役军人", "disability": "残疾人",
    "low_income": "低收入家庭",
}  # fmt: skip
ZH_EDUCATION = {
    "primary": "小学", "junior_middle": "初中", "senior_high": "高中",
    "secondary_vocational": "中专", "junior_college": "大专", "bachelor": "本科",
    "master": "硕士", "doctorate": "博士",
}  # fmt: skip
HEADERS = [
    "姓名", "公民身份号码", "性别", "出生日期", "手机号", "学历", "毕业院校", "专业",
    "毕业时间", "所在地区", "人员类别", "登记日期",
]  # fmt: skip


def write_xlsx(path: str, rows: int) -> None:
    import openpyxl

    from minsheng.demo.synthetic import PersonGenerator

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("名单")
    sheet.append(HEADERS)
    generator = PersonGenerator(region_code=CITY, seed=7, as_of=AS_OF)
    for batch in generator.batches(rows):
        for p in batch:
            groups = "、".join(ZH_GROUP[m.group] for m in p.memberships)
            registered = p.memberships[0].since if p.memberships else AS_OF
            sheet.append(
                [
                    p.name, p.identity_number, "男" if p.sex == "M" else "女", p.birth_date,
                    p.phone, ZH_EDUCATION.get(p.education, ""), p.school, p.major,
                    p.graduation_date, p.region_code, groups, min(registered, AS_OF),
                ]
            )  # fmt: skip
    workbook.save(path)


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return {"p50": statistics.median(ordered) * 1000, "p95": p95 * 1000}


def timed(function, requests: int) -> dict:
    function()  # warm the caches once, as a running server would be
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def put_generated_people_on_the_ledger(supervisor) -> int:
    """Open entries (and an 'unemployed' status) for generated graduates and young people."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO registry_ledgerentry
                (person_id, region_id, province_code, reason, entered_on, exit_reason,
                 entered_by_id)
            SELECT p.id, p.region_id, p.province_code,
                   CASE m."group" WHEN 'college_graduate' THEN 'graduate_not_employed'
                        ELSE 'registered_youth' END,
                   m.since, '', %s
            FROM registry_person p JOIN registry_keygroupmembership m ON m.person_id = p.id
            WHERE m."group" IN ('college_graduate', 'unemployed_youth')
              AND NOT EXISTS (SELECT 1 FROM registry_ledgerentry e
                              WHERE e.person_id = p.id AND e.exited_on IS NULL)
            """,
            [supervisor.pk],
        )
        opened = cursor.rowcount
        cursor.execute(
            """
            INSERT INTO registry_statuschange
                (person_id, status, since, employer_name, employer_credit_code,
                 occupation_code, how_found, note, recorded_at, recorded_by_id)
            SELECT e.person_id, 'unemployed', e.entered_on, '', '', '', '', '', %s, %s
            FROM registry_ledgerentry e
            WHERE NOT EXISTS (SELECT 1 FROM registry_statuschange s WHERE s.person_id = e.person_id)
            """,
            [connection.ops.adapt_datetimefield_value(datetime.datetime.now(datetime.UTC)),
             supervisor.pk],
        )  # fmt: skip
    return opened


def child(arguments) -> dict:
    """One database's figures (runs in its own process, configured by the environment)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.paginator import Paginator
    from django.db import connection

    from minsheng.assistance.sections import region_panel
    from minsheng.core.services import create_user, load_regions
    from minsheng.demo.services import generate
    from minsheng.registry import selectors
    from minsheng.registry.imports import import_people
    from minsheng.registry.rollup_views import rollup_panel
    from minsheng.registry.rollups import store_rollup_figures
    from minsheng.registry.tallies import refresh_region_tallies

    call_command("migrate", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    load_regions()
    users = {
        "caseworker": create_user(
            actor=None, username="bench_caseworker", password="Bench-2026-ledger",
            role="caseworker", region_code=DISTRICT,
        ),
        "supervisor": create_user(
            actor=None, username="bench_supervisor", password="Bench-2026-ledger",
            role="supervisor", region_code=CITY,
        ),
    }  # fmt: skip
    results: dict = {"database": f"{connection.vendor}"}
    if arguments.rows:
        with open(arguments.xlsx, "rb") as handle:
            data = handle.read()
        started = time.perf_counter()
        outcome = import_people(
            actor=users["supervisor"], file_name="bench.xlsx", data=data, today=AS_OF
        )
        seconds = time.perf_counter() - started
        results["import"] = {
            "rows": outcome.batch.rows_total,
            "imported": outcome.batch.rows_imported,
            "seconds": seconds,
            "rows_per_second": outcome.batch.rows_total / seconds,
        }
    if arguments.people:
        generate(persons=arguments.people, seed=11, region_code=CITY, as_of=AS_OF)
        results["ledger_entries"] = put_generated_people_on_the_ledger(users["supervisor"])
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        started = time.perf_counter()
        refresh_region_tallies()
        results["tally_seconds"] = time.perf_counter() - started
        started = time.perf_counter()
        store_rollup_figures(as_of=AS_OF)
        results["figures_seconds"] = time.perf_counter() - started
        for role, actor in users.items():

            def ledger_page(actor=actor):
                page = Paginator(selectors.ledger_list(actor=actor, as_of=AS_OF), 50).page(1)
                return page.paginator.count, list(page)

            def dashboard(actor=actor):
                # The dashboard's figure panels (only supervisors have the region figures).
                panels = [selectors.people_overview(actor=actor), region_panel(actor)]
                if actor.role == "supervisor":
                    panels.append(rollup_panel(actor))
                return panels

            results[f"ledger list ({role})"] = timed(ledger_page, arguments.requests)
            results[f"dashboard ({role})"] = timed(dashboard, arguments.requests)
    return results


def run_child(arguments, environment: dict) -> dict:
    command = [sys.executable, __file__, "--child", "--rows", str(arguments.rows)]
    command += ["--people", str(arguments.people), "--requests", str(arguments.requests)]
    command += ["--xlsx", arguments.xlsx]
    output = subprocess.run(
        command, env=os.environ | environment, check=True, capture_output=True, text=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def print_side_by_side(results: list[dict], arguments) -> None:
    names = [r["database"] for r in results]
    print(f"{'':34}" + "".join(f"{name:>22}" for name in names))
    if arguments.rows:
        print(f"{'import ' + format(arguments.rows, ',') + ' rows (rows/s)':34}", end="")
        print("".join(f"{r['import']['rows_per_second']:>22,.0f}" for r in results), end="")
        print("   target >= 5,000 (SQLite)")
        print(f"{'  imported / seconds':34}", end="")
        print(
            "".join(
                f"{r['import']['imported']:>13,} / {r['import']['seconds']:5.1f}s" for r in results
            )
        )
    if arguments.people:
        print(
            f"{'open ledger entries':34}" + "".join(f"{r['ledger_entries']:>22,}" for r in results)
        )
        print(
            f"{'region tallies recounted (s)':34}"
            + "".join(f"{r['tally_seconds']:>22.1f}" for r in results)
        )
        print(
            f"{'roll-up figures stored (s)':34}"
            + "".join(f"{r['figures_seconds']:>22.1f}" for r in results)
        )
        for key in results[0]:
            if key.startswith(("ledger list", "dashboard")):
                cells = "".join(
                    f"{r[key]['p50']:>9.1f} / {r[key]['p95']:>6.1f} ms" for r in results
                )
                print(f"{key + ' p50/p95':34}{cells}")
        print(
            f"{'':34}target p95 < 200 ms, {arguments.people:,} people, "
            f"{arguments.requests} requests"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the imported XLSX")
    parser.add_argument("--people", type=int, default=1_000_000, help="people for part (b)")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--xlsx", help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.settings")
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))
    if arguments.child:
        print(json.dumps(child(arguments)))
        return
    workdir = tempfile.mkdtemp(prefix="minsheng-bench-ledger-")
    arguments.xlsx = os.path.join(workdir, "list.xlsx")
    if arguments.rows:
        started = time.perf_counter()
        write_xlsx(arguments.xlsx, arguments.rows)
        print(
            f"wrote {arguments.rows:,}-row XLSX in {time.perf_counter() - started:.1f} s "
            "(not timed)"
        )
    databases = [{"MINSHENG_VAR_DIR": os.path.join(workdir, "sqlite"), "MINSHENG_DATABASE_URL": ""}]
    if os.environ.get("MINSHENG_BENCH_PG_URL"):
        databases.append(
            {
                "MINSHENG_VAR_DIR": os.path.join(workdir, "pg"),
                "MINSHENG_DATABASE_URL": os.environ["MINSHENG_BENCH_PG_URL"],
            }
        )
    print_side_by_side([run_child(arguments, environment) for environment in databases], arguments)


if __name__ == "__main__":
    main()
