"""`minsheng insurance declare`, `credit-interest`, `arrears` and `statement`.

`declare` sends an employer's monthly declaration file as the agency's console operator (or
as `--user`); `credit-interest` is the year-end batch (idempotent: a second run credits
nothing); `arrears` and `statement` print what the pages show. Other subcommands of the
insurance context are added in `SUBCOMMANDS` below.
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich import box
from rich.console import Console
from rich.table import Table

from minsheng.core.errors import DomainError
from minsheng.core.models import User
from minsheng.insurance import account_services, contribution_services, selectors
from minsheng.insurance.benefit_commands import add_pay_benefits, pay_benefits
from minsheng.insurance.statement import account_statement
from minsheng.registry.models import Person


def active_user(username: str | None) -> User | None:
    """The user a command runs as; none given: the console operator (every region)."""
    if not username:
        return None
    actor = User.objects.filter(username=username, is_active=True).first()
    if actor is None:
        raise CommandError(f"no active user {username} / 没有有效用户 {username}")
    return actor


def table(*headers: str) -> Table:
    columns = Table(box=box.SIMPLE)
    for header in headers:
        columns.add_column(header, no_wrap=True)
    return columns


class Command(BaseCommand):
    help = (
        "Social insurance: declare an employer's month, credit a year's account interest, list "
        "arrears, print a statement / 社会保险: 单位月度申报, 个人账户年度计息, 欠费清单, 权益记录."
    )

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True)
        declare = commands.add_parser("declare", help="declare a month from a file / 月度申报")
        declare.add_argument(
            "file", type=Path, help="CSV or XLSX: 身份证号, 缴费工资 (姓名, 所属期)"
        )
        declare.add_argument("--employer", required=True, help="unified social credit code")
        declare.add_argument("--month", required=True, help="YYYY-MM")
        declare.add_argument("--user", help="run as this user (default: the operator)")
        interest = commands.add_parser("credit-interest", help="credit a year's interest / 计息")
        interest.add_argument("--year", type=int, required=True)
        interest.add_argument("--user", help="a clerk: only their region's accounts")
        interest.add_argument("--as-of", type=datetime.date.fromisoformat, help="default: today")
        arrears = commands.add_parser("arrears", help="months in arrears / 欠费清单")
        arrears.add_argument("--user", help="read as this user (default: the operator)")
        arrears.add_argument("--as-of", type=datetime.date.fromisoformat, help="default: today")
        statement = commands.add_parser("statement", help="a person's record / 个人权益记录")
        statement.add_argument("identity_number")
        statement.add_argument("--user", help="read as this user (default: the operator)")
        add_pay_benefits(commands)

    def handle(self, *args, subcommand: str, **options):
        self.console = Console(file=self.stdout, width=200, highlight=False)
        try:
            SUBCOMMANDS[subcommand](self, options)
        except DomainError as refused:
            raise CommandError(refused.bilingual()) from None

    def declare(self, options: dict) -> None:
        actor = active_user(options["user"])
        employer = selectors.employer_by_credit_code(actor=actor, credit_code=options["employer"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"no file {path} / 找不到文件 {path}")
        outcome = contribution_services.declare_file(
            actor=actor, employer=employer, month=options["month"], file_name=path.name,
            data=path.read_bytes(),
        )  # fmt: skip
        declaration = outcome.declaration
        if outcome.already_declared:
            self.stdout.write("already declared, nothing changed / 该文件已申报, 未作改动")
        for error in declaration.errors:
            self.stdout.write(f"  row {error['row']} [{error['column']}] {error['message']}")
        late = " LATE / 逾期" if declaration.late else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"declaration #{declaration.pk} {declaration.month:%Y-%m}{late}: "
                f"{declaration.rows_accepted} new lines ({len(outcome.corrections)} corrections), "
                f"{declaration.rows_unchanged} unchanged, {declaration.rows_rejected} refused / "
                f"新增 {declaration.rows_accepted} 条, 未变 {declaration.rows_unchanged} 条, "
                f"拒绝 {declaration.rows_rejected} 条"
            )
        )

    def credit_interest(self, options: dict) -> None:
        outcome = account_services.credit_interest(
            actor=active_user(options["user"]), year=options["year"], as_of=options["as_of"]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{outcome.year} at {outcome.rate * 100:.2f}%: {outcome.people} accounts credited, "
                f"{outcome.total} yuan / {outcome.year} 年记账利率 {outcome.rate * 100:.2f}%, "
                f"计息 {outcome.people} 户, 共 {outcome.total} 元"
            )
        )

    def arrears(self, options: dict) -> None:
        rows = selectors.arrears_list(
            actor=active_user(options["user"]), as_of=options["as_of"] or timezone.localdate()
        )
        listing = table("payer 缴费主体", "month 所属期", "due on 截止", "declared 应缴",
                        "paid 已缴", "owed 欠缴")  # fmt: skip
        for row in rows:
            listing.add_row(row.payer_name, f"{row.month:%Y-%m}", str(row.due_on), str(row.due),
                            str(row.paid), str(row.outstanding))  # fmt: skip
        self.console.print(listing)
        total = sum(row.outstanding for row in rows)
        self.stdout.write(f"{len(rows)} months in arrears, {total} yuan / 欠费 {len(rows)} 个月")

    def statement(self, options: dict) -> None:
        actor = active_user(options["user"])
        number = options["identity_number"].strip().upper()
        found = Person.objects.filter(identity_number=number).values_list("pk", flat=True).first()
        if found is None:
            raise CommandError("no such person / 查无此人")
        person = selectors.insured_person_get(actor=actor, person_id=found)
        statement = account_statement(person=person, as_of=timezone.localdate())
        years, months = statement.years_counted
        self.stdout.write(
            f"{person.name} {statement.identity_number_masked}: {years} years {months} months "
            f"counted, balance {statement.balance}, index {statement.average_index or '-'} / "
            f"缴费 {years} 年 {months} 个月, 个人账户余额 {statement.balance}"
        )
        listing = table("year 年度", "months 月数", "credited 记账", "provinces 省份",
                        "interest 利息", "balance 年末余额", "index 缴费指数")  # fmt: skip
        for row in statement.years:
            provinces = ", ".join(f"{name} {amount}" for name, amount in row.provinces)
            listing.add_row(str(row.year), str(row.months), str(row.contributions), provinces,
                            str(row.interest or "-"), str(row.closing_balance),
                            str(row.index or "-"))  # fmt: skip
        self.console.print(listing)


SUBCOMMANDS = {
    "declare": Command.declare,
    "credit-interest": Command.credit_interest,
    "arrears": Command.arrears,
    "statement": Command.statement,
    "pay-benefits": pay_benefits,
}
