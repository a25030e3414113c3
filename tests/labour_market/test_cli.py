"""`minsheng stats snapshot | publish | import-wages | verify`."""

import io

import pytest
from django.core.management import CommandError, call_command
from stdnum.cn import uscc

from minsheng.labour_market.models import ReleaseStatus, Snapshot, StatisticsRelease

from . import records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def analyst(make_user):
    return make_user("analyst_national", role="analyst", region_code="100000")


def stats(*arguments) -> str:
    output = io.StringIO()
    call_command("stats", *arguments, stdout=output)
    return output.getvalue()


def test_snapshot_prints_its_name_and_row_counts(analyst):
    records.recruitment_quarter(records.last_finished_quarter())
    printed = stats("snapshot", "--user", analyst.username)
    snapshot = Snapshot.objects.get()
    assert f"snapshot {snapshot.name}" in printed and "vacancies 1" in printed
    assert snapshot.taken_by == analyst


def test_publish_takes_a_snapshot_when_none_covers_the_period_and_publishes(analyst):
    quarter = records.last_finished_quarter()
    records.recruitment_quarter(quarter)
    printed = stats("publish", "--period", quarter.label, "--user", analyst.username)

    release = StatisticsRelease.objects.get()
    assert (release.status, release.period) == (ReleaseStatus.PUBLISHED, quarter.label)
    assert "taking one" in printed and "published / 已发布" in printed
    assert "1. 6-18-02-04 焊工: gap 3 in 1 cities, ratio 2.50" in printed
    assert Snapshot.objects.count() == 1


def test_publish_without_a_user_leaves_a_draft(analyst):
    quarter = records.last_finished_quarter()
    records.recruitment_quarter(quarter)
    stats("snapshot")
    assert Snapshot.objects.get().row_counts["occupations"] > 1000
    printed = stats("publish", "--period", quarter.label)
    assert StatisticsRelease.objects.get().status == ReleaseStatus.DRAFT
    assert "left as a draft" in printed


def test_publish_refuses_a_future_quarter_before_taking_any_snapshot(analyst):
    with pytest.raises(CommandError, match="lies in the future"):
        stats("publish", "--period", "2999Q1", "--user", analyst.username)
    with pytest.raises(CommandError, match="not a known region"):
        stats("publish", "--period", "2025Q1", "--region", "999999")
    assert Snapshot.objects.count() == 0


def test_verify_recomputes_a_release(analyst):
    quarter = records.last_finished_quarter()
    records.recruitment_quarter(quarter)
    stats("publish", "--period", quarter.label, "--user", analyst.username)
    release = StatisticsRelease.objects.get()
    assert "recomputes identically" in stats("verify", str(release.pk), "--user", analyst.username)


def test_import_wages_reports_rows_or_every_problem(analyst, tmp_path):
    body = "91330106MA0000001"
    good = tmp_path / "good.csv"
    good.write_text(
        "调查年度,统一社会信用代码,行业,地区代码,职业编码,技能等级,年工资\n"
        f"2025,{body + uscc.calc_check_digit(body)},C,330106,6-18-02-04,3,86000\n",
        encoding="utf-8",
    )
    assert "1 survey rows imported" in stats("import-wages", str(good), "--user", analyst.username)
    bad = tmp_path / "bad.csv"
    bad.write_text("调查年度,统一社会信用代码,行业,地区代码,职业编码,年工资\n1999,x,C,330106,6-18-02-04,1\n",
                   encoding="utf-8")  # fmt: skip
    output = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("stats", "import-wages", str(bad), "--user", analyst.username, stdout=output)
    assert "row 2 第2行 [调查年度] survey_year_invalid" in output.getvalue()
