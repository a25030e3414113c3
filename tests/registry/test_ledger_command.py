"""`minsheng ledger import` and `minsheng ledger export`."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from stdnum.cn import ric

from minsheng.registry.models import ImportBatch, Person

pytestmark = pytest.mark.django_db


def identity(region: str, born: str, sequence: int) -> str:
    body = f"{region}{born}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


GRADUATE = identity("330106", "20030315", 11)
HEADERS = ["姓名", "身份证号", "性别", "手机号", "毕业时间", "所在地区", "人员类别", "登记日期"]


def graduate_row(region="330106") -> list:
    return ["陈明", GRADUATE, "男", "13912345678", "2025-06", region, "高校毕业生", "2025-09-01"]


def youth_row(region="330106") -> list:
    number = identity("330106", "20050720", 22)
    return ["林芳", number, "女", "", "", region, "登记失业青年", "2025-09-01"]


def csv_bytes(rows: list[list], *, headers=HEADERS) -> bytes:
    lines = [",".join(headers)] + [",".join(str(cell) for cell in row) for row in rows]
    return "\r\n".join(lines).encode()


def ledger(*arguments) -> str:
    output = io.StringIO()
    call_command("ledger", *arguments, stdout=output)
    return output.getvalue()


def test_import_prints_counts_and_bilingual_row_errors(caseworker, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([graduate_row(), youth_row(region="火星区")]))

    printed = ledger("import", str(path), "--user", caseworker.username)

    assert "2 rows, 1 imported, 1 rejected" in printed and "共 2 行" in printed
    assert "row 3 第3行 [所在地区] region_unknown" in printed
    assert Person.objects.get().identity_number == GRADUATE


def test_importing_the_same_file_again_says_so(caseworker, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([graduate_row()]))
    ledger("import", str(path), "--user", caseworker.username)

    printed = ledger("import", str(path), "--user", caseworker.username)

    assert "already imported" in printed and "nothing was written" in printed
    assert ImportBatch.objects.count() == 1 and Person.objects.count() == 1


def test_a_refused_file_exits_with_an_error(caseworker, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([["陈明"]], headers=["姓名"]))

    with pytest.raises(CommandError, match="身份证号"):
        ledger("import", str(path), "--user", caseworker.username)
    assert not Person.objects.exists()


def test_an_unknown_user_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no active user"):
        ledger("import", str(tmp_path / "x.csv"), "--user", "nobody")


def test_export_writes_the_ledger_masked_unless_a_reason_is_given(caseworker, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([graduate_row()], headers=HEADERS))
    ledger("import", str(path), "--user", caseworker.username)
    out = tmp_path / "ledger.xlsx"

    printed = ledger("export", str(out), "--user", caseworker.username)
    masked = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    ledger("export", str(out), "--user", caseworker.username, "--reason", "省厅数据核查")
    unmasked = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))

    assert "1 ledger entries written" in printed
    assert masked[1][1] != GRADUATE and masked[1][1].endswith(GRADUATE[-4:])
    assert unmasked[1][1] == GRADUATE
