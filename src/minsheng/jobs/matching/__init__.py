"""Job matching: ranks vacancies for a seeker and seekers for a vacancy. Pure Python + NumPy.

Every score is 100 × Σ weight·value / Σ weight over six factors, each a value in 0..1 with a
reason code (see ``REASONS``) that the pages translate into "why this job":

occupation (weight 0.40)
    0.85 × taxonomy closeness + 0.15 × title similarity. Taxonomy closeness is that of the
    closest wished code: 1.0 for the same occupation (``same_occupation``) or a vacancy inside a
    wished group such as ``4-01-02-00`` (``within_wished_group``), 0.75 same minor group, 0.5 same
    medium group, 0.25 same major group, 0 otherwise (``different_occupation``, or
    ``title_similar`` when the titles still reach a Dice of 0.5); a seeker without wished codes
    gets a neutral 0.5 (``no_wish``). An uncoded vacancy is a different occupation. Title
    similarity is the best Dice coefficient of character bigrams between the vacancy title and
    any wished title (lower-cased, punctuation and spaces dropped).
location (0.20)
    same county 1.0, same city (first four digits) 0.6, same province (first two) 0.3,
    elsewhere 0. A seeker willing to move loses less: 1.0 / 0.85 / 0.7 / 0.5.
pay (0.15)
    the offer's top (``pay_max``) against the expected monthly pay: 1.0 when it meets it, the
    ratio offer / expectation when below, 0.8 without an expectation.
education (0.10)
    1.0 when not required or met, 0.2 when below, 0.5 when the seeker's education is unknown.
skill (0.05)
    1.0 when not required or met, 0.3 when below.
freshness (0.10)
    halves every 30 days since ``opened_on``, counted to the ``as_of`` date the caller gives
    (never today's date); the reason says within a week / six weeks / longer ago.

Ties are broken by the other side's key, ascending. Sex, age, ethnicity and disability are not
inputs: the profiles have no such fields.

``VacancyIndex`` answers many seekers at once (the nightly batch) with the same result as
``brute_force_top``, which scores every pair.
"""

from .index import VacancyIndex
from .profiles import (
    FACTOR_NAMES,
    REASONS,
    Factor,
    Match,
    SeekerProfile,
    VacancyProfile,
    Weights,
)
from .ranking import brute_force_top, rank_seekers, rank_vacancies, score_pair

__all__ = [
    "FACTOR_NAMES",
    "REASONS",
    "Factor",
    "Match",
    "SeekerProfile",
    "VacancyIndex",
    "VacancyProfile",
    "Weights",
    "brute_force_top",
    "rank_seekers",
    "rank_vacancies",
    "score_pair",
]
