"""What the matching engine sees of people and vacancies: no name, no sex, no age, no ethnicity.

The engine takes plain profiles; this module builds them from the ledger and from vacancies.
Protected attributes are never read here, so they can never become inputs of a score.
"""

from collections import defaultdict
from collections.abc import Iterable

from minsheng.jobs.matching import SeekerProfile, VacancyProfile
from minsheng.jobs.models import Vacancy
from minsheng.occupations.engine import Taxonomy
from minsheng.registry.models import Education, JobWish, Person

# 0 is "unknown / not required"; then the order of the Education choices, lowest first.
EDUCATION_RANK = {value: rank for rank, value in enumerate(Education.values, start=1)}


def occupation_name(code: str) -> str:
    entry = Taxonomy.default().get(code) if code else None
    return entry.name if entry is not None else ""


def seeker_profiles(people: Iterable[Person]) -> list[SeekerProfile]:
    """One profile per person from their job wishes (all of them) and their education."""
    people = list(people)
    wishes: dict[int, list[JobWish]] = defaultdict(list)
    for wish in JobWish.objects.filter(person__in=[p.pk for p in people]).order_by("pk"):
        wishes[wish.person_id].append(wish)
    return [seeker_profile(person, wishes.get(person.pk, [])) for person in people]


def seeker_profile(person: Person, wishes: list[JobWish]) -> SeekerProfile:
    codes = tuple(dict.fromkeys(w.occupation_code for w in wishes if w.occupation_code))
    regions = [w.region_id for w in wishes if w.region_id]
    pays = [w.expected_monthly_pay for w in wishes if w.expected_monthly_pay]
    return SeekerProfile(
        key=person.pk,
        occupation_codes=codes,
        region_code=regions[0] if regions else person.region_id,
        willing_to_move=any(w.willing_to_move for w in wishes),
        expected_pay=float(min(pays)) if pays else None,
        education_rank=EDUCATION_RANK.get(person.education, 0),
        skill_level=0,
        wished_titles=tuple(filter(None, (occupation_name(code) for code in codes))),
    )


def vacancy_profile(vacancy: Vacancy) -> VacancyProfile:
    return VacancyProfile(
        key=vacancy.pk,
        occupation_code=vacancy.occupation_code,
        title=vacancy.title,
        region_code=vacancy.region_id,
        pay_min=float(vacancy.pay_min),
        pay_max=float(vacancy.pay_max),
        education_rank=EDUCATION_RANK.get(vacancy.education, 0),
        skill_level=vacancy.skill_level or 0,
        opened_on=vacancy.opens_on,
    )
