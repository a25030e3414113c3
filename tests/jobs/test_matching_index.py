"""The vacancy index gives exactly the brute force's top lists, ties included."""

import datetime
import random

import pytest

from minsheng.jobs.matching import (
    SeekerProfile,
    VacancyIndex,
    VacancyProfile,
    Weights,
    brute_force_top,
    score_pair,
)

AS_OF = datetime.date(2026, 9, 15)
# A small world: two cities of one province, one other province, one unknown place; codes
# from three major groups including groups-only and directly-under-medium occupations.
REGIONS = ("330106", "330108", "330102", "330110", "330212", "330203", "330100", "110105")
CODES = (
    "2-02-10-03", "2-02-10-04", "2-02-10-00", "2-02-11-01", "2-02-00-00", "2-03-01-01",
    "4-01-02-01", "4-01-02-02", "4-01-02-00", "4-01-00-00", "4-02-01-01", "6-18-01-01",
    "1-01-00-01", "1-01-00-02",
)  # fmt: skip
TITLES = ("软件工程师", "Java开发", "销售代表", "营销员", "普工", "焊工", "厨师", "快递员", "前台")


def population(seed: int, seekers: int, vacancies: int):
    rng = random.Random(seed)
    people = [
        SeekerProfile(
            key=key,
            occupation_codes=tuple(rng.sample(CODES, rng.choice((0, 1, 1, 1, 2, 3)))),
            region_code=rng.choice((*REGIONS, "")),
            willing_to_move=rng.random() < 0.3,
            expected_pay=rng.choice((None, 0.0, 3000.0, 6000.0, 9000.0, 15000.0)),
            education_rank=rng.randint(0, 8),
            skill_level=rng.randint(0, 4),
            wished_titles=tuple(rng.sample(TITLES, rng.choice((0, 1, 1, 2)))),
        )
        for key in range(seekers)
    ]
    # Few distinct values on purpose, so that many vacancies tie.
    jobs = [
        VacancyProfile(
            key=rng.randrange(10**9),
            occupation_code=rng.choice((*CODES, "")),
            title=rng.choice(TITLES),
            region_code=rng.choice(REGIONS),
            pay_min=3000.0,
            pay_max=rng.choice((3000.0, 5000.0, 8000.0, 12000.0)),
            education_rank=rng.choice((0, 0, 3, 5, 6)),
            skill_level=rng.choice((0, 0, 2, 4)),
            opened_on=AS_OF - datetime.timedelta(days=rng.choice((0, 3, 20, 45, 90))),
        )
        for _ in range(vacancies)
    ]
    return people, jobs


@pytest.mark.parametrize("seed", range(6))
def test_the_index_finds_the_brute_force_top_lists(seed):
    people, jobs = population(seed, seekers=250, vacancies=400)

    for k in (1, 10):
        expected = brute_force_top(people, jobs, as_of=AS_OF, k=k)

        assert VacancyIndex(jobs, as_of=AS_OF).top_keys(people, k=k) == expected


@pytest.mark.parametrize(
    "weights",
    [
        Weights(occupation=0.1, location=0.7, pay=0.1, education=0.05, skill=0.05, freshness=0),
        Weights(occupation=1, location=0, pay=0, education=0, skill=0, freshness=0),
        Weights(occupation=0, location=0, pay=1, education=0, skill=0, freshness=1),
    ],
)
def test_the_index_is_exact_under_other_weights(weights):
    people, jobs = population(11, seekers=150, vacancies=300)

    found = VacancyIndex(jobs, as_of=AS_OF, weights=weights).top_keys(people, k=10)

    assert found == brute_force_top(people, jobs, as_of=AS_OF, k=10, weights=weights)


def test_small_chunks_give_the_same_lists():
    people, jobs = population(3, seekers=120, vacancies=200)

    assert VacancyIndex(jobs, as_of=AS_OF, chunk=7).top_keys(people, k=10) == VacancyIndex(
        jobs, as_of=AS_OF
    ).top_keys(people, k=10)


def test_asking_for_more_than_there_is_gives_everything_in_order():
    people, jobs = population(5, seekers=20, vacancies=15)

    found = VacancyIndex(jobs, as_of=AS_OF).top_keys(people, k=50)

    assert found == brute_force_top(people, jobs, as_of=AS_OF, k=50)
    assert all(len(row) == 15 for row in found)


def test_top_for_carries_the_factors_of_each_pair():
    people, jobs = population(8, seekers=30, vacancies=120)
    index = VacancyIndex(jobs, as_of=AS_OF)
    by_key = {job.key: job for job in jobs}

    found = index.top_for(people, k=5)

    assert [[(m.vacancy_key, m.score) for m in row] for row in found] == index.top_keys(people, k=5)
    for person, row in zip(people, found, strict=True):
        for match in row:
            assert match.seeker_key == person.key
            assert match == score_pair(person, by_key[match.vacancy_key], as_of=AS_OF)
            assert index.explain(person, match.vacancy_key) == match


def test_an_empty_index_or_no_seekers_gives_empty_lists():
    people, jobs = population(1, seekers=3, vacancies=5)

    assert VacancyIndex([], as_of=AS_OF).top_for(people, k=10) == [[], [], []]
    assert VacancyIndex(jobs, as_of=AS_OF).top_keys([], k=10) == []
    assert VacancyIndex(jobs, as_of=AS_OF).top_keys(people, k=0) == [[], [], []]
