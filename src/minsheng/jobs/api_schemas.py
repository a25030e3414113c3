"""Shapes shared by the recruitment-docking routers: vacancies, and the factors of a match
with their reasons in words (`jobs.explain`)."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from minsheng.jobs import explain
from minsheng.registry.occupations import occupation_name

# The most matches a ranking endpoint computes; its pages are cut from these.
MAXIMUM_TOP = 100


class FactorOut(Schema):
    """One factor of a match score: its weight, its value in [0, 1], the reason code and the
    reason in words, in the language of the request."""

    name: str
    label: str
    weight: float
    value: float
    reason: str
    explanation: str


def factor_rows(factors) -> list[dict]:
    """Factors from the engine (objects) or from a stored recommendation (dicts)."""
    rows = []
    for factor in factors:
        row = factor if isinstance(factor, dict) else explain.vars_of(factor)
        rows.append(
            {
                "name": row["name"],
                "label": explain.factor_label(row["name"]),
                "weight": row["weight"],
                "value": row["value"],
                "reason": row["reason"],
                "explanation": explain.sentence(row["reason"], row["name"]),
            }
        )
    return rows


class VacancyBriefOut(Schema):
    id: int
    title: str
    employer_id: int
    employer_name: str = Field(..., alias="employer.name")
    occupation_code: str
    region_code: str = Field(..., alias="region_id")
    pay_min: Decimal
    pay_max: Decimal
    contract_type: str
    closes_on: datetime.date
    status: str


class VacancyOut(VacancyBriefOut):
    occupation_name: str
    occupation_coded_automatically: bool
    description: str
    headcount: int
    education: str
    skill_level: int | None
    opens_on: datetime.date
    close_reason: str
    review_note: str
    reviewed_at: datetime.datetime | None
    created_at: datetime.datetime
    version: int

    @staticmethod
    def resolve_occupation_name(vacancy) -> str:
        return occupation_name(vacancy.occupation_code)
