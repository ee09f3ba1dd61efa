"""Articles labelled by real-world event: ECB+ (`events/ecbplus.jsonl`, with its train and
dev `split`) and any user's JSONL of `{id, title?, text, outlet?, published?, event}` rows;
read by `eval events` and `train events`."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from narratives.errors import DataError
from narratives.types import Article


@dataclass(frozen=True)
class Labelled:
    article: Article
    event: str
    split: str | None = None


def read_labelled(path: Path) -> list[Labelled]:
    """Rows of a labelled JSONL; raises DataError naming the line of a bad row."""
    from narratives.ingest.articles import build_article

    if not path.is_file():
        raise DataError(f"labelled events file not found: {path}")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                event = str(record["event"])
                fields = {k: record[k] for k in ("id", "title", "text", "outlet", "published") if record.get(k)}
                article = build_article(fields)
            except (ValueError, KeyError, TypeError) as exc:
                raise DataError(f"{path}:{line_no}: needs text and event ({exc})") from exc
            except Exception as exc:  # a NarrativesError from ingest, with its own message
                raise DataError(f"{path}:{line_no}: {exc}") from exc
            rows.append(Labelled(article, event, record.get("split")))
    return rows
