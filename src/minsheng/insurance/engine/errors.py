"""Why a pension computation refuses its input: one code per reason, the same for one person
(an exception) and for a batch (a code per row), checked in the same order by both."""

from __future__ import annotations

from enum import IntEnum


class Refusal(IntEnum):
    """Reasons in the order they are checked; 0 is "computed"."""

    NONE = 0
    UNKNOWN_CATEGORY = 1
    BIRTH_IN_FUTURE = 2
    TOO_OLD = 3
    NEGATIVE_MONTHS = 4
    NEGATIVE_BALANCE = 5
    INDEX_OUT_OF_RANGE = 6
    RETIREMENT_OUTSIDE_WINDOW = 7
    MONTHS_EXCEED_WORKING_LIFE = 8
    EARLY_WITHOUT_MINIMUM = 9
    NO_PENSION_BASE = 10
    NO_TRANSITIONAL_RATE = 11
    AGE_OUTSIDE_DIVISOR_TABLE = 12
    # Single-person input only (the batch takes whole fen and index points).
    TOO_PRECISE = 13


# The input field each refusal is about, for forms and API errors.
REFUSAL_FIELDS = {
    Refusal.UNKNOWN_CATEGORY: "category",
    Refusal.BIRTH_IN_FUTURE: "birth_month",
    Refusal.TOO_OLD: "birth_month",
    Refusal.NEGATIVE_MONTHS: "contribution_months",
    Refusal.NEGATIVE_BALANCE: "account_balance",
    Refusal.INDEX_OUT_OF_RANGE: "average_index",
    Refusal.RETIREMENT_OUTSIDE_WINDOW: "retirement_month",
    Refusal.MONTHS_EXCEED_WORKING_LIFE: "contribution_months",
    Refusal.EARLY_WITHOUT_MINIMUM: "retirement_month",
    Refusal.NO_PENSION_BASE: "province_code",
    Refusal.NO_TRANSITIONAL_RATE: "deemed_months",
    Refusal.AGE_OUTSIDE_DIVISOR_TABLE: "retirement_month",
    Refusal.TOO_PRECISE: None,
}


class PensionInputError(ValueError):
    """One person's input refused; `details` carries the figures the message needs."""

    def __init__(self, refusal: Refusal, message: str, *, field: str | None = None, **details):
        self.refusal = refusal
        self.field = field if field is not None else REFUSAL_FIELDS.get(refusal)
        self.details = details
        super().__init__(message)

    @property
    def code(self) -> str:
        return self.refusal.name.lower()
