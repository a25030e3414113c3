"""`minsheng occupations …` on the command line."""

import csv

import pytest
from django.core.management import CommandError, call_command

from minsheng.occupations import services
from minsheng.occupations.models import CodingReview, Release

pytestmark = pytest.mark.django_db


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_code_titles_writes_the_input_columns_plus_the_coding(tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(source, [["id", "job_name"], ["1", "餐厅服务员/长白班/日结"], ["2", ""],
                       ["3", "Engineer"], ["4", "汽修学徒工"]])  # fmt: skip
    call_command("occupations", "code-titles", str(source), "--output", str(target))
    with open(target, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["id", "job_name", "code", "name", "score", "level"]
    assert (rows[0]["id"], rows[0]["code"], rows[0]["level"]) == ("1", "4-03-02-05", "occupation")
    assert (rows[1]["code"], rows[1]["level"]) == ("", "uncoded")
    assert "cannot code" in rows[2]["name"]
    assert CodingReview.objects.get().source == "import"


def test_code_titles_names_a_missing_column(tmp_path):
    source = tmp_path / "in.csv"
    write_csv(source, [["id", "title"], ["1", "保安"]])
    with pytest.raises(CommandError, match="column 'job_name' not in"):
        call_command("occupations", "code-titles", str(source), "--output", str(tmp_path / "o"))


def test_import_release_reports_every_problem_with_its_line(tmp_path, administrator):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "release: Bad\neffective: 2025-01-01\nchanges:\n"
        "  - {action: rename, code: 4-01-06-98, name: 不存在}\n"
        "  - {action: add, code: 4-99-98-01, name: 新职业}\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as refused:
        call_command("occupations", "import-release", str(bad), "--user", administrator.username)
    lines = str(refused.value).splitlines()[1:]
    assert lines[0].startswith("  line 4:") and "unknown code 4-01-06-98" in lines[0]
    assert lines[1].startswith("  line 5:") and "unknown parent group 4-99-98-00" in lines[1]
    assert not Release.objects.filter(name="Bad").exists()


def test_import_release_and_load(tmp_path, administrator, capsys):
    good = tmp_path / "example.yaml"
    good.write_text(services.example_release_text(), encoding="utf-8")
    call_command("occupations", "import-release", str(good), "--user", administrator.username)
    assert Release.objects.filter(is_example=True).exists()
    call_command("occupations", "load")
    assert "already loaded" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no active user"):
        call_command("occupations", "import-release", str(good), "--user", "nobody")
