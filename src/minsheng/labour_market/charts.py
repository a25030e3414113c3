"""Server-drawn SVG charts of a release: horizontal bars (the largest gaps) and pay ranges
(P10–P90 with the middle half and the median marked). Laid out here as plain numbers for the
templates, on the axis helpers of the region-figures charts; each chart's figures also appear
in a table on the page.
"""

from minsheng.core.charts import nice_ceiling

WIDTH = 760
LABEL_WIDTH = 240  # occupation names on the left
RIGHT = 70  # room for the value printed after a bar
TOP, ROW, BOTTOM = 28, 22, 28


def _plot_width() -> int:
    return WIDTH - LABEL_WIDTH - RIGHT


def _ticks(maximum: int, step: int) -> list[dict]:
    plot = _plot_width()
    return [
        {"x": round(LABEL_WIDTH + plot * value / maximum, 1), "label": f"{value:,}"}
        for value in range(0, maximum + 1, step)
    ]


def horizontal_bars(items: list[tuple[str, int]]) -> dict:
    """One bar per (label, value), longest first as given; negative values draw as zero."""
    maximum, step = nice_ceiling(max((max(v, 0) for _label, v in items), default=0))
    plot = _plot_width()
    bars = []
    for index, (label, value) in enumerate(items):
        y = TOP + index * ROW
        width = round(plot * max(value, 0) / maximum, 1)
        bars.append(
            {
                "label": label,
                "value": f"{value:,}",
                "y": y,
                "text_y": y + ROW / 2 + 4,
                "width": width,
                "end": round(LABEL_WIDTH + width + 4, 1),
            }
        )
    height = TOP + len(items) * ROW + BOTTOM
    return {
        "width": WIDTH,
        "height": height,
        "left": LABEL_WIDTH,
        "bar_height": ROW - 6,
        "bars": bars,
        "ticks": _ticks(maximum, step),
        "axis_y": height - BOTTOM,
        "tick_y": height - BOTTOM + 16,
    }


def pay_ranges(items: list[tuple[str, dict]]) -> dict:
    """One row per (label, cell with p10…p90): a thin P10–P90 line, a P25–P75 box, a P50 tick."""
    top = max((float(cell["p90"]) for _label, cell in items), default=0)
    maximum, step = nice_ceiling(int(top))
    plot = _plot_width()

    def x(value) -> float:
        return round(LABEL_WIDTH + plot * float(value) / maximum, 1)

    rows = []
    for index, (label, cell) in enumerate(items):
        y = TOP + index * ROW
        rows.append(
            {
                "label": label,
                "y": y + 3,
                "mid": y + ROW / 2,
                "text_y": y + ROW / 2 + 4,
                "p10": x(cell["p10"]),
                "p25": x(cell["p25"]),
                "p50": x(cell["p50"]),
                "p75": x(cell["p75"]),
                "p90": x(cell["p90"]),
                "box_width": round(x(cell["p75"]) - x(cell["p25"]), 1),
                "median": f"{int(cell['p50']):,}",
                "end": round(x(cell["p90"]) + 4, 1),
                "values": " / ".join(
                    f"{int(cell[p]):,}" for p in ("p10", "p25", "p50", "p75", "p90")
                ),
            }
        )
    height = TOP + len(items) * ROW + BOTTOM
    return {
        "width": WIDTH,
        "height": height,
        "left": LABEL_WIDTH,
        "box_height": ROW - 6,
        "rows": rows,
        "ticks": _ticks(maximum, step),
        "axis_y": height - BOTTOM,
        "tick_y": height - BOTTOM + 16,
    }
