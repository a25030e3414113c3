"""Code free-text job-ad titles to occupations of the classification.

Signals, all lexical or structural:
- the cleaned title is, or contains, a name or alias of an occupation; Chinese job titles put
  the job at the end (``汽修学徒工`` is a kind of ``工``), so a match at the end counts more;
- character n-gram TF-IDF similarity to each name and alias, to a code's names and aliases
  taken together, and to its definition and tasks, for titles worded differently;
- the hierarchy: when the best leaves disagree or the best score is low, the coder answers
  with the group they share (minor, then medium, then major) instead of guessing a leaf.
"""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import compress
from operator import add

import numpy as np
from scipy import sparse

from .cleaning import MAX_TITLE_CHARS, CleanedTitle, TitleCleaner, normalise
from .ngrams import GramIds, NgramIndex, QueryGrams, side_by_side
from .taxonomy import Level, Taxonomy, group_of, level_of

# Input longer than this is a pasted ad, not a title; coding it would be a guess.
MAX_INPUT_CHARS = 200
_CHUNK = 256
_CLOSE = 3
_ALIAS_NGRAMS = (2,)
_PROFILE_NGRAMS = (1, 2)
_DEFINITION_NGRAMS = (2,)


class CannotCode(enum.StrEnum):
    EMPTY = "empty"
    NO_WORDS = "no_words"
    TOO_LONG = "too_long"
    NOT_CHINESE = "not_chinese"
    NO_MATCH = "no_match"


UNCODED = "uncoded"


@dataclass(frozen=True, slots=True)
class Candidate:
    code: str
    name: str
    level: str
    score: float


@dataclass(frozen=True, slots=True)
class Coding:
    """The result for one title; ``code`` is None and ``reason`` set when it cannot be coded."""

    title: str
    code: str | None
    name: str
    score: float
    level: str
    alternatives: tuple[Candidate, ...] = ()
    reason: CannotCode | None = None
    phrase: str = ""

    @property
    def coded(self) -> bool:
        return self.code is not None


@dataclass(frozen=True, slots=True)
class Tuning:
    """Weights of the signals; set on one half of a development set, checked on the other."""

    alias: float = 0.5
    profile: float = 2.0
    definition: float = 1.0
    contained: float = 0.5
    contained_not_at_end: float = 0.4
    part_penalty: float = 0.8
    prior: float = 0.1
    leaf_confidence: float = 0.2
    group_margin: float = 0.01
    other_group: bool = True


class TitleCoder:
    """Codes titles against one taxonomy. Build once (well under a second), then share."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        cleaner: TitleCleaner,
        extra_aliases: Mapping[str, str] | None = None,
        tuning: Tuning | None = None,
    ) -> None:
        self._taxonomy = taxonomy
        self._cleaner = cleaner
        self._tuning = tuning or Tuning()
        self._codes = [entry.code for entry in taxonomy]
        self._labels = {e.code: (e.name, level_of(e.code).label) for e in taxonomy}
        # A candidate's fields but its score, per code.
        self._candidate_fields = {code: (code, *label) for code, label in self._labels.items()}
        self._column = {code: column for column, code in enumerate(self._codes)}
        # Levels and enclosing groups of every code, looked up by _back_off, not parsed per title.
        self._levels = {code: level_of(code) for code in self._codes}
        self._answers = {code: self._other_group(code) for code in self._codes}
        self._groups_by_level = [
            (level, {code: group_of(code, level) for code in self._codes})
            for level in (Level.MINOR, Level.MEDIUM, Level.MAJOR)
        ]
        self._exact: dict[str, list[str]] = defaultdict(list)
        self._corrected: dict[str, str] = {}
        for entry in taxonomy:
            for text in (entry.name, *entry.aliases):
                key = normalise(text)
                if key and entry.code not in self._exact[key]:
                    self._exact[key].append(entry.code)
        for alias, code in (extra_aliases or {}).items():
            if code not in taxonomy:
                raise KeyError(f"unknown occupation code {code!r} for alias {alias!r}")
            # In this order, not a set's: the aliases' order shapes each code's profile text.
            for key in dict.fromkeys((normalise(alias), cleaner.clean(alias).phrase)):
                if key:
                    self._corrected[key] = code
                    self._exact[key] = [code]
        # Every ending of every name and alias: a scan backwards from a title's position stops
        # as soon as what it has read ends no name, instead of trying every length.
        self._endings = {key[i:] for key in self._exact for i in range(len(key) - 1)}
        self._build_indexes()

    def _build_indexes(self) -> None:
        # One row per (alias, code), grouped by code so a code's best alias is a segment maximum.
        pairs = sorted(
            ((self._column[code], text) for text, codes in self._exact.items() for code in codes)
        )
        alias_columns = np.array([column for column, _ in pairs])
        self._alias_index = NgramIndex([text for _, text in pairs], _ALIAS_NGRAMS)
        self._alias_code_column = alias_columns
        aliases_by_code: dict[str, list[str]] = defaultdict(list)
        for text, codes in self._exact.items():
            for code in codes:
                aliases_by_code[code].append(text)
        entries = [self._taxonomy[code] for code in self._codes]
        # A code's profile is its names and aliases as one text; its definition adds the tasks.
        self._profile_index = NgramIndex(
            ["".join(aliases_by_code[c]) for c in self._codes], _PROFILE_NGRAMS
        )
        self._definition_index = NgramIndex(
            [normalise(e.name + e.definition + e.tasks) for e in entries], _DEFINITION_NGRAMS
        )
        self._gram_ids = GramIds([self._alias_index, self._profile_index, self._definition_index])
        # Occupations common in job ads carry many aliases: a weak prior that breaks ties.
        self._prior = np.log1p([len(aliases_by_code[c]) for c in self._codes]) / math.log(51)
        self._weighted_prior = self._tuning.prior * self._prior.astype(np.float32)
        # Profile and definition similarities, weighted and summed, in one sparse product.
        tuning = self._tuning
        self._profile_and_definition = sparse.vstack(
            [
                tuning.profile * self._profile_index.texts_by_column,
                tuning.definition * self._definition_index.texts_by_column,
            ],
            format="csr",
        )

    @classmethod
    def from_taxonomy(
        cls,
        taxonomy: Taxonomy | None = None,
        *,
        extra_aliases: Mapping[str, str] | None = None,
        place_names: Iterable[str] | None = None,
        tuning: Tuning | None = None,
    ) -> TitleCoder:
        """A coder over ``taxonomy`` (the packaged 2022 one by default).

        ``extra_aliases`` maps alias text (e.g. a reviewed job-ad title) to an occupation code;
        a title that cleans to such an alias gets that code with full confidence.
        """
        taxonomy = taxonomy or Taxonomy.default()
        protected = [text for entry in taxonomy for text in (entry.name, *entry.aliases)]
        places = default_place_names() if place_names is None else place_names
        cleaner = TitleCleaner(place_names=places, protected=protected)
        return cls(taxonomy, cleaner, extra_aliases=extra_aliases, tuning=tuning)

    @property
    def taxonomy(self) -> Taxonomy:
        return self._taxonomy

    def code(self, title: str, k: int = 5) -> Coding:
        return self.code_many([title], k=k)[0]

    def code_many(self, titles: Sequence[str], k: int = 5) -> list[Coding]:
        cleaned = self._clean_all(titles)
        codings: list[Coding] = []
        # Score buffers for all chunks: fresh arrays per chunk cost their page faults again.
        width = len(self._codes)
        scores = np.empty(min(len(titles), _CHUNK) * width, dtype=np.float32)
        scratch = np.empty_like(scores)
        for start in range(0, len(titles), _CHUNK):
            chunk = cleaned[start : start + _CHUNK]
            # A title repeated within a chunk (ad feeds repeat many) is ranked once; a title's
            # scores depend only on the set of distinct titles ranked with it, which is the same.
            # (Keyed by its fields as a plain tuple: hashing the dataclass is slower.)
            distinct: dict[tuple[str, tuple[str, ...]], CleanedTitle] = {}
            for clean in chunk:
                if isinstance(clean, CleanedTitle):
                    distinct.setdefault((clean.phrase, clean.parts), clean)
            out = scores[: len(distinct) * width].reshape(len(distinct), width)
            ranks = self._rank(list(distinct.values()), max(k, _CLOSE), out, scratch)
            ranked = dict(zip(distinct, ranks, strict=True))
            for title, clean in zip(titles[start : start + _CHUNK], chunk, strict=True):
                if isinstance(clean, CannotCode):
                    codings.append(_cannot(title, clean))
                else:
                    codings.append(
                        self._decide(title, clean, *ranked[clean.phrase, clean.parts], k)
                    )
        return codings

    def _clean_all(self, titles: Sequence[str]) -> list[CleanedTitle | CannotCode]:
        """Each title cleaned, a repeated one once."""
        seen: dict[str, CleanedTitle | CannotCode] = {}
        cleaned = []
        for title in titles:
            if not isinstance(title, str):
                cleaned.append(self._clean(title))
                continue
            clean = seen.get(title)
            if clean is None:
                clean = seen[title] = self._clean(title)
            cleaned.append(clean)
        return cleaned

    def _clean(self, title: str) -> CleanedTitle | CannotCode:
        if not isinstance(title, str) or not title.strip():
            return CannotCode.EMPTY
        if len(title) > MAX_INPUT_CHARS:
            return CannotCode.TOO_LONG
        cleaned = self._cleaner.clean(title[:MAX_TITLE_CHARS])
        if not cleaned.has_cjk:
            has_letters = any(ch.isalpha() for ch in title)
            return CannotCode.NOT_CHINESE if has_letters else CannotCode.NO_WORDS
        if not cleaned.phrase:
            return CannotCode.NO_WORDS
        return cleaned

    def _similarity(
        self, phrases: Sequence[str], out: np.ndarray, scratch: np.ndarray
    ) -> np.ndarray:
        """Weighted n-gram similarity of each phrase (row) to each code (column), in ``out``.

        ``scratch`` is a flat float32 array at least as large as ``out``, overwritten here.
        """
        tuning = self._tuning
        if not phrases:
            return np.zeros((0, len(self._codes)), dtype=np.float32)
        grams = QueryGrams(phrases, self._gram_ids)
        queries = side_by_side(
            [
                (self._profile_index.vector_arrays(grams), self._profile_index.width),
                (self._definition_index.vector_arrays(grams), self._definition_index.width),
            ]
        )
        combined = (queries @ self._profile_and_definition).toarray(out=out)
        combined += self._weighted_prior
        # A code's best alias, by flat cell number: NumPy's fast path for a 1-D ``ufunc.at``.
        alias = self._alias_index.vectors_of(grams) @ self._alias_index.texts_by_column
        rows = np.repeat(np.arange(len(phrases)), np.diff(alias.indptr))
        cells = rows * combined.shape[1] + self._alias_code_column[alias.indices]
        best_alias = scratch[: combined.size]
        best_alias.fill(0.0)
        np.maximum.at(best_alias, cells, tuning.alias * alias.data)
        combined += best_alias.reshape(combined.shape)
        return combined

    def _rank(
        self, cleaned: Sequence[CleanedTitle], k: int, out: np.ndarray, scratch: np.ndarray
    ) -> list[tuple[list[str], list[float], list[float]]]:
        """The ``k`` best codes of each title, with scores in [0, 1] and rounded, best first."""
        if not cleaned:
            return []
        tuning = self._tuning
        scores = self._similarity([c.phrase for c in cleaned], out, scratch)
        self._add_containment(scores, cleaned)
        # k rounds of argmax beat argpartition on wide rows by far for the small k used here.
        rows = np.arange(len(cleaned))
        top = np.empty((len(cleaned), k), dtype=np.intp)
        values = np.empty((len(cleaned), k), dtype=np.float32)
        for rank in range(k):
            top[:, rank] = best = scores.argmax(axis=1)
            values[:, rank] = scores[rows, best]
            scores[rows, best] = -np.inf
        scale = tuning.alias + tuning.profile + tuning.definition + tuning.contained
        values = np.minimum(1.0, values / scale)
        codes = self._codes
        return list(
            zip(
                [[codes[c] for c in row] for row in top.tolist()],
                values.tolist(),
                _rounded(values).tolist(),
                strict=True,
            )
        )

    def _add_containment(self, scores: np.ndarray, cleaned: Sequence[CleanedTitle]) -> None:
        rows: list[int] = []
        columns: list[int] = []
        contained: list[float] = []
        for row, clean in enumerate(cleaned):
            found = self._containment(clean)
            rows += [row] * len(found)
            columns += map(self._column.__getitem__, found)
            contained += found.values()
        # Each (row, column) comes once, so one fancy-indexed add equals adding cell by cell:
        # the weighted score rounded to float32, then added in float32.
        bonus = (np.array(contained) * self._tuning.contained).astype(np.float32)
        scores[np.array(rows, dtype=np.intp), np.array(columns, dtype=np.intp)] += bonus

    def _decide(
        self,
        title: str,
        cleaned: CleanedTitle,
        codes: list[str],
        scores: list[float],
        rounded: list[float],
        k: int,
    ) -> Coding:
        if scores[0] <= self._tuning.prior:
            return _cannot(title, CannotCode.NO_MATCH, cleaned.phrase)
        corrected = self._corrected.get(cleaned.phrase)
        if corrected is not None:
            code, score = corrected, 1.0
        else:
            code, score = self._back_off(codes, scores), rounded[0]
        name, level = self._labels[code]
        fields = self._candidate_fields
        return Coding(
            title=title,
            code=code,
            name=name,
            score=score,
            level=level,
            alternatives=tuple(
                [Candidate(*fields[c], s) for c, s in zip(codes[:k], rounded[:k], strict=True)]
            ),
            phrase=cleaned.phrase,
        )

    def _containment(self, cleaned: CleanedTitle) -> dict[str, float]:
        """Names and aliases found inside the title, scored by how much of it they cover.

        Chinese job titles end with the job (``汽修学徒工`` is a ``学徒工``), so a match at the
        end counts more than one elsewhere.
        """
        tuning = self._tuning
        exact, endings = self._exact, self._endings
        found: dict[str, float] = {}
        # A part that is the whole phrase again scores no more than the phrase did, unless a
        # part counts more than the phrase.
        skip = cleaned.phrase if tuning.part_penalty <= 1.0 else None
        for position, phrase in enumerate((cleaned.phrase, *cleaned.parts)):
            if position and phrase == skip:
                continue
            weight = 1.0 if position == 0 else tuning.part_penalty
            at_end, elsewhere = weight * 1.0, weight * tuning.contained_not_at_end
            length = len(phrase)
            # Most positions end no name even in their last two characters: skip them at C speed.
            two_ending = map(endings.__contains__, map(add, phrase, phrase[1:]))
            for end in reversed(list(compress(range(2, length + 1), two_ending))):
                factor = at_end if end == length else elsewhere
                for start in range(end - 2, -1, -1):
                    piece = phrase[start:end]
                    if piece not in endings:
                        break
                    for code in exact.get(piece, ()):
                        score = factor * (end - start) / length
                        if score > found.get(code, 0.0):
                            found[code] = score
        return found

    def _back_off(self, codes: list[str], scores: list[float]) -> str:
        """The best leaf when it stands out, else the narrowest group shared by the close ones."""
        tuning = self._tuning
        best_code, best = codes[0], scores[0]
        threshold = best - tuning.group_margin
        if scores[1] >= threshold or best < tuning.leaf_confidence:
            close = [code for code, score in zip(codes, scores, strict=True) if score >= threshold]
            for level, group_at in self._groups_by_level:
                if self._levels[best_code] <= level:
                    break
                groups = {group_at[code] for code in close}
                if len(groups) == 1 and (group := groups.pop()) in self._taxonomy:
                    best_code = group
                    break
        return self._answers[best_code]

    def _other_group(self, group: str) -> str:
        """A medium group as an answer means "none of its minor groups": its 99 group says so."""
        if self._tuning.other_group and level_of(group) == Level.MEDIUM:
            other = group[:5] + "-99-00"
            if other in self._taxonomy:
                return other
        return group


def _rounded(scores: np.ndarray) -> np.ndarray:
    """``round(score, 4)`` of float32 scores, all at once and to the same doubles.

    A float32 times 10**4 is exact in float64 (24 + 14 bits), ``rint`` rounds half to even as
    ``round`` does, and dividing two integers is correctly rounded: the double nearest the
    4-decimal value, which is what ``round`` returns.
    """
    return np.rint(scores.astype(np.float64) * 10_000.0) / 10_000.0


def _cannot(title: str, reason: CannotCode, phrase: str = "") -> Coding:
    return Coding(
        title=title if isinstance(title, str) else "",
        code=None,
        name="",
        score=0.0,
        level=UNCODED,
        reason=reason,
        phrase=phrase,
    )


def default_place_names() -> list[str]:
    """Administrative division names shipped with the package (see the file's header)."""
    text = (
        resources.files("minsheng.occupations")
        .joinpath("data/place_names.txt")
        .read_text(encoding="utf-8")
    )
    return [line for line in text.splitlines() if line and not line.startswith("#")]
