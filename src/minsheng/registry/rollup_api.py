"""Region figures through the API: the same roll-up as the page (`registry.rollups`)."""

import datetime

from ninja import Router, Schema

from minsheng.registry import rollups

router = Router(tags=["region figures"])


class FiguresOut(Schema):
    """One region's figures; rates are null when their denominator is zero."""

    region_code: str
    region_name: str
    on_ledger: int
    by_group: dict[str, int]
    by_status: dict[str, int]
    entries: int
    exits: int
    in_period: int
    employed_exits: int
    employment_rate: float | None
    complete_1131: int
    completion_rate: float | None
    eligible: int
    paired: int
    coverage_rate: float | None


class MonthOut(Schema):
    start: datetime.date
    end: datetime.date
    on_ledger: int
    entries: int
    exits: int
    employed_exits: int


class RollupOut(Schema):
    region_code: str
    region_name: str
    level: int
    as_of: datetime.date
    period_start: datetime.date
    total: FiguresOut
    children: list[FiguresOut]
    trend: list[MonthOut]


@router.get("/rollups", response=RollupOut)
def region_rollup(
    request,
    region: str = "",
    as_of: datetime.date | None = None,
    start: datetime.date | None = None,
):
    """Figures of a region in the caller's scope (default: their own region) as of a date.

    Each figure is given per child region (a province's cities, a city's counties, a county
    itself) and as the total, which is the sum of the children. `start` opens the period for
    entries, exits and the employment rate (default: 1 January of the year of `as_of`).
    Employment rate = people whose ledger stay ended in the period as employed, self-employed
    or in flexible work ÷ people on the ledger at any time in the period. 1131 completion =
    open stays with a complete 1131 ÷ open stays. Paired-assistance coverage = eligible people
    (active low-income or disability membership, or long-term unemployed) with an open
    pairing ÷ eligible people. A region outside the caller's scope is a 404.
    """
    return rollups.region_rollup(
        actor=request.auth, region_code=region or None, as_of=as_of, period_start=start
    )
