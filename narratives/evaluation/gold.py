"""`narratives eval gold`: the pipeline against hand-annotated articles (claims part).

A gold file (see ../shared/gold/) names its article (path relative to the shared folder),
lists claims (content substring, speaker, side, cue, event) and states the matching rule
in its `notes`, implemented here:

* a predicted claim matches a gold claim when its content spans contain the gold content
  (case-insensitive, whitespace-folded) or overlap it by at least half the gold content's
  characters; narrator claims never match (they have no speaker); matching is one-to-one,
  largest overlap first;
* side: the predicted side equals the gold side;
* speaker: the canonical names are equal after normalisation (case, determiners, function
  words, transliteration folding: "Oleg Sinegoubov" = "Oleg Synegoubov"), or the gold
  speaker's name is a registry name, alias or title (confidence >= 0.9, never a mere
  affiliation pattern) of the very actor the predicted claim is linked to.

`evaluate_gold_files` returns per-file predicted claims and the gold -> predicted matching,
so further sections (pairs, events) can reuse one pipeline run.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import click

from narratives.attribution import names
from narratives.config import load_settings
from narratives.errors import DataError
from narratives.sides.registry import Registry
from narratives.types import Article, ArticleAnalysis, Claim, Span

MIN_OVERLAP = 0.5
_LINKED_VIA = frozenset({"name", "spelling", "title"})


@dataclass(frozen=True)
class GoldClaim:
    id: str
    side: str
    speaker: str
    cue: str | None
    event: str | None
    content: str
    span: Span | None  # where the content occurs in the article text; None if nowhere


@dataclass(frozen=True)
class GoldFile:
    path: Path
    data: dict[str, Any]
    article: Article
    claims: tuple[GoldClaim, ...]


@dataclass(frozen=True)
class ClaimMatch:
    gold: GoldClaim
    claim: Claim | None
    side_ok: bool = False
    speaker_ok: bool = False


@dataclass(frozen=True)
class GoldRun:
    """One gold file after analysis: the article's predicted claims and the matching."""

    gold: GoldFile
    analysis: ArticleAnalysis
    matches: tuple[ClaimMatch, ...]

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.analysis.claims


def _folded_index(text: str) -> tuple[str, list[int]]:
    """`text` lower-cased with whitespace runs folded to one space, and each char's origin."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch.lower())
        origin.append(i)
    return "".join(out), origin


def locate(text: str, content: str) -> Span | None:
    """Where `content` occurs in `text`, case-insensitive and whitespace-folded."""
    folded, origin = _folded_index(text)
    needle, _ = _folded_index(content.strip())
    at = folded.find(needle)
    if at < 0 or not needle:
        return None
    return Span(origin[at], origin[at + len(needle) - 1] + 1)


def _build_article(record: dict[str, Any]) -> Article:
    from narratives.ingest.articles import build_article

    return build_article(record)


def load_gold(path: Path, *, shared_root: Path) -> GoldFile:
    """Read one gold file and the article it annotates."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        meta = data["article"]
        article_path = shared_root / meta["file"]
        text = article_path.read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"gold file {path} is unreadable or lacks article.file ({exc})") from exc
    record = {k: meta.get(k) for k in ("outlet", "published", "language", "url", "title") if meta.get(k)}
    article = _build_article({"text": text, **record})
    claims = tuple(
        GoldClaim(
            id=c["id"], side=c["side"], speaker=c["speaker"], cue=c.get("cue"), event=c.get("event"),
            content=c["content"], span=locate(article.text, c["content"]),
        )
        for c in data.get("claims", [])
    )
    return GoldFile(path=path, data=data, article=article, claims=claims)


def _overlap(claim: Claim, span: Span) -> int:
    return sum(max(0, min(s.end, span.end) - max(s.start, span.start)) for s in claim.content_spans)


def speaker_matches(predicted: Claim, gold_speaker: str, registry: Registry) -> bool:
    """The documented speaker rule: same normalised name, or the same registry actor."""
    if names.key(predicted.speaker) == names.key(gold_speaker):
        return True
    link = registry.lookup(gold_speaker)
    return (
        predicted.actor_id is not None
        and link is not None
        and link.actor is not None
        and link.via in _LINKED_VIA
        and link.actor.id == predicted.actor_id
    )


def match_claims(gold: Sequence[GoldClaim], claims: Sequence[Claim], registry: Registry) -> tuple[ClaimMatch, ...]:
    """One-to-one matching, largest overlap first (see the module docstring)."""
    candidates: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        if g.span is None:
            continue
        for ci, c in enumerate(claims):
            if c.kind == "narrator":
                continue
            overlap = _overlap(c, g.span)
            if overlap > 0 and overlap >= MIN_OVERLAP * len(g.span):
                candidates.append((overlap, gi, ci))
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for overlap, gi, ci in sorted(candidates, key=lambda x: (-x[0], x[1], x[2])):
        if gi not in chosen and ci not in used:
            chosen[gi] = ci
            used.add(ci)
    matches = []
    for gi, g in enumerate(gold):
        if gi not in chosen:
            matches.append(ClaimMatch(g, None))
            continue
        c = claims[chosen[gi]]
        matches.append(ClaimMatch(g, c, c.side == g.side, speaker_matches(c, g.speaker, registry)))
    return tuple(matches)


def gold_paths(gold: Path | None) -> list[Path]:
    """`gold` itself if a file, else the article gold files (*.json with an `article`) in the
    folder `gold` or settings.gold_dir; other gold there (ruwa_pairs.json) has its own eval."""
    root = gold or load_settings().gold_dir
    paths = [root] if root.is_file() else [p for p in sorted(root.glob("*.json")) if _annotates_article(p)]
    if not paths:
        raise DataError(f"no article gold files (*.json with an 'article') found at {root}; pass --gold PATH")
    return paths


def _annotates_article(path: Path) -> bool:
    try:
        return "article" in json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"gold file {path} is unreadable ({exc})") from exc


def evaluate_gold_files(paths: Sequence[Path], analyzer=None) -> list[GoldRun]:
    """Analyse each gold article once and match its claims. `analyzer` defaults to the real one."""
    if analyzer is None:
        from narratives.composition import load_analyzer

        analyzer = load_analyzer()
    runs = []
    for path in paths:
        gold = load_gold(path, shared_root=path.resolve().parent.parent)
        analysis = analyzer.analyze([gold.article])[0]
        runs.append(GoldRun(gold, analysis, match_claims(gold.claims, analysis.claims, analyzer.registry)))
    return runs


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def claim_metrics(matches: Sequence[ClaimMatch]) -> dict[str, Any]:
    found = [m for m in matches if m.claim is not None]
    return {
        "gold": len(matches),
        "found": len(found),
        "recall": _ratio(len(found), len(matches)),
        "side_accuracy": _ratio(sum(m.side_ok for m in found), len(found)),
        "speaker_accuracy": _ratio(sum(m.speaker_ok for m in found), len(found)),
    }


def gold_report(runs: Sequence[GoldRun]) -> dict[str, Any]:
    """The JSON object `eval gold --json` prints (claims part)."""
    files: dict[str, Any] = {}
    for run in runs:
        misses = [
            {
                "id": m.gold.id,
                "found": m.claim is not None,
                "side": m.claim.side if m.claim else None,
                "speaker": m.claim.speaker if m.claim else None,
            }
            for m in run.matches
            if not (m.claim is not None and m.side_ok and m.speaker_ok)
        ]
        files[run.gold.path.name] = {"claims": claim_metrics(run.matches), "claim_errors": misses}
    return {"claims": claim_metrics([m for run in runs for m in run.matches]), "files": files}


def _table(runs: Sequence[GoldRun], report: dict[str, Any]) -> str:
    lines = []
    for run in runs:
        lines.append(f"{run.gold.path.name}")
        lines.append(f"  {'id':4} {'found':5} {'side (gold)':24} speaker (gold)")
        for m in run.matches:
            side = f"{m.claim.side if m.claim else '-'} ({m.gold.side})"
            speaker = f"{m.claim.speaker if m.claim else '-'} ({m.gold.speaker})"
            flag = "" if m.claim and m.side_ok and m.speaker_ok else "  <-"
            lines.append(f"  {m.gold.id:4} {'yes' if m.claim else 'no':5} {side:24} {speaker}{flag}")
    c = report["claims"]
    lines.append(
        f"claims: gold {c['gold']}  found {c['found']}  recall {c['recall']:.3f}  "
        f"side accuracy {c['side_accuracy']:.3f}  speaker accuracy {c['speaker_accuracy']:.3f}"
    )
    return "\n".join(lines)


@click.command(name="gold")
@click.option("--gold", "gold", type=click.Path(exists=True, path_type=Path), default=None,
              help="A gold JSON file or a folder of them (default: the shared gold folder).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of metrics.")
def command(gold: Path | None, as_json: bool) -> None:
    """Claim recall, side and speaker accuracy, counter-claim pairs and event purity on
    hand-annotated articles."""
    from narratives.evaluation.gold_pairs import pair_report, pair_table

    runs = evaluate_gold_files(gold_paths(gold))
    report = gold_report(runs)
    report.update(pair_report(runs))
    table = _table(runs, report) + "\n" + pair_table(report)
    click.echo(json.dumps(report, default=_json_default) if as_json else table)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
