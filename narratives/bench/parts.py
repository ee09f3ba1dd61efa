"""The product's own components, loaded the way `narratives analyze` loads them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from narratives.config import Settings
from narratives.index.narrative_index import NarrativeIndex
from narratives.ingest.articles import build_article
from narratives.pipeline import Analyzer
from narratives.types import Article


@dataclass
class Parts:
    analyzer: Analyzer
    index: NarrativeIndex


_shared: dict[str, Any] | None = None


def share_models() -> None:
    """Let every case of this process reuse one set of loaded models (the in-process quick
    run); by default each call loads its own, as a fresh process would."""
    global _shared
    _shared = {}


def sharing_models() -> bool:
    return _shared is not None


def _model(key: str, build: Callable[[], Any]) -> Any:
    if _shared is None:
        return build()
    if key not in _shared:
        _shared[key] = build()
    return _shared[key]


def load_contradiction() -> Any:
    from narratives.composition import load_contradiction_model

    return _model("contradiction", load_contradiction_model)


def load_parts(settings: Settings) -> Parts:
    """The real analyzer and an empty index with the real embedder and contradiction model,
    built as `narratives.composition.load_index` and `narratives analyze` build them."""
    from narratives.composition import load_analyzer, load_embedder

    analyzer = _model("analyzer", lambda: load_analyzer(settings))
    embedder = _model("embedder", lambda: load_embedder(settings))
    index = NarrativeIndex(embedder=embedder, contradiction=load_contradiction(), settings=settings)
    return Parts(analyzer=analyzer, index=index)


class FreshEmbedder:
    """A MiniLM embedder of its own, loaded on first use (only if a cache must be built), so
    texts it embeds never warm the cache of the embedder being measured."""

    dim = 384

    def __init__(self, threads: int) -> None:
        self._threads = threads
        self._inner: Any = None

    def embed(self, texts: Sequence[str]) -> Any:
        if self._inner is None:
            from narratives.composition import new_embedder

            self._inner = new_embedder(threads=self._threads)
        return self._inner.embed(texts)


def build_articles(records: Sequence[dict[str, Any]]) -> list[Article]:
    """Ingest, keeping the benchmark's own `event` key out of the article."""
    return [build_article({k: v for k, v in r.items() if k != "event"}) for r in records]


WARM_UP_TEXT = "The ministry said on Monday that the bridge had been hit by two missiles."


def warm_up(*, nlp: Any, embedder: Any = None, contradiction: Any = None, side_classifier: Any = None,
            tagger: Any = None) -> None:
    """One tiny call into each model, so one-off start-up costs (lazy weights, kernel
    selection) are not charged to the first timed batch of any case."""
    doc = nlp(WARM_UP_TEXT)
    if embedder is not None:
        embedder.embed([WARM_UP_TEXT + " (warm-up)"])
    if contradiction is not None:
        contradiction.predict([(WARM_UP_TEXT, "No bridge was hit.")])
    if side_classifier is not None:
        side_classifier.predict_proba([WARM_UP_TEXT], [None])
    if tagger is not None:
        tagger.extract(doc)


def warm_up_parts(parts: Parts) -> None:
    analyzer = parts.analyzer
    warm_up(nlp=analyzer.nlp, embedder=parts.index.embedder, contradiction=parts.index.contradiction,
            side_classifier=analyzer.side_classifier, tagger=analyzer.tagger)
