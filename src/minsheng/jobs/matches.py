"""Ranked matches for caseworkers: the best vacancies for a person, the best people for a job.

Each result carries the factors of its score, shown as "why this job". A page ranks a bounded
pool, so that it answers at once on a national store: vacancies in the province where the
person wants to work, and people on the ledger in the vacancy's city (within the actor's
region). The nightly batch (`placement_services.recommend_for_ledger`) ranks them all.
"""

import datetime

from minsheng.core.models import User
from minsheng.core.regions import CITY, region_tree
from minsheng.jobs.matching import Match, rank_seekers, rank_vacancies
from minsheng.jobs.models import Vacancy
from minsheng.jobs.profiles import seeker_profiles, vacancy_profile
from minsheng.jobs.selectors import STAFF_READERS, open_vacancies
from minsheng.registry.models import LedgerEntry, Person


def matching_vacancies(
    *, actor: User, person: Person, as_of: datetime.date, k: int = 10
) -> list[tuple[Vacancy, Match]]:
    """The best open vacancies for a person, each with the factors of its score."""
    [profile] = seeker_profiles([person])
    province = region_tree().province_of(profile.region_code) or profile.region_code
    pool = open_vacancies(actor=actor, as_of=as_of, region_code=province)
    vacancies = {v.pk: v for v in pool}
    ranked = rank_vacancies(
        profile, [vacancy_profile(v) for v in vacancies.values()], as_of=as_of, k=k
    )
    return [(vacancies[m.vacancy_key], m) for m in ranked]


def matching_seekers(
    *, actor: User, vacancy: Vacancy, as_of: datetime.date, k: int = 20
) -> list[tuple[Person, Match]]:
    """People on the ledger in the actor's region who fit a vacancy best (staff only)."""
    if actor.role not in STAFF_READERS:
        return []
    city = region_tree().at_level(vacancy.region_id, CITY) or vacancy.region_id
    entries = (
        LedgerEntry.objects.for_actor(actor)
        .open()
        .filter(region_id__in=region_tree().subtree(city))
    )
    people = {p.pk: p for p in Person.objects.filter(pk__in=entries.values("person"))}
    ranked = rank_seekers(
        vacancy_profile(vacancy), seeker_profiles(people.values()), as_of=as_of, k=k
    )
    return [(people[m.seeker_key], m) for m in ranked]
