"""Geometry shared by the server-drawn SVG charts (plain inline SVG, no JavaScript): the chart
box, the series colours, and a round value axis."""

import math
from dataclasses import dataclass

CHART_WIDTH, CHART_HEIGHT = 760, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 16, 24, 48
SERIES_COLOURS = ("#1f6fb2", "#c0392b", "#2e8b57")


def nice_ceiling(value: int) -> tuple[int, int]:
    """A round axis maximum at or above `value`, and its step for four grid lines."""
    if value <= 0:
        return 4, 1
    raw_step = value / 4
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    step = max(1, math.ceil(step))
    return step * 4, step


@dataclass(frozen=True)
class Axis:
    maximum: int
    step: int

    @property
    def plot_height(self) -> int:
        return CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def y(self, value: int) -> float:
        return round(MARGIN_TOP + self.plot_height * (1 - value / self.maximum), 1)

    def grid(self) -> list[dict]:
        return [
            {"y": self.y(value), "label": value} for value in range(0, self.maximum + 1, self.step)
        ]
