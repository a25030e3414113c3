"""Export of the real-name ledger (open entries in the actor's area) to XLSX with Chinese headers.

Rows are streamed into openpyxl's write-only workbook, so a county's or a city's ledger never sits
in memory as cells. Identity numbers and phones are masked unless the actor states a reason;
the unmasked export is then audited as reads of personal data (`read_unmasked`, as for a single
reveal), one event per chunk of people naming them, and every export writes one
`ledger_exported` event with its filters and row count.
"""

import datetime
from dataclasses import dataclass
from typing import BinaryIO

import openpyxl
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from minsheng.core import audit
from minsheng.core.errors import DomainError, PermissionDenied
from minsheng.core.masking import mask_identity_number, mask_phone
from minsheng.core.models import User
from minsheng.core.regions import region_tree
from minsheng.registry.models import Education, KeyGroup, KeyGroupMembership, LedgerEntry, Sex
from minsheng.registry.selectors import CASE_ROLES
from minsheng.registry.services import MINIMUM_REASON_LENGTH

CHUNK_SIZE = 2000
HEADERS = (
    "姓名", "身份证号", "性别", "出生日期", "手机号", "学历", "毕业院校", "专业", "毕业时间",
    "行政区划代码", "所在地区", "人员类别", "入账原因", "入账日期",
)  # fmt: skip
ZH_SEX = {Sex.MALE: "男", Sex.FEMALE: "女"}
ZH_EDUCATION = {
    Education.PRIMARY: "小学", Education.JUNIOR_MIDDLE: "初中", Education.SENIOR_HIGH: "高中",
    Education.SECONDARY_VOCATIONAL: "中专", Education.JUNIOR_COLLEGE: "大专",
    Education.BACHELOR: "本科", Education.MASTER: "硕士", Education.DOCTORATE: "博士",
}  # fmt: skip
ZH_GROUP = {
    KeyGroup.COLLEGE_GRADUATE: "高校毕业生", KeyGroup.UNEMPLOYED_YOUTH: "登记失业青年",
    KeyGroup.MIGRANT_WORKER: "农民工", KeyGroup.RETIRED_SOLDIER: "退役军人",
    KeyGroup.DISABILITY: "残疾人", KeyGroup.LOW_INCOME: "低收入家庭",
}  # fmt: skip
ZH_LEDGER_REASON = {
    "graduate_not_employed": "离校未就业高校毕业生",
    "registered_youth": "登记失业青年",
    "other": "其他",
}
ENTRY_FIELDS = (
    "person_id", "person__name", "person__identity_number", "person__sex", "person__birth_date",
    "person__phone", "person__education", "person__school", "person__major",
    "person__graduation_date", "region_id", "region__name", "reason", "entered_on",
)  # fmt: skip


@dataclass(frozen=True)
class LedgerFilters:
    region_code: str = ""
    reason: str = ""
    group: str = ""
    entered_from: datetime.date | None = None
    entered_to: datetime.date | None = None

    def as_dict(self) -> dict:
        return {name: str(value) for name, value in vars(self).items() if value}


def open_ledger_entries(*, actor: User, filters: LedgerFilters) -> QuerySet[LedgerEntry]:
    """Open ledger entries in the actor's area, narrowed by the filters."""
    entries = LedgerEntry.objects.for_actor(actor).open().filter(person__merged_into__isnull=True)
    if actor.role not in CASE_ROLES:
        return entries.none()
    if filters.region_code:
        entries = entries.filter(region_id__in=sorted(region_tree().subtree(filters.region_code)))
    if filters.reason:
        entries = entries.filter(reason=filters.reason)
    if filters.group:
        entries = entries.filter(
            person__memberships__group=filters.group, person__memberships__until__isnull=True
        )
    if filters.entered_from:
        entries = entries.filter(entered_on__gte=filters.entered_from)
    if filters.entered_to:
        entries = entries.filter(entered_on__lte=filters.entered_to)
    return entries.order_by("region_id", "person__name", "id")


def export_ledger(
    *, actor: User, output: str | BinaryIO, filters: LedgerFilters, reason: str = ""
) -> int:
    """Write the ledger to `output` (a path or a binary file); the number of rows written."""
    if actor.role not in CASE_ROLES:
        raise PermissionDenied("export_not_allowed", _("Your role may not export the ledger."))
    reason = (reason or "").strip()
    if reason and len(reason) < MINIMUM_REASON_LENGTH:
        raise DomainError(
            "reason_required",
            _("State why you need the full identity number (at least 4 characters)."),
            field="reason",
        )
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("实名制台账")
    sheet.append(HEADERS)
    entries = open_ledger_entries(actor=actor, filters=filters).values_list(*ENTRY_FIELDS)
    changes, rows, chunk = [], 0, []
    with transaction.atomic():
        for entry in entries.iterator(chunk_size=CHUNK_SIZE):
            chunk.append(entry)
            if len(chunk) == CHUNK_SIZE:
                rows += write_chunk(sheet, chunk, unmasked=bool(reason))
                changes += unmasked_reads(actor, chunk, reason)
                chunk = []
        rows += write_chunk(sheet, chunk, unmasked=bool(reason))
        changes += unmasked_reads(actor, chunk, reason)
        changes.append(
            audit.Change(
                action="ledger_exported",
                object_type="registry.ledger",
                object_id=actor.region_id or "*",
                region_code=actor.region_id or "",
                after={"rows": rows, "filters": filters.as_dict(), "unmasked": bool(reason)},
                reason=reason,
            )
        )
        audit.record_many(actor, changes)
    workbook.save(output)
    return rows


def write_chunk(sheet, chunk: list[tuple], *, unmasked: bool) -> int:
    groups = open_groups([entry[0] for entry in chunk])
    for entry in chunk:
        (person_id, name, number, sex, born, phone, education, school, major, graduated,
         region_code, region_name, reason, entered_on) = entry  # fmt: skip
        sheet.append(
            (
                name,
                number if unmasked else mask_identity_number(number),
                ZH_SEX.get(sex, sex),
                born,
                phone if unmasked else mask_phone(phone),
                ZH_EDUCATION.get(education, education),
                school,
                major,
                graduated,
                region_code,
                region_name,
                "、".join(ZH_GROUP.get(group, group) for group in groups.get(person_id, [])),
                ZH_LEDGER_REASON.get(reason, reason),
                entered_on,
            )
        )
    return len(chunk)


def open_groups(person_ids: list[int]) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}
    memberships = KeyGroupMembership.objects.filter(person_id__in=person_ids, until__isnull=True)
    for person_id, group in memberships.order_by("group").values_list("person_id", "group"):
        groups.setdefault(person_id, []).append(group)
    return groups


def unmasked_reads(actor: User, chunk: list[tuple], reason: str) -> list[audit.Change]:
    """One `read_unmasked` event per chunk, naming the people whose numbers left unmasked."""
    if not reason or not chunk:
        return []
    return [
        audit.Change(
            action="read_unmasked",
            object_type="registry.person",
            object_id="export",
            region_code=actor.region_id or "",
            after={"field": "identity_number", "people": [entry[0] for entry in chunk]},
            reason=reason,
        )
    ]
