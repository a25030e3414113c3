from django.core.management import call_command
from django.core.management.base import BaseCommand

from minsheng.core.services import load_regions
from minsheng.demo.progress import progress_bar
from minsheng.demo.services import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_PERSONS,
    build_demo,
    demo_is_built,
)
from minsheng.demo.worker import worker_alongside
from minsheng.occupations.services import load_taxonomy


class Command(BaseCommand):
    help = (
        "Set up the demo site and serve it on 127.0.0.1:8000 / 搭建演示站点并在 127.0.0.1:8000 "
        "提供服务: migrate, load reference data, generate demo data once, print the logins, "
        "serve with a background worker beside the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000", help="where to serve")
        parser.add_argument(
            "--no-serve", action="store_true", help="set up and print the logins, do not serve"
        )

    def handle(self, *args, addrport, no_serve, **options):
        self.stdout.write("migrating the database / 迁移数据库 …")
        call_command("migrate", interactive=False, verbosity=0)
        load_regions()
        load_taxonomy(include_example_release=True)
        if demo_is_built():
            self.stdout.write("demo data already present / 演示数据已存在")
        else:
            with progress_bar("demo people / 演示人员", total=DEMO_PERSONS) as advance:
                report = build_demo(on_progress=advance)
            self.stdout.write(
                f"generated {report.people} people and {report.employers} employers in Hangzhou "
                f"/ 已生成杭州市 {report.people} 名人员和 {report.employers} 家用人单位"
            )
        self.print_logins(addrport)
        if not no_serve:
            self.stdout.write("starting the background worker / 启动后台任务进程 …")
            with worker_alongside():
                call_command("runserver", addrport, use_reloader=False)

    def print_logins(self, addrport: str) -> None:
        self.stdout.write(self.style.SUCCESS(f"\nminsheng demo: http://{addrport}/"))
        self.stdout.write(f"password for every account / 所有账号的密码: {DEMO_PASSWORD}")
        for account in DEMO_ACCOUNTS:
            scope = account.region_code or "-"
            self.stdout.write(f"  {account.username:<12} {account.role:<16} {scope}")
        self.stdout.write("")
