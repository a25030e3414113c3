"""The tiers the index walks: cells of (occupation relation, location) and their bounds.

A cell (r, s) holds a seeker's vacancies whose closest occupation relation is tier r (0 within
the wish, 1 same minor group, 2 medium, 3 major, 4 any) and whose location is tier s (0 same
county, 1 city, 2 province, 3 anywhere). Visiting a cell scores its whole "rectangle" (every
tier at least as close on both axes), which is one contiguous range per wished code once the
vacancies are sorted by (group at the right level, region).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .columns import NO_WISH_LEVEL, PAD_LEVEL, SeekerColumns
from .profiles import Weights
from .scoring import LOCATION_VALUE, TAXONOMY_SHARE

TIER_TAXONOMY = (1.0, 0.75, 0.5, 0.25, 0.0)  # best taxonomy value in relation tier r
NO_WISH_TAXONOMY = 0.5
ANY_OCCUPATION, ANYWHERE = 4, 3


@dataclass(frozen=True)
class Plans:
    """For each kind of seeker (has a wish × willing to move), the cells in visiting order.

    Arrays are indexed [kind, step]: ``cells`` (r, s); ``scored`` the widest location tier
    already scored for relation r by earlier visits (-1: none), so only the rest is scored;
    ``remaining`` the bound, before the seeker's own terms, of every cell not yet visited
    after that many steps (-inf once all are).
    """

    cells: np.ndarray  # (4, steps, 2)
    scored: np.ndarray  # (4, steps)
    remaining: np.ndarray  # (4, steps + 1)
    lengths: np.ndarray  # (4,)

    @classmethod
    def for_weights(cls, weights: Weights) -> Plans:
        kinds = [
            _plan(weights, has_wish=h, willing=w) for h in (False, True) for w in (False, True)
        ]
        steps = max(len(cells) for cells, _, _ in kinds)
        cells = np.zeros((4, steps, 2), dtype=np.int64)
        scored = np.full((4, steps), -1, dtype=np.int64)
        remaining = np.full((4, steps + 1), -np.inf)
        for kind, (visits, done, bounds) in enumerate(kinds):
            cells[kind, : len(visits)] = visits
            scored[kind, : len(visits)] = done
            remaining[kind, : len(bounds)] = bounds
        return cls(cells, scored, remaining, np.array([len(c) for c, _, _ in kinds]))


def kind_of(s: SeekerColumns) -> np.ndarray:
    return (s.wish_levels[:, 0] != NO_WISH_LEVEL).astype(np.int64) * 2 + s.willing


def _plan(weights: Weights, *, has_wish: bool, willing: bool):
    taxonomy = TIER_TAXONOMY if has_wish else (NO_WISH_TAXONOMY,) * 5
    relations = range(5) if has_wish else (ANY_OCCUPATION,)

    def bound(cell: tuple[int, int]) -> float:
        r, s = cell
        occupation = weights.occupation * TAXONOMY_SHARE * taxonomy[r]
        return occupation + weights.location * LOCATION_VALUE[4 * int(willing) + s]

    unvisited = {(r, s) for r in relations for s in range(4)}
    visits: list[tuple[int, int]] = []
    done: list[int] = []
    bounds: list[float] = []
    while unvisited:
        cell = min(unvisited, key=lambda c: (-bound(c), c))
        done.append(max([-1, *(s for r, s in visits if r >= cell[0])]))
        visits.append(cell)
        unvisited = {(r, s) for r, s in unvisited if not (r <= cell[0] and s <= cell[1])}
        bounds.append(max(bound(c) for c in unvisited) if unvisited else -np.inf)
    return visits, done, [max(bound(c) for c in visits), *bounds]


def rectangles(s: SeekerColumns) -> tuple[np.ndarray, np.ndarray]:
    """Per seeker, wish slot and relation tier: the sort level (0 any, 1 major ... 4 full code)
    and group id whose range holds every vacancy at least that close (level -1: empty slot).

    Tier r needs a shared depth of min(wish level, 4 - r); the range is that of the shallowest
    level at or below it where the wished code has a group (``1-01-00-01`` has no minor group).
    """
    levels, groups = s.wish_levels, s.wish_groups
    level = np.zeros((*levels.shape, 5), dtype=np.int64)
    group = np.zeros((*levels.shape, 5), dtype=np.int64)
    for r in range(ANY_OCCUPATION):
        needed = np.minimum(levels, 4 - r)
        chosen = np.full(levels.shape, 4, dtype=np.int64)
        for depth in (3, 2, 1):
            chosen = np.where((depth >= needed) & (groups[..., depth - 1] >= 0), depth, chosen)
        level[..., r] = chosen
        group[..., r] = np.take_along_axis(groups, chosen[..., None] - 1, axis=-1)[..., 0]
    no_wish = levels == NO_WISH_LEVEL
    level[no_wish] = 0
    group[no_wish] = 0
    level[levels == PAD_LEVEL] = -1
    return level, group


def scopes(s: SeekerColumns, regions: np.ndarray) -> np.ndarray:
    """Per seeker and location tier: [low, high) in the sorted distinct vacancy regions.
    The ranges nest: county inside city inside province inside everything."""
    scope = np.zeros((len(s), 4, 2), dtype=np.int64)
    known = s.county >= 0
    for tier, (base, width) in enumerate(
        ((s.county, 1), (s.city * 100, 100), (s.province * 10_000, 10_000))
    ):
        low = np.searchsorted(regions, base)
        scope[:, tier, 0] = np.where(known, low, 0)
        scope[:, tier, 1] = np.where(known, np.searchsorted(regions, base + width), 0)
    scope[:, ANYWHERE, 1] = len(regions)
    return scope
