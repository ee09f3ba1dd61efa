"""`narratives eval attribution`: citron metrics of the product's extractor on a PolNeAR split.

What is scored is what the pipeline extracts: the parse-based attributions merged with the
learned tagger's (when its artifact is built). `--extractor parsed|tagger` scores either
half alone. Narrator claims are not attributions and are never scored.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import click

from narratives.attribution.merge import merge_attributions
from narratives.config import load_settings
from narratives.corpora.polnear import AnnotatedText, read_split
from narratives.errors import ModelUnavailableError, NarrativesError
from narratives.evaluation.citron import ROLES, score
from narratives.evaluation.span_errors import count_errors
from narratives.types import Article, Attribution, Span

EXTRACTORS = ("merged", "parsed", "tagger")


def predict(texts: Sequence[AnnotatedText], *, extractor: str, tagger) -> list[list[Attribution]]:
    """Attributions per text, as the chosen extractor finds them (never narrator claims)."""
    from narratives.attribution import extract_attributions
    from narratives.ingest.nlp import load_nlp

    docs = list(load_nlp().pipe((t.text for t in texts), batch_size=16))
    learned = tagger.extract_many(docs) if tagger is not None and extractor != "parsed" else [[] for _ in docs]
    out = []
    for item, doc, tagged in zip(texts, docs, learned):
        if extractor == "tagger":
            found = tagged
        else:
            parsed = extract_attributions(doc, Article(id=item.name, text=item.text))
            found = merge_attributions(parsed, tagged, doc) if extractor == "merged" else parsed
        out.append([a for a in found if a.kind != "narrator" and a.cue is not None])
    return out


def _span_json(text: str, span: Span) -> dict:
    return {"start": span.start, "end": span.end, "text": span.text(text)}


def write_dump(out_dir: Path, texts: Sequence[AnnotatedText], predicted: Sequence[Sequence[Attribution]]) -> None:
    """One citron-format JSON per text: {"text", "quotes": [{"cue", "sources", "contents"}]}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for item, found in zip(texts, predicted):
        quotes = [
            {
                "cue": _span_json(item.text, a.cue),
                "sources": [_span_json(item.text, s) for s in a.sources],
                "contents": [_span_json(item.text, s) for s in a.contents],
            }
            for a in sorted(found, key=lambda a: (a.cue.start, a.cue.end))
        ]
        payload = {"text": item.text, "quotes": quotes}
        (out_dir / f"{item.name}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


def _table(metrics: dict) -> str:
    lines = [
        f"texts {metrics['texts']}  gold attributions {metrics['gold_attributions']}  "
        f"predicted {metrics['predicted_attributions']}  extractor {metrics['extractor']}",
        f"{'role':12s} | {'exact P':>8s} {'R':>6s} {'F1':>6s} | {'overlap P':>9s} {'R':>6s} {'F1':>6s}",
    ]
    for key in (*ROLES, "attribution"):
        e, o = metrics[key]["exact"], metrics[key]["overlap"]
        lines.append(
            f"{key:12s} | {e['p']:8.3f} {e['r']:6.3f} {e['f1']:6.3f} | {o['p']:9.3f} {o['r']:6.3f} {o['f1']:6.3f}"
        )
    if "content_errors" in metrics:
        lines.append("content errors (gold attributions per kind):")
        lines += [f"  {kind:20s} {count:6d}" for kind, count in metrics["content_errors"].items()]
    return "\n".join(lines)


@click.command(name="attribution")
@click.option("--split", default="dev", show_default=True, help="Split folder under the corpus root.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Corpus root with SPLIT/text and SPLIT/attributions (default: shared PolNeAR).")
@click.option("--dump", "dump_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also write one citron-format JSON of predictions per text here.")
@click.option("--extractor", type=click.Choice(EXTRACTORS), default="merged", show_default=True,
              help="merged = what the pipeline extracts; parsed / tagger = one half alone.")
@click.option("--limit", type=int, default=None, help="Score only the first N texts.")
@click.option("--errors", "with_errors", is_flag=True,
              help="Also count why exact content matches fail (error kinds per gold attribution).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
def command(
    split: str, data_dir: Path | None, dump_dir: Path | None, extractor: str, limit: int | None,
    with_errors: bool, as_json: bool,
) -> None:
    """Citron's exact and token-overlap P/R/F1 per role (cue, source, content) and attribution."""
    settings = load_settings()
    try:
        texts = list(read_split(data_dir or settings.shared_data / "polnear", split))[:limit]
        tagger = None
        if extractor != "parsed":
            from narratives.composition import load_attribution_tagger

            tagger = load_attribution_tagger(settings)
            if tagger is None and extractor == "tagger":
                raise ModelUnavailableError(
                    f"no attribution tagger under {settings.artifacts / 'attribution'}: "
                    "build it with `narratives train attribution`"
                )
        predicted = predict(texts, extractor=extractor, tagger=tagger)
    except NarrativesError as exc:
        raise click.ClickException(exc.format_message()) from exc
    if dump_dir is not None:
        write_dump(dump_dir, texts, predicted)
    metrics = score((t.text, t.attributions, p) for t, p in zip(texts, predicted))
    scored = "parsed" if tagger is None and extractor == "merged" else extractor
    metrics = {"split": split, "extractor": scored, **metrics}
    if with_errors:
        metrics["content_errors"] = count_errors((t.text, t.attributions, p) for t, p in zip(texts, predicted))
    click.echo(json.dumps(metrics, indent=1) if as_json else _table(metrics))
