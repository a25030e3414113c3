"""`minsheng occupations load | import-release | code-titles`."""

import csv
import datetime
from itertools import islice
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from minsheng.core.errors import DomainError
from minsheng.core.models import User
from minsheng.demo.progress import progress_bar
from minsheng.occupations import services
from minsheng.occupations.models import ReviewSource
from minsheng.occupations.releases import ReleaseRejected

CHUNK = 1000
OUTPUT_COLUMNS = ("code", "name", "score", "level")


class Command(BaseCommand):
    help = (
        "Occupational classification / 职业分类: `load` the 2022 classification, "
        "`import-release FILE --user NAME`, "
        "`code-titles IN.csv --column job_name --output OUT.csv`."
    )

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="subcommand", required=True)
        load = commands.add_parser("load", help="load the packaged 2022 classification (once)")
        load.add_argument(
            "--example-release", action="store_true", help="also import the example release"
        )
        release = commands.add_parser("import-release", help="validate and import a release file")
        release.add_argument("file", type=Path)
        release.add_argument("--user", required=True, help="the administrator importing it")
        code = commands.add_parser("code-titles", help="code job titles of a CSV file")
        code.add_argument("input", type=Path)
        code.add_argument("--column", default="job_name", help="the column holding the titles")
        code.add_argument("--output", type=Path, required=True)
        code.add_argument("--as-of", type=datetime.date.fromisoformat, default=None)
        code.add_argument(
            "--no-review", action="store_true", help="do not queue uncertain codings for review"
        )

    def handle(self, *args, subcommand: str, **options):
        handler = {
            "load": self.load,
            "import-release": self.import_release,
            "code-titles": self.code_titles,
        }[subcommand]
        handler(**options)

    def load(self, *, example_release: bool, **options):
        added = services.load_taxonomy(include_example_release=example_release)
        self.stdout.write(
            self.style.SUCCESS(f"{added} codes loaded / 已载入 {added} 个编码")
            if added
            else "classification already loaded / 职业分类已载入"
        )

    def import_release(self, *, file: Path, user: str, **options):
        actor = User.objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"no active user {user!r} / 没有用户 {user!r}")
        if not file.is_file():
            raise CommandError(f"no such file: {file} / 文件不存在")
        try:
            release = services.import_release(actor=actor, file=file)
        except ReleaseRejected as rejected:
            lines = "\n".join(f"  line {p.line}: {p.bilingual()}" for p in rejected.problems)
            raise CommandError(
                f"{file}: release rejected, nothing imported / 发布文件被拒绝，未导入任何内容\n"
                f"{lines}"
            ) from None
        except DomainError as refused:
            raise CommandError(refused.bilingual()) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"imported {release.name}, effective {release.effective_on} / 已导入"
            )
        )

    def code_titles(self, *, input: Path, column: str, output: Path, as_of, no_review, **options):
        if not input.is_file():
            raise CommandError(f"no such file: {input} / 文件不存在")
        fields = _header(input)
        if column not in fields:
            raise CommandError(
                f"column {column!r} not in {input} (columns: {', '.join(fields) or 'none'}) "
                f"/ 文件中没有列 {column!r}"
            )
        # An input column already called "code" or "name" is kept; ours get a prefix then.
        names = {c: (f"coded_{c}" if c in fields else c) for c in OUTPUT_COLUMNS}
        source = "" if no_review else ReviewSource.IMPORT
        coded = 0
        with (
            open(input, encoding="utf-8-sig", newline="") as handle,
            open(output, "w", encoding="utf-8", newline="") as target,
            progress_bar("coding titles / 职业编码", total=_count_rows(input)) as advance,
        ):
            reader = csv.DictReader(handle)
            writer = csv.DictWriter(target, fieldnames=fields + list(names.values()))
            writer.writeheader()
            # Streamed in chunks: the coder is fastest on batches, and memory stays flat.
            while chunk := list(islice(reader, CHUNK)):
                titles = [row.get(column) or "" for row in chunk]
                results = services.code_titles(titles, as_of=as_of, source=source)
                for row, result in zip(chunk, results, strict=True):
                    row[names["code"]] = result.code or ""
                    row[names["name"]] = (
                        result.name if result.coded else f"cannot code: {result.reason}"
                    )
                    row[names["score"]] = result.score
                    row[names["level"]] = result.level
                    writer.writerow(row)
                coded += len(chunk)
                advance(len(chunk))
        self.stdout.write(
            self.style.SUCCESS(f"{coded} titles coded into {output} / 已编码 {coded} 个职位名称")
        )


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def _count_rows(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return max(0, sum(1 for _row in csv.reader(handle)) - 1)
