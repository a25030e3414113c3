"""Accuracy and speed of the job-title coder, side by side with a plain TF-IDF baseline.

    uv run python benchmarks/title_coding.py [titles.csv]

The CSV needs the columns ``job_name`` and ``expected_code``; the path defaults to
``$MINSHENG_TITLES_CSV`` or the shared development set. Expected codes may be groups
(``x-xx-xx-00`` minor, ``x-xx-00-00`` medium). Scores:

- exact: the predicted code equals the expected code;
- minor / medium / major: the prediction lies inside the expected code's minor / medium / major
  group (a back-off to that very group counts); an uncoded title is wrong everywhere.

The figures are also given for two fixed halves of the file (split by a hash of the title), so
weights tuned on one half can be checked on the other.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from minsheng.occupations.engine import Taxonomy, TitleCoder
from minsheng.occupations.engine.cleaning import normalise
from minsheng.occupations.engine.ngrams import NgramIndex
from minsheng.occupations.engine.taxonomy import Level, group_of, is_code_within

DEFAULT_CSV = Path("/work/shared/data/job_titles_dev.csv")
LEVELS = {"minor": Level.MINOR, "medium": Level.MEDIUM, "major": Level.MAJOR}


class NearestAliasBaseline:
    """Character 1-2-gram TF-IDF over names and aliases; a title gets its nearest one's code."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        pairs = {
            (normalise(text), entry.code)
            for entry in taxonomy
            for text in (entry.name, *entry.aliases)
        }
        self._pairs = sorted(pairs)
        self._index = NgramIndex([text for text, _ in self._pairs])

    def code_many(self, titles: Sequence[str]) -> list[str | None]:
        nearest = self._index.nearest([normalise(t) for t in titles], 1)
        return [self._pairs[found[0][0]][1] if found else None for found in nearest]


def load_cases(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [(row["job_name"], row["expected_code"].strip()) for row in csv.DictReader(handle)]


def half_of(title: str) -> str:
    return "A" if hashlib.md5(title.encode()).digest()[0] % 2 == 0 else "B"


def scores(predicted: Sequence[str | None], expected: Sequence[str]) -> dict[str, float]:
    hits = {"exact": 0, "minor": 0, "medium": 0, "major": 0}
    for guess, truth in zip(predicted, expected, strict=True):
        if guess is None:
            continue
        hits["exact"] += guess == truth
        for name, level in LEVELS.items():
            hits[name] += is_code_within(guess, group_of(truth, level))
    return {name: count / max(1, len(expected)) for name, count in hits.items()}


def timed(run: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def report(label: str, predicted: Sequence[str | None], cases: list[tuple[str, str]]) -> None:
    expected = [code for _, code in cases]
    figures = scores(predicted, expected)
    by_half = {
        half: scores(
            [p for p, (t, _) in zip(predicted, cases, strict=True) if half_of(t) == half],
            [e for t, e in cases if half_of(t) == half],
        )
        for half in "AB"
    }
    print(f"{label}")
    print(f"  {'':8}{'all':>8}{'half A':>9}{'half B':>9}")
    for name in ("exact", "minor", "medium", "major"):
        row = [figures[name], by_half["A"][name], by_half["B"][name]]
        print(f"  {name:8}" + "".join(f"{value:>9.1%}" for value in row))


def main(argv: Sequence[str]) -> None:
    path = Path(argv[1] if len(argv) > 1 else os.environ.get("MINSHENG_TITLES_CSV", DEFAULT_CSV))
    cases = load_cases(path)
    titles = [title for title, _ in cases]
    halves = [half_of(t) for t in titles]
    print(f"{len(cases)} titles from {path} (half A {halves.count('A')}, B {halves.count('B')})")

    start = time.perf_counter()
    coder = TitleCoder.from_taxonomy()
    load_seconds = time.perf_counter() - start
    codings = coder.code_many(titles)
    coder_seconds = timed(lambda: coder.code_many(titles))
    single_seconds = timed(lambda: [coder.code(t) for t in titles[:300]], repeat=1)

    baseline = NearestAliasBaseline(coder.taxonomy)
    baseline_codes = baseline.code_many(titles)
    baseline_seconds = timed(lambda: baseline.code_many(titles))

    print()
    report("title coder", [c.code for c in codings], cases)
    levels = [c.level for c in codings]
    print("  answered at: " + ", ".join(f"{lv} {levels.count(lv)}" for lv in sorted(set(levels))))
    print()
    report("baseline: char 1-2-gram TF-IDF nearest name/alias", baseline_codes, cases)
    print()
    print(f"model load              {load_seconds:8.2f} s")
    print(f"title coder, batch      {len(titles) / coder_seconds:8.0f} titles/s")
    print(f"title coder, one by one {300 / single_seconds:8.0f} titles/s")
    print(f"baseline, batch         {len(titles) / baseline_seconds:8.0f} titles/s")
    reference_ms = timed(lambda: sum(range(10**6)), repeat=5) * 1000
    print(f"(pinned to {len(os.sched_getaffinity(0))} core; numpy {np.__version__})")
    print(f"machine speed: pure-Python sum(range(10**6)) takes {reference_ms:.1f} ms on this core")


if __name__ == "__main__":
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    main(sys.argv)
