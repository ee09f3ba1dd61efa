"""The service's index: the store is the source of truth, a worker holds only a window.

For each write a `WindowedIndex` reads from the store the date window the new articles
can touch (`date_windows`), loads it into a fresh `NarrativeIndex` together with the
store-wide counts (`StoreWideCounts`), and lets that index decide: the same code, on the
same candidates, as an index holding the whole store, so the events and pairs come out
the same (tests/test_windowed_index.py feeds one article stream through both).

The window of an article about day D (`article_day`: its publication date, or the earlier
day a follow-up's headline dates its incident to): stories with an article about a day
from D - `max_span_days` to D + `window_days` (`StoryTuning`: a candidate story began at
most `max_span_days` before D and at most `window_days` after), and claims about days within
`AlignmentTuning.window_days` of each new claim's day. Every event with a story article or
a claim in the window comes whole (all its claims and articles), so refreshing it after
the new article joins sees everything. Undated articles and claims have one window of
their own, as in the full index: every undated story and every undated claim (the more
undated articles a store holds, the larger that window; a `published` date keeps posts cheap).

Memory therefore follows the window, not the store; the window's claim rows and vectors
are cached (`narratives.storage.window.WindowReader`).
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Protocol, Sequence

import numpy as np

from narratives.config import Settings
from narratives.events.alignment import extract_entities
from narratives.events.stories import story_profile
from narratives.index.narrative_index import IndexTuning, LinkResult, NarrativeIndex, claim_facts
from narratives.index.store_counts import StoredCounts, StoreWideCounts
from narratives.ingest.dates import claim_date
from narratives.ingest.headlines import article_day
from narratives.protocols import ContradictionModel, Embedder
from narratives.types import Article, ArticleAnalysis, Claim

DayRange = tuple[dt.date, dt.date]


class WindowSource(Protocol):
    """What the windowed index reads (`narratives.storage.window.WindowReader`)."""

    def read_window(self, *, story_days: Sequence[DayRange], undated_stories: bool,
                    claim_days: Sequence[DayRange], undated_claims: bool) -> Any: ...

    def count_reader(self, counter: str) -> Callable[[Sequence[str]], dict[str, int]]: ...


@dataclass(frozen=True)
class DateWindows:
    """The days whose stories and claims a write can touch (ranges inclusive, merged)."""

    story_days: tuple[DayRange, ...]
    undated_stories: bool
    claim_days: tuple[DayRange, ...]
    undated_claims: bool


def _merged(ranges: Iterable[DayRange]) -> tuple[DayRange, ...]:
    out: list[DayRange] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1] + dt.timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def date_windows(articles: Sequence[Article], claims: Sequence[Claim], tuning: IndexTuning) -> DateWindows:
    """The windows of new (or removed) `articles` and their `claims` (a claim without
    `published` takes its article's, as `NarrativeIndex.add` does)."""
    stories, align = tuning.stories, tuning.alignment
    published = {a.id: a.published for a in articles}
    days_of = [day for day in map(article_day, articles) if day is not None]
    story_days = [
        (day - dt.timedelta(days=stories.max_span_days), day + dt.timedelta(days=stories.window_days)) for day in days_of
    ]
    days = [claim_date(c.text, c.published if c.published is not None else published.get(c.article_id), c.incident_date)
            for c in claims]
    span = dt.timedelta(days=align.window_days)
    return DateWindows(
        _merged(story_days), any(a.published is None for a in articles),
        _merged((d - span, d + span) for d in days if d is not None), any(d is None for d in days),
    )


class WindowedIndex:
    """`add` and `remove_article` as `NarrativeIndex` has them, each on a fresh index
    loaded with the window the change can touch; nothing stays in memory between writes
    but the source's cache. Callers hold the store's write lock from `add` to committing
    its result, as with a full index."""

    def __init__(
        self,
        source: WindowSource,
        *,
        embedder: Embedder,
        contradiction: ContradictionModel | None,
        settings: Settings | None = None,
        tuning: IndexTuning | None = None,
    ) -> None:
        self.source = source
        self.embedder = embedder
        self.contradiction = contradiction
        self.settings = settings
        self.tuning = tuning or IndexTuning()
        # What a loaded claim yields (its day, names, disputes) is computed once per claim.
        self._facts = functools.lru_cache(maxsize=settings.index_cache_claims if settings else 20_000)(claim_facts)

    def add(self, analyses: Sequence[ArticleAnalysis]) -> LinkResult:
        articles = [a.article for a in analyses]
        claims = [c for a in analyses for c in a.claims]
        index, counts = self._load(date_windows(articles, claims, self.tuning))
        blank = np.zeros(self.embedder.dim, dtype=np.float32)  # profiles for their words and names only
        counts.prefetch(claim_names=(extract_entities(c.text) for c in claims), profiles=(story_profile(a, blank) for a in articles))
        return index.add(analyses)

    def remove_article(self, article: Article, claims: Sequence[Claim]) -> LinkResult:
        """Remove the stored `article`, whose stored claims are `claims`."""
        index, _ = self._load(date_windows([article], claims, self.tuning))
        return index.remove_article(article.id)

    def _load(self, windows: DateWindows) -> tuple[NarrativeIndex, StoreWideCounts]:
        state = self.source.read_window(
            story_days=windows.story_days, undated_stories=windows.undated_stories,
            claim_days=windows.claim_days, undated_claims=windows.undated_claims,
        )
        counts = StoreWideCounts(
            state.claim_total, StoredCounts(self.source.count_reader("claim_names")),
            state.story_total, StoredCounts(self.source.count_reader("story_terms")), StoredCounts(self.source.count_reader("story_names")),
        )
        index = NarrativeIndex(embedder=self.embedder, contradiction=self.contradiction, settings=self.settings, tuning=self.tuning)
        embeddings = state.embeddings if len(state.claims) else state.embeddings.reshape(0, self.embedder.dim)
        index.load(
            state.claims, embeddings, state.events, state.pairs, stories=state.stories, redirects=state.redirects,
            articles=state.articles, event_names=state.event_names, counts=counts, facts=self._facts,
        )
        return index, counts
