"""Reasons of a match in words: every code the engine can give has a sentence."""

from django.utils import translation

from minsheng.jobs.explain import REASON_SENTENCES, explain, sentence
from minsheng.jobs.matching import FACTOR_NAMES, REASONS, Factor


def test_every_reason_of_the_engine_has_a_sentence():
    codes = {code for name in FACTOR_NAMES for code in REASONS[name]}

    assert codes <= set(REASON_SENTENCES)


def test_factors_read_as_sentences_biggest_weight_first():
    factors = [
        Factor("pay", 0.15, 0.75, "pay_below_expectation"),
        Factor("occupation", 0.40, 1.0, "same_occupation"),
    ]

    with translation.override("en"):
        reasons = explain(factors)
        stored = explain([{"name": "pay", "weight": 0.15, "value": 0.75,
                           "reason": "pay_below_expectation"}])  # fmt: skip

    assert [r.sentence for r in reasons] == [
        "It is exactly the occupation the person is looking for.",
        "The pay is below the person's expected pay.",
    ]
    assert [r.tone for r in reasons] == ["for", "against"]
    assert stored[0].sentence == reasons[1].sentence


def test_an_unknown_code_reads_as_its_factor():
    with translation.override("en"):
        assert sentence("posted_on_the_moon", "freshness") == "How recent"
