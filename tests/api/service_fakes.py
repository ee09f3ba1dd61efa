"""Small deterministic stand-ins for the models, so API tests run in milliseconds.

The index is the real `NarrativeIndex`; only the embedder, the contradiction model and the
claim extractor are faked. `FakeAnalyzer` turns every sentence "<Speaker> said <content>."
into a claim; the speaker's first word picks the side (Russian/Ukrainian/UN).
"""
from __future__ import annotations

import hashlib
import re
from typing import Sequence

import numpy as np

from narratives.config import Settings
from narratives.index.narrative_index import IndexTuning, NarrativeIndex
from narratives.ingest.headlines import article_incident_date
from narratives.storage import Store
from narratives.types import Article, ArticleAnalysis, Claim, Span
from service.narrative_service import NarrativeService

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_SAID = re.compile(r"(?P<speaker>[A-Z][\w ]{0,60}?) (?P<cue>said|denied) (?:that )?(?P<content>[^.!?]+)")
_SIDES = {"russian": "russia", "ukrainian": "ukraine", "un": "un"}
_WORD = re.compile(r"\w+")


class FakeEmbedder:
    dim = 64

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-6)
        return out


class FakeContradiction:
    """Contradiction when exactly one side of the pair says "not" or "no"."""

    labels = ("entailment", "neutral", "contradiction")

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        rows = []
        for a, b in pairs:
            neg_a = bool(re.search(r"\b(not|no)\b", a.lower()))
            neg_b = bool(re.search(r"\b(not|no)\b", b.lower()))
            rows.append([0.05, 0.05, 0.9] if neg_a != neg_b else [0.6, 0.35, 0.05])
        return np.asarray(rows, dtype=np.float32)


class FakeAnalyzer:
    def analyze(self, articles: Sequence[Article]) -> list[ArticleAnalysis]:
        return [ArticleAnalysis(a, tuple(self._claims(a))) for a in articles]

    def _claims(self, article: Article) -> list[Claim]:
        claims = []
        for sentence in _SENTENCE.finditer(article.text):
            match = _SAID.search(sentence.group())
            if not match:
                continue
            base = sentence.start()
            speaker = match.group("speaker")
            side = _SIDES.get(speaker.split()[0].lower(), "other")
            s, e = base + match.start("content"), base + match.end("content")
            claims.append(
                Claim(
                    id=f"{article.id}-{len(claims)}",
                    article_id=article.id,
                    text=article.text[s:e],
                    start=s,
                    end=e,
                    content_spans=(Span(s, e),),
                    sentence=Span(sentence.start(), sentence.end()),
                    speaker=speaker,
                    speaker_start=base + match.start("speaker"),
                    speaker_end=base + match.end("speaker"),
                    cue=match.group("cue"),
                    cue_start=base + match.start("cue"),
                    cue_end=base + match.end("cue"),
                    kind="indirect",
                    side=side,
                    side_confidence=0.9,
                    side_evidence=f"fake: {speaker.split()[0]}",
                    side_decided_by="registry",
                    published=article.published,
                    incident_date=article_incident_date(article),
                )
            )
        return claims


def fake_service(
    database_url: str, *, models: bool = True, tuning: IndexTuning | None = None, **settings_overrides: object
) -> NarrativeService:
    """A service over a real store and index with fake models (`models=False`: none loaded);
    `tuning` is the index's, `settings_overrides` are `Settings` fields."""
    settings = Settings(database_url=database_url, **settings_overrides)
    embedder, contradiction = FakeEmbedder(), FakeContradiction()

    def index_factory() -> NarrativeIndex:
        return NarrativeIndex(embedder=embedder, contradiction=contradiction, settings=settings, tuning=tuning)

    return NarrativeService(
        store=Store.open(database_url),
        settings=settings,
        analyzer=FakeAnalyzer() if models else None,
        index_factory=index_factory if models else None,
        unavailable={} if models else {"index": "contradiction model not installed: pip install narratives-nli"},
    )


def article(n: int = 0, *, published: str = "2023-12-30", agree: bool = False) -> dict[str, str]:
    """A small article whose two claims (Russian, Ukrainian) dispute each other, or agree."""
    verb = "was" if agree else "was not"
    return {
        "title": f"Strike report {n}",
        "outlet": "Wire",
        "published": published,
        "text": (
            f"Report number {n} from Kharkiv.\n"
            f"Russian Defense Ministry said the strike on Kharkiv hit military targets in round {n}.\n"
            f"Ukrainian intelligence said the strike on Kharkiv {verb} aimed at military targets in round {n}."
        ),
    }


PROBLEM_KEYS = {"type", "title", "status", "detail", "code"}


def assert_problem(response, status: int) -> dict:
    """`response` is an application/problem+json body with the given status."""
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert PROBLEM_KEYS <= set(body), body
    assert body["status"] == status and body["code"] and body["detail"]
    return body
