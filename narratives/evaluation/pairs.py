"""`narratives eval pairs`: counter-claim pairs on hand-marked RUWA headlines and ledes.

The gold file (`../shared/gold/ruwa_pairs.json`) marks claims in RUWA rows (`src` = the
row's url, `fragment` = the exact claim text in its headline or lede), required
counter-claim pairs and forbidden pairs. The eval analyses the rows it names, plus up to
`context` other rows of each named row's CSV event published within `context_days` of
it (the company a claim keeps in a real run), through one fresh index, then:

* a marked claim matches the predicted claim that fits its fragment best (overlap over
  union), among those whose content, cue and speaker cover at least half the fragment
  (narrator claims included: a headline is its outlet's claim); several marked fragments
  of one predicted claim all match it;
* a gold pair is *found* when its two matched claims form a `contradicts` pair;
* `contradicts_reported` counts the distinct pairs of marked claims whose matched claims
  are reported as `contradicts`, and `contradicts_precision` the share of those that are
  required pairs.

`within_gold_events` repeats the pair scores with the event alignment taken from the gold
(every two matched claims of one marked incident that may pair are scored), so pairing
can be judged apart from event alignment.
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
    event: str


@dataclass(frozen=True)
class PairsGold:
    claims: tuple[MarkedClaim, ...]
    required: tuple[tuple[str, str], ...]
    forbidden: tuple[tuple[str, str], ...]


def load_pairs_gold(path: Path) -> PairsGold:
    """Read the gold file; a missing file or field is a DataError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        claims = tuple(MarkedClaim(c["id"], c["src"], c["side"], c["fragment"], c["event"]) for c in data["claims"])
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


def _overlap(pieces: Sequence[Span], span: Span) -> int:
    return sum(max(0, min(s.end, span.end) - max(s.start, span.start)) for s in pieces)


def _extent(claim: Claim) -> list[Span]:
    """The claim's content, cue and speaker mention: a marked fragment often includes the
    speaker and cue ("Moscow denies attack")."""
    spans = list(claim.content_spans)
    if claim.cue_start is not None and claim.cue_end is not None:
        spans.append(Span(claim.cue_start, claim.cue_end))
    if claim.speaker_start is not None and claim.speaker_end is not None:
        spans.append(Span(claim.speaker_start, claim.speaker_end))
    return spans


def match_marked(marked: Sequence[MarkedClaim], spans: dict[str, Span | None], claims: Sequence[Claim]) -> dict[str, str]:
    """Marked claim id -> the predicted claim whose content fits its fragment best (overlap
    over union of characters), among claims covering at least half the fragment with their
    content, cue and speaker. Several marked claims may match one predicted claim: a
    headline "An airstrike on the ammo stockpile caused a fire at a closed shopping
    center" asserts both marked fragments in it."""
    chosen: dict[str, str] = {}
    for m in marked:
        span = spans.get(m.id)
        if span is None:
            continue
        best: tuple[float, str] | None = None
        for c in claims:
            if _overlap(_extent(c), span) < max(1, MIN_OVERLAP * len(span)):
                continue
            overlap = _overlap(c.content_spans, span)
            fit = overlap / (sum(len(s) for s in c.content_spans) + len(span) - overlap)
            if best is None or (fit, c.id) > best:
                best = (fit, c.id)
        if best is not None:
            chosen[m.id] = best[1]
    return chosen


def score_pairs(gold: PairsGold, predicted: dict[str, str], contradicting: set[frozenset[str]]) -> dict[str, Any]:
    """The eval's JSON object from the matching and the reported `contradicts` claim pairs.

    A reported pair is among marked claims when both its claims match marked claims; it is
    correct when one of the marked pairs it stands for is required (`contradicts_precision`),
    and `contradicts_judged_precision` leaves out the pairs the gold neither requires nor
    forbids (the required list is not exhaustive)."""

    def found(pair: tuple[str, str]) -> bool:
        a, b = predicted.get(pair[0]), predicted.get(pair[1])
        return a is not None and b is not None and a != b and frozenset((a, b)) in contradicting

    gold_of: dict[str, set[str]] = defaultdict(set)
    for gid, cid in predicted.items():
        gold_of[cid].add(gid)
    required = {frozenset(p) for p in gold.required}
    forbidden = {frozenset(p) for p in gold.forbidden}
    marked = []
    for pair in contradicting:
        a, b = tuple(pair)
        if a in gold_of and b in gold_of:
            marked.append({frozenset((x, y)) for x in gold_of[a] for y in gold_of[b] if x != y})
    correct = sum(bool(stands & required) for stands in marked)
    wrong = sum(bool(stands & forbidden) and not stands & required for stands in marked)
    return {
        "required_total": len(gold.required),
        "required_found": sum(map(found, gold.required)),
        "forbidden_total": len(gold.forbidden),
        "forbidden_reported": sum(map(found, gold.forbidden)),
        "contradicts_reported": len(marked),
        "contradicts_precision": round(correct / len(marked), 4) if marked else 0.0,
        "contradicts_judged_precision": round(correct / (correct + wrong), 4) if correct + wrong else 0.0,
        "claims_total": len(gold.claims),
        "claims_matched": len(predicted),
        "missing_required": [f"{a}-{b}" for a, b in gold.required if not found((a, b))],
        "reported_forbidden": [f"{a}-{b}" for a, b in gold.forbidden if found((a, b))],
        "reported_unmarked": sorted(
            "/".join(sorted("-".join(sorted(p)) for p in stands)) for stands in marked if not stands & (required | forbidden)
        ),
    }


def evaluate_pairs(
    gold_path: Path, *, context: int = 20, context_days: int = 1, analyzer=None, index=None
) -> dict[str, Any]:
    """Analyse the named rows (+ context) through one index and score the pairs."""
    from narratives.corpora.ruwa import ruwa_records
    from narratives.ingest.articles import build_article

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
        from narratives.composition import load_analyzer

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
    report["within_gold_events"] = _within_gold_events(gold, predicted, index)
    report["unlocated"] = sorted(gid for gid, span in spans.items() if span is None)
    report["articles"] = len(articles)
    return report


def _within_gold_events(gold: PairsGold, predicted: dict[str, str], index) -> dict[str, Any]:
    """`score_pairs` keys when every two matched claims of one marked incident are candidates."""
    import numpy as np

    from narratives.pairing.score import may_pair, score_candidates

    tuning = index.tuning.pairing
    matched = [(m, index.claims[predicted[m.id]]) for m in gold.claims if m.id in predicted]
    candidates = []
    for i, (mi, ci) in enumerate(matched):
        for mj, cj in matched[i + 1 :]:
            if mi.event == mj.event and may_pair(ci, cj, tuning):
                similarity = float(np.dot(index.embedding(ci.id), index.embedding(cj.id)))
                candidates.append((ci, cj, similarity, mi.event))
    pairs = score_candidates(index.contradiction, candidates, tuning=tuning)
    contradicting = {frozenset((p.a, p.b)) for p in pairs if p.relation == "contradicts"}
    keys = ("required_found", "forbidden_reported", "contradicts_reported", "contradicts_precision",
            "contradicts_judged_precision", "missing_required", "reported_forbidden", "reported_unmarked")
    scored = score_pairs(gold, predicted, contradicting)
    return {"candidates": len(candidates), **{k: scored[k] for k in keys}}


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
