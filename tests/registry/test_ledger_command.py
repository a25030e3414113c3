"""`minsheng ledger import` and `minsheng ledger export`."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from minsheng.registry.models import ImportBatch, Person

pytestmark = pytest.mark.django_db


def ledger(*arguments) -> str:
    output = io.StringIO()
    call_command("ledger", *arguments, stdout=output)
    return output.getvalue()


def test_import_prints_counts_and_bilingual_row_errors(caseworker, tmp_path, list_rows):
    path = tmp_path / "list.csv"
    path.write_bytes(list_rows.csv([list_rows.graduate(), list_rows.youth(region="火星区")]))

    printed = ledger("import", str(path), "--user", caseworker.username)

    assert "2 rows, 1 imported, 1 rejected" in printed and "共 2 行" in printed
    assert "row 3 第3行 [所在地区] region_unknown" in printed
    assert Person.objects.get().identity_number == list_rows.GRADUATE


def test_importing_the_same_file_again_says_so(caseworker, tmp_path, list_rows):
    path = tmp_path / "list.csv"
    path.write_bytes(list_rows.csv([list_rows.graduate()]))
    ledger("import", str(path), "--user", caseworker.username)

    printed = ledger("import", str(path), "--user", caseworker.username)

    assert "already imported" in printed and "nothing was written" in printed
    assert ImportBatch.objects.count() == 1 and Person.objects.count() == 1


def test_a_refused_file_exits_with_an_error(caseworker, tmp_path, list_rows):
    path = tmp_path / "list.csv"
    path.write_bytes(list_rows.csv([["陈明"]], headers=["姓名"]))

    with pytest.raises(CommandError, match="身份证号"):
        ledger("import", str(path), "--user", caseworker.username)
    assert not Person.objects.exists()


def test_an_unknown_user_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no active user"):
        ledger("import", str(tmp_path / "x.csv"), "--user", "nobody")


def test_export_writes_the_ledger_masked_unless_a_reason_is_given(caseworker, tmp_path, list_rows):
    path = tmp_path / "list.csv"
    path.write_bytes(list_rows.csv([list_rows.graduate()], headers=list_rows.HEADERS))
    ledger("import", str(path), "--user", caseworker.username)
    out = tmp_path / "ledger.xlsx"

    printed = ledger("export", str(out), "--user", caseworker.username)
    masked = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    ledger("export", str(out), "--user", caseworker.username, "--reason", "省厅数据核查")
    unmasked = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))

    assert "1 ledger entries written" in printed
    assert masked[1][1] != list_rows.GRADUATE and masked[1][1].endswith(list_rows.GRADUATE[-4:])
    assert unmasked[1][1] == list_rows.GRADUATE
