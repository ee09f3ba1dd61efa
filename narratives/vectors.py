"""A growing float32 matrix of claim embeddings, bucketed by day for windowed search."""
from __future__ import annotations

import datetime as dt

import numpy as np


class DayBucketedVectors:
    """Rows are appended (capacity doubles) and never moved; removal frees the row id.

    Each row also carries `n_tags` small integers (the index stores event, side and
    "pairable" codes there) so candidate filters are array operations, not Python loops.

    `search(vector, date, days)` scores only the rows dated within `days` of `date`
    (undated rows form their own bucket), so its cost follows the window, not the store.
    """

    def __init__(self, dim: int, *, n_tags: int = 0, capacity: int = 1024) -> None:
        self.dim = dim
        self._matrix = np.zeros((capacity, dim), dtype=np.float32)
        self._tags = np.zeros((capacity, n_tags), dtype=np.int64)
        self._claim_ids: list[str | None] = []
        self._days: dict[int | None, list[int]] = {}

    def __len__(self) -> int:
        return sum(len(rows) for rows in self._days.values())

    @staticmethod
    def _day(date: dt.date | None) -> int | None:
        return date.toordinal() if date is not None else None

    def append(self, claim_id: str, vector: np.ndarray, date: dt.date | None, tags: tuple[int, ...] = ()) -> int:
        row = len(self._claim_ids)
        if row == len(self._matrix):
            self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
            self._tags = np.concatenate([self._tags, np.zeros_like(self._tags)])
        self._matrix[row] = vector
        self._tags[row] = tags
        self._claim_ids.append(claim_id)
        self._days.setdefault(self._day(date), []).append(row)
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
        return self._matrix[row]

    def tags(self, rows: np.ndarray) -> np.ndarray:
        """(m,) row ids -> (m, n_tags) int64."""
        return self._tags[rows]

    def window_rows(self, date: dt.date | None, days: int) -> np.ndarray:
        """Row ids dated within `days` of `date` (the undated bucket when `date` is None)."""
        day = self._day(date)
        if day is None:
            return np.asarray(self._days.get(None, []), dtype=np.int64)
        parts = [self._days[d] for d in range(day - days, day + days + 1) if d in self._days]
        return np.fromiter((r for part in parts for r in part), dtype=np.int64)

    def search(self, vector: np.ndarray, date: dt.date | None, days: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows (m,), cosine similarities (m,)) for the rows in the window of `date`."""
        rows = self.window_rows(date, days)
        if len(rows) == 0:
            return rows, np.zeros(0, dtype=np.float32)
        return rows, self._matrix[rows] @ np.asarray(vector, dtype=np.float32)
