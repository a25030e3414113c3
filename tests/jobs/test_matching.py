"""The matching engine on hand-made pairs: what each factor says and why, and the order."""

import dataclasses
import datetime

import pytest

from minsheng.jobs.matching import (
    FACTOR_NAMES,
    REASONS,
    SeekerProfile,
    VacancyProfile,
    Weights,
    brute_force_top,
    rank_seekers,
    rank_vacancies,
    score_pair,
)

AS_OF = datetime.date(2026, 9, 15)
XIHU, BINJIANG, YINZHOU, CHAOYANG = "330106", "330108", "330212", "110105"
SOFTWARE = "2-02-10-03"  # 软件工程技术人员 (minor group 2-02-10-00)


def seeker(**changes) -> SeekerProfile:
    fields = dict(
        key=1, occupation_codes=(SOFTWARE,), region_code=XIHU, willing_to_move=False,
        expected_pay=8000.0, education_rank=6, skill_level=3, wished_titles=("软件工程技术人员",),
    )  # fmt: skip
    return SeekerProfile(**{**fields, **changes})


def vacancy(**changes) -> VacancyProfile:
    fields = dict(
        key=100, occupation_code=SOFTWARE, title="软件工程技术人员", region_code=XIHU,
        pay_min=7000.0, pay_max=10000.0, education_rank=6, skill_level=3, opened_on=AS_OF,
    )  # fmt: skip
    return VacancyProfile(**{**fields, **changes})


def factors(match) -> dict[str, tuple[float, str]]:
    return {f.name: (f.value, f.reason) for f in match.factors}


def test_a_perfect_fit_scores_100_with_every_factor_explained():
    match = score_pair(seeker(), vacancy(), as_of=AS_OF)

    assert match.score == pytest.approx(100.0)
    assert factors(match) == {
        "occupation": (pytest.approx(1.0), "same_occupation"),
        "location": (1.0, "same_county"),
        "pay": (1.0, "pay_meets_expectation"),
        "education": (1.0, "education_meets"),
        "skill": (1.0, "skill_meets"),
        "freshness": (1.0, "posted_recently"),
    }
    assert [f.name for f in match.factors] == list(FACTOR_NAMES)
    assert all(f.reason in REASONS[f.name] for f in match.factors)


def test_the_score_is_the_weighted_mean_of_the_factor_values():
    match = score_pair(
        seeker(expected_pay=12000.0, region_code=BINJIANG, education_rank=3),
        vacancy(occupation_code="2-02-10-05", title="测试工程师", opened_on=AS_OF.replace(day=1)),
        as_of=AS_OF,
    )

    weighted = sum(f.weight * f.value for f in match.factors)
    assert match.score == pytest.approx(100 * weighted / sum(f.weight for f in match.factors))
    assert (match.seeker_key, match.vacancy_key) == (1, 100)


@pytest.mark.parametrize(
    ("code", "value", "reason"),
    [
        ("2-02-10-05", 0.75, "same_minor_group"),
        ("2-02-11-01", 0.5, "same_medium_group"),
        ("2-05-01-01", 0.25, "same_major_group"),
        ("6-18-01-01", 0.0, "different_occupation"),
        ("", 0.0, "different_occupation"),  # a vacancy whose title could not be coded
    ],
)
def test_occupation_follows_the_taxonomy_distance(code, value, reason):
    match = score_pair(seeker(wished_titles=()), vacancy(occupation_code=code), as_of=AS_OF)

    assert factors(match)["occupation"] == (pytest.approx(0.85 * value), reason)


def test_a_wished_group_is_met_by_any_occupation_inside_it():
    wishes_group = seeker(occupation_codes=("2-02-10-00",), wished_titles=())
    inside = score_pair(wishes_group, vacancy(occupation_code="2-02-10-07"), as_of=AS_OF)
    exact = score_pair(wishes_group, vacancy(occupation_code="2-02-10-00"), as_of=AS_OF)

    assert factors(inside)["occupation"] == (pytest.approx(0.85), "within_wished_group")
    assert factors(exact)["occupation"] == (pytest.approx(0.85), "same_occupation")


def test_the_closest_of_several_wishes_counts():
    several = seeker(occupation_codes=("6-18-01-01", "2-02-10-00", SOFTWARE), wished_titles=())

    match = score_pair(several, vacancy(occupation_code="2-02-10-05"), as_of=AS_OF)

    assert factors(match)["occupation"][1] == "within_wished_group"


def test_occupations_directly_under_a_medium_group_share_only_that_group():
    party = seeker(occupation_codes=("1-01-00-01",), wished_titles=())

    match = score_pair(party, vacancy(occupation_code="1-01-00-02"), as_of=AS_OF)

    assert factors(match)["occupation"] == (pytest.approx(0.5 * 0.85), "same_medium_group")


def test_title_similarity_adds_a_little_and_can_explain_a_different_code():
    wished = seeker(wished_titles=("软件测试工程师",))
    same_title = score_pair(wished, vacancy(title="软件测试工程师"), as_of=AS_OF)
    other_title = score_pair(wished, vacancy(title="厨师"), as_of=AS_OF)
    uncoded = score_pair(wished, vacancy(occupation_code="", title="软件测试工程师"), as_of=AS_OF)

    assert factors(same_title)["occupation"][0] == pytest.approx(1.0)
    assert factors(other_title)["occupation"][0] == pytest.approx(0.85)
    assert factors(uncoded)["occupation"] == (pytest.approx(0.15), "title_similar")


def test_a_seeker_without_a_wish_gets_a_neutral_occupation_value():
    match = score_pair(seeker(occupation_codes=(), wished_titles=()), vacancy(), as_of=AS_OF)

    assert factors(match)["occupation"] == (pytest.approx(0.5 * 0.85), "no_wish")


@pytest.mark.parametrize(
    ("region", "willing", "value", "reason"),
    [
        (XIHU, False, 1.0, "same_county"),
        (BINJIANG, False, 0.6, "same_city"),
        (YINZHOU, False, 0.3, "same_province"),
        (CHAOYANG, False, 0.0, "elsewhere"),
        (BINJIANG, True, 0.85, "same_city"),
        (YINZHOU, True, 0.7, "same_province"),
        (CHAOYANG, True, 0.5, "elsewhere_willing_to_move"),
    ],
)
def test_location_drops_with_distance_and_less_for_those_willing_to_move(
    region, willing, value, reason
):
    match = score_pair(seeker(willing_to_move=willing), vacancy(region_code=region), as_of=AS_OF)

    assert factors(match)["location"] == (value, reason)


@pytest.mark.parametrize(
    ("expected", "value", "reason"),
    [
        (8000.0, 1.0, "pay_meets_expectation"),
        (10000.0, 1.0, "pay_meets_expectation"),
        (20000.0, 0.5, "pay_below_expectation"),
        (None, 0.8, "no_expectation"),
        (0.0, 1.0, "pay_meets_expectation"),
    ],
)
def test_pay_compares_the_top_of_the_offer_with_the_expectation(expected, value, reason):
    match = score_pair(seeker(expected_pay=expected), vacancy(pay_max=10000.0), as_of=AS_OF)

    assert factors(match)["pay"] == (value, reason)


@pytest.mark.parametrize(
    ("held", "required", "value", "reason"),
    [
        (7, 6, 1.0, "education_meets"),
        (4, 6, 0.2, "education_below"),
        (0, 6, 0.5, "education_unknown"),
        (0, 0, 1.0, "education_not_required"),
    ],
)
def test_education_requirement(held, required, value, reason):
    match = score_pair(seeker(education_rank=held), vacancy(education_rank=required), as_of=AS_OF)

    assert factors(match)["education"] == (value, reason)


@pytest.mark.parametrize(
    ("held", "required", "value", "reason"),
    [
        (3, 3, 1.0, "skill_meets"),
        (1, 3, 0.3, "skill_below"),
        (0, 0, 1.0, "skill_not_required"),
    ],
)
def test_skill_requirement(held, required, value, reason):
    match = score_pair(seeker(skill_level=held), vacancy(skill_level=required), as_of=AS_OF)

    assert factors(match)["skill"] == (value, reason)


@pytest.mark.parametrize(
    ("days", "value", "reason"),
    [
        (0, 1.0, "posted_recently"),
        (7, 0.5 ** (7 / 30), "posted_recently"),
        (30, 0.5, "posted_weeks_ago"),
        (60, 0.25, "posted_long_ago"),
    ],
)
def test_freshness_halves_every_thirty_days_counted_to_the_given_date(days, value, reason):
    opened = datetime.date(2026, 1, 10)
    as_of = opened + datetime.timedelta(days=days)

    match = score_pair(seeker(), vacancy(opened_on=opened), as_of=as_of)

    assert factors(match)["freshness"] == (pytest.approx(value), reason)


def test_the_same_pair_scores_lower_when_assessed_later():
    earlier = score_pair(seeker(), vacancy(), as_of=AS_OF)
    later = score_pair(seeker(), vacancy(), as_of=AS_OF + datetime.timedelta(days=45))

    assert later.score < earlier.score


def test_same_county_beats_another_city_all_else_equal():
    near, far = vacancy(key=1), vacancy(key=2, region_code=YINZHOU)

    ranked = rank_vacancies(seeker(), [far, near], as_of=AS_OF)

    assert [m.vacancy_key for m in ranked] == [1, 2]


def test_same_occupation_beats_same_major_group_all_else_equal():
    exact, broad = vacancy(key=1), vacancy(key=2, occupation_code="2-05-01-01")

    ranked = rank_vacancies(seeker(), [broad, exact], as_of=AS_OF)

    assert [m.vacancy_key for m in ranked] == [1, 2]


def test_equal_scores_are_ordered_by_key():
    twins = [vacancy(key=key) for key in (30, 10, 20)]

    ranked = rank_vacancies(seeker(), twins, as_of=AS_OF, k=2)

    assert [m.vacancy_key for m in ranked] == [10, 20]
    assert ranked[0].score == ranked[1].score


def _mixed_vacancies() -> list[VacancyProfile]:
    codes = (SOFTWARE, "2-02-10-05", "2-02-11-01", "4-01-02-01", "")
    regions = (XIHU, BINJIANG, YINZHOU, CHAOYANG)
    return [
        vacancy(
            key=key,
            occupation_code=codes[key % 5],
            region_code=regions[key % 4],
            pay_max=4000.0 + 700 * (key % 9),
            education_rank=key % 8,
            skill_level=key % 4,
            opened_on=AS_OF - datetime.timedelta(days=key % 50),
            title=("软件开发", "测试")[key % 2],
        )
        for key in range(60)
    ]


def test_rank_vacancies_agrees_with_scoring_each_pair():
    person = seeker(education_rank=4)
    vacancies = _mixed_vacancies()

    ranked = rank_vacancies(person, vacancies, as_of=AS_OF, k=7)

    singles = sorted(
        (score_pair(person, v, as_of=AS_OF) for v in vacancies),
        key=lambda m: (-m.score, m.vacancy_key),
    )
    assert ranked == singles[:7]
    assert [(m.vacancy_key, m.score) for m in ranked] == brute_force_top(
        [person], vacancies, as_of=AS_OF, k=7
    )[0]


def test_rank_seekers_agrees_with_scoring_each_pair():
    job = vacancy(education_rank=5, skill_level=2)
    people = [
        seeker(
            key=key,
            region_code=(XIHU, BINJIANG, CHAOYANG)[key % 3],
            education_rank=key % 9,
            skill_level=key % 5,
            willing_to_move=key % 2 == 0,
            occupation_codes=((SOFTWARE,), ("2-02-00-00",), ())[key % 3],
        )
        for key in range(40)
    ]

    ranked = rank_seekers(job, people, as_of=AS_OF, k=5)

    singles = sorted(
        (score_pair(p, job, as_of=AS_OF) for p in people), key=lambda m: (-m.score, m.seeker_key)
    )
    assert ranked == singles[:5]


def test_ranking_nothing_gives_nothing():
    assert rank_vacancies(seeker(), [], as_of=AS_OF) == []
    assert rank_seekers(vacancy(), [], as_of=AS_OF) == []
    assert brute_force_top([seeker()], [], as_of=AS_OF) == [[]]


def test_weights_change_the_order():
    near_other_trade = vacancy(key=1, occupation_code="6-18-01-01")
    far_same_trade = vacancy(key=2, region_code=CHAOYANG)
    candidates = [near_other_trade, far_same_trade]

    by_default = rank_vacancies(seeker(), candidates, as_of=AS_OF)
    by_place = rank_vacancies(
        seeker(), candidates, as_of=AS_OF, weights=Weights(occupation=0.1, location=0.9)
    )

    assert [m.vacancy_key for m in by_default] == [2, 1]
    assert [m.vacancy_key for m in by_place] == [1, 2]


PROTECTED = ("sex", "gender", "age", "birth", "ethnic", "nation", "disab", "hukou", "marital")


def test_protected_attributes_are_not_inputs():
    names = {f.name for cls in (SeekerProfile, VacancyProfile) for f in dataclasses.fields(cls)}

    assert not [name for name in names if any(word in name for word in PROTECTED)]
    with pytest.raises(TypeError):
        SeekerProfile(
            key=1, occupation_codes=(), region_code=XIHU, willing_to_move=False,
            expected_pay=None, education_rank=0, skill_level=0, sex="female",
        )  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [
        {"occupation_codes": ("2-2-10-3",)},
        {"region_code": "3301"},
        {"education_rank": 9},
        {"skill_level": -1},
    ],
)
def test_malformed_profiles_are_refused(change):
    with pytest.raises(ValueError):
        seeker(**change)


def test_weights_must_be_non_negative():
    with pytest.raises(ValueError):
        Weights(pay=-0.1)
    with pytest.raises(ValueError):
        Weights(0, 0, 0, 0, 0, 0)
