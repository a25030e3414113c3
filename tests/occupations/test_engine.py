"""The title coder as a user of the coding service sees it (no database needed)."""

import pytest

from minsheng.occupations.engine import CannotCode, Level, Taxonomy, TitleCoder
from minsheng.occupations.engine.taxonomy import group_of, is_code_within, parse_name


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.default()


@pytest.fixture(scope="module")
def coder(taxonomy: Taxonomy) -> TitleCoder:
    return TitleCoder.from_taxonomy(taxonomy)


def test_taxonomy_has_the_four_levels_and_flags(taxonomy: Taxonomy) -> None:
    assert len(taxonomy.entries_at(Level.MAJOR)) == 8
    assert len(taxonomy.entries_at(Level.OCCUPATION)) > 1600
    assert sum(entry.digital for entry in taxonomy) > 90
    assert sum(entry.green for entry in taxonomy) > 130


def test_flag_suffix_is_not_part_of_the_name(taxonomy: Taxonomy) -> None:
    assert parse_name("电子商务师S") == ("电子商务师", True, False)
    assert parse_name("大地测量员L/S") == ("大地测量员", True, True)
    assert parse_name("焊工") == ("焊工", False, False)
    entry = taxonomy["4-01-06-01"]
    assert (entry.name, entry.digital) == ("电子商务师", True)


def test_group_membership_is_structural(taxonomy: Taxonomy) -> None:
    assert group_of("2-02-10-03", Level.MINOR) == "2-02-10-00"
    assert is_code_within("2-02-10-03", "2-02-00-00")
    assert not is_code_within("2-02-00-00", "2-02-10-00")
    assert taxonomy.ancestors("2-02-10-03")[-1] == "2-00-00-00"


@pytest.mark.parametrize("code", ["4-03-02-05", "4-07-05-01", "6-18-02-04", "4-01-02-04"])
def test_a_clean_occupation_name_codes_to_itself(
    coder: TitleCoder, taxonomy: Taxonomy, code: str
) -> None:
    coding = coder.code(taxonomy[code].name)
    assert coding.code == code
    assert coding.level == "occupation"
    assert 0 < coding.score <= 1


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("【急招】保安员 月薪6000元 包吃住 五险一金", "4-07-05-01"),
        ("美容师（Q20931）周末双休 带薪培训", "4-10-03-01"),
        ("某某精密机械有限公司招聘焊工", "6-18-02-04"),
        ("收银员+提成 做六休一", "4-01-02-04"),
        ("餐厅服务员/长白班/日结", "4-03-02-05"),
    ],
)
def test_noise_around_the_job_is_ignored(coder: TitleCoder, title: str, code: str) -> None:
    assert coder.code(title).code == code


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("", CannotCode.EMPTY),
        ("   \t", CannotCode.EMPTY),
        ("!!!？？…", CannotCode.NO_WORDS),
        ("13800138000", CannotCode.NO_WORDS),
        ("招" * 10_000, CannotCode.TOO_LONG),
        ("senior software engineer", CannotCode.NOT_CHINESE),
    ],
)
def test_bad_input_cannot_be_coded(coder: TitleCoder, title: str, reason: CannotCode) -> None:
    coding = coder.code(title)
    assert (coding.code, coding.level, coding.reason, coding.score) == (
        None,
        "uncoded",
        reason,
        0.0,
    )
    assert not coding.coded


def test_an_ambiguous_title_backs_off_to_a_group(coder: TitleCoder) -> None:
    coding = coder.code("工程师")
    assert coding.level in {"minor", "medium"}
    assert all(is_code_within(alt.code, "2-00-00-00") for alt in coding.alternatives[:2])


def test_alternatives_are_ranked(coder: TitleCoder) -> None:
    coding = coder.code("叉车司机", k=4)
    assert len(coding.alternatives) == 4
    scores = [alt.score for alt in coding.alternatives]
    assert scores == sorted(scores, reverse=True)


def test_extra_aliases_change_the_result(taxonomy: Taxonomy, coder: TitleCoder) -> None:
    title = "招聘奶茶小哥 包住"
    corrected = TitleCoder.from_taxonomy(taxonomy, extra_aliases={"奶茶小哥": "4-03-02-10"})
    coding = corrected.code(title)
    assert coding.code == "4-03-02-10"
    assert coding.score == 1.0
    assert corrected.code("奶茶小哥").code == "4-03-02-10"


def test_extra_alias_to_an_unknown_code_is_refused(taxonomy: Taxonomy) -> None:
    with pytest.raises(KeyError):
        TitleCoder.from_taxonomy(taxonomy, extra_aliases={"奶茶小哥": "9-99-99-99"})


def test_code_many_agrees_with_code(coder: TitleCoder) -> None:
    titles = ["保安员", "", "汽车维修工学徒", "software", "网店客服 双休", "电焊工"] * 60
    many = coder.code_many(titles)
    assert len(many) == len(titles)
    for title, coding in list(zip(titles, many, strict=True))[:6]:
        assert coding == coder.code(title)
