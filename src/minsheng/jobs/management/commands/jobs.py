"""`minsheng jobs close-expired`, `minsheng jobs recommend` and `minsheng jobs campaign-report`.

The first two are the nightly jobs of recruitment docking (run them from cron); the third
prints a campaign's results and its fairness table.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich import box
from rich.console import Console
from rich.table import Table

from minsheng.core.errors import DomainError
from minsheng.core.models import User
from minsheng.jobs import campaign_reports, placement_services, services

RESULT_LABELS = (
    ("fairs", "fairs / 招聘会"),
    ("employers", "employers / 参会用人单位"),
    ("vacancies", "vacancies / 岗位"),
    ("headcount", "headcount offered / 招聘人数"),
    ("attendees", "attendees / 参会求职者"),
    ("recommendations", "recommendations / 推荐"),
    ("applications", "applications / 求职申请"),
    ("hires", "hires / 录用"),
)


def active_user(username: str) -> User:
    actor = User.objects.filter(username=username, is_active=True).first()
    if actor is None:
        raise CommandError(f"no active user {username} / 没有有效用户 {username}")
    return actor


class Command(BaseCommand):
    help = (
        "Recruitment docking: close expired vacancies, send the nightly job recommendations, "
        "print a campaign's results / 招聘对接: 关闭过期岗位, 夜间批量推荐岗位, 打印专项活动成效."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        closing = subcommands.add_parser(
            "close-expired", help="close vacancies past their closing date / 关闭过期岗位"
        )
        closing.add_argument(
            "--as-of", type=datetime.date.fromisoformat, help="the day (default: today)"
        )
        recommending = subcommands.add_parser(
            "recommend",
            help="recommend each person on the ledger their best new jobs / 为台账人员批量推荐岗位",
        )
        recommending.add_argument(
            "--user", required=True, help="the caseworker or supervisor the batch runs as"
        )
        recommending.add_argument("--region", default="", help="only this region and below")
        recommending.add_argument(
            "--per-person", type=int, default=3, help="new jobs per person (default 3)"
        )
        recommending.add_argument(
            "--as-of", type=datetime.date.fromisoformat, help="the day (default: today)"
        )
        reporting = subcommands.add_parser(
            "campaign-report", help="a campaign's results and fairness table / 专项活动成效"
        )
        reporting.add_argument("campaign_id", type=int)
        reporting.add_argument("--user", help="read as this staff user (default: the operator)")

    def handle(self, *args, subcommand: str, **options):
        try:
            if subcommand == "close-expired":
                self.close_expired(options["as_of"] or timezone.localdate())
            elif subcommand == "recommend":
                self.recommend(options)
            else:
                self.campaign_report(options["campaign_id"], options["user"])
        except DomainError as refused:
            raise CommandError(refused.bilingual()) from None

    def close_expired(self, as_of: datetime.date) -> None:
        closed = services.close_expired_vacancies(as_of=as_of)
        self.stdout.write(
            self.style.SUCCESS(
                f"{closed} expired vacancies closed as of {as_of} / "
                f"截至 {as_of} 关闭过期岗位 {closed} 个"
            )
        )

    def recommend(self, options: dict) -> None:
        if not 1 <= options["per_person"] <= 10:
            raise CommandError(
                "--per-person must lie between 1 and 10 / 每人推荐数须在 1 到 10 之间"
            )
        actor = active_user(options["user"])
        on = options["as_of"] or timezone.localdate()
        if options["region"]:
            services.require_region(actor, options["region"])
        count = placement_services.recommend_for_ledger(
            actor=actor, on=on, per_person=options["per_person"], region_code=options["region"]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} job recommendations sent on {on} / {on} 共推荐岗位 {count} 次"
            )
        )

    def campaign_report(self, campaign_id: int, username: str | None) -> None:
        actor = active_user(username) if username else None
        campaign = campaign_reports.report_campaign(actor=actor, campaign_id=campaign_id)
        console = Console(file=self.stdout, width=120, highlight=False)
        console.print(
            f"{campaign.name} (#{campaign.pk}, {campaign.get_kind_display()}) "
            f"{campaign.starts_on} – {campaign.ends_on}"
        )
        results = campaign_reports.campaign_results(actor=actor, campaign=campaign)
        totals = table("results / 成效", "")
        for key, label in RESULT_LABELS:
            totals.add_row(label, str(results[key]))
        console.print(totals)
        fairs = table("fair 招聘会", "date 日期", "employers 单位", "attendees 求职者",
                      "applications 申请", "hires 录用")  # fmt: skip
        for fair in campaign_reports.fair_results(actor=actor, campaign=campaign):
            fairs.add_row(
                f"{fair.name} ({fair.get_mode_display()})", str(fair.held_on),
                str(fair.n_employers), str(fair.n_attendees), str(fair.n_applications),
                str(fair.n_hires),
            )  # fmt: skip
        console.print(fairs)
        console.print(
            "fairness / 公平性: share of seekers recommended a job / 获推荐岗位的求职者比例"
        )
        for rates in campaign_reports.fairness_report(actor=actor, campaign=campaign):
            console.print(fairness_table(rates))
            console.print(fairness_verdict(rates), "\n")


def table(*headers: str) -> Table:
    columns = Table(box=box.SIMPLE)
    for header in headers:
        columns.add_column(header, no_wrap=True)
    return columns


def fairness_table(rates: campaign_reports.FairnessTable) -> Table:
    rows = table(rates.dimension, "seekers 求职者", "recommended 获推荐", "rate 比例")
    for row in rates.rows:
        rows.add_row(row.label, str(row.seekers), str(row.recommended), f"{row.rate:.1%}")
    return rows


def fairness_verdict(rates: campaign_reports.FairnessTable) -> str:
    ratio = rates.lowest_to_highest
    if ratio is None:
        return "  no seekers yet / 尚无求职者"
    if rates.flagged:
        return f"  lowest ÷ highest rate {ratio:.2f}: DISPARITY, under four fifths / 低于五分之四"
    return f"  lowest ÷ highest rate {ratio:.2f}: within four fifths / 在五分之四以内"
