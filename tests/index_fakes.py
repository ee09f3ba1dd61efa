"""Hand-built claims and small fakes for the events / pairing / index tests."""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from typing import Sequence

import numpy as np

from narratives.types import Article, ArticleAnalysis, Claim, Span

DAY = dt.date(2023, 12, 31)
_SENTENCES = itertools.count(0, 100_000)


def _own_sentence(length: int) -> Span:
    start = next(_SENTENCES)
    return Span(start, start + length)


def claim(
    cid: str,
    text: str,
    side: str,
    *,
    article: str = "art-1",
    cue: str | None = "said",
    kind: str = "indirect",
    speaker: str | None = None,
    published: dt.date | None = DAY,
    decided_by: str = "registry",
) -> Claim:
    return Claim(
        id=cid, article_id=article, text=text, start=0, end=len(text),
        # Each claim its own sentence: claims of one sentence pair only through `answers`.
        content_spans=(Span(0, len(text)),), sentence=_own_sentence(len(text)),
        speaker=speaker or f"{side} speaker", speaker_start=None, speaker_end=None,
        cue=cue, cue_start=None, cue_end=None, kind=kind,  # type: ignore[arg-type]
        side=side, side_confidence=1.0, side_evidence="test", side_decided_by=decided_by,  # type: ignore[arg-type]
        published=published,
    )


def analysis(
    article_id: str, claims: Sequence[Claim], published: dt.date | None = DAY, *, title: str | None = None, outlet: str | None = None
) -> ArticleAnalysis:
    """An article whose sentences are its claims' texts (so its lede is the first three)."""
    text = ". ".join(c.text for c in claims)
    return ArticleAnalysis(Article(id=article_id, text=text, published=published, title=title, outlet=outlet), tuple(claims))


class BagOfWordsEmbedder:
    """Hashed bag of lower-cased words, L2-normalised: texts sharing words are close."""

    dim = 64

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                if len(word) > 3:
                    out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
            norm = np.linalg.norm(out[i])
            out[i] = out[i] / norm if norm else out[i]
        return out


class TableContradiction:
    """Returns fixed probabilities for listed (premise, hypothesis) texts, neutral otherwise.

    `labels` deliberately not in the usual order, so code must read it.
    """

    labels = ("contradiction", "entailment", "neutral")

    def __init__(self, table: dict[tuple[str, str], tuple[float, float, float]] | None = None) -> None:
        self.table = table or {}
        self.seen: list[tuple[str, str]] = []

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        self.seen.extend(pairs)
        return np.array([self.table.get(p, (0.05, 0.05, 0.9)) for p in pairs], dtype=np.float32).reshape(-1, 3)
