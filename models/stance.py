"""The side (stance) classifier: which side's voice a claim is in.

Features for a claim text and its speaker mention (n claims):
  [ claim-text embedding (n, 384) | speaker-mention embedding (n, 384) |
    framing and speaker lexicon (n, 7) | weighted TF-IDF ]
(the speaker embedding is zero when the text itself names the speaker; the lexicon and
TF-IDF read `speaker: claim`)
and a multinomial logistic regression over them, temperature-calibrated. The artifact is
plain arrays and JSON (no pickles): `stance.npz` (coef, intercept, idf) and
`stance.json` (sides, vocabulary, settings).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from models.stance_lexicon import lexicon_features
from narratives.errors import ModelUnavailableError
from narratives.protocols import Embedder

ARTIFACT_ARRAYS = "stance.npz"
ARTIFACT_META = "stance.json"

# Outlet names and numbers say which outlet wrote a text, not which side it speaks for.
_OUTLET_NAMES = re.compile(
    r"\b(?:rt|tass|ukrinform|censor\.net|censor|reuters|bbc|al jazeera|aljazeera|nbc news|nbc"
    r"|msnbc|news front|news-front)\b"
)
_DIGITS = re.compile(r"\d+")


def normalize_text(text: str) -> str:
    """Lowercase, drop outlet names, collapse numbers to "0"."""
    return _DIGITS.sub("0", _OUTLET_NAMES.sub(" ", text.lower()))


def claim_input(text: str, speaker: str | None) -> str:
    """What the text features see: the speaker mention, then the claim text (the text
    alone when it already names the speaker, as headlines do)."""
    if not speaker or speaker.lower() in text.lower():
        return text
    return f"{speaker}: {text}"


@dataclass(frozen=True)
class StanceWeights:
    """Everything the classifier learned. Shapes: coef (k, d), intercept (k,), idf (v,)."""

    sides: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    temperature: float
    tfidf_weight: float
    ngram_max: int


class TfidfFeaturizer:
    """Sublinear TF-IDF over normalised text with a fixed vocabulary, rows L2-normalised."""

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray, *, ngram_max: int) -> None:
        self._counts = CountVectorizer(
            vocabulary=vocabulary, ngram_range=(1, ngram_max), preprocessor=normalize_text
        )
        self._idf = sparse.diags(idf.astype(np.float64))

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        counts = self._counts.transform(list(texts)).astype(np.float64)
        counts.data = 1.0 + np.log(counts.data)
        return normalize(counts @ self._idf).tocsr()


def stance_features(
    texts: Sequence[str],
    speakers: Sequence[str | None],
    *,
    embedder: Embedder,
    tfidf: TfidfFeaturizer,
    tfidf_weight: float,
) -> sparse.csr_matrix:
    """(n) texts and speakers -> (n, embedder.dim + 7 + vocabulary size) features."""
    joined = [claim_input(t, s) for t, s in zip(texts, speakers)]
    # The claim text is embedded alone, as the index embeds it, so a shared embedder
    # computes it once; speaker mentions repeat, so their embeddings are mostly cached.
    mentioned = [i for i, (t, j) in enumerate(zip(texts, joined)) if j != t]
    speaker_vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    if mentioned:
        speaker_vectors[mentioned] = embedder.embed([speakers[i] for i in mentioned])
    dense = np.hstack([embedder.embed(list(texts)), speaker_vectors, lexicon_features(joined, list(speakers))])
    return sparse.hstack([sparse.csr_matrix(dense), tfidf_weight * tfidf.transform(joined)]).tocsr()


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


class StanceModel:
    """Implements `narratives.protocols.SideClassifier` over the shipped weights."""

    def __init__(self, weights: StanceWeights, *, embedder: Embedder | None = None) -> None:
        self.sides = weights.sides
        self.weights = weights
        self._embedder = embedder
        self._tfidf = TfidfFeaturizer(weights.vocabulary, weights.idf, ngram_max=weights.ngram_max)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            from models.embedder import MiniLMEmbedder

            self._embedder = MiniLMEmbedder()
        return self._embedder

    def features(self, texts: Sequence[str], speakers: Sequence[str | None]) -> sparse.csr_matrix:
        return stance_features(
            texts, speakers, embedder=self.embedder, tfidf=self._tfidf,
            tfidf_weight=self.weights.tfidf_weight,
        )

    def predict_proba(self, texts: Sequence[str], speakers: Sequence[str | None]) -> np.ndarray:
        """Claim texts and speaker mentions (n) -> calibrated probabilities (n, len(sides))."""
        if len(texts) != len(speakers):
            raise ValueError(f"{len(texts)} texts but {len(speakers)} speakers")
        if not texts:
            return np.zeros((0, len(self.sides)), dtype=np.float32)
        logits = self.features(texts, speakers) @ self.weights.coef.T + self.weights.intercept
        return softmax(np.asarray(logits) / self.weights.temperature).astype(np.float32)

    def save(self, artifact_dir: Path) -> list[Path]:
        """Write the artifact files; returns their paths."""
        artifact_dir.mkdir(parents=True, exist_ok=True)
        w = self.weights
        arrays = artifact_dir / ARTIFACT_ARRAYS
        meta = artifact_dir / ARTIFACT_META
        np.savez_compressed(
            arrays, coef=w.coef.astype(np.float32), intercept=w.intercept.astype(np.float32),
            idf=w.idf.astype(np.float32),
        )
        meta.write_text(
            json.dumps(
                {"sides": list(w.sides), "temperature": w.temperature, "tfidf_weight": w.tfidf_weight,
                 "ngram_max": w.ngram_max, "embedder": "all-MiniLM-L6-v2",
                 "vocabulary": sorted(w.vocabulary, key=w.vocabulary.__getitem__)},
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        return [arrays, meta]


def load_stance_model(artifact_dir: Path, *, embedder: Embedder | None = None) -> StanceModel | None:
    """The shipped classifier, or None when `artifact_dir` holds no artifact.

    The MiniLM embedder is loaded on first use unless one is passed in.
    """
    arrays, meta = artifact_dir / ARTIFACT_ARRAYS, artifact_dir / ARTIFACT_META
    if not arrays.is_file() or not meta.is_file():
        return None
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        with np.load(arrays, allow_pickle=False) as data:
            weights = StanceWeights(
                sides=tuple(info["sides"]),
                vocabulary={term: i for i, term in enumerate(info["vocabulary"])},
                idf=data["idf"], coef=data["coef"].astype(np.float64),
                intercept=data["intercept"].astype(np.float64),
                temperature=float(info["temperature"]), tfidf_weight=float(info["tfidf_weight"]),
                ngram_max=int(info["ngram_max"]),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise ModelUnavailableError(
            f"the stance artifact in {artifact_dir} is unreadable ({exc}): run `narratives train stance`"
        ) from exc
    return StanceModel(weights, embedder=embedder)
