"""`narratives eval speakers`: the side of speaker mentions as they appear in news.

Reads JSONL rows `{"mention": ..., "side": ...}` (default `gold/speakers.jsonl`) and
places each mention the way the pipeline places a claim's speaker
(`narratives.sides.assign.side_of_mention`), twice in one run:

* `registry`: actor registry, then the mention's title and affiliation, then the model;
* `no_registry`: the registry's actors switched off: the parsed title and affiliation
  (judged by the sides' affiliation words) and the side model alone.

Each gives accuracy overall and per side, and the mentions it gets wrong.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import click

from narratives.config import load_settings
from narratives.errors import DataError, NarrativesError
from narratives.protocols import SideClassifier
from narratives.sides.registry import Registry

SIDES = ("russia", "ukraine", "un", "other")


@dataclass(frozen=True)
class GoldMention:
    mention: str
    side: str
    line: int


def load_mentions(path: Path) -> list[GoldMention]:
    """The `{mention, side}` rows of a JSONL file; `DataError` names the bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"cannot read speaker mentions {path}: {exc}") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict) or not all(isinstance(row.get(k), str) and row[k].strip() for k in ("mention", "side")):
            raise DataError(f"{path}:{number}: each row needs non-empty strings 'mention' and 'side'")
        rows.append(GoldMention(row["mention"], row["side"], number))
    if not rows:
        raise DataError(f"{path}: no speaker mentions")
    return rows


def score_mentions(
    gold: Sequence[GoldMention], predicted: Sequence[tuple[str, str]]
) -> dict:
    """Accuracy overall and per gold side, and the errors; `predicted` is (side, evidence)."""
    sides = list(dict.fromkeys([*SIDES, *(g.side for g in gold)]))
    per_side = {}
    for side in sides:
        rows = [(g, p) for g, p in zip(gold, predicted) if g.side == side]
        if rows or side in SIDES:
            per_side[side] = {
                "n": len(rows),
                "accuracy": round(sum(g.side == p[0] for g, p in rows) / len(rows), 4) if rows else None,
            }
    errors = [
        {"mention": g.mention, "gold": g.side, "predicted": side, "evidence": evidence, "line": g.line}
        for g, (side, evidence) in zip(gold, predicted) if g.side != side
    ]
    return {
        "n": len(gold),
        "accuracy": round(sum(g.side == p[0] for g, p in zip(gold, predicted)) / len(gold), 4),
        "per_side": per_side,
        "errors": errors,
    }


def evaluate_mentions(
    gold: Sequence[GoldMention], *, registry: Registry, classifier: SideClassifier | None
) -> dict:
    """Both runs, with and without the registry's actors."""
    from narratives.sides.assign import sides_of_mentions

    result = {}
    for key, use_registry in (("registry", True), ("no_registry", False)):
        assigned = sides_of_mentions(
            [g.mention for g in gold], registry=registry, side_classifier=classifier, use_registry=use_registry
        )
        result[key] = score_mentions(gold, [(a.side, a.evidence) for a in assigned])
    return result


def _table(result: dict, path: Path) -> str:
    lines = [f"speaker mentions: {path}"]
    for key in ("registry", "no_registry"):
        run = result[key]
        sides = "  ".join(
            f"{s} {v['accuracy']:.3f} (n={v['n']})" for s, v in run["per_side"].items() if v["accuracy"] is not None
        )
        lines.append(f"  {key:12s} accuracy {run['accuracy']:.3f} (n={run['n']})   {sides}")
        lines += [f"      wrong: {e['mention']!r} gold {e['gold']} -> {e['predicted']} ({e['evidence']})" for e in run["errors"]]
    return "\n".join(lines)


@click.command(name="speakers")
@click.option("--data", "data", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="JSONL of {mention, side} rows (default: the gold folder's speakers.jsonl).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def command(data: Path | None, as_json: bool) -> None:
    """Side of speaker mentions, with and without the actor registry."""
    from narratives.composition import load_side_classifier
    from narratives.sides.registry import load_registry

    settings = load_settings()
    path = data or settings.gold_dir / "speakers.jsonl"
    try:
        gold = load_mentions(path)
        registry = load_registry(settings.registry)
        classifier = load_side_classifier(settings)
    except NarrativesError as exc:
        raise click.ClickException(exc.format_message()) from exc
    result = evaluate_mentions(gold, registry=registry, classifier=classifier)
    click.echo(json.dumps(result) if as_json else _table(result, path))
