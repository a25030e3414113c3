"""Job matching: top-10 vacancies for every seeker of a province, against a brute-force scan.

    uv run python benchmarks/matching.py [--seekers 100000] [--vacancies 100000] [--sample 300]

Generates (fixed seed) open vacancies and seekers over Zhejiang's counties with real occupation
codes of the 2022 classification, skewed as in practice: most vacancies in a few popular
occupations and in the big cities' districts; some vacancies coded only to a minor group or not
at all; seekers wishing zero to three codes (some of them groups), a fifth willing to move.

Then, in one run: the index (``VacancyIndex.top_keys``) for all seekers, timed; the factors
(``top_for``) for a slice of them; the brute force (``brute_force_top``, same scoring function
on every pair) for a sample of seekers, extrapolated per seeker; the mean overlap of the two
top-10 lists on that sample; and the process's peak RSS.
Targets (issue 5): overlap >= 0.95, >= 20x faster than brute force, batch < 60 s on 2 cores,
peak RSS < 4 GiB.
"""

from __future__ import annotations

import argparse
import datetime
import resource
import time

import numpy as np

from minsheng.core.regions import region_tree
from minsheng.jobs.matching import (
    SeekerProfile,
    VacancyIndex,
    VacancyProfile,
    brute_force_top,
)
from minsheng.occupations.engine import Level, Taxonomy, group_of

AS_OF = datetime.date(2026, 9, 15)
PROVINCE = "330000"
# Rough share of the province's vacancies per city (Hangzhou and Ningbo dominate).
CITY_SHARES = {
    "3301": 0.30, "3302": 0.19, "3303": 0.11, "3304": 0.07, "3305": 0.04, "3306": 0.07,
    "3307": 0.10, "3308": 0.02, "3309": 0.02, "3310": 0.06, "3311": 0.02,
}  # fmt: skip
# Major groups that post vacancies (heads of state organs and the military do not).
POSTING_MAJORS = {"2": 0.30, "3": 0.07, "4": 0.38, "5": 0.03, "6": 0.22}
PREFIXES = ("", "", "", "高级", "资深", "急招", "初级", "储备")


def zipf_shares(count: int, exponent: float) -> np.ndarray:
    shares = 1.0 / np.arange(1, count + 1) ** exponent
    return shares / shares.sum()


class Population:
    """Counties, occupations and their popularity, drawn once from a seed."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        tree = region_tree()
        counties = tree.counties_under(PROVINCE)
        shares = []
        for city, city_share in CITY_SHARES.items():
            inside = [c for c in counties if c.startswith(city)]
            shares.extend(city_share * zipf_shares(len(inside), 0.8))
        self.counties = [c for city in CITY_SHARES for c in counties if c.startswith(city)]
        self.county_shares = np.array(shares) / sum(shares)
        taxonomy = Taxonomy.default()
        self.names = {entry.code: entry.name for entry in taxonomy}
        self.aliases = {entry.code: entry.aliases for entry in taxonomy}
        occupations, weights = [], []
        for major, major_share in POSTING_MAJORS.items():
            inside = [
                e.code
                for e in taxonomy.entries_at(Level.OCCUPATION)
                if e.code.startswith(major + "-")
            ]
            self.rng.shuffle(inside)
            occupations.extend(inside)
            weights.extend(major_share * zipf_shares(len(inside), 1.1))
        self.occupations = occupations
        self.occupation_shares = np.array(weights) / sum(weights)

    def vacancies(self, count: int) -> list[VacancyProfile]:
        rng = self.rng
        codes = rng.choice(self.occupations, size=count, p=self.occupation_shares)
        regions = rng.choice(self.counties, size=count, p=self.county_shares)
        coding = rng.random(count)
        pay_min = np.round(rng.lognormal(np.log(5500), 0.35, count) / 100) * 100
        spread = rng.uniform(1.1, 1.8, count)
        education = rng.choice(9, size=count, p=[0.25, 0, 0.1, 0.2, 0.1, 0.2, 0.12, 0.02, 0.01])
        skill = rng.choice(6, size=count, p=[0.7, 0.05, 0.1, 0.1, 0.04, 0.01])
        ages = np.minimum(180, rng.exponential(25, count).astype(int))
        vacancies = []
        for row in range(count):
            code = str(codes[row])
            title = self.title_for(code)
            if coding[row] < 0.03:
                code = ""
            elif coding[row] < 0.13:
                code = group_of(code, Level.MINOR)
            vacancies.append(
                VacancyProfile(
                    key=100_000_000 + row,
                    occupation_code=code,
                    title=title,
                    region_code=str(regions[row]),
                    pay_min=float(pay_min[row]),
                    pay_max=float(pay_min[row] * spread[row]),
                    education_rank=int(education[row]),
                    skill_level=int(skill[row]),
                    opened_on=AS_OF - datetime.timedelta(days=int(ages[row])),
                )
            )
        return vacancies

    def title_for(self, code: str) -> str:
        choices = (self.names[code], *self.aliases[code])
        title = choices[int(self.rng.integers(len(choices)))]
        return PREFIXES[int(self.rng.integers(len(PREFIXES)))] + title

    def seekers(self, count: int) -> list[SeekerProfile]:
        rng = self.rng
        wish_shares = zipf_shares(len(self.occupations), 0.9)
        wish_shares = 0.5 * wish_shares + 0.5 * self.occupation_shares
        regions = rng.choice(self.counties, size=count, p=self.county_shares)
        wishes = rng.choice(4, size=count, p=[0.1, 0.55, 0.25, 0.1])
        expected = np.round(rng.lognormal(np.log(6500), 0.35, count) / 100) * 100
        no_expectation = rng.random(count) < 0.15
        willing = rng.random(count) < 0.2
        education = rng.integers(0, 9, count)
        skill = rng.integers(0, 5, count)
        wished = rng.choice(self.occupations, size=int(wishes.sum()), p=wish_shares)
        broaden = rng.random(len(wished))
        ends = np.cumsum(wishes)
        seekers = []
        for row in range(count):
            codes = []
            for at in range(ends[row] - wishes[row], ends[row]):
                level = Level.MEDIUM if broaden[at] < 0.05 else Level.MINOR
                codes.append(group_of(str(wished[at]), level) if broaden[at] < 0.2 else wished[at])
            codes = list(dict.fromkeys(str(code) for code in codes))
            seekers.append(
                SeekerProfile(
                    key=row,
                    occupation_codes=tuple(codes),
                    region_code=str(regions[row]),
                    willing_to_move=bool(willing[row]),
                    expected_pay=None if no_expectation[row] else float(expected[row]),
                    education_rank=int(education[row]),
                    skill_level=int(skill[row]),
                    wished_titles=tuple(n for n in map(self.names.get, codes) if n),
                )
            )
        return seekers


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seekers", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--explained", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20260915)
    arguments = parser.parse_args()
    k = 10

    started = time.perf_counter()
    population = Population(arguments.seed)
    vacancies = population.vacancies(arguments.vacancies)
    seekers = population.seekers(arguments.seekers)
    generated = time.perf_counter() - started
    print(f"{len(seekers):,} seekers, {len(vacancies):,} vacancies over "
          f"{len(population.counties)} Zhejiang counties and "
          f"{len({v.occupation_code for v in vacancies}):,} occupation codes "
          f"(generated in {generated:.1f} s), as of {AS_OF}, top {k}")  # fmt: skip

    started = time.perf_counter()
    index = VacancyIndex(vacancies, as_of=AS_OF)
    built = time.perf_counter() - started
    started = time.perf_counter()
    found = index.top_keys(seekers, k=k)
    batch = time.perf_counter() - started
    after_batch = peak_rss_mib()

    explained = seekers[: arguments.explained]
    started = time.perf_counter()
    index.top_for(explained, k=k)
    with_factors = time.perf_counter() - started

    sample_rows = np.random.default_rng(arguments.seed).choice(
        len(seekers), size=min(arguments.sample, len(seekers)), replace=False
    )
    sample = [seekers[row] for row in sample_rows]
    started = time.perf_counter()
    baseline = brute_force_top(sample, index.vacancies, as_of=AS_OF, k=k)
    brute = time.perf_counter() - started

    overlaps = [
        len({key for key, _ in found[row]} & {key for key, _ in expected}) / max(1, len(expected))
        for row, expected in zip(sample_rows, baseline, strict=True)
    ]
    identical = sum(
        found[row] == expected for row, expected in zip(sample_rows, baseline, strict=True)
    )
    per_seeker_index = batch / len(seekers)
    per_seeker_brute = brute / len(sample)
    print(f"index build:                 {built:8.2f} s")
    print(f"batch (top_keys), all:       {batch:8.2f} s   "
          f"{per_seeker_index * 1e6:8.1f} us/seeker   (target < 60 s on 2 cores)")  # fmt: skip
    print(f"with factors (top_for):      {with_factors:8.2f} s for {len(explained):,} seekers "
          f"= {with_factors / max(1, len(explained)) * 1e6:.1f} us/seeker")  # fmt: skip
    print(f"brute force, {len(sample)} seekers:     {brute:8.2f} s   "
          f"{per_seeker_brute * 1e6:8.1f} us/seeker -> "
          f"{per_seeker_brute * len(seekers):,.0f} s for all {len(seekers):,}")  # fmt: skip
    print(f"speed-up over brute force:   {per_seeker_brute / per_seeker_index:8.1f} x   "
          f"(target >= 20 x)")  # fmt: skip
    print(f"mean top-{k} overlap:          {np.mean(overlaps):8.3f}     (target >= 0.95); "
          f"identical lists {identical}/{len(sample)}")  # fmt: skip
    print(f"peak RSS:                    {peak_rss_mib():8,.0f} MiB "
          f"(after the batch {after_batch:,.0f} MiB; target < 4,096 MiB)")  # fmt: skip


if __name__ == "__main__":
    main()
