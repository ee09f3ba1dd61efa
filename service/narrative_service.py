"""The one object behind the API and the web page: analyzer + index + store, per process.

Reads go straight to the store (SQL). The store is also the source of truth for events
and pairs: a write analyses the new articles, then, under a lock held across processes
(`Store.write_lock`), reads the date window they can touch from the store into a fresh
index (`narratives.index.windowed.WindowedIndex`), lets it join the articles to events
and pair them, and persists what it reported in one transaction. No worker holds the
whole index, nothing in memory can run ahead of the database, and what another worker
committed is seen by the next read of the window.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol, Sequence

from narratives.config import Settings
from narratives.errors import InputError, ModelUnavailableError, NarrativesError, RequestTooLargeError
from narratives.index.windowed import WindowedIndex
from narratives.ingest.articles import build_article
from narratives.storage import Store
from narratives.storage.window import WindowReader
from narratives.types import Article, ArticleAnalysis, Claim, ClaimPair, Event
from service.jobs import Job, JobQueue

MAX_BATCH = 100
METADATA_FIELDS = ("title", "url", "outlet", "published", "language")


class Analyzer(Protocol):
    def analyze(self, articles: Sequence[Article]) -> list[ArticleAnalysis]: ...


class Index(Protocol):
    """What the service asks of an index: `NarrativeIndex` for scratch analyses, and the
    models and knobs the service's `WindowedIndex` is built with."""

    embedder: Any  # has `dim`
    contradiction: Any
    settings: Settings | None
    tuning: Any
    claims: Mapping[str, Claim]
    events: Mapping[str, Event]
    pairs: Mapping[str, ClaimPair]

    def add(self, analyses: Sequence[ArticleAnalysis]) -> Any: ...

    def article(self, article_id: str) -> Article: ...


class InvalidArticlesError(InputError):
    """One or more articles of a request were rejected; `errors` lists them by field."""

    def __init__(self, message: str, errors: list[dict[str, str]]) -> None:
        super().__init__(message)
        self.errors = errors
        self.code = errors[0]["code"] if len({e["code"] for e in errors}) == 1 else "invalid_input"


@dataclass(frozen=True)
class PostedArticle:
    article: Article
    duplicate: bool
    claims: list[Claim]
    pairs: list[ClaimPair]
    # On a duplicate: the posted metadata fields that differ from the stored article,
    # whose values are kept (the id is the text's hash, so the text is the same).
    ignored_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """`POST /analyze`: the batch result, nothing stored; the articles carry their
    `event_id` and `event_ids`."""

    articles: list[Article]
    claims: list[Claim]
    events: list[Event]
    pairs: list[ClaimPair]


@dataclass
class NarrativeService:
    store: Store
    settings: Settings
    analyzer: Analyzer | None = None
    index_factory: Callable[[], Index] | None = None
    registry: Any = None
    # component name -> why it is not ready; empty when everything loaded
    unavailable: dict[str, str] = field(default_factory=dict)
    index: WindowedIndex | None = field(default=None, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    jobs: JobQueue = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.jobs = JobQueue(self._run_job, capacity=self.settings.job_queue_size)
        if self.index_factory is not None:
            like = self.index_factory()
            self.index = WindowedIndex(
                WindowReader(self.store, cache_claims=self.settings.index_cache_claims),
                embedder=like.embedder, contradiction=like.contradiction, settings=like.settings, tuning=like.tuning,
            )

    # ---- readiness -----------------------------------------------------------------------
    def readiness(self) -> dict[str, str]:
        """Component -> "ok" or the reason it is not ready."""
        status = dict(self.unavailable)
        status["analyzer"] = "ok" if self.analyzer is not None else self.unavailable.get("analyzer", "not loaded")
        status["index"] = "ok" if self.index is not None else self.unavailable.get("index", "not loaded")
        try:
            self.store.ping()
            status["store"] = "ok"
        except Exception as exc:  # any driver error means "not ready", with its message
            status["store"] = f"{type(exc).__name__}: {exc}"
        return status

    def _require_models(self) -> tuple[Analyzer, WindowedIndex]:
        if self.analyzer is None or self.index is None:
            reasons = "; ".join(f"{k}: {v}" for k, v in self.unavailable.items()) or "models not loaded"
            raise ModelUnavailableError(f"analysis is unavailable ({reasons})")
        return self.analyzer, self.index

    # ---- writes --------------------------------------------------------------------------
    def build_articles(self, records: Sequence[Mapping[str, Any]], *, sync: bool = True) -> list[Article]:
        """Ingest every record or raise `InvalidArticlesError` naming each bad field; for a
        synchronous request (`sync`) also `RequestTooLargeError` beyond its limits."""
        if len(records) > MAX_BATCH:
            raise InputError(f"at most {MAX_BATCH} articles per request; got {len(records)}")
        articles, errors = [], []
        for i, record in enumerate(records):
            try:
                articles.append(build_article(record, max_chars=self.settings.max_chars))
            except NarrativesError as exc:
                prefix = f"{i}." if len(records) > 1 else ""
                errors.append({"field": prefix + (exc.field or "text"), "code": exc.code, "message": exc.message})
        if errors:
            raise InvalidArticlesError("; ".join(e["message"] for e in errors), errors)
        if sync:
            self._check_sync_size(articles)
        return articles

    def _check_sync_size(self, articles: Sequence[Article]) -> None:
        """One request analyses at most `max_sync_chars` per article and
        `max_request_chars` in all: beyond that the work would hold a worker for minutes."""
        per_article, per_request = self.settings.max_sync_chars, self.settings.max_request_chars
        errors = [
            {"field": f"{i}.text" if len(articles) > 1 else "text", "code": RequestTooLargeError.code,
             "message": f"the article text has {len(a.text)} characters; one request analyses at most {per_article}"}
            for i, a in enumerate(articles) if len(a.text) > per_article
        ]
        total = sum(len(a.text) for a in articles)
        if errors or total > per_request:
            detail = errors[0]["message"] if errors else f"the articles have {total} characters together; one request analyses at most {per_request}"
            raise RequestTooLargeError(
                f"{detail}. POST it to /api/v1/jobs to have it analysed in the background, or split it",
                errors=errors or [{"field": "body", "code": RequestTooLargeError.code, "message": detail}],
            )

    def post_articles(self, records: Sequence[Mapping[str, Any]], *, sync: bool = True) -> list[PostedArticle]:
        """Analyse and store new articles; already stored ones come back as duplicates."""
        articles = self.build_articles(records, sync=sync)
        analyzer, index = self._require_models()
        known = self.store.existing_article_ids(a.id for a in articles)
        fresh = list({a.id: a for a in articles if a.id not in known}.values())
        # Analysis touches no shared state, so concurrent posts overlap here, outside the lock.
        analyses = analyzer.analyze(fresh) if fresh else []
        created: dict[str, PostedArticle] = {}
        with self._lock, self.store.write_lock():
            stored_meanwhile = self.store.existing_article_ids(a.id for a in fresh)
            analyses = [a for a in analyses if a.article.id not in stored_meanwhile]
            if analyses:
                changes = index.add(analyses)
                self.store.save(analyses, changes)
                for analysis in analyses:
                    claims = [c for c in changes.claims if c.article_id == analysis.article.id]
                    ids = {c.id for c in claims}
                    pairs = [p for p in changes.pairs if p.a in ids or p.b in ids]
                    created[analysis.article.id] = PostedArticle(analysis.article, False, claims, pairs)
        results = []
        for article in articles:
            posted = created.pop(article.id, None)
            results.append(posted or self._stored(article))
        return results

    def submit_job(self, records: Sequence[Mapping[str, Any]]) -> Job:
        """Queue `records` for analysis in the background, once they pass ingest."""
        self.build_articles(records, sync=False)
        self._require_models()
        return self.jobs.submit(records)

    def _run_job(self, records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        return [
            {"id": p.article.id, "duplicate": p.duplicate, "claims": len(p.claims), "pairs": len(p.pairs)}
            for p in self.post_articles(records, sync=False)
        ]

    def _stored(self, posted: Article) -> PostedArticle:
        stored = self.store.get_article(posted.id)
        claims = self.store.article_claims(posted.id)
        pairs = self.store.pairs_touching([c.id for c in claims]) if claims else []
        ignored = tuple(
            name for name in METADATA_FIELDS
            if getattr(posted, name) is not None and getattr(posted, name) != getattr(stored, name)
        )
        return PostedArticle(stored, True, claims, pairs, ignored)

    def delete_article(self, article_id: str) -> None:
        self.store.get_article(article_id)  # 404 before touching anything
        _, index = self._require_models()
        with self._lock, self.store.write_lock():
            article = self.store.get_article(article_id)  # 404 if another worker deleted it meanwhile
            changes = index.remove_article(article, self.store.article_claims(article_id))
            self.store.delete_article(article_id, changes)

    def analyze(self, records: Sequence[Mapping[str, Any]]) -> Analysis:
        """The batch result for `records` in a scratch index; nothing is stored."""
        articles = list({a.id: a for a in self.build_articles(records)}.values())
        analyzer, _ = self._require_models()
        assert self.index_factory is not None
        scratch = self.index_factory()
        scratch.add(analyzer.analyze(articles))
        return Analysis(
            [scratch.article(a.id) for a in articles],
            list(scratch.claims.values()), list(scratch.events.values()), list(scratch.pairs.values()),
        )


def build_service(
    settings: Settings, *, analyzer: Analyzer | None, registry: Any, embedder: Any, contradiction: Any
) -> NarrativeService:
    """A service over `settings`' store with already-loaded models (tests share them)."""
    from narratives.index.narrative_index import NarrativeIndex
    from narratives.storage import Store

    def index_factory() -> Index:
        return NarrativeIndex(embedder=embedder, contradiction=contradiction, settings=settings)

    return NarrativeService(
        store=Store.open(settings.effective_database_url),
        settings=settings,
        analyzer=analyzer,
        index_factory=index_factory,
        registry=registry,
    )


def load_service(settings: Settings) -> NarrativeService:
    """The real service: store migrated and opened, models loaded once.

    A missing model does not stop start-up: the service serves what is stored, `/readyz`
    names the missing part and writes answer 503 until it is installed.
    """
    from narratives.composition import load_analyzer, load_contradiction_model, load_embedder
    from narratives.sides.registry import load_registry

    unavailable: dict[str, str] = {}
    analyzer = registry = embedder = contradiction = None
    try:
        registry = load_registry(settings.registry)
        analyzer = load_analyzer(settings)
    except NarrativesError as exc:
        unavailable["analyzer"] = exc.message
    try:
        embedder = load_embedder(settings)
        contradiction = load_contradiction_model(settings)
    except ModelUnavailableError as exc:
        unavailable["index"] = exc.message
    if not unavailable:
        return build_service(settings, analyzer=analyzer, registry=registry, embedder=embedder, contradiction=contradiction)
    return NarrativeService(
        store=Store.open(settings.effective_database_url),
        settings=settings,
        analyzer=analyzer,
        index_factory=None,
        registry=registry,
        unavailable=unavailable,
    )
