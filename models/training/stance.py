"""Fit the side classifier on labelled RUWA examples (`narratives train stance` reads the
corpus, labels it with `models.training.stance_data` and calls `fit_stance`)."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from models.stance import StanceModel, StanceWeights, claim_input, normalize_text, softmax
from models.training.stance_data import RUWA_SIDES, StanceExample
from narratives.protocols import Embedder

C = 10.0
TFIDF_WEIGHT = 1.0
NGRAM_MAX = 2
MIN_DF = 3


def _fit_lr(features, labels: np.ndarray) -> LogisticRegression:
    # Balanced weights: the Russian outlets give far fewer rows than the Ukrainian ones.
    return LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(features, labels)


def _fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The temperature minimising the log-loss of out-of-fold logits (n, k)."""

    def nll(t: float) -> float:
        p = softmax(logits / t)
        return float(-np.log(p[np.arange(len(labels)), labels] + 1e-12).mean())

    return float(minimize_scalar(nll, bounds=(0.25, 10.0), method="bounded").x)


def _parts(examples: Sequence[StanceExample]) -> tuple[list[str], list[str | None], np.ndarray, np.ndarray]:
    """Each example's parts as (texts, speakers, side ids, events), one entry per part."""
    rows = [(part, e) for e in examples for part in (e.parts or (e.text,))]
    return (
        [part for part, _ in rows],
        [e.speaker for _, e in rows],
        np.array([RUWA_SIDES.index(e.side) for _, e in rows]),
        np.array([e.event for _, e in rows]),
    )


def fit_stance(examples: Sequence[StanceExample], embedder: Embedder) -> StanceModel:
    """A calibrated StanceModel learned from the parts (headline, lede) of `examples`.

    The temperature comes from leave-one-event-out predictions, so it reflects how
    confident the model may be on an event it has not seen.
    """
    texts, speakers, labels, events = _parts(examples)
    vectorizer = TfidfVectorizer(
        ngram_range=(1, NGRAM_MAX), min_df=MIN_DF, sublinear_tf=True, preprocessor=normalize_text
    ).fit([claim_input(t, s) for t, s in zip(texts, speakers)])
    untrained = StanceWeights(
        sides=RUWA_SIDES, vocabulary={term: int(i) for term, i in vectorizer.vocabulary_.items()},
        idf=vectorizer.idf_, coef=np.zeros((len(RUWA_SIDES), 0)), intercept=np.zeros(len(RUWA_SIDES)),
        temperature=1.0, tfidf_weight=TFIDF_WEIGHT, ngram_max=NGRAM_MAX,
    )
    features = StanceModel(untrained, embedder=embedder).features(texts, speakers)
    logits = np.zeros((len(texts), len(RUWA_SIDES)))
    scored = np.zeros(len(texts), dtype=bool)
    for event in sorted(set(events)):
        held = events == event
        if len(set(labels[~held])) == len(RUWA_SIDES):
            logits[held] = _fit_lr(features[~held], labels[~held]).decision_function(features[held])
            scored |= held
    temperature = _fit_temperature(logits[scored], labels[scored]) if scored.any() else 1.0
    final = _fit_lr(features, labels)
    weights = replace(untrained, coef=final.coef_, intercept=final.intercept_, temperature=temperature)
    return StanceModel(weights, embedder=embedder)


def predict_examples(model: StanceModel, examples: Sequence[StanceExample]) -> np.ndarray:
    """(n) examples -> (n, len(sides)) probabilities: the normalised geometric mean over
    each example's parts, so headline and lede vote with equal weight."""
    texts, speakers, _, _ = _parts(examples)
    log_p = np.log(model.predict_proba(texts, speakers).astype(np.float64) + 1e-12)
    owner = np.repeat(np.arange(len(examples)), [len(e.parts or (e.text,)) for e in examples])
    summed = np.zeros((len(examples), log_p.shape[1]))
    np.add.at(summed, owner, log_p)
    counts = np.bincount(owner, minlength=len(examples))[:, None]
    return softmax(summed / counts)
