"""`minsheng ledger import FILE --user NAME`, `minsheng ledger export OUT.xlsx --user NAME`, and
`minsheng ledger tally [--region CODE]` (the dashboards' region tallies; run it from cron)."""

import datetime
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from minsheng.core.errors import DomainError
from minsheng.core.models import User
from minsheng.core.regions import region_tree
from minsheng.registry.exports import LedgerFilters, export_ledger
from minsheng.registry.imports import ImportOutcome, import_people
from minsheng.registry.rollups import store_rollup_figures
from minsheng.registry.tallies import refresh_region_tallies

# Beyond this many, row errors are left to the batch's error report instead of the terminal.
PRINTED_ERRORS = 200


@contextmanager
def import_progress():
    """A rich bar whose total is set once the file's rows are counted (as demo.progress)."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeRemainingColumn(), transient=True) as progress:
        task = progress.add_task("rows / 行", total=None)
        yield (
            lambda total: progress.update(task, total=total),
            lambda done: progress.advance(task, done),
        )


class Command(BaseCommand):
    help = (
        "Import people lists into the real-name ledger, or export the ledger to XLSX / "
        "导入人员名单到实名制台账, 或将台账导出为 XLSX."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        importing = subcommands.add_parser("import", help="import a CSV or XLSX list / 导入名单")
        importing.add_argument("file", type=Path)
        importing.add_argument("--user", required=True, help="the importing user's username")
        importing.add_argument(
            "--region", help="region code for rows that name none (default: the user's region)"
        )
        exporting = subcommands.add_parser("export", help="export the ledger to XLSX / 导出台账")
        exporting.add_argument("out", type=Path)
        exporting.add_argument("--user", required=True, help="the exporting user's username")
        exporting.add_argument(
            "--reason", default="", help="why full identity numbers are needed (audited)"
        )
        exporting.add_argument("--region", default="", help="only this region and below")
        exporting.add_argument("--ledger-reason", default="", help="graduate_not_employed, …")
        exporting.add_argument("--group", default="", help="key group, e.g. college_graduate")
        exporting.add_argument("--entered-from", type=datetime.date.fromisoformat)
        exporting.add_argument("--entered-to", type=datetime.date.fromisoformat)
        tally = subcommands.add_parser(
            "tally", help="recount the dashboards' region tallies (run from cron) / 重算区域统计"
        )
        tally.add_argument("--region", default=None, help="only this region and below")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "tally":
            self.tally(options["region"])
            return
        user = options["user"]
        actor = User.objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"no active user {user} / 没有有效用户 {user}")
        try:
            if subcommand == "import":
                self.import_file(actor, options["file"], options["region"])
            else:
                self.export(actor, options)
        except DomainError as refused:
            raise CommandError(refused.bilingual()) from None

    def tally(self, region: str | None) -> None:
        if region is not None and region not in region_tree():
            raise CommandError(f"unknown region {region} / 未知地区 {region}")
        started = time.perf_counter()
        regions = refresh_region_tallies(region_code=region)
        store_rollup_figures(region_code=region, as_of=timezone.localdate())
        self.stdout.write(
            f"{regions} regions counted in {time.perf_counter() - started:.1f} s / "
            f"已统计 {regions} 个地区"
        )

    def import_file(self, actor: User, path: Path, region: str | None) -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror} / 无法读取文件") from None
        with import_progress() as (on_total, advance):
            outcome = import_people(
                actor=actor,
                file_name=path.name,
                data=data,
                region_code=region,
                on_total=on_total,
                on_progress=advance,
            )
        self.report(outcome)

    def report(self, outcome: ImportOutcome) -> None:
        batch = outcome.batch
        if outcome.already_imported:
            self.stdout.write(
                self.style.WARNING(
                    f"This file was already imported as batch #{batch.pk} on "
                    f"{batch.imported_at:%Y-%m-%d %H:%M}; nothing was written. / "
                    f"该文件已于 {batch.imported_at:%Y-%m-%d %H:%M} 导入 (批次 #{batch.pk}), "
                    "本次未写入任何数据."
                )
            )
        self.stdout.write(
            f"batch #{batch.pk}: {batch.rows_total} rows, {batch.rows_imported} imported, "
            f"{batch.rows_rejected} rejected / 共 {batch.rows_total} 行, 导入 "
            f"{batch.rows_imported} 行, 拒绝 {batch.rows_rejected} 行"
        )
        self.stdout.write(
            f"{outcome.created} people created, {outcome.updated} existing people had empty "
            f"fields filled (stored values are never overwritten), {outcome.unchanged} unchanged; "
            f"{outcome.memberships_added} key-group memberships, "
            f"{outcome.ledger_entries_opened} ledger entries opened / 新建 {outcome.created} 人, "
            f"补全 {outcome.updated} 人的空白字段 (已有数据不覆盖), {outcome.unchanged} 人无变化; "
            f"新增重点群体 {outcome.memberships_added} 条, "
            f"新入台账 {outcome.ledger_entries_opened} 人"
        )
        for error in outcome.errors[:PRINTED_ERRORS]:
            self.stdout.write(
                f"  row {error['row']} 第{error['row']}行 [{error['column']}] "
                f"{error['code']}: {error['message']}"
            )
        if len(outcome.errors) > PRINTED_ERRORS:
            self.stdout.write(
                f"  … {len(outcome.errors) - PRINTED_ERRORS} more errors: see the error report "
                f"of batch #{batch.pk} / 其余错误见批次 #{batch.pk} 的错误报告"
            )

    def export(self, actor: User, options: dict) -> None:
        filters = LedgerFilters(
            region_code=options["region"],
            reason=options["ledger_reason"],
            group=options["group"],
            entered_from=options["entered_from"],
            entered_to=options["entered_to"],
        )
        rows = export_ledger(
            actor=actor, output=str(options["out"]), filters=filters, reason=options["reason"]
        )
        masked = "unmasked (audited) / 未脱敏 (已审计)" if options["reason"] else "masked / 已脱敏"
        self.stdout.write(
            self.style.SUCCESS(
                f"{rows} ledger entries written to {options['out']}, identity numbers {masked} / "
                f"已导出 {rows} 条台账记录"
            )
        )
