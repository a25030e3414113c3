"""`minsheng stats snapshot [--as-of DATE]`, `minsheng stats publish --period 2026Q3 [--user NAME]`,
`minsheng stats import-wages FILE --user NAME` and `minsheng stats verify RELEASE_ID`.

`publish` uses the latest snapshot covering the period (taking one as of today if there is none),
generates the release with a progress bar, and — when `--user` names someone allowed to publish
statistics — marks it reviewed and published; without `--user` it stays a draft for review.
"""

import datetime
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from minsheng.core.errors import DomainError
from minsheng.core.models import User
from minsheng.core.regions import NATIONAL_CODE
from minsheng.labour_market import services
from minsheng.labour_market.engine.statistics import STEPS
from minsheng.labour_market.errors import check_period_over, check_region, parse_period
from minsheng.labour_market.models import PUBLISHING_ROLES, Snapshot
from minsheng.labour_market.releases import stored_tables
from minsheng.labour_market.selectors import release_get

STEP_NAMES = {
    "shortage": "shortage ranking / 紧缺职业排行",
    "salary": "salary percentiles / 工资价位",
    "suppression": "suppression / 小样本抑制",
    "pay_guide": "pay guide / 薪酬指引",
}
PRINTED_ERRORS = 200


def progress() -> Progress:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    return Progress(*columns, TimeElapsedColumn(), transient=True)


class Command(BaseCommand):
    help = "Labour-market statistics: snapshots, releases, salary survey data / 劳动力市场统计"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True)
        snapshot = commands.add_parser("snapshot", help="take a dated snapshot / 生成数据快照")
        snapshot.add_argument("--as-of", type=datetime.date.fromisoformat, default=None)
        snapshot.add_argument("--user", default=None, help="who takes it (default: the system)")
        publish = commands.add_parser("publish", help="generate and publish a release / 发布")
        publish.add_argument("--period", required=True, help="2026Q3 or 2026")
        publish.add_argument("--region", default=NATIONAL_CODE, help="nation, province or city")
        publish.add_argument("--user", default=None, help="an analyst or administrator")
        publish.add_argument("--snapshot", default=None, help="a snapshot name (default: latest)")
        publish.add_argument("--engine", default="duckdb", choices=("duckdb", "pyspark"))
        wages = commands.add_parser("import-wages", help="import salary survey CSV / 导入薪酬调查")
        wages.add_argument("file", type=Path)
        wages.add_argument("--user", required=True)
        verify = commands.add_parser("verify", help="recompute a release and compare / 复核")
        verify.add_argument("release", type=int)
        verify.add_argument("--user", required=True)

    def handle(self, *args, subcommand: str, **options):
        actor = self.user(options.get("user"))
        try:
            if subcommand == "snapshot":
                self.snapshot(actor, options["as_of"])
            elif subcommand == "publish":
                self.publish(actor, options)
            elif subcommand == "import-wages":
                self.import_wages(actor, options["file"])
            else:
                self.verify(actor, options["release"])
        except DomainError as refused:
            raise CommandError(refused.bilingual()) from None

    def user(self, name: str | None) -> User | None:
        if name is None:
            return None
        actor = User.objects.filter(username=name, is_active=True).first()
        if actor is None:
            raise CommandError(f"no active user {name} / 没有有效用户 {name}")
        return actor

    def snapshot(self, actor: User | None, as_of: datetime.date | None) -> Snapshot:
        started = time.perf_counter()
        with progress() as bars:
            current = {}

            def on_table(table: str, rows: int) -> None:
                current["task"] = bars.add_task(table, total=rows)

            snapshot = services.take_snapshot(
                actor=actor,
                as_of=as_of,
                on_table=on_table,
                on_rows=lambda rows: bars.advance(current["task"], rows),
            )
        counts = ", ".join(f"{table} {rows}" for table, rows in snapshot.row_counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"snapshot {snapshot.name} as of {snapshot.as_of} in "
                f"{time.perf_counter() - started:.1f} s / 快照已生成: {counts}"
            )
        )
        return snapshot

    def publish(self, actor: User | None, options: dict) -> None:
        period = parse_period(options["period"])  # refused here, before any snapshot is taken
        check_period_over(period, timezone.localdate())
        check_region(options["region"])
        snapshot = None
        if options["snapshot"]:
            snapshot = Snapshot.objects.filter(name=options["snapshot"]).first()
            if snapshot is None:
                raise CommandError(f"no snapshot {options['snapshot']} / 没有该快照")
        elif not Snapshot.objects.filter(as_of__gte=period.end).exists():
            self.stdout.write(
                "no snapshot covers the period; taking one / 无覆盖该期的快照, 现生成"
            )
            snapshot = self.snapshot(actor, None)
        started = time.perf_counter()
        with progress() as bars:
            task = bars.add_task("statistics / 统计", total=len(STEPS))
            seen = []

            def on_step(step: str) -> None:
                if seen:
                    bars.advance(task)
                seen.append(step)
                bars.update(task, description=STEP_NAMES.get(step, step))

            release = services.generate_release(
                actor=actor,
                period=options["period"],
                region_code=options["region"],
                snapshot=snapshot,
                engine=options["engine"],
                on_step=on_step,
            )
        self.stdout.write(
            f"release #{release.pk} {release.period} ({release.region_id}) from snapshot "
            f"{release.snapshot.name} on {release.engine} in "
            f"{time.perf_counter() - started:.1f} s / 统计已生成"
        )
        if actor is not None and actor.role in PUBLISHING_ROLES:
            services.review_release(actor=actor, release=release, note="minsheng stats publish")
            services.publish_release(actor=actor, release=release)
            self.stdout.write(self.style.SUCCESS(f"published / 已发布 (#{release.pk})"))
        else:
            self.stdout.write(
                self.style.WARNING(
                    "left as a draft: run with --user of an analyst, supervisor or administrator "
                    "to review and publish / 草稿: 需有权限的用户审核发布"
                )
            )
        self.summary(release)

    def summary(self, release) -> None:
        tables = stored_tables(release)
        ranking = tables["shortage_national"].slice(0, 10).to_pylist()
        for row in ranking:
            ratio = f"{row['ratio']:.2f}" if row["ratio"] is not None else "—"
            self.stdout.write(
                f"  {row['rank']:>3}. {row['occupation_code']} {row['occupation_name']}: "
                f"gap {row['total_gap']} in {row['cities']} cities, ratio {ratio}"
            )
        cells = tables["salary_by_occupation"]
        shown = sum(1 for mark in cells["suppressed"].to_pylist() if not mark)
        self.stdout.write(
            f"  salary cells by occupation: {shown} published, {cells.num_rows - shown} "
            f"suppressed / 工资价位: 公布 {shown} 格"
        )

    def import_wages(self, actor: User, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror} / 无法读取文件") from None
        try:
            outcome = services.import_wage_survey(actor=actor, file_name=path.name, data=data)
        except services.WageImportRejected as refused:
            for error in refused.errors[:PRINTED_ERRORS]:
                self.stdout.write(
                    f"  row {error['row']} 第{error['row']}行 [{error['column']}] "
                    f"{error['code']}: {error['message']}"
                )
            if len(refused.errors) > PRINTED_ERRORS:
                self.stdout.write(f"  … {len(refused.errors) - PRINTED_ERRORS} more / 更多错误")
            raise
        batch = outcome.batch
        if outcome.already_imported:
            self.stdout.write(
                self.style.WARNING(
                    f"this file was already imported as #{batch.pk}; nothing was written / "
                    f"该文件已导入 (#{batch.pk}), 本次未写入"
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(f"{batch.rows} survey rows imported (#{batch.pk}) / 已导入")
        )

    def verify(self, actor: User, release_id: int) -> None:
        release = release_get(actor=actor, release_id=release_id)
        problems = services.verify_release(release)
        if problems:
            for problem in problems:
                self.stdout.write(f"  {problem}")
            raise CommandError("the release does not recompute identically / 复核不一致")
        self.stdout.write(
            self.style.SUCCESS(
                f"release #{release.pk} recomputes identically from snapshot "
                f"{release.snapshot.name} / 复核一致"
            )
        )
