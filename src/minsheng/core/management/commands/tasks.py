"""`minsheng tasks prune --days 30`: deletes the background jobs that ended more than N days
ago, with the task queue's records of them (`core.jobs.prune_jobs`). Run it from cron."""

from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand

from minsheng.core.jobs import prune_jobs


def whole_days(value: str) -> int:
    days = int(value)
    if days < 1:
        raise ArgumentTypeError("must be 1 or more / 至少为 1")
    return days


class Command(BaseCommand):
    help = "Background task tools: `minsheng tasks prune --days 30` deletes old finished jobs."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        prune = subcommands.add_parser(
            "prune", help="delete jobs that ended more than N days ago (queued and running stay)"
        )
        prune.add_argument("--days", type=whole_days, default=30, help="N (default 30)")

    def handle(self, *args, subcommand: str, days: int, **options):
        pruned = prune_jobs(days=days)
        self.stdout.write(
            self.style.SUCCESS(
                f"deleted {pruned.jobs} jobs and {pruned.task_results} task records that ended "
                f"more than {days} days ago / 已删除 {days} 天前结束的后台任务 {pruned.jobs} 个, "
                f"任务记录 {pruned.task_results} 条"
            )
        )
