from django.core.management.base import BaseCommand, CommandError

from minsheng.core.audit import verify_chain


class Command(BaseCommand):
    help = "Audit log tools: `minsheng audit verify` checks the hash chain."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        subcommands.add_parser("verify", help="report the first broken link of the audit chain")

    def handle(self, *args, subcommand: str, **options):
        report = verify_chain()
        if not report.intact:
            raise CommandError(
                f"audit chain broken at row {report.broken_at}: {report.problem} "
                f"({report.checked} rows before it are intact) / "
                f"审计链在第 {report.broken_at} 行断开"
            )
        self.stdout.write(
            self.style.SUCCESS(f"audit chain intact: {report.checked} rows / 审计链完整")
        )
