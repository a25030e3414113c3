"""Occupation taxonomy and job-title coding: pure Python, no Django."""

from .cleaning import CleanedTitle, TitleCleaner
from .coder import UNCODED, Candidate, CannotCode, Coding, TitleCoder, Tuning
from .taxonomy import Level, OccupationEntry, Taxonomy, group_of, is_code_within, level_of

__all__ = [
    "UNCODED",
    "Candidate",
    "CannotCode",
    "CleanedTitle",
    "Coding",
    "Level",
    "OccupationEntry",
    "Taxonomy",
    "TitleCleaner",
    "TitleCoder",
    "Tuning",
    "group_of",
    "is_code_within",
    "level_of",
]
