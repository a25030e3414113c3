"""`minsheng skills verify`, `catalogue`, `decide-subsidies`, `pay-subsidies` and `shortages`.

`verify` is the public certificate check (it needs no user); the subsidy commands run as the
named user, with that user's scope and role, like the pages and the API.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich import box
from rich.console import Console
from rich.table import Table

from minsheng.core.errors import DomainError
from minsheng.core.models import User
from minsheng.skills import selectors, shortage, subsidy_services
from minsheng.skills.explain import condition_rows
from minsheng.skills.models import FocusArea


def active_user(username: str) -> User:
    actor = User.objects.filter(username=username, is_active=True).first()
    if actor is None:
        raise CommandError(f"no active user {username} / 没有有效用户 {username}")
    return actor


def table(*headers: str) -> Table:
    columns = Table(box=box.SIMPLE)
    for header in headers:
        columns.add_column(header, no_wrap=True)
    return columns


def a_date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


class Command(BaseCommand):
    help = (
        "Vocational skills: verify a certificate, list the course catalogue, decide and pay "
        "training subsidies, list shortage occupations / 职业技能: 证书查验, 课程目录, "
        "培训补贴审核与发放, 紧缺职业."
    )

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True)
        verify = commands.add_parser("verify", help="check a certificate number / 证书查验")
        verify.add_argument("number")
        catalogue = commands.add_parser("catalogue", help="the course catalogue / 培训课程目录")
        catalogue.add_argument("--focus", choices=FocusArea.values, default="")
        catalogue.add_argument("--region", default="", help="region code, with the regions below")
        catalogue.add_argument("--occupation", default="", help="occupation code or group")
        catalogue.add_argument(
            "--open", action="store_true", help="only courses open for enrolment today"
        )
        for name, text in (
            ("decide-subsidies", "decide the subsidies of a course / 审核课程培训补贴"),
            ("pay-subsidies", "pay a course's granted subsidies / 发放课程培训补贴"),
        ):
            command = commands.add_parser(name, help=text)
            command.add_argument("--course", type=int, required=True, help="course id")
            command.add_argument("--user", required=True, help="the staff user it runs as")
            command.add_argument("--on", type=a_date, help="the day (default: today)")
        shortages = commands.add_parser("shortages", help="shortage occupations / 紧缺职业")
        shortages.add_argument("--region", required=True)
        shortages.add_argument("--user", required=True, help="the staff user it runs as")
        shortages.add_argument("--as-of", type=a_date, help="the day (default: today)")
        shortages.add_argument("--limit", type=int, default=20)

    def handle(self, *args, subcommand: str, **options):
        self.console = Console(file=self.stdout, width=200, highlight=False)
        try:
            if subcommand == "verify":
                self.verify(options["number"])
            elif subcommand == "catalogue":
                self.catalogue(options)
            elif subcommand == "decide-subsidies":
                self.decide(options)
            elif subcommand == "pay-subsidies":
                self.pay(options)
            else:
                self.shortages(options)
        except DomainError as refused:
            raise CommandError(refused.bilingual()) from None

    def verify(self, number: str) -> None:
        check = selectors.verify_certificate(number=number)
        status = "valid / 有效" if check.valid else f"REVOKED on {check.revoked_on} / 已撤销"
        rows = table("", "")
        for label, value in (
            ("number / 证书编号", check.number),
            ("holder / 持证人", check.holder),
            ("occupation / 职业", f"{check.occupation_code} {check.occupation_name}"),
            ("level / 等级", check.level_name),
            ("issued on / 发证日期", str(check.issued_on)),
            ("issuer / 发证机构", check.issuer),
            ("status / 状态", status),
        ):
            rows.add_row(label, value)
        self.console.print(rows)

    def catalogue(self, options: dict) -> None:
        courses = selectors.course_catalogue(
            focus_area=options["focus"],
            region_code=options["region"],
            occupation_code=options["occupation"],
            open_on=timezone.localdate() if options["open"] else None,
        )
        rows = table("id", "course 课程", "provider 机构", "level 等级", "dates 日期",
                     "places 名额", "waiting 候补", "focus 方向")  # fmt: skip
        for course in courses[:200]:
            rows.add_row(
                str(course.pk), course.title, course.provider.name,
                course.get_target_level_display(), f"{course.starts_on} – {course.ends_on}",
                f"{course.places_taken}/{course.capacity}", str(course.waiting),
                course.get_focus_area_display(),
            )  # fmt: skip
        self.console.print(rows)

    def decide(self, options: dict) -> None:
        actor = active_user(options["user"])
        course = selectors.course_get(actor=actor, course_id=options["course"])
        decided = subsidy_services.decide_course_subsidies(
            actor=actor, course=course, on=options["on"]
        )
        for application in decided:
            amount = f"{application.amount} yuan" if application.amount else "-"
            self.console.print(
                f"#{application.pk} {application.person.name}: "
                f"{application.get_decision_display()} {amount}"
            )
            for row in condition_rows(application.conditions):
                self.console.print(f"   {'✓' if row.met else '✗'} {row.explanation}")
        granted = sum(1 for a in decided if a.amount)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(decided)} decided, {granted} granted / 审核 {len(decided)} 人, "
                f"核准 {granted} 人"
            )
        )

    def pay(self, options: dict) -> None:
        actor = active_user(options["user"])
        course = selectors.course_get(actor=actor, course_id=options["course"])
        unpaid = selectors.unpaid_subsidies(actor=actor, course=course)
        paid = [
            subsidy_services.pay_subsidy(actor=actor, application=a, paid_on=options["on"])
            for a in unpaid
        ]
        total = sum(payment.amount for payment in paid)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(paid)} subsidies paid, {total} yuan / 发放 {len(paid)} 笔, 共 {total} 元"
            )
        )

    def shortages(self, options: dict) -> None:
        actor = active_user(options["user"])
        rows = table("occupation 职业", "demand 需求", "seekers 求职", "gap 缺口", "ratio 求人倍率")
        for row in shortage.occupation_shortages(
            actor=actor,
            region_code=options["region"],
            as_of=options["as_of"] or timezone.localdate(),
            limit=options["limit"],
        ):
            ratio = f"{row.ratio:.2f}" if row.ratio is not None else "-"
            rows.add_row(
                f"{row.occupation_code} {row.occupation_name}",
                str(row.demand), str(row.seekers), str(row.gap), ratio,
            )  # fmt: skip
        self.console.print(rows)
