"""Releases: the classification changes on a date, and a bad file changes nothing."""

import datetime

import pytest

from minsheng.core.errors import DomainError
from minsheng.core.models import AuditEvent
from minsheng.occupations import selectors, services
from minsheng.occupations.models import Occupation, Release
from minsheng.occupations.releases import ReleaseRejected

BEFORE = datetime.date(2024, 7, 30)
AFTER = datetime.date(2024, 8, 1)


def test_the_2022_classification_is_loaded_once_with_its_flags(administrator):
    assert services.load_taxonomy() == 0
    rows = selectors.occupation_list(actor=administrator, as_of=AFTER)
    assert rows.filter(level=1).count() == 8
    assert rows.filter(level=4).count() > 1600
    commerce = rows.get(code="4-01-06-01")
    assert (commerce.name, commerce.digital) == ("电子商务师", True)
    assert rows.filter(green=True).count() > 130


def test_a_release_adds_renames_and_retires_from_its_effective_date(administrator, example_release):
    def names(day):
        rows = selectors.occupation_list(actor=administrator, as_of=day)
        return dict(rows.filter(code__in=["4-04-05-09", "3-01-02-05", "4-13-02-04"])
                    .values_list("code", "name"))  # fmt: skip

    assert names(BEFORE) == {"3-01-02-05": "打字员", "4-13-02-04": "电影洗印员"}
    assert names(AFTER) == {"3-01-02-05": "文字录入员", "4-04-05-09": "生成式人工智能系统应用员"}
    added = selectors.occupation_get(actor=administrator, code="4-04-05-09", as_of=AFTER)
    assert added.digital and added.parent_code == "4-04-05-00"
    history = list(selectors.occupation_history(actor=administrator, code="3-01-02-05"))
    assert [(v.name, v.valid_to) for v in history] == [
        ("打字员", datetime.date(2024, 7, 31)),
        ("文字录入员", None),
    ]
    assert history[1].opened_by == example_release
    assert "打字员" in history[1].alias_list  # the old name still finds the code
    assert AuditEvent.objects.filter(action="release_imported", actor=administrator).exists()
    assert AuditEvent.objects.filter(action="occupation_retire", object_id="4-13-02-04").exists()


def test_a_release_changes_coding_only_from_its_date(administrator, example_release):
    before, after = (
        services.code_titles(["提示词工程师"], as_of=day)[0] for day in (BEFORE, AFTER)
    )
    assert after.code == "4-04-05-09"
    assert before.code != "4-04-05-09"
    retired = services.code_titles(["电影洗印员"], as_of=AFTER)[0]
    assert retired.code != "4-13-02-04"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("  - {action: add, code: 4-99-98-01, name: 新职业甲}", "unknown parent group"),
        ("  - {action: add, code: 4-01-06-01, name: 电子商务师}", "already exists"),
        ("  - {action: rename, code: 4-01-06-98, name: 不存在}", "unknown code"),
        ("  - {action: add, code: 4-1-06-01, name: 格式错}", "malformed code"),
        ("  - {action: explode, code: 4-01-06-01}", "unknown action"),
        ("  - {action: add, code: 4-01-06-90}", "a name is required"),
        ("  - {action: retire, code: 4-01-06-00}", "still has codes in force"),
        ("  - {action: retire, code: 4-13-02-04, colour: red}", "unknown key colour"),
    ],
)
def test_a_bad_change_is_refused_with_its_line(administrator, release_text, change, reason):
    text = release_text("  - {action: add, code: 4-04-05-11, name: 合规的新职业}", change)
    with pytest.raises(ReleaseRejected) as rejected:
        services.import_release(actor=administrator, file=text)
    assert rejected.value.problems[0].line == 5
    assert reason in rejected.value.problems[0].reason_in("en")
    assert not Release.objects.filter(name="Test release").exists()
    assert not Occupation.objects.filter(code="4-04-05-11").exists()


def test_retiring_twice_and_duplicates_are_refused(administrator, example_release, release_text):
    text = release_text(
        "  - {action: retire, code: 4-13-02-04}",
        "  - {action: add, code: 4-04-05-11, name: 新职业乙}",
        "  - {action: add, code: 4-04-05-11, name: 新职业乙}",
    )
    with pytest.raises(ReleaseRejected) as rejected:
        services.import_release(actor=administrator, file=text)
    problems = [(p.line, p.reason_in("en")) for p in rejected.value.problems]
    assert problems[0] == (4, "code 4-13-02-04 is already retired")
    assert problems[1][0] == 6 and "already changed on line 5" in problems[1][1]


def test_a_release_dated_before_the_previous_one_is_refused(
    administrator, example_release, release_text
):
    header = "release: Late release\neffective: 2023-01-01\nchanges:\n"
    text = release_text("  - {action: add, code: 4-04-05-11, name: 新职业丙}", header=header)
    with pytest.raises(ReleaseRejected) as rejected:
        services.import_release(actor=administrator, file=text)
    assert "not after the previous release" in rejected.value.message_in("en")
    assert rejected.value.problems[0].line == 2


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("release: x\neffective: 2025-01-01\nchanges: [\n", 4),
        ("release: x\neffective: someday\nchanges:\n  - {action: retire, code: 4-13-02-04}\n", 2),
        ("- just a list\n", 1),
    ],
)
def test_a_malformed_file_is_refused_whole(administrator, text, line):
    count = Occupation.objects.count()
    with pytest.raises(ReleaseRejected) as rejected:
        services.import_release(actor=administrator, file=text)
    assert rejected.value.problems[0].line == line
    assert Occupation.objects.count() == count


def test_only_administrators_import_releases(caseworker):
    with pytest.raises(DomainError) as refused:
        services.import_release(actor=caseworker, file=services.example_release_text())
    assert refused.value.code == "not_allowed"
