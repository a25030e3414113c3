from django.core.management.base import BaseCommand, CommandError

from minsheng.core.errors import DomainError
from minsheng.core.models import User
from minsheng.registry import dedup, linkage


class Command(BaseCommand):
    help = (
        "De-duplication of people: `minsheng dedup propose [--region CODE]` links the records "
        "by name, birth date, phone, school and identity number and queues new suspected "
        "duplicate pairs for review."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        propose = subcommands.add_parser("propose", help="queue suspected duplicates for review")
        propose.add_argument("--region", help="only people of this region and below")
        propose.add_argument(
            "--user", help="run within this user's region and audit as them (default: system)"
        )
        propose.add_argument(
            "--threshold",
            type=float,
            default=linkage.DEFAULT_THRESHOLD,
            help=f"lowest match probability proposed (default {linkage.DEFAULT_THRESHOLD})",
        )
        propose.add_argument(
            "--estimate-u",
            action="store_true",
            help="re-estimate the random-agreement rates from the data (large regions only)",
        )

    def handle(self, *args, subcommand: str, **options):
        if not 0 < options["threshold"] < 1:
            raise CommandError("--threshold must lie between 0 and 1 / 阈值须在 0 与 1 之间")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"no active user {options['user']} / 没有有效用户")
        try:
            run = dedup.propose_merges(
                actor=actor,
                region_code=options["region"],
                threshold=options["threshold"],
                estimate_u=options["estimate_u"],
            )
        except DomainError as refused:
            raise CommandError(refused.bilingual()) from refused
        created = len(run.proposals_created)
        self.stdout.write(
            self.style.SUCCESS(
                f"compared {run.records_compared} records, found {run.pairs_found} likely "
                f"duplicate pairs, {created} new for review / 比对 {run.records_compared} 条记录，"
                f"疑似重复 {run.pairs_found} 对，新增待审核 {created} 对"
            )
        )
