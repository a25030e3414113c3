import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from minsheng.core.regions import NATIONAL_CODE, region_tree
from minsheng.core.services import load_regions
from minsheng.demo.progress import progress_bar
from minsheng.demo.services import generate


class Command(BaseCommand):
    help = (
        "Generate deterministic synthetic people and employers / 生成确定性的模拟人员和用人单位. "
        "The same --seed gives the same records; re-running adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, required=True, help="how many people")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--region",
            default=NATIONAL_CODE,
            help="region code the people live in (default: the whole country)",
        )
        parser.add_argument("--employers", type=int, help="how many employers (default N/40)")
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            help="the date ages and dates are relative to (default today, YYYY-MM-DD)",
        )

    def handle(self, *args, persons, seed, region, employers, as_of, **options):
        if persons < 1:
            raise CommandError("--persons must be at least 1 / --persons 至少为 1")
        if region not in region_tree():
            raise CommandError(f"unknown region code {region} / 未知的行政区划代码 {region}")
        load_regions()
        with progress_bar("people / 人员", total=persons) as advance:
            report = generate(
                persons=persons,
                seed=seed,
                region_code=region,
                as_of=as_of or timezone.localdate(),
                employer_count=employers,
                on_progress=advance,
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.people} people, {report.memberships} key-group memberships, "
                f"{report.employers} employers written / 已写入 {report.people} 人, "
                f"{report.memberships} 条重点群体记录, {report.employers} 家用人单位"
            )
        )
