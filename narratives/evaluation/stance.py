"""`narratives eval stance`: the side classifier on unseen outlets and unseen events.

Trains on the RUWA rows of rt.com, censor.net, reuters.com and bbc.co.uk outside the
held-out events, tests on tass.com, en.news-front.info, ukrinform.net, aljazeera.com and
www.msnbc.com on the held-out events only (a random split only measures house style).
The majority-class and TF-IDF baselines are trained on the same rows in the same run.
Then side accuracy on the gold files with the registry switched off for narrator claims.
Four sides: RUWA rows whose headline speaker the registry links to the UN are `un`
(weak labels, `models.training.stance_data`); `macro_f1_three_sides` leaves `un` out.
"""
from __future__ import annotations

import json
import time
from typing import Sequence

import click
import numpy as np

from narratives.config import load_settings


def side_scores(gold: Sequence[str], predicted: Sequence[str], sides: Sequence[str]) -> dict:
    """Macro-F1, per-side F1 and the confusion matrix (rows gold, columns predicted)."""
    from sklearn.metrics import confusion_matrix, f1_score

    labels = list(sides)
    per_side = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    return {
        "macro_f1": round(float(np.mean(per_side)), 4),
        "per_side_f1": {s: round(float(f), 4) for s, f in zip(labels, per_side)},
        "confusion": {
            "labels": labels,
            "matrix": confusion_matrix(gold, predicted, labels=labels).tolist(),
        },
    }


def calibration_error(probabilities: np.ndarray, gold: Sequence[int], *, bins: int = 10) -> float:
    """Expected calibration error of the top class: (n, k) probabilities, n gold indices.
    The bin-weighted gap between confidence and accuracy; 0 is perfectly calibrated."""
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == np.asarray(gold)
    edges = np.linspace(0.0, 1.0, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            error += inside.mean() * abs(confidence[inside].mean() - correct[inside].mean())
    return round(float(error), 4)


def _tfidf_lr(train_texts: list[str], train_sides: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(class_weight="balanced", max_iter=3000),
    ).fit(train_texts, train_sides)


def tfidf_baseline(train_texts: list[str], train_sides: list[str], test_texts: list[str]) -> list[str]:
    """Word 1-2 gram TF-IDF + class-balanced logistic regression on the cleaned text."""
    return list(_tfidf_lr(train_texts, train_sides).predict(test_texts))


def tfidf_parts_baseline(train: Sequence, test: Sequence) -> list[str]:
    """The same TF-IDF model learned from and voting over headline and lede separately,
    as the stance model does: shows how much of the gain is the sentence-sized units."""
    pipeline = _tfidf_lr([p for e in train for p in e.parts], [e.side for e in train for _ in e.parts])
    classes = list(pipeline.classes_)
    return [classes[int(np.log(pipeline.predict_proba(list(e.parts)) + 1e-12).sum(axis=0).argmax())] for e in test]


def ruwa_split_scores() -> dict:
    from narratives.composition import (
        example_side_probabilities,
        fit_side_classifier,
        new_embedder,
        set_threads,
        side_examples,
    )
    from narratives.corpora.ruwa import TEST_EVENTS, TEST_OUTLETS, TRAIN_OUTLETS, outlet_event_split, read_ruwa
    from narratives.sides.registry import load_registry

    settings = load_settings()
    set_threads(min(settings.threads, 2))
    rows = read_ruwa(settings.shared_data / "ruwa" / "ruwa.csv")
    train, test = outlet_event_split(side_examples(rows, registry=load_registry(settings.registry)))
    gold = [e.side for e in test]
    started = time.perf_counter()
    model = fit_side_classifier(train, new_embedder())
    train_seconds = time.perf_counter() - started
    probabilities = example_side_probabilities(model, test)
    predicted = [model.sides[i] for i in probabilities.argmax(axis=1)]
    sides = model.sides  # the RUWA sides the classifier learned, in its order
    majority = max(sides, key=[e.side for e in train].count)
    tfidf = tfidf_baseline([e.text for e in train], [e.side for e in train], [e.text for e in test])
    return {
        "train_outlets": list(TRAIN_OUTLETS),
        "test_outlets": list(TEST_OUTLETS),
        "test_events": list(TEST_EVENTS),
        "n_train": len(train),
        "n_test": len(test),
        "test_sides": {s: gold.count(s) for s in sides},
        **side_scores(gold, predicted, sides),
        # Macro-F1 over the three sides of the earlier three-class model, for comparison.
        "macro_f1_three_sides": side_scores(gold, predicted, [s for s in sides if s != "un"])["macro_f1"],
        "calibration_error": calibration_error(probabilities, [model.sides.index(g) for g in gold]),
        "baselines": {
            "majority": side_scores(gold, [majority] * len(gold), sides)["macro_f1"],
            "tfidf": side_scores(gold, tfidf, sides)["macro_f1"],
            "tfidf_parts": side_scores(gold, tfidf_parts_baseline(train, test), sides)["macro_f1"],
        },
        "train_seconds": round(train_seconds, 1),
    }


def gold_without_registry() -> dict:
    """Side accuracy on the gold files' matched claims.

    `side_accuracy`: the pipeline with the registry switched off for speaker-less
    (narrator) claims, which the classifier then decides. `model_only_accuracy`: the
    classifier's own side for every matched claim, the registry ignored entirely.
    """
    from narratives.attribution.claims import attribute_claims
    from narratives.composition import load_analyzer
    from narratives.evaluation.gold import claim_metrics, gold_paths, load_gold, match_claims
    from narratives.pipeline import with_captions

    analyzer = load_analyzer()
    classifier = analyzer.side_classifier
    matches = []
    for path in gold_paths(None):
        gold = load_gold(path, shared_root=path.resolve().parent.parent)
        doc = analyzer.nlp(gold.article.text)
        claims = attribute_claims(
            doc, with_captions(gold.article, doc), registry=analyzer.registry,
            side_classifier=classifier, tagger=analyzer.tagger, use_registry=False,
        )
        matches += match_claims(gold.claims, claims, analyzer.registry)
    found = [m for m in matches if m.claim is not None]
    result = {"gold_claims": len(matches), "matched": len(found),
              "side_accuracy": claim_metrics(matches)["side_accuracy"], "model_only_accuracy": None}
    if classifier is not None and found:
        probabilities = classifier.predict_proba(
            [m.claim.text for m in found], [_mention(m.claim) for m in found]
        )
        sides = [classifier.sides[i] for i in probabilities.argmax(axis=1)]
        result["model_only_accuracy"] = round(sum(s == m.gold.side for s, m in zip(sides, found)) / len(found), 4)
    return result


def _mention(claim) -> str | None:
    return None if claim.kind == "narrator" else claim.speaker


def _table(result: dict) -> str:
    split = result["ruwa_outlet_event_split"]
    lines = [
        f"RUWA outlet-and-event split: train {', '.join(split['train_outlets'])} "
        f"({split['n_train']} rows); test {', '.join(split['test_outlets'])} on "
        f"{', '.join(split['test_events'])} ({split['n_test']} rows: {split['test_sides']})",
        f"  macro-F1   {split['macro_f1']:.3f}   (majority {split['baselines']['majority']:.3f}, "
        f"TF-IDF {split['baselines']['tfidf']:.3f}; TF-IDF over headline and lede parts "
        f"{split['baselines']['tfidf_parts']:.3f})",
        "  per side   " + "  ".join(f"{s} {f:.3f}" for s, f in split["per_side_f1"].items())
        + (f"   (macro-F1 without un {split['macro_f1_three_sides']:.3f})" if "macro_f1_three_sides" in split else ""),
        "  confusion (rows gold, columns predicted: " + ", ".join(split["confusion"]["labels"]) + ")",
    ]
    lines += [f"    {label:8s} {row}" for label, row in zip(split["confusion"]["labels"], split["confusion"]["matrix"])]
    return "\n".join(lines + [_gold_line(result["gold_no_registry"])])


def _gold_line(gold: dict) -> str:
    model_only = gold["model_only_accuracy"]
    return (
        f"gold files ({gold['matched']}/{gold['gold_claims']} claims matched): side accuracy with the registry off "
        f"for narrator claims {gold['side_accuracy']:.3f}; model alone "
        + (f"{model_only:.3f}" if model_only is not None else "n/a (no stance artifact)")
    )


@click.command(name="stance")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--no-registry", "gold_only", is_flag=True,
              help="Only the gold-file side accuracy with the registry off for narrator claims.")
def command(as_json: bool, gold_only: bool) -> None:
    """Side classifier: RUWA outlet-and-event split, baselines, gold without registry."""
    result: dict = {}
    if not gold_only:
        result["ruwa_outlet_event_split"] = ruwa_split_scores()
    result["gold_no_registry"] = gold_without_registry()
    if as_json:
        click.echo(json.dumps(result))
    else:
        click.echo(_gold_line(result["gold_no_registry"]) if gold_only else _table(result))
