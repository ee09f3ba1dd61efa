"""`narratives eval fnc1`: the pair relation classifier on the FNC-1 competition test set.

Each headline/body pair goes through the same scoring as counter-claim pairing: the
body is split into sentences, the headline is compared (MiniLM cosine) with each; below
`UNRELATED_BELOW` on the best sentence the pair is `unrelated`, otherwise the headline
is scored against its `TOP_SENTENCES` closest sentences (contradiction model both ways,
denial cue in the sentence, rebuttal wording, numbers) and mapped
contradicts -> disagree, corroborates -> agree, related -> discuss (any contradicting
sentence makes the pair disagree, else any corroborating one agree).

The threshold is a fixed prior, not tuned on this test set (FNC-1 train is not used).
The score is the official one (`scorer.py` in the data folder): +0.25 for a correct
unrelated/related split, +0.75 more for the right related class; `fnc_score` is that
score divided by the best possible.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import click

from narratives.config import load_settings
from narratives.errors import DataError
from narratives.pairing.score import PairingTuning, predict_both_directions, score_pair
from narratives.types import Claim, Span

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATION_TO_STANCE = {"contradicts": "disagree", "corroborates": "agree", "related": "discuss"}
UNRELATED_BELOW = 0.4
TOP_SENTENCES = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_DENIAL_WORD = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject\w*|dismiss\w*|refut\w*|debunk\w*)\b", re.I)


@dataclass(frozen=True)
class Stance:
    headline: str
    body_id: str
    stance: str


def read_fnc1(folder: Path, limit: int | None = None) -> tuple[list[Stance], dict[str, str]]:
    """The first `limit` competition test stances (in file order) and the bodies they use."""
    try:
        with (folder / "competition_test_stances.csv").open(encoding="utf-8", newline="") as handle:
            stances = [Stance(r["Headline"], r["Body ID"], r["Stance"]) for r in csv.DictReader(handle)]
        with (folder / "competition_test_bodies.csv").open(encoding="utf-8", newline="") as handle:
            bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle)}
    except (OSError, KeyError) as exc:
        raise DataError(f"FNC-1 test files missing or malformed under {folder} ({exc})") from exc
    stances = stances[:limit] if limit else stances
    return stances, {s.body_id: bodies[s.body_id] for s in stances}


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) > 20] or [text.strip()]


def _claim(cid: str, text: str, side: str, *, cue: str | None = None) -> Claim:
    return Claim(
        id=cid, article_id=cid, text=text, start=0, end=len(text), content_spans=(Span(0, len(text)),),
        sentence=Span(0, len(text)), speaker=side, speaker_start=None, speaker_end=None, cue=cue,
        cue_start=None, cue_end=None, kind="indirect", side=side, side_confidence=1.0, side_evidence="fnc1",
    )


def _body_claim(i: int, sentence: str) -> Claim:
    denial = _DENIAL_WORD.search(sentence)
    return _claim(f"s{i}", sentence, "body", cue=denial.group() if denial else None)


def classify(stances: Sequence[Stance], bodies: dict[str, str], *, embedder, model, tuning: PairingTuning) -> list[str]:
    """Predicted FNC-1 stance for each headline/body pair."""
    sentences = {bid: split_sentences(text) for bid, text in bodies.items()}
    flat = sorted({s for ss in sentences.values() for s in ss} | {st.headline for st in stances})
    vectors = dict(zip(flat, embedder.embed(flat)))
    predictions: list[str] = ["unrelated"] * len(stances)
    candidates: list[tuple[int, Claim, Claim, float]] = []
    for n, stance in enumerate(stances):
        body = sentences[stance.body_id]
        sims = [float(vectors[stance.headline] @ vectors[s]) for s in body]
        if max(sims) < UNRELATED_BELOW:
            continue
        predictions[n] = "discuss"
        order = sorted(range(len(body)), key=lambda i: -sims[i])[:TOP_SENTENCES]
        headline = _claim("headline", stance.headline, "headline")
        candidates.extend((n, headline, _body_claim(i, body[i]), sims[i]) for i in order)
    entail, contra = predict_both_directions(model, [(a, b) for _, a, b, _ in candidates])
    for k, (n, headline, sentence, sim) in enumerate(candidates):
        relation, _, _ = score_pair(
            headline, sentence, similarity=sim,
            entailment=(float(entail[k, 0]), float(entail[k, 1])),
            contradiction=(float(contra[k, 0]), float(contra[k, 1])),
            tuning=tuning,
        )
        stance = RELATION_TO_STANCE[relation]
        if stance == "disagree" or (stance == "agree" and predictions[n] == "discuss"):
            predictions[n] = stance
    return predictions


def fnc_metrics(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, object]:
    """The official FNC-1 score (relative to the best possible) and per-class F1."""
    score = best = 0.0
    for g, p in zip(gold, predicted):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25 if g == "unrelated" else 1.0
        elif g != "unrelated" and p != "unrelated":
            score += 0.25
    f1 = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label != g for g, p in zip(gold, predicted))
        fn = sum(g == label != p for g, p in zip(gold, predicted))
        f1[label] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
    confusion = {g: {p: sum(x == g and y == p for x, y in zip(gold, predicted)) for p in LABELS} for g in LABELS}
    return {
        "n": len(gold),
        "fnc_score": round(score / best, 4) if best else 0.0,
        "raw_score": score,
        "max_score": best,
        "per_class_f1": f1,
        "macro_f1": round(sum(f1.values()) / len(LABELS), 4),
        "confusion": confusion,
    }


@click.command(name="fnc1")
@click.option("--limit", type=int, default=None, help="Only the first N headline/body pairs.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of metrics.")
def command(limit: int | None, as_json: bool) -> None:
    """FNC-1 stance (agree/disagree/discuss/unrelated) via the counter-claim relation classifier."""
    from narratives.composition import load_contradiction_model, new_embedder

    settings = load_settings()
    stances, bodies = read_fnc1(settings.shared_data / "fnc1", limit)
    predicted = classify(
        stances, bodies,
        embedder=new_embedder(threads=settings.threads),
        model=load_contradiction_model(settings),
        tuning=PairingTuning(),
    )
    metrics = fnc_metrics([s.stance for s in stances], predicted)
    if as_json:
        click.echo(json.dumps(metrics))
        return
    click.echo(f"FNC-1 test, {metrics['n']} pairs: score {metrics['fnc_score']:.4f} "
               f"({metrics['raw_score']:.2f} of {metrics['max_score']:.2f})")
    click.echo("  ".join(f"{k} F1 {v:.3f}" for k, v in metrics["per_class_f1"].items()))
    click.echo(f"{'gold/pred':12}" + "".join(f"{p:>11}" for p in LABELS))
    for g in LABELS:
        click.echo(f"{g:12}" + "".join(f"{metrics['confusion'][g][p]:>11}" for p in LABELS))
