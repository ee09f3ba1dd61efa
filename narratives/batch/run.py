"""Batch analysis: input records -> analysed articles -> events and pairs -> output files.

Failures are reported per article (in the summary and `failures.jsonl`), never dropped
silently and never fatal to the batch.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol, TextIO

from narratives.batch.report import render_report
from narratives.errors import NarrativesError
from narratives.index.narrative_index import NarrativeIndex
from narratives.ingest.articles import build_article
from narratives.ingest.inputs import InputRecord
from narratives.pipeline import Analyzer, Outcome, RefusedArticle
from narratives.serialize import to_dict
from narratives.types import Article, ArticleAnalysis, ArticleFailure

OUTPUT_FILES = ("articles.jsonl", "claims.jsonl", "events.jsonl", "pairs.jsonl", "failures.jsonl", "report.html")


class ChunkAnalyzer(Protocol):
    """Runs the per-article half of the pipeline over chunks of articles: one list of
    outcomes (an analysis, or the refusal of an article over the claim limit) per chunk, in
    the chunks' order (the local engine or `narratives.batch.ray_engine`)."""

    def analyze_chunks(self, chunks: Iterable[list[Article]]) -> Iterator[list[Outcome]]: ...


@dataclass(frozen=True)
class LocalEngine:
    """The default engine: the chunks one after another in this process."""

    analyzer: Analyzer

    def analyze_chunks(self, chunks: Iterable[list[Article]]) -> Iterator[list[Outcome]]:
        return map(self.analyzer.outcomes, chunks)


@dataclass
class BatchSummary:
    articles: int = 0
    duplicates: int = 0
    claims: int = 0
    events: int = 0
    pairs: int = 0
    relations: Counter[str] = field(default_factory=Counter)
    failures: list[ArticleFailure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "duplicates": self.duplicates,
            "claims": self.claims,
            "events": self.events,
            "pairs": self.pairs,
            "relations": dict(self.relations),
            "failures": len(self.failures),
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.articles_per_second, 2),
        }


def _write_jsonl(handle: TextIO, data: dict[str, object]) -> None:
    handle.write(json.dumps(data, ensure_ascii=False) + "\n")


class BatchRun:
    """One `narratives analyze` run writing into `out_dir`.

    Articles reach `index.add` in input order and in the same chunks whatever the engine,
    so every engine writes the same files."""

    def __init__(self, *, engine: ChunkAnalyzer, index: NarrativeIndex, out_dir: Path, chunk_size: int = 256) -> None:
        self.engine = engine
        self.index = index
        self.out_dir = out_dir
        self.chunk_size = chunk_size
        self.summary = BatchSummary()
        self._seen: set[str] = set()
        self._sources: dict[str, str] = {}  # article id -> where it was read from
        self._articles: list[Article] = []

    def run(
        self,
        items: Iterable[InputRecord | ArticleFailure],
        *,
        on_progress: Callable[[int], None] = lambda n: None,
    ) -> BatchSummary:
        started = time.perf_counter()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with (self.out_dir / "failures.jsonl").open("w", encoding="utf-8") as failures:
            for outcomes in self.engine.analyze_chunks(self._chunks(items, failures, on_progress)):
                self._add(outcomes, failures)
        self._write_outputs()
        self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _chunks(
        self, items: Iterable[InputRecord | ArticleFailure], failures: TextIO, on_progress: Callable[[int], None]
    ) -> Iterator[list[Article]]:
        chunk: list[Article] = []
        for item in items:
            article = self._admit(item, failures)
            on_progress(1)
            if article is not None:
                chunk.append(article)
            if len(chunk) >= self.chunk_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _admit(self, item: InputRecord | ArticleFailure, failures: TextIO) -> Article | None:
        if isinstance(item, InputRecord):
            try:
                article = build_article(item.record)
            except NarrativesError as exc:
                item = ArticleFailure(item.source, exc.code, exc.message)
            else:
                if article.id in self._seen:
                    self.summary.duplicates += 1
                    return None
                self._seen.add(article.id)
                self._sources[article.id] = item.source
                return article
        self._fail(item, failures)
        return None

    def _fail(self, failure: ArticleFailure, failures: TextIO) -> None:
        self.summary.failures.append(failure)
        _write_jsonl(failures, to_dict(failure))

    def _add(self, outcomes: list[Outcome], failures: TextIO) -> None:
        analyses: list[ArticleAnalysis] = []
        for outcome in outcomes:
            if isinstance(outcome, RefusedArticle):
                error = outcome.error
                self._fail(ArticleFailure(self._sources[outcome.article.id], error.code, error.message), failures)
            else:
                analyses.append(outcome)
        self.index.add(analyses)
        self._articles.extend(a.article for a in analyses)
        self.summary.articles += len(analyses)

    def _write_outputs(self) -> None:
        index = self.index
        claim_counts = Counter(c.article_id for c in index.claims.values())
        with (self.out_dir / "articles.jsonl").open("w", encoding="utf-8") as handle:
            for article in self._articles:
                _write_jsonl(handle, {**to_dict(index.article(article.id)), "claims": claim_counts[article.id]})
        for name, objects in (
            ("claims.jsonl", index.claims.values()),
            ("events.jsonl", index.events.values()),
            ("pairs.jsonl", index.pairs.values()),
        ):
            with (self.out_dir / name).open("w", encoding="utf-8") as handle:
                for obj in objects:
                    _write_jsonl(handle, to_dict(obj))
        (self.out_dir / "report.html").write_text(
            render_report(self._articles, list(index.claims.values()), list(index.events.values()), list(index.pairs.values())),
            encoding="utf-8",
        )
        self.summary.claims = len(index.claims)
        self.summary.events = len(index.events)
        self.summary.pairs = len(index.pairs)
        self.summary.relations = Counter(p.relation for p in index.pairs.values())
