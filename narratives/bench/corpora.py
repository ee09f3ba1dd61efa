"""The inputs the benchmark reads: PolNeAR texts and RUWA records, read in place.

All selections are deterministic (sorted file names, fixed strides), so two runs see the
same corpus.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from narratives.errors import DataError
from narratives.corpora.ruwa import OUTLET_SIDES, ruwa_records

BENCH_EVENT = "bucha"
"""The RUWA event whose records make the single-event corpus (it has all three sides)."""


def polnear_records(shared_data: Path, n: int) -> list[dict[str, Any]]:
    """The first `n` PolNeAR train texts in a stride over the sorted file names, so every
    outlet is represented. Each record is `{"id", "text", "outlet"}`."""
    folder = shared_data / "polnear" / "train" / "text"
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise DataError(f"no PolNeAR texts under {folder}: point shared_data at the shared data folder")
    stride = max(1, len(paths) // max(1, n))
    chosen = paths[::stride][:n]
    return [
        {"id": p.stem, "text": p.read_text(encoding="utf-8"), "outlet": p.stem.split("_", 1)[0]}
        for p in chosen
    ]


def all_ruwa_records(shared_data: Path) -> list[dict[str, Any]]:
    return list(ruwa_records(shared_data / "ruwa" / "ruwa.csv"))


def ruwa_event_records(records: list[dict[str, Any]], n: int, *, event: str = BENCH_EVENT) -> list[dict[str, Any]]:
    """`n` records of one event, taken round-robin over the outlets' sides so that the
    minority side (here Russian outlets) is fully represented."""
    by_side: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record.get("event") == event:
            by_side[OUTLET_SIDES.get(record.get("outlet", ""), "other")].append(record)
    if not by_side:
        raise DataError(f"RUWA has no records of event {event!r}")
    queues = [list(v) for _, v in sorted(by_side.items())]
    chosen: list[dict[str, Any]] = []
    while len(chosen) < n and any(queues):
        for queue in queues:
            if queue and len(chosen) < n:
                chosen.append(queue.pop(0))
    return chosen


def word_count(records: list[dict[str, Any]]) -> int:
    return sum(len(r["text"].split()) for r in records)
