"""Retirement months and pensions for a million people with the batch engine, and the
single-person path on a sample of them, side by side.

    uv run python benchmarks/pension.py [--people 1000000] [--sample 20000] [--seed 7]

Generates (fixed seed) Beijing workers whose statutory retirement falls from 2024 on (the
years with a published pension base): men born 1964–2000, women in cadre posts born 1969–2000,
women in worker posts born 1974–2000; contributions up to the day of the estimate and planned
ones, deemed years for those who started work before October 1992, an average index around 1,
an account balance, and one in five choosing early or late retirement (some outside the allowed
window, so refusals are exercised too). Rules as known on 2025-06-01.

Prints: the batch time for all people (target < 2 s on one core), the single-person time on the
sample and per person, the count of rows where the two differ (refusal, months or any fen; must
be 0), the refusals by reason and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import time
from collections import Counter
from decimal import Decimal

import django
import numpy as np

AS_OF = datetime.date(2025, 6, 1)
FIRST_BIRTH = {"male": (1964, 1), "female_cadre": (1969, 1), "female_worker": (1974, 1)}
CATEGORY_SHARES = {"male": 0.52, "female_cadre": 0.18, "female_worker": 0.30}
LAST_BIRTH = (2000, 12)
ACCOUNTS_START = (1992, 10)  # deemed years are the service before this month


def generate(count: int, seed: int, rules):
    from minsheng.insurance.engine.batch import People
    from minsheng.insurance.engine.months import month_index, month_of
    from minsheng.insurance.engine.rules import CATEGORIES

    rng = np.random.default_rng(seed)
    names = [category.value for category in CATEGORIES]
    category = rng.choice(len(names), count, p=[CATEGORY_SHARES[name] for name in names])
    first = np.array([month_index(*FIRST_BIRTH[name]) for name in names])[category]
    birth = rng.integers(first, month_index(*LAST_BIRTH) + 1)
    as_of = month_of(AS_OF)
    working_age = birth + 16 * 12
    started_work = np.maximum(working_age, month_index(*ACCOUNTS_START))
    paid = (rng.random(count) * np.maximum(as_of - started_work, 0)).astype(np.int64)
    # Planned contributions up to about the original retirement age.
    original = np.array([rules.schedules[c].original_age_months for c in CATEGORIES])[category]
    planned = (rng.random(count) * np.maximum(birth + original - as_of, 0)).astype(np.int64)
    deemed = np.maximum(month_index(*ACCOUNTS_START) - working_age, 0)
    deemed = (deemed * rng.random(count)).astype(np.int64)
    index = np.clip(rng.normal(10_000, 3_000, count), 6_000, 30_000).astype(np.int64)
    offset = np.zeros(count, np.int64)
    choice = rng.random(count)
    offset[choice < 0.1] = -rng.integers(1, 40, count)[choice < 0.1]
    offset[choice > 0.9] = rng.integers(1, 40, count)[choice > 0.9]
    return People(
        birth_month=birth,
        category=category,
        province=np.zeros(count, np.int64),
        contribution_months=paid,
        planned_months=planned,
        deemed_months=deemed,
        index_points=index,
        transitional_index_points=np.full(count, 10_000),  # Beijing: deemed years at index 1
        balance_fen=rng.integers(0, 50_000_000, count),
        retirement_offset_months=offset,
        provinces=("110000",),
    )


def person(people, row: int):
    from minsheng.insurance.engine.pension import PensionInputs
    from minsheng.insurance.engine.rules import CATEGORIES

    return PensionInputs(
        birth_month=int(people.birth_month[row]),
        category=CATEGORIES[int(people.category[row])].value,
        province=people.provinces[int(people.province[row])],
        contribution_months=int(people.contribution_months[row]),
        planned_months=int(people.planned_months[row]),
        deemed_months=int(people.deemed_months[row]),
        average_index=Decimal(int(people.index_points[row])).scaleb(-4),
        transitional_index=Decimal(int(people.transitional_index_points[row])).scaleb(-4),
        account_balance=Decimal(int(people.balance_fen[row])).scaleb(-2),
        retirement_offset_months=int(people.retirement_offset_months[row]),
    )


def differs(batch, row: int, single, refusal) -> bool:
    if refusal is not None or batch.refusal[row]:
        return refusal is None or batch.refusal[row] != refusal
    fen = {part: Decimal(int(getattr(batch, f"{part}_fen")[row])) / 100 for part in
           ("basic", "account", "transitional", "total")}  # fmt: skip
    return (
        batch.retirement_month[row] != single.retirement_month.index
        or batch.statutory_month[row] != single.statutory_month.index
        or bool(batch.eligible[row]) != single.minimum_met
        or any(fen[part] != getattr(single, part) for part in fen)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.settings")
    django.setup()
    from minsheng.insurance.engine.batch import compute_batch
    from minsheng.insurance.engine.errors import PensionInputError, Refusal
    from minsheng.insurance.engine.months import month_of
    from minsheng.insurance.engine.pension import compute_pension
    from minsheng.insurance.pension_rules import pension_rules

    rules = pension_rules(AS_OF)
    people = generate(arguments.people, arguments.seed, rules)
    as_of = month_of(AS_OF)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        batch = compute_batch(rules, people, as_of)
        timings.append(time.perf_counter() - started)

    rng = np.random.default_rng(arguments.seed + 1)
    rows = rng.choice(len(people), min(arguments.sample, len(people)), replace=False)
    sample = [person(people, int(row)) for row in rows]
    different = 0
    started = time.perf_counter()
    for row, candidate in zip(rows, sample, strict=True):
        try:
            single, refusal = compute_pension(candidate, rules, as_of), None
        except PensionInputError as refused:
            single, refusal = None, refused.refusal
        different += differs(batch, int(row), single, refusal)
    single_seconds = time.perf_counter() - started

    computed = batch.refusal == 0
    reasons = Counter(Refusal(int(code)).name for code in batch.refusal[~computed])
    print(f"people                         {len(people):>12,}")
    print(f"batch engine, first run        {timings[0]:>12.3f} s")
    print(f"batch engine, best of 3        {min(timings):>12.3f} s  (target < 2 s)")
    print(f"single-person path, sample     {len(sample):>12,}")
    print(f"single-person path             {single_seconds:>12.3f} s  "
          f"({single_seconds / len(sample) * 1e6:.0f} µs a person, "
          f"{single_seconds / len(sample) * len(people):.0f} s for all)")  # fmt: skip
    print(f"differing results on sample    {different:>12,}  (must be 0)")
    print(f"computed                       {int(computed.sum()):>12,}")
    print(f"eligible (minimum years met)   {int(batch.eligible.sum()):>12,}")
    if computed.any():
        print(
            f"mean monthly pension           {batch.total_fen[computed].mean() / 100:>12,.2f} yuan"
        )
    for reason, count in reasons.most_common():
        print(f"refused: {reason.lower():<30}{count:>8,}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS                       {peak:>12,.0f} MiB")


if __name__ == "__main__":
    main()
