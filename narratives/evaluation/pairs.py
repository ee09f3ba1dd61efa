"""`narratives eval pairs`: counter-claim pairs on hand-marked RUWA headlines and ledes.

The gold file (`../shared/gold/ruwa_pairs.json`) marks claims in RUWA rows (`src` = the
row's url, `fragment` = the exact claim text in its headline or lede), required
counter-claim pairs and forbidden pairs. The eval analyses the rows it names, plus up to
`context` other rows of each named row's CSV event published within `context_days` of
it (the company a claim keeps in a real run), through one fresh index, then:

* a predicted claim matches a marked claim when its content overlaps the fragment by at
  least half the fragment's characters (narrator claims included: a headline is its
  outlet's claim); matching is one-to-one, largest overlap first;
* a gold pair is *found* when its two matched claims form a `contradicts` pair;
* `contradicts_reported` counts the distinct pairs of marked claims whose matched claims
  are reported as `contradicts`, and `contradicts_precision` the share of those that are
  required pairs.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import click

from narratives.config import load_settings
from narratives.errors import DataError, NarrativesError
from narratives.evaluation.gold import MIN_OVERLAP, locate
from narratives.types import Article, ArticleAnalysis, Claim, Span

GOLD_FILE = "ruwa_pairs.json"


@dataclass(frozen=True)
class MarkedClaim:
    id: str
    url: str
    side: str
    fragment: str


@dataclass(frozen=True)
class PairsGold:
    claims: tuple[MarkedClaim, ...]
    required: tuple[tuple[str, str], ...]
    forbidden: tuple[tuple[str, str], ...]


def load_pairs_gold(path: Path) -> PairsGold:
    """Read the gold file; a missing file or field is a DataError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        claims = tuple(MarkedClaim(c["id"], c["src"], c["side"], c["fragment"]) for c in data["claims"])
        required = tuple((p["a"], p["b"]) for p in data["required_pairs"])
        forbidden = tuple((p["a"], p["b"]) for p in data["forbidden_pairs"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"pairs gold {path} is unreadable or lacks claims/required_pairs/forbidden_pairs ({exc})") from exc
    return PairsGold(claims, required, forbidden)


def select_records(
    records: Sequence[dict], urls: set[str], *, context: int, context_days: int
) -> list[dict]:
    """The records whose url is in `urls`, then for each CSV event up to `context` others of
    that event published within `context_days` of one of its named rows (nearest first)."""
    named = [r for r in records if r.get("url") in urls]
    dates: dict[str, list[dt.date]] = defaultdict(list)
    for r in named:
        dates[r.get("event", "")].append(dt.date.fromisoformat(r["published"]))
    chosen: dict[str, list[tuple[int, int, dict]]] = defaultdict(list)
    for i, r in enumerate(records):
        event = r.get("event", "")
        if r.get("url") in urls or event not in dates:
            continue
        day = dt.date.fromisoformat(r["published"])
        gap = min(abs((day - d).days) for d in dates[event])
        if gap <= context_days:
            chosen[event].append((gap, i, r))
    extra = [r for rows in chosen.values() for _, _, r in sorted(rows, key=lambda x: x[:2])[:context]]
    return named + extra


def match_marked(marked: Sequence[MarkedClaim], spans: dict[str, Span | None], claims: Sequence[Claim]) -> dict[str, str]:
    """Marked claim id -> predicted claim id (one-to-one, largest overlap first)."""
    candidates = []
    for m in marked:
        span = spans.get(m.id)
        if span is None:
            continue
        for c in claims:
            overlap = sum(max(0, min(s.end, span.end) - max(s.start, span.start)) for s in c.content_spans)
            if overlap > 0 and overlap >= MIN_OVERLAP * len(span):
                candidates.append((overlap, m.id, c.id))
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for _, gid, cid in sorted(candidates, key=lambda x: (-x[0], x[1], x[2])):
        if gid not in chosen and cid not in used:
            chosen[gid] = cid
            used.add(cid)
    return chosen


def score_pairs(gold: PairsGold, predicted: dict[str, str], contradicting: set[frozenset[str]]) -> dict[str, Any]:
    """The eval's JSON object from the matching and the reported `contradicts` claim pairs."""

    def found(pair: tuple[str, str]) -> bool:
        a, b = predicted.get(pair[0]), predicted.get(pair[1])
        return a is not None and b is not None and frozenset((a, b)) in contradicting

    gold_of = {cid: gid for gid, cid in predicted.items()}
    marked_pairs = {
        frozenset((gold_of[a], gold_of[b]))
        for a, b in (tuple(p) for p in contradicting if len(p) == 2)
        if a in gold_of and b in gold_of
    }
    required = {frozenset(p) for p in gold.required}
    correct = sum(p in required for p in marked_pairs)
    return {
        "required_total": len(gold.required),
        "required_found": sum(map(found, gold.required)),
        "forbidden_total": len(gold.forbidden),
        "forbidden_reported": sum(map(found, gold.forbidden)),
        "contradicts_reported": len(marked_pairs),
        "contradicts_precision": round(correct / len(marked_pairs), 4) if marked_pairs else 0.0,
        "claims_total": len(gold.claims),
        "claims_matched": len(predicted),
        "missing_required": [f"{a}-{b}" for a, b in gold.required if not found((a, b))],
        "reported_forbidden": [f"{a}-{b}" for a, b in gold.forbidden if found((a, b))],
        "reported_unmarked": sorted("-".join(sorted(p)) for p in marked_pairs - required),
    }


def evaluate_pairs(
    gold_path: Path, *, context: int = 20, context_days: int = 1, analyzer=None, index=None
) -> dict[str, Any]:
    """Analyse the named rows (+ context) through one index and score the pairs."""
    from narratives.ingest import build_article
    from narratives.ruwa import ruwa_records

    settings = load_settings()
    gold = load_pairs_gold(gold_path)
    urls = {m.url for m in gold.claims}
    records = select_records(list(ruwa_records(settings.shared_data / "ruwa" / "ruwa.csv")), urls,
                             context=context, context_days=context_days)
    articles = [build_article(r) for r in records]
    by_url: dict[str, Article] = {a.url: a for a in articles if a.url in urls}
    missing = sorted(urls - set(by_url))
    if missing:
        raise DataError(f"{len(missing)} marked row(s) not found in ruwa.csv, e.g. {missing[0]}")
    if analyzer is None:
        from narratives.pipeline import load_analyzer

        analyzer = load_analyzer()
    if index is None:
        from narratives.evaluation.gold_pairs import default_index

        index = default_index()
    analyses: list[ArticleAnalysis] = analyzer.analyze(sorted(articles, key=lambda a: (a.published or dt.date.min, a.id)))
    index.add(analyses)
    claims_of = {a.article.url: a.claims for a in analyses}
    spans = {m.id: locate(by_url[m.url].text, m.fragment) for m in gold.claims}
    predicted: dict[str, str] = {}
    for url in urls:
        marked = [m for m in gold.claims if m.url == url]
        predicted.update(match_marked(marked, spans, [index.claims.get(c.id, c) for c in claims_of[url]]))
    contradicting = {frozenset((p.a, p.b)) for p in index.pairs.values() if p.relation == "contradicts"}
    report = score_pairs(gold, predicted, contradicting)
    report["unlocated"] = sorted(gid for gid, span in spans.items() if span is None)
    report["articles"] = len(articles)
    return report


@click.command(name="pairs")
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=f"The pairs gold file (default: {GOLD_FILE} in the shared gold folder).")
@click.option("--context", default=20, show_default=True, type=int,
              help="Other rows of each named row's event to analyse alongside (per event).")
@click.option("--context-days", default=1, show_default=True, type=int,
              help="Context rows are published within this many days of a named row.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_context
def command(ctx: click.Context, gold_path: Path | None, context: int, context_days: int, as_json: bool) -> None:
    """Required counter-claim pairs found, forbidden pairs reported and the precision of
    `contradicts` among marked claims, on hand-marked RUWA headlines and ledes."""
    try:
        report = evaluate_pairs(gold_path or load_settings().gold_dir / GOLD_FILE,
                                context=context, context_days=context_days)
    except NarrativesError as exc:
        click.echo(exc.format_message(), err=True)
        ctx.exit(exc.exit_code)
    if as_json:
        click.echo(json.dumps(report, sort_keys=True))
        return
    click.echo(
        f"required found {report['required_found']}/{report['required_total']}  "
        f"forbidden reported {report['forbidden_reported']}/{report['forbidden_total']}  "
        f"contradicts among marked {report['contradicts_reported']} "
        f"(precision {report['contradicts_precision']:.3f})  "
        f"claims matched {report['claims_matched']}/{report['claims_total']}"
    )
