"""Importing enterprise salary survey data (企业薪酬调查) from CSV: all rows or none.

Every cell of every row is checked and each problem reported by row (as numbered in a
spreadsheet, the header being row 1) and column, in Chinese and English; if any row has a
problem nothing is imported, so a file is never half in. The same file (same SHA-256) imported
again reports the earlier import and writes nothing. CSV arrives as UTF-8 (with or without BOM)
or GB18030 (Excel on a Chinese Windows).
"""

import csv
import hashlib
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.models import User
from minsheng.labour_market.errors import StatisticsError, require_role
from minsheng.labour_market.models import STATISTICS_ROLES, WageSurveyImport, WageSurveyRow
from minsheng.labour_market.wage_rows import (
    COLUMNS,
    REQUIRED,
    RowError,
    SurveyRowValidator,
    header_field,
)

CHUNK_ROWS = 5000


class WageImportRejected(StatisticsError):
    """The file is refused; `errors` lists each row's problems (``row``, ``column``, ``code``…)."""

    def __init__(self, code, message, *, errors: list[dict] | None = None, **kwargs) -> None:
        super().__init__(code, message, **kwargs)
        self.errors = errors or []


@dataclass
class WageImportOutcome:
    batch: WageSurveyImport
    already_imported: bool = False


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise WageImportRejected(
        "file_unreadable", _("The file is not a readable CSV file."), field="file"
    )


def import_wage_survey(*, actor: User, file_name: str, data: bytes) -> WageImportOutcome:
    """Import a salary-survey CSV; refused whole (with every row's problems) if any row is bad."""
    require_role(actor, STATISTICS_ROLES)
    digest = hashlib.sha256(data).hexdigest()
    earlier = WageSurveyImport.objects.filter(file_sha256=digest).first()
    if earlier is not None:
        return WageImportOutcome(earlier, already_imported=True)
    lines = list(csv.reader(io.StringIO(decode(data))))
    if not lines:
        raise WageImportRejected("file_empty", _("The file has no rows."), field="file")
    headers = {}
    for index, header in enumerate(lines[0]):
        field = header_field(header)
        if field and field not in headers:
            headers[field] = (index, header.strip())
    missing = [field for field in REQUIRED if field not in headers]
    if missing:
        raise WageImportRejected(
            "missing_columns",
            format_lazy(
                _("Required columns are missing: {columns}. Nothing was imported."),
                columns="、".join(COLUMNS[field][0] for field in missing),
            ),
            field="file",
        )
    validator = SurveyRowValidator(
        headers={field: header for field, (_index, header) in headers.items()},
        scope=actor.scope_codes(),
        this_year=timezone.localdate().year,
    )
    valid, problems = [], []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {f: cells[i] if i < len(cells) else "" for f, (i, _h) in headers.items()}
        checked = validator.validate(number, values)
        if isinstance(checked, list):
            problems.extend(checked)
        else:
            valid.append(checked)
    if problems:
        raise WageImportRejected(
            "rows_invalid",
            format_lazy(
                _("{rows} rows have problems; nothing was imported. Correct them and retry."),
                rows=len({problem.row for problem in problems}),
            ),
            field="file",
            errors=[problem.as_dict() for problem in problems],
        )
    if not valid:
        raise WageImportRejected("file_empty", _("The file has no rows."), field="file")
    with transaction.atomic():
        batch = WageSurveyImport.objects.create(
            file_name=file_name[-255:], file_sha256=digest, rows=len(valid), imported_by=actor
        )
        for start in range(0, len(valid), CHUNK_ROWS):
            WageSurveyRow.objects.bulk_create(
                [row.model(batch) for row in valid[start : start + CHUNK_ROWS]]
            )
        audit.record(
            actor,
            audit.Change(
                action="wage_survey_imported",
                object_type="labour_market.wagesurveyimport",
                object_id=str(batch.pk),
                after={
                    "file_name": batch.file_name,
                    "sha256": digest,
                    "rows": len(valid),
                    "years": sorted({row.survey_year for row in valid}),
                },
            ),
        )
    return WageImportOutcome(batch)


__all__ = ["RowError", "WageImportOutcome", "WageImportRejected", "import_wage_survey"]
