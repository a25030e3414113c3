"""`minsheng insurance pay-benefits --month 2026-11`: the month's unemployment-benefit payments
for every granted claim (of the `--user` clerk's region, or all), idempotent: a second run for
the same month pays nothing more."""

from minsheng.insurance import unemployment_services
from minsheng.insurance.calculations import parse_month


def add_pay_benefits(commands) -> None:
    pay = commands.add_parser(
        "pay-benefits", help="a month's unemployment benefit / 失业保险金发放"
    )
    pay.add_argument("--month", required=True, help="YYYY-MM")
    pay.add_argument("--user", help="a clerk: only their region's claims")


def pay_benefits(command, options: dict) -> None:
    from minsheng.insurance.management.commands.insurance import active_user

    run = unemployment_services.pay_benefits(
        actor=active_user(options["user"]), month=parse_month(options["month"])
    )
    command.stdout.write(
        command.style.SUCCESS(
            f"{run.month:%Y-%m}: {run.paid} payments recorded, {run.total} yuan; "
            f"{run.already_paid} already paid, {run.stopped} claims stopped on re-employment / "
            f"发放 {run.paid} 笔, 共 {run.total} 元; 已发放 {run.already_paid} 笔, "
            f"因重新就业停发 {run.stopped} 件"
        )
    )
