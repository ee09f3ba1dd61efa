"""The event page's timeline picture: one row per side, one column per day, one mark per claim.

`build_timeline` computes the geometry; `templates/_timeline.html` draws it as inline SVG
(presentation attributes only, so the strict Content-Security-Policy allows it; no JS).
Columns are the days that have claims (a category axis: news of one event clusters on a
few days), claims of unknown date last; under each day, the outlets that published then.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

LABEL_WIDTH = 120  # side names, left of the first column
COLUMN_WIDTH = 120
MARK_STEP = 16  # distance between two marks of one cell
MARK_RADIUS = 6
ROW_PADDING = 10
AXIS_HEIGHT = 24  # the day labels
OUTLET_LINE = 16
MAX_OUTLETS_SHOWN = 3
UNDATED = "undated"


@dataclass(frozen=True)
class Mark:
    claim_id: str
    side: str
    x: int
    y: int
    href: str
    title: str  # the mark's accessible name and tooltip


@dataclass(frozen=True)
class Row:
    side: str
    label: str
    top: int
    height: int

    @property
    def middle(self) -> int:
        return self.top + self.height // 2


@dataclass(frozen=True)
class Column:
    label: str  # an ISO day, or "undated"
    x: int  # left edge
    outlets: tuple[str, ...]

    @property
    def middle(self) -> int:
        return self.x + COLUMN_WIDTH // 2


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    plot_bottom: int  # where the day labels start
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    marks: tuple[Mark, ...]


def _day_label(day: dt.date | None) -> str:
    return day.isoformat() if day else UNDATED


def build_timeline(
    columns_by_side: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    day_of: Callable[[Mapping[str, Any]], dt.date | None],
    outlet_of: Callable[[Mapping[str, Any]], str | None],
    href_of: Callable[[Mapping[str, Any]], str],
    side_label: Callable[[str], str],
) -> Timeline:
    """`columns_by_side`: side -> its claim dicts (API shape), in display order."""
    claims = [(side, c) for side, column in columns_by_side.items() for c in column]
    days = sorted({day_of(c) for _, c in claims}, key=lambda d: (d is None, d or dt.date.min))
    per_line = max(1, (COLUMN_WIDTH - MARK_STEP) // MARK_STEP)
    cells: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    outlets: dict[str, set[str]] = defaultdict(set)
    for side, claim in claims:
        day = _day_label(day_of(claim))
        cells[side, day].append(claim)
        if outlet := outlet_of(claim):
            outlets[day].add(outlet)
    columns = tuple(
        Column(_day_label(d), LABEL_WIDTH + i * COLUMN_WIDTH, tuple(sorted(outlets[_day_label(d)])))
        for i, d in enumerate(days)
    )
    rows, marks, top = [], [], 0
    for side in columns_by_side:
        lines = max(-(-len(cells[side, col.label]) // per_line) for col in columns) if columns else 1
        row = Row(side, side_label(side), top, lines * MARK_STEP + 2 * ROW_PADDING)
        for col in columns:
            for i, claim in enumerate(cells[side, col.label]):
                x = col.x + MARK_STEP + (i % per_line) * MARK_STEP
                y = top + ROW_PADDING + MARK_STEP // 2 + (i // per_line) * MARK_STEP
                title = f"{row.label}, {col.label}: {claim['speaker']}: {claim['text']}"
                marks.append(Mark(claim["id"], side, x, y, href_of(claim), title))
        rows.append(row)
        top += row.height
    shown = max((min(len(c.outlets), MAX_OUTLETS_SHOWN + 1) for c in columns), default=0)
    height = top + AXIS_HEIGHT + shown * OUTLET_LINE + ROW_PADDING
    return Timeline(LABEL_WIDTH + len(columns) * COLUMN_WIDTH, height, top, tuple(rows), columns, tuple(marks))
