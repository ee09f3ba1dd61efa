"""An event's comparison for download: one row per claim vs counter-claim pair (JSON or CSV)."""
from __future__ import annotations

import csv
import io
from typing import Any, Callable, Mapping

from service.comparison import Comparison
from service.schemas import ExportRow

COLUMNS = tuple(ExportRow.model_fields)
# A cell a spreadsheet would run as a formula (OWASP "CSV injection"); quoted with a `'`.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_rows(comparison: Comparison, *, page_of: Callable[[Mapping[str, Any]], str]) -> list[dict[str, Any]]:
    """The pairs, disputes first; `page_of(claim)` is the claim's place on this site's article page."""
    claims, articles = comparison.claims, comparison.articles
    rows = []
    for pair in comparison.disputes + comparison.other_pairs:
        a, b = claims.get(pair["a"]), claims.get(pair["b"])
        if a is None or b is None:  # a pair always joins two claims of its event
            raise LookupError(f"pair {pair['id']} names a claim outside event {comparison.view['id']}")
        rows.append({
            "pair_id": pair["id"],
            "relation": pair["relation"],
            "contradiction": pair["contradiction"],
            "similarity": pair["similarity"],
            "side": pair["side_a"],
            "speaker": a["speaker"],
            "claim": a["text"],
            "counter_side": pair["side_b"],
            "counter_speaker": b["speaker"],
            "counter_claim": b["text"],
            "rationale": pair["rationale"],
            "article_url": articles[a["article_id"]].url,
            "counter_article_url": articles[b["article_id"]].url,
            "article_page": page_of(a),
            "counter_article_page": page_of(b),
        })
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = f"{value:.4f}" if isinstance(value, float) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows_csv(rows: list[Mapping[str, Any]]) -> str:
    """RFC 4180 CSV with a header row; formula-like cells are made inert."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell(row[c]) for c in COLUMNS] for row in rows)
    return out.getvalue()
