"""Probabilistic record linkage of people (Splink on DuckDB), free of Django.

The Fellegi-Sunter model scores each candidate pair by how much more likely its per-field
agreement pattern is among true duplicates (m) than among random pairs (u). The m and u values
below are set from what the registry data look like, so a run is deterministic and explainable;
with enough records the u values can be re-estimated from the data by seeded random sampling
(`estimate_u=True`), which is stable, unlike expectation maximisation on small regions.

Only pairs that share a blocking key are compared (same birth date and surname, same phone, or
same name in the same region), so the work grows with the number of look-alikes, not with the
square of the population.
"""

import datetime
import math
from dataclasses import dataclass

from stdnum.cn import ric

# Splink, DuckDB and pandas are imported where they are used: web processes import this module
# for its record types, and should not pay for loading a database engine at start-up.

DEFAULT_THRESHOLD = 0.9
# Expected duplicate records per record, spread over all n·(n-1)/2 pairs as the prior.
EXPECTED_DUPLICATE_SHARE = 0.02
RANDOM_SAMPLING_SEED = 20250101
MAX_PAIRS_FOR_U_ESTIMATION = 5_000_000


@dataclass(frozen=True)
class PersonRecord:
    """What linkage needs to know about one person, exported from the operational store."""

    id: int
    name: str
    birth_date: datetime.date | None
    phone: str = ""
    school: str = ""
    identity_number: str = ""
    region_code: str = ""
    created_at: datetime.datetime | None = None


@dataclass(frozen=True)
class CandidatePair:
    """Two records that are probably the same person; `kept_id` is the one to keep."""

    kept_id: int
    duplicate_id: int
    probability: float
    match_weight: float
    # Per compared field the agreement level: "exact", "typo", "different" or "missing".
    levels: dict[str, str]


@dataclass(frozen=True)
class FieldModel:
    """A compared field: its levels from most to least similar, with their m and u values."""

    column: str
    levels: tuple[str, ...]
    m: tuple[float, ...]
    u: tuple[float, ...]

    def comparison(self):
        import splink.comparison_level_library as cll
        import splink.comparison_library as cl

        column = self.column
        built = {
            "exact": cll.ExactMatchLevel(column),
            "typo": cll.DamerauLevenshteinLevel(column, 1),
            "different": cll.ElseLevel(),
        }
        levels = [cll.NullLevel(column), *(built[level] for level in self.levels)]
        return cl.CustomComparison(comparison_levels=levels, output_column_name=column).configure(
            m_probabilities=list(self.m), u_probabilities=list(self.u)
        )

    def level_name(self, gamma: int) -> str:
        """Splink numbers the non-null levels from the last (0) up; the null level is -1."""
        if gamma < 0:
            return "missing"
        return self.levels[len(self.levels) - 1 - gamma]


# Two valid identity numbers always differ in at least two characters (MOD 11-2 catches every
# single-character change), while people born on one day in one county share the first 14; so
# only one keystroke apart (a typo or a swap) counts as evidence, never "two characters close".
# u: how often two different people agree this way (1 in ~15,000 share a birth date; a phone
# number almost never); m: how often the records of one person do (phones change, typos happen).
FIELD_MODELS = (
    FieldModel("name", ("exact", "typo", "different"), (0.85, 0.10, 0.05), (0.001, 0.005, 0.994)),
    FieldModel(
        "birth_date", ("exact", "typo", "different"), (0.90, 0.07, 0.03), (7e-5, 0.002, 0.99793)
    ),
    FieldModel("phone", ("exact", "typo", "different"), (0.70, 0.05, 0.25), (1e-6, 1e-4, 0.999899)),
    FieldModel("school", ("exact", "different"), (0.60, 0.40), (0.01, 0.99)),
    FieldModel(
        "identity_number",
        ("exact", "typo", "different"),
        (0.90, 0.08, 0.02),
        (1e-8, 1e-5, 0.99999),
    ),
)
FIELDS = tuple(model.column for model in FIELD_MODELS)


def blocking_rules():
    from splink import block_on

    return [
        block_on("birth_date", "substr(name, 1, 1)"),
        block_on("phone"),
        block_on("name", "region_code"),
    ]


def prior_match_probability(record_count: int) -> float:
    pairs = record_count * (record_count - 1) / 2
    return min(0.5, EXPECTED_DUPLICATE_SHARE * record_count / 2 / pairs) if pairs else 0.5


def settings_for(record_count: int):
    from splink import SettingsCreator

    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[model.comparison() for model in FIELD_MODELS],
        blocking_rules_to_generate_predictions=blocking_rules(),
        probability_two_random_records_match=prior_match_probability(record_count),
        # The gamma (agreement level) columns come with the matching columns.
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=False,
    )


def records_frame(records: list[PersonRecord]):
    """Empty strings become nulls, so a missing phone is "missing", never a shared blocking key."""
    import pandas as pd

    rows = [
        {
            "unique_id": record.id,
            "name": record.name.strip() or None,
            "birth_date": record.birth_date.isoformat() if record.birth_date else None,
            "phone": record.phone.strip() or None,
            "school": record.school.strip() or None,
            "identity_number": (record.identity_number or "").strip().upper() or None,
            "region_code": record.region_code or None,
        }
        for record in records
    ]
    columns = ["unique_id", *FIELDS, "region_code"]
    return pd.DataFrame(rows, columns=columns).astype({"unique_id": "int64"})


def has_valid_identity_number(record: PersonRecord) -> bool:
    return bool(record.identity_number) and ric.is_valid(record.identity_number)


def keep_first(a: PersonRecord, b: PersonRecord) -> tuple[PersonRecord, PersonRecord]:
    """(kept, duplicate): a valid identity number wins, then any number, then the older record."""

    def rank(record: PersonRecord):
        created = record.created_at or datetime.datetime.max.replace(tzinfo=datetime.UTC)
        return (
            not has_valid_identity_number(record),
            not record.identity_number,
            created,
            record.id,
        )

    return (a, b) if rank(a) <= rank(b) else (b, a)


def find_duplicates(
    records: list[PersonRecord],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    estimate_u: bool = False,
) -> list[CandidatePair]:
    """Pairs of records whose match probability reaches `threshold`, most probable first."""
    if len(records) < 2:
        return []
    from splink import DuckDBAPI, Linker

    by_id = {record.id: record for record in records}
    linker = Linker(
        records_frame(records),
        settings_for(len(records)),
        DuckDBAPI(),
        set_up_basic_logging=False,
    )
    if estimate_u:
        linker.training.estimate_u_using_random_sampling(
            max_pairs=MAX_PAIRS_FOR_U_ESTIMATION, seed=RANDOM_SAMPLING_SEED
        )
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    frame = predictions.as_pandas_dataframe()
    pairs = []
    for row in frame.itertuples(index=False):
        kept, duplicate = keep_first(by_id[int(row.unique_id_l)], by_id[int(row.unique_id_r)])
        levels = {
            model.column: model.level_name(int(getattr(row, f"gamma_{model.column}")))
            for model in FIELD_MODELS
        }
        pairs.append(
            CandidatePair(
                kept_id=kept.id,
                duplicate_id=duplicate.id,
                probability=float(row.match_probability),
                match_weight=round(float(row.match_weight), 3)
                if math.isfinite(row.match_weight)
                else 0.0,
                levels=levels,
            )
        )
    pairs.sort(key=lambda pair: (-pair.probability, pair.kept_id, pair.duplicate_id))
    return pairs
