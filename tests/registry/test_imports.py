"""Bulk import of people lists: validation by row and column, idempotency, scope, audit."""

import datetime
import io

import openpyxl
import pytest
from stdnum.cn import ric

from minsheng.core.models import AuditEvent
from minsheng.registry.imports import ImportRefused, import_people
from minsheng.registry.models import (
    ImportBatch,
    KeyGroupMembership,
    LedgerEntry,
    Person,
    StatusChange,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 25)
HEADERS = ["姓名", "身份证号", "性别", "出生日期", "手机号", "学历", "毕业院校", "专业", "毕业时间"]
HEADERS += ["所在地区", "人员类别", "登记日期"]


def identity(region: str, born: str, sequence: int) -> str:
    body = f"{region}{born}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


GRADUATE = identity("330106", "20030315", 11)  # a man
YOUTH = identity("330106", "20050720", 22)  # a woman
MIGRANT = identity("340104", "19900101", 33)


def graduate_row(**changes) -> list:
    row = {
        "姓名": "陈明",
        "身份证号": GRADUATE,
        "性别": "男",
        "出生日期": "2003-03-15",
        "手机号": "13912345678",
        "学历": "本科",
        "毕业院校": "浙江大学",
        "专业": "计算机科学与技术",
        "毕业时间": "2025-06",
        "所在地区": "330106",
        "人员类别": "高校毕业生",
        "登记日期": "2025-09-01",
    } | changes
    return [row[header] for header in HEADERS]


def youth_row(**changes) -> list:
    return graduate_row(
        **{
            "姓名": "林芳",
            "身份证号": YOUTH,
            "性别": "女",
            "出生日期": "",
            "学历": "高中",
            "毕业院校": "",
            "专业": "",
            "毕业时间": "",
            "所在地区": "西湖区",
            "人员类别": "登记失业青年",
        }
        | changes
    )


def csv_bytes(rows: list[list], *, headers=HEADERS, encoding="utf-8") -> bytes:
    lines = [",".join(headers)] + [",".join(str(cell) for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[list], *, headers=HEADERS, title: str | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def run(actor, data: bytes, name="list.csv", **options):
    return import_people(actor=actor, file_name=name, data=data, today=TODAY, **options)


def errors_by_row(outcome) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    for error in outcome.errors:
        found.setdefault(error["row"], []).append((error["column"], error["code"]))
    return found


def test_a_valid_list_creates_people_groups_and_open_ledger_entries(caseworker):
    outcome = run(caseworker, csv_bytes([graduate_row(), youth_row()]))

    assert (outcome.batch.rows_total, outcome.batch.rows_imported) == (2, 2)
    assert (outcome.created, outcome.ledger_entries_opened) == (2, 2)
    graduate = Person.objects.get(identity_number=GRADUATE)
    assert (graduate.name, graduate.sex, graduate.birth_date) == (
        "陈明",
        "M",
        datetime.date(2003, 3, 15),
    )
    assert (graduate.education, graduate.graduation_date) == ("bachelor", datetime.date(2025, 6, 1))
    assert (graduate.region_id, graduate.province_code) == ("330106", "330000")
    youth = Person.objects.get(identity_number=YOUTH)
    assert youth.region_id == "330106"  # "西湖区" resolved inside the caseworker's district
    entries = {e.person_id: e for e in LedgerEntry.objects.all()}
    assert entries[graduate.pk].reason == "graduate_not_employed"
    assert entries[youth.pk].reason == "registered_youth"
    assert entries[graduate.pk].entered_on == datetime.date(2025, 9, 1)
    assert entries[graduate.pk].entered_by == caseworker
    groups = set(KeyGroupMembership.objects.values_list("person_id", "group"))
    assert groups == {(graduate.pk, "college_graduate"), (youth.pk, "unemployed_youth")}
    assert StatusChange.objects.filter(status="unemployed").count() == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_are_detected(caseworker, encoding):
    outcome = run(caseworker, csv_bytes([graduate_row()], encoding=encoding))

    assert outcome.created == 1
    assert Person.objects.get().name == "陈明"


def test_xlsx_with_a_title_line_and_english_headers(caseworker):
    headers = ["Name", "ID number", "Sex", "Phone", "Region", "Group", "Date registered"]
    row = [
        "陈明",
        GRADUATE,
        "M",
        "13912345678",
        "330106",
        "college graduate",
        datetime.date(2025, 9, 1),
    ]
    data = xlsx_bytes([row], headers=headers, title="2025届离校未就业高校毕业生名单")

    outcome = run(caseworker, data, name="list.xlsx")

    assert outcome.created == 1, outcome.errors
    assert LedgerEntry.objects.get().entered_on == datetime.date(2025, 9, 1)


def test_bad_rows_are_reported_by_row_and_column_and_the_rest_imports(caseworker):
    rows = [
        graduate_row(),  # row 2
        youth_row(身份证号=YOUTH[:-1] + ("0" if YOUTH[-1] != "0" else "1")),  # row 3
        youth_row(身份证号=identity("330106", "20050720", 24), 所在地区="火星区"),  # row 4
        youth_row(身份证号=identity("330106", "20050720", 26), 出生日期="2030-01-01"),  # row 5
        graduate_row(身份证号=identity("330106", "20030315", 13), 毕业时间="2001-06"),  # row 6
        graduate_row(身份证号=identity("330106", "20030315", 15), 性别="女"),  # row 7
        graduate_row(身份证号=identity("330106", "20030315", 17), 出生日期="2003-03-16"),  # row 8
        youth_row(身份证号=identity("330106", "19900101", 28)),  # row 9: too old for a youth
        graduate_row(),  # row 10: the same person again
    ]

    outcome = run(caseworker, csv_bytes(rows))

    assert errors_by_row(outcome) == {
        3: [("身份证号", "identity_number_checksum")],
        4: [("所在地区", "region_unknown")],
        5: [("出生日期", "birth_date_future")],
        6: [("毕业时间", "graduation_before_birth")],
        7: [("性别", "sex_mismatch")],
        8: [("出生日期", "birth_date_mismatch")],
        9: [("人员类别", "youth_age")],
        10: [("身份证号", "duplicate_in_file")],
    }
    assert (outcome.batch.rows_total, outcome.batch.rows_imported) == (9, 1)
    assert outcome.batch.rows_rejected == 8
    assert Person.objects.count() == 1
    checksum = outcome.errors[0]
    assert checksum["messages"]["en"].startswith("The check character of the identity number")
    assert set(checksum["messages"]) == {"zh-hans", "en"}


def test_all_of_a_rows_problems_are_reported_at_once(caseworker):
    outcome = run(caseworker, csv_bytes([graduate_row(身份证号="123", 学历="幼儿园", 手机号="12")]))

    assert errors_by_row(outcome)[2] == [
        ("身份证号", "identity_number_length"),
        ("手机号", "phone_format"),
        ("学历", "education_unknown"),
    ]


def test_a_file_without_a_required_column_is_refused_before_any_write(caseworker):
    headers = [h for h in HEADERS if h != "身份证号"]
    data = csv_bytes(
        [[c for h, c in zip(HEADERS, graduate_row(), strict=True) if h != "身份证号"]],
        headers=headers,
    )

    with pytest.raises(ImportRefused) as refused:
        run(caseworker, data)

    assert refused.value.code == "missing_columns"
    assert "身份证号" in str(refused.value)
    assert not ImportBatch.objects.exists() and not Person.objects.exists()


def test_an_unreadable_file_is_refused(caseworker):
    with pytest.raises(ImportRefused) as refused:
        run(caseworker, b"PK\x03\x04 not really a workbook", name="broken.xlsx")
    assert refused.value.code == "file_unreadable"


def test_reimporting_the_same_file_is_a_no_op_reporting_the_earlier_batch(caseworker):
    data = csv_bytes([graduate_row(), youth_row()])
    first = run(caseworker, data)
    events = AuditEvent.objects.count()

    again = run(caseworker, data)

    assert again.already_imported and again.batch.pk == first.batch.pk
    assert (again.created, again.batch.rows_imported) == (2, 2)
    assert Person.objects.count() == 2 and ImportBatch.objects.count() == 1
    assert AuditEvent.objects.count() == events


def test_a_different_file_with_known_people_creates_no_duplicates(caseworker):
    run(caseworker, csv_bytes([graduate_row(手机号="")]))

    outcome = run(
        caseworker, csv_bytes([graduate_row(姓名="陈小明", 手机号="13900000000"), youth_row()])
    )

    assert (outcome.created, outcome.updated) == (1, 1)
    assert Person.objects.count() == 2
    assert LedgerEntry.objects.count() == 2 and KeyGroupMembership.objects.count() == 2
    graduate = Person.objects.get(identity_number=GRADUATE)
    assert graduate.name == "陈明"  # stored values are kept; only the empty phone was filled
    assert graduate.phone == "13900000000"
    assert graduate.version == 2


def test_rows_outside_the_importers_area_are_rejected(caseworker, make_person):
    elsewhere = make_person("李滨江", "330108", sequence=3)
    rows = [
        graduate_row(所在地区="330108"),  # Binjiang: a neighbouring district
        youth_row(身份证号=elsewhere.identity_number, 性别="男", 人员类别="农民工"),
    ]

    outcome = run(caseworker, csv_bytes(rows))

    assert errors_by_row(outcome) == {
        2: [("所在地区", "region_out_of_scope")],
        3: [("身份证号", "person_out_of_scope")],
    }
    assert Person.objects.count() == 1
    assert not LedgerEntry.objects.exists()


def test_importing_into_a_region_outside_the_scope_is_refused(caseworker):
    with pytest.raises(ImportRefused):
        run(caseworker, csv_bytes([graduate_row()]), region_code="110105")


def test_a_supervisor_resolves_a_district_name_within_the_city(supervisor):
    outcome = run(supervisor, csv_bytes([youth_row(所在地区="滨江区")]))

    assert Person.objects.get().region_id == "330108", outcome.errors


def test_one_audit_event_per_chunk_and_a_summary(caseworker):
    outcome = run(caseworker, csv_bytes([graduate_row(), youth_row()]))

    events = AuditEvent.objects.filter(object_type="registry.import_batch")
    assert list(events.values_list("action", flat=True)) == ["people_imported", "import_finished"]
    chunk = events.get(action="people_imported")
    assert sorted(chunk.after["created"]) == sorted(Person.objects.values_list("id", flat=True))
    summary = events.get(action="import_finished")
    assert (summary.after["created"], summary.object_id) == (2, str(outcome.batch.pk))
    assert summary.actor == caseworker


def test_someone_recorded_as_employed_is_not_put_on_the_ledger(caseworker):
    run(caseworker, csv_bytes([graduate_row()]))
    person = Person.objects.get()
    LedgerEntry.objects.all().delete()
    StatusChange.objects.create(person=person, status="employed", since=datetime.date(2025, 10, 1))

    outcome = run(caseworker, csv_bytes([graduate_row(专业="软件工程")]))

    assert outcome.ledger_entries_opened == 0
    assert not LedgerEntry.objects.exists()


def test_graduates_are_recognised_without_a_group_column(caseworker):
    headers = ["姓名", "公民身份号码", "毕业时间", "联系电话"]
    outcome = run(
        caseworker, csv_bytes([["陈明", GRADUATE, "2025年6月", "13912345678"]], headers=headers)
    )

    assert outcome.ledger_entries_opened == 1
    assert KeyGroupMembership.objects.get().group == "college_graduate"
    assert LedgerEntry.objects.get().entered_on == TODAY


def test_a_citizen_may_not_import(citizen):
    with pytest.raises(Exception) as refused:
        run(citizen, csv_bytes([graduate_row()]))
    assert refused.value.code == "import_not_allowed"


def test_a_known_person_keeps_their_region_and_enters_the_ledger_there(supervisor, make_person):
    stored = make_person("王西湖", "330106", sequence=5)
    row = youth_row(
        身份证号=stored.identity_number, 性别="男", 人员类别="农民工、高校毕业生", 所在地区="330108"
    )

    outcome = run(supervisor, csv_bytes([row]))

    assert outcome.updated == 1, outcome.errors  # education was empty and is filled
    stored.refresh_from_db()
    assert (stored.region_id, stored.education) == ("330106", "senior_high")
    assert LedgerEntry.objects.get().region_id == "330106"
    assert set(KeyGroupMembership.objects.values_list("group", flat=True)) == {
        "migrant_worker",
        "college_graduate",
    }


def test_a_long_list_finds_known_people_wherever_they_stand(caseworker, make_person):
    # Over 2,000 rows: written in several chunks, people looked up in several slices.
    first_day = datetime.date(2003, 1, 1)
    numbers = [
        identity("330106", f"{first_day + datetime.timedelta(days=i % 300):%Y%m%d}", i // 300 + 1)
        for i in range(2100)
    ]
    known = [make_person(f"已登记{i}", "330106", sequence=i) for i in (1, 2, 3)]
    LedgerEntry.objects.create(
        person=known[1], region_id="330106", province_code="330000",
        reason="graduate_not_employed", entered_on=datetime.date(2025, 7, 1),
    )  # fmt: skip
    KeyGroupMembership.objects.create(
        person=known[2], region_id="330106", group="college_graduate",
        since=datetime.date(2025, 7, 1),
    )  # fmt: skip
    for position, person in zip((10, 1500, 2050), known, strict=True):
        numbers[position] = person.identity_number
    rows = [graduate_row(身份证号=number, 性别="", 出生日期="") for number in numbers]

    outcome = run(caseworker, csv_bytes(rows))

    assert (outcome.batch.rows_imported, outcome.created, outcome.updated) == (2100, 2097, 3)
    assert (outcome.memberships_added, outcome.ledger_entries_opened) == (2099, 2099)
    assert Person.objects.count() == 2100
    assert LedgerEntry.objects.filter(person=known[1]).count() == 1
    assert KeyGroupMembership.objects.filter(person=known[2]).count() == 1
    assert {person.education for person in Person.objects.filter(name__startswith="已登记")} == {
        "bachelor"
    }
