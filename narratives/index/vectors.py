"""Claim embeddings bucketed by day, for windowed nearest-neighbour search."""
from __future__ import annotations

import datetime as dt

import numpy as np


class _DayBlock:
    """One day's rows with their vectors side by side (capacity doubles), so a window
    search multiplies a few contiguous blocks instead of gathering rows from one big matrix."""

    __slots__ = ("rows", "vectors", "size")

    def __init__(self, dim: int, capacity: int = 16) -> None:
        self.rows = np.zeros(capacity, dtype=np.int64)
        self.vectors = np.zeros((capacity, dim), dtype=np.float32)
        self.size = 0

    def append(self, row: int, vector: np.ndarray) -> None:
        if self.size == len(self.rows):
            self.rows = np.concatenate([self.rows, np.zeros_like(self.rows)])
            self.vectors = np.concatenate([self.vectors, np.zeros_like(self.vectors)])
        self.rows[self.size] = row
        self.vectors[self.size] = vector
        self.size += 1

    def position(self, row: int) -> int:
        return int(np.flatnonzero(self.rows[: self.size] == row)[0])

    def remove(self, row: int) -> None:
        """Drop `row`, keeping the others in insertion order."""
        i, n = self.position(row), self.size
        self.rows[i : n - 1] = self.rows[i + 1 : n]
        self.vectors[i : n - 1] = self.vectors[i + 1 : n]
        self.size -= 1


class DayBucketedVectors:
    """Row ids are handed out in order and never reused; removal frees the row id.

    Each row also carries `n_tags` small integers (the index stores event, side and
    "pairable" codes there) so candidate filters are array operations, not Python loops.

    `search(vector, date, days)` scores only the rows dated within `days` of `date`
    (undated rows form their own bucket), so its cost follows the window, not the store.
    Vectors live in per-day blocks: a search reads the window's blocks contiguously.
    """

    def __init__(self, dim: int, *, n_tags: int = 0, capacity: int = 1024) -> None:
        self.dim = dim
        self._tags = np.zeros((capacity, n_tags), dtype=np.int64)
        self._claim_ids: list[str | None] = []
        self._row_days: list[int | None] = []
        self._days: dict[int | None, _DayBlock] = {}

    def __len__(self) -> int:
        return sum(block.size for block in self._days.values())

    @staticmethod
    def _day(date: dt.date | None) -> int | None:
        return date.toordinal() if date is not None else None

    def append(self, claim_id: str, vector: np.ndarray, date: dt.date | None, tags: tuple[int, ...] = ()) -> int:
        row = len(self._claim_ids)
        if row == len(self._tags):
            self._tags = np.concatenate([self._tags, np.zeros_like(self._tags)])
        self._tags[row] = tags
        self._claim_ids.append(claim_id)
        day = self._day(date)
        self._row_days.append(day)
        block = self._days.get(day)
        if block is None:
            block = self._days[day] = _DayBlock(self.dim)
        block.append(row, vector)
        return row

    def remove(self, row: int, date: dt.date | None) -> None:
        self._days[self._day(date)].remove(row)
        self._claim_ids[row] = None

    def claim_at(self, row: int) -> str:
        claim_id = self._claim_ids[row]
        if claim_id is None:
            raise KeyError(f"row {row} was removed")
        return claim_id

    def vector(self, row: int) -> np.ndarray:
        block = self._days[self._row_days[row]]
        return block.vectors[block.position(row)]

    def set_tags(self, row: int, tags: tuple[int, ...]) -> None:
        self._tags[row] = tags

    def tags(self, rows: np.ndarray) -> np.ndarray:
        """(m,) row ids -> (m, n_tags) int64."""
        return self._tags[rows]

    def _window(self, date: dt.date | None, days: int) -> list[_DayBlock]:
        day = self._day(date)
        if day is None:
            block = self._days.get(None)
            return [block] if block is not None and block.size else []
        blocks = (self._days.get(d) for d in range(day - days, day + days + 1))
        return [b for b in blocks if b is not None and b.size]

    def window_rows(self, date: dt.date | None, days: int) -> np.ndarray:
        """Row ids dated within `days` of `date` (the undated bucket when `date` is None)."""
        blocks = self._window(date, days)
        if not blocks:
            return np.zeros(0, dtype=np.int64)
        return np.concatenate([b.rows[: b.size] for b in blocks])

    def search(self, vector: np.ndarray, date: dt.date | None, days: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows (m,), cosine similarities (m,)) for the rows in the window of `date`."""
        blocks = self._window(date, days)
        if not blocks:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        query = np.asarray(vector, dtype=np.float32)
        rows = np.concatenate([b.rows[: b.size] for b in blocks])
        return rows, np.concatenate([b.vectors[: b.size] @ query for b in blocks])
