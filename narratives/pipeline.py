"""The per-article half of the pipeline: article -> parsed doc -> attributed claims with sides.

Events and pairing (which need the other articles) live in `narratives.index.narrative_index`.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from queue import Empty, Queue
from typing import Iterable, Iterator, Sequence, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from narratives.attribution.claims import FoundClaims, build_claims, find_claims
from narratives.errors import NarrativesError, TooManyClaimsError
from narratives.ingest.boilerplate import caption_spans
from narratives.protocols import Embedder, SideClassifier
from narratives.sides.assign import assign_sides_many
from narratives.sides.registry import Registry
from narratives.types import Article, ArticleAnalysis

T = TypeVar("T")


@dataclass(frozen=True)
class RefusedArticle:
    """An article the analyzer refuses (over `max_claims_per_article`), with the error a
    single request would raise; a batch reports it as a failure and goes on."""

    article: Article
    error: NarrativesError


Outcome = ArticleAnalysis | RefusedArticle


@dataclass
class Analyzer:
    """Turns articles into claims. Batch-first: `analyze` parses with `nlp.pipe`."""

    nlp: Language
    registry: Registry
    side_classifier: SideClassifier | None = None
    tagger: object | None = None  # learned attributions: `extract_many(docs)` (grouping.TaggedAttributions)
    # The embedder the side classifier and the index share: a batch's claim texts are
    # embedded in one length-sorted call, then found in its cache.
    embedder: Embedder | None = None
    batch_size: int = 32
    # Parse the next batch in a thread while the models work on this one: spaCy runs on
    # the core torch leaves free (`Settings.threads`), so parsing mostly hides behind them.
    parse_ahead: bool = True
    # An article with more attributed statements than this is rejected (TooManyClaimsError)
    # before any model work on them: it bounds the embedding, pairing and storage per article.
    max_claims_per_article: int | None = None

    def analyze(self, articles: Sequence[Article]) -> list[ArticleAnalysis]:
        """The analyses of `articles`, in order; raises the error of the first refused one."""
        return list(self.iter_analyze(articles))

    def iter_analyze(self, articles: Iterable[Article]) -> Iterator[ArticleAnalysis]:
        for outcome in self.iter_outcomes(articles):
            if isinstance(outcome, RefusedArticle):
                raise outcome.error
            yield outcome

    def outcomes(self, articles: Sequence[Article]) -> list[Outcome]:
        """Each article's analysis, or its refusal, in order (the batch form that goes on)."""
        return list(self.iter_outcomes(articles))

    def iter_outcomes(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        articles = list(articles)
        # Sorting by length keeps spaCy's and the tagger's batches even; results come back
        # in input order.
        order = sorted(range(len(articles)), key=lambda i: len(articles[i].text))
        results: dict[int, Outcome] = {}
        docs = self.nlp.pipe((articles[i].text for i in order), batch_size=self.batch_size)
        chunks = _chunks(zip(order, docs), self.batch_size)
        if self.parse_ahead and len(articles) > self.batch_size:
            chunks = _ahead(chunks)
        for chunk in chunks:
            analyses = self.analyze_parsed([articles[i] for i, _ in chunk], [doc for _, doc in chunk])
            results.update((i, analysis) for (i, _), analysis in zip(chunk, analyses))
        for i in range(len(articles)):
            yield results[i]

    def analyze_parsed(self, articles: Sequence[Article], docs: Sequence[Doc]) -> list[Outcome]:
        """One batch of parsed articles (`docs[i]` is the parse of `articles[i].text`):
        the tagger, the claim texts' embeddings and the side classifier each run once for
        the whole batch; an article over the claim limit is refused before that model work."""
        learned = self.tagger.extract_many(docs) if self.tagger else [None] * len(docs)
        articles = [with_captions(article, doc) for article, doc in zip(articles, docs)]
        found = [
            find_claims(doc, article, registry=self.registry, learned=tagged)
            for article, doc, tagged in zip(articles, docs, learned)
        ]
        refusals = [self._refusal(article, len(f.questions)) for article, f in zip(articles, found)]
        kept = [i for i, refusal in enumerate(refusals) if refusal is None]
        analyses = iter(self._claims_with_sides([articles[i] for i in kept], [docs[i] for i in kept], [found[i] for i in kept]))
        return [refusal or next(analyses) for refusal in refusals]

    def _claims_with_sides(self, articles: Sequence[Article], docs: Sequence[Doc], found: Sequence[FoundClaims]) -> list[ArticleAnalysis]:
        if self.embedder is not None:
            self.embedder.embed([q.text for f in found for q in f.questions])
        sides = assign_sides_many(
            [(f.questions, (article.outlet, article.url)) for article, f in zip(articles, found)],
            registry=self.registry,
            side_classifier=self.side_classifier,
        )
        return [
            ArticleAnalysis(article=article, claims=tuple(build_claims(f, doc, article, article_sides)))
            for article, doc, f, article_sides in zip(articles, docs, found, sides)
        ]

    def _refusal(self, article: Article, count: int) -> RefusedArticle | None:
        limit = self.max_claims_per_article
        if limit is None or count <= limit:
            return None
        return RefusedArticle(article, TooManyClaimsError(
            f"article {article.id} yields {count} attributed statements; the limit is {limit} per article. "
            "Split the article or raise NARRATIVES_MAX_CLAIMS_PER_ARTICLE",
            field="text",
        ))


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ahead(items: Iterator[T], depth: int = 1) -> Iterator[T]:
    """`items`, produced in a background thread up to `depth` items ahead of the consumer.
    An error in the producer is raised in the consumer; a consumer that stops early
    stops the producer at its next item."""
    done = object()
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                queue.put(item)
                if stop.is_set():
                    return
            queue.put(done)
        except BaseException as exc:  # handed to the consumer, which re-raises it
            queue.put(exc)

    worker = threading.Thread(target=produce, name="parse-ahead", daemon=True)
    worker.start()
    try:
        while (item := queue.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            try:
                queue.get(timeout=0.05)
            except Empty:
                pass
        worker.join()


def with_captions(article: Article, doc: Doc) -> Article:
    """The article with photo captions (found on the parse) added to its boilerplate; its
    headline is none, though it has no finite verb ("Trial of Azovstal's Ukranazis
    inevitable – Pushylin" reads like a photo credit)."""
    headline = article.headline_span()
    captions = [c for c in caption_spans(doc) if headline is None or not c.overlaps(headline)]
    found = set(article.boilerplate) | set(captions)
    return replace(article, boilerplate=tuple(sorted(found)))
