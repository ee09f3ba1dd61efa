"""The stored stories and the incremental assignment of articles to them.

Cost per new article: one (stories x dim) matmul over the stories' centroids, masked to
the date window, then the features of at most `StoryTuning.candidates` stories. Never
all pairs of articles. Removing an article re-decides only its own story (`split`: its
remaining articles streamed again through the same decision).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from narratives.events.stories import DocumentFrequencies, SameEventModel, Story, StoryProfile, StoryTuning, story_features


def story_id(founding_article_id: str) -> str:
    """An event id from the article that opened it: stable across runs."""
    return "ev_" + hashlib.blake2b(("article:" + founding_article_id).encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Assignment:
    """Where an article went: its story, the join probability (0.0 when it opened the
    story) and the stories merged into it on the way (their ids now redirect to it)."""

    story_id: str
    probability: float
    merged: tuple[str, ...] = ()


@dataclass(frozen=True)
class Split:
    """How a story came apart: the parts split off, as (new story id, its article ids in
    stored order), and the merged-away ids that now redirect to one of those parts."""

    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    redirects: tuple[tuple[str, str], ...] = ()


def _days_within(a: Story, b: Story, days: int, *, bridge: StoryProfile) -> bool:
    """Whether two dated stories' reports overlap in time, as one incident's do: the later
    one began at most `days` after the earlier one's last article. The `bridge` article
    (which joined `a`) does not count: a later report naming both does not make them one."""
    a_dates = Counter(a.dates)
    if bridge.date is not None:
        a_dates[bridge.date] -= 1
    a_days = [d for d, n in a_dates.items() if n > 0]
    b_first, b_last = b.date_range()
    if not a_days or b_first is None or b_last is None:
        return False
    a_first, a_last = min(a_days), max(a_days)
    earlier_last, later_first = (a_last, b_first) if a_first <= b_first else (b_last, a_first)
    return (later_first - earlier_last).days <= days


class StoryIndex:
    def __init__(self, dim: int, tuning: StoryTuning | None = None) -> None:
        self.dim = dim
        self.tuning = tuning or StoryTuning()
        self.stories: dict[str, Story] = {}
        self.profiles: dict[str, StoryProfile] = {}
        self.story_of: dict[str, str] = {}  # article id -> story id
        self.redirects: dict[str, str] = {}  # merged-away story id -> the id it lives on as
        self.frequencies = DocumentFrequencies()
        self._arrival: dict[str, int] = {}  # article id -> when it came (its place in the store)
        self._arrivals = 0
        self._rows: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._centroids = np.zeros((64, dim), dtype=np.float32)
        self._days = np.zeros((64, 2), dtype=np.float64)  # first, last day ordinal; NaN undated

    # -- candidate search ---------------------------------------------------------------
    def _sync_row(self, story: Story) -> None:
        row = self._rows.get(story.id)
        if row is None:
            row = self._rows[story.id] = len(self._ids)
            self._ids.append(story.id)
            if row == len(self._centroids):
                self._centroids = np.concatenate([self._centroids, np.zeros_like(self._centroids)])
                self._days = np.concatenate([self._days, np.zeros_like(self._days)])
        self._centroids[row] = story.centroid()
        start, end = story.date_range()
        self._days[row] = (start.toordinal(), end.toordinal()) if start and end else (np.nan, np.nan)

    def _drop_row(self, sid: str) -> None:
        row = self._rows.pop(sid)
        self._ids[row] = None
        self._centroids[row] = 0.0
        self._days[row] = (np.nan, np.nan)

    def candidates(self, profile: StoryProfile) -> list[Story]:
        """The `tuning.candidates` stories nearest `profile` by centroid in its date window
        (dated articles see dated stories within `window_days` that they would keep within
        `max_span_days`, however the articles arrive; undated see undated), and the stories
        it may only follow up (`is_late`)."""
        n = len(self._ids)
        if n == 0:
            return []
        sims = self._centroids[:n] @ profile.vector
        first, last = self._days[:n, 0], self._days[:n, 1]
        live = np.array([sid is not None for sid in self._ids[:n]])
        if profile.date is None:
            groups = [np.isnan(first)]
        else:
            day, window, span = profile.date.toordinal(), self.tuning.window_days, self.tuning.max_span_days
            with np.errstate(invalid="ignore"):
                near = (first - window <= day) & (day - first <= span) & (last - day <= span)
                groups = [near & (day <= last + window)]
                if self.tuning.model_for(profile).late_join_probability is not None:
                    groups.append(near & (day > last + window))
        found = []
        for group in groups:
            hits = np.flatnonzero(group & live)
            if len(hits) > self.tuning.candidates:
                hits = hits[np.argpartition(-sims[hits], self.tuning.candidates - 1)[: self.tuning.candidates]]
            found.extend(self.stories[self._ids[int(i)]] for i in hits)  # type: ignore[index]
        return found

    def is_late(self, profile: StoryProfile, story: Story) -> bool:
        """Whether `profile` comes more than `window_days` after the story's last article:
        a follow-up, which joins only a story it matches at its model's `late_join_probability`."""
        _, last = story.date_range()
        return profile.date is not None and last is not None and (profile.date - last).days > self.tuning.window_days

    # -- assignment ---------------------------------------------------------------------
    def assign(self, profile: StoryProfile) -> Assignment:
        """Put a new article in its story (an existing one, or a new one it opens)."""
        model = self.tuning.model_for(profile)
        scored = []
        late = model.late_join_probability
        for story in self.candidates(profile):
            p = float(model.probability(story_features(profile, story, self.frequencies)[None, :])[0])
            if not self.is_late(profile, story) or (late is not None and p >= late):
                scored.append((p, -self._age(story), story))
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        self.frequencies.update(profile)
        joined = bool(scored) and scored[0][0] >= model.join_probability
        if joined:
            probability, _, story = scored[0]
        else:
            probability, story = 0.0, self._open(story_id(profile.article_id))
        story.add(profile)
        self._arrive(profile.article_id)
        self.profiles[profile.article_id] = profile
        self.story_of[profile.article_id] = story.id
        self._sync_row(story)
        bridged = [s for p, _, s in scored[1 if joined else 0 :] if p >= model.bridge_probability]
        merged = self._merge_bridged(story, bridged, model, profile)
        self._sync_row(self.stories[self.resolve(story.id)])
        return Assignment(self.resolve(story.id), probability, merged)

    def _arrive(self, article_id: str) -> None:
        self._arrivals += 1
        self._arrival[article_id] = self._arrivals

    def _age(self, story: Story) -> int:
        """When the story's earliest article still in it came: of two stories the older
        keeps its id when they merge. (Not the order stories were opened in: a part split
        off at a deletion opens late but holds old articles, and a store-loaded index sees
        only the articles' order.)"""
        return min((self._arrival[a] for a in story.article_ids), default=self._arrivals + 1)

    def _open(self, sid: str) -> Story:
        story = self.stories[sid] = Story(sid, np.zeros(self.dim, dtype=np.float32))
        return story

    def _merge_bridged(self, story: Story, others: list[Story], model: SameEventModel, bridge: StoryProfile) -> tuple[str, ...]:
        """Merge into `story` the `others` that also match it as a whole (by the `model`
        that judged the bridging article); the older id stays."""
        merged: list[str] = []
        for other in others:
            keep = self.stories[self.resolve(story.id)]
            if other.id not in self.stories or other.id == keep.id:
                continue
            if model.merge_within_days is not None and not _days_within(keep, other, model.merge_within_days, bridge=bridge):
                continue
            if not self._spans_within(keep, other):
                continue
            p = float(model.probability(story_features(keep.as_profile(), other, self.frequencies)[None, :])[0])
            if p < model.merge_probability:
                continue
            older, younger = (keep, other) if self._age(keep) < self._age(other) else (other, keep)
            older.absorb(younger)
            for aid in younger.article_ids:
                self.story_of[aid] = older.id
            del self.stories[younger.id]
            self._drop_row(younger.id)
            self.redirects[younger.id] = older.id
            for old, new in list(self.redirects.items()):
                if new == younger.id:
                    self.redirects[old] = older.id
            merged.append(younger.id)
            self._sync_row(older)
        return tuple(merged)

    def _spans_within(self, a: Story, b: Story) -> bool:
        """Whether two stories merged would run at most `max_span_days`, as one story may
        (merges of daily roundups otherwise chain into "events" of two months)."""
        days = [d for d in (*a.date_range(), *b.date_range()) if d is not None]
        return not days or (max(days) - min(days)).days <= self.tuning.max_span_days

    def keeps_span(self, sid: str, profile: StoryProfile) -> bool:
        """Whether story `sid` with `profile` in it would still run at most `max_span_days`
        (an event of claims alone has no story yet: nothing to keep)."""
        story = self.stories.get(sid)
        if story is None or profile.date is None:
            return True
        days = [d for d in story.date_range() if d is not None] + [profile.date]
        return (max(days) - min(days)).days <= self.tuning.max_span_days

    def resolve(self, sid: str) -> str:
        """The id a (possibly merged-away) story lives on as."""
        return self.redirects.get(sid, sid)

    # -- removal and loading ------------------------------------------------------------
    def remove(self, article_id: str) -> str | None:
        """Take an article out of its story; returns the story id (the story is deleted
        when it was the last article)."""
        sid = self.story_of.pop(article_id, None)
        if sid is None:
            return None
        profile = self.profiles.pop(article_id)
        self._arrival.pop(article_id, None)
        story = self.stories[sid]
        story.add(profile, sign=-1)
        self.frequencies.update(profile, sign=-1)
        if story.size == 0:
            del self.stories[sid]
            self._drop_row(sid)
        else:
            self._sync_row(story)
        return sid

    def split(self, sid: str, order: Sequence[str], removed: StoryProfile) -> Split:
        """Re-decide story `sid` once article `removed` has left it (`remove`).

        `order` is the story's article ids in their stored order, `removed.article_id`
        among them. They are streamed through `assign` in scratch indexes with the same
        tuning and the document frequencies of the rest of the store, so the very decision
        that built the story judges it: once with the removed article, once without. The
        story splits only when the decision held it together with that article and no
        longer does without it (a story the decision alone never held together, say one
        joined by claim links, is left as it is). The part holding the oldest article keeps
        `sid`; each other part becomes a story whose id is `story_id` of its first article
        (a part whose founder had been merged away gets its old id back, no longer
        redirected).
        """
        story = self.stories.get(sid)
        remaining = [a for a in order if a != removed.article_id]
        if story is None or story.size < 2 or len(self._stream(order, removed)) > 1:
            return Split()
        parts = self._stream(remaining)
        split_off: list[tuple[str, tuple[str, ...]]] = []
        for articles in parts[1:]:
            new_id = story_id(articles[0])
            if new_id in self.stories:  # taken by a live story: the part stays where it was
                continue
            part = self._open(new_id)
            for aid in articles:
                profile = self.profiles[aid]
                story.add(profile, sign=-1)
                part.add(profile)
                self.story_of[aid] = new_id
            self.redirects.pop(new_id, None)
            self._sync_row(part)
            split_off.append((new_id, tuple(articles)))
        self._sync_row(story)
        return Split(tuple(split_off), self._redirect_to_parts(sid, split_off))

    def _stream(self, article_ids: Sequence[str], removed: StoryProfile | None = None) -> list[list[str]]:
        """The stories a scratch index makes of `article_ids` (stored articles, and the
        `removed` one where its id comes in the order), streamed in order against the
        store's other articles' document frequencies: their article ids, first article's
        story first."""
        profiles = [removed if removed is not None and a == removed.article_id else self.profiles[a] for a in article_ids]
        scratch = StoryIndex(self.dim, self.tuning)
        scratch.frequencies = self._frequencies_without([p for p in profiles if p is not removed], streamed=profiles)
        for profile in profiles:
            scratch.assign(profile)
        parts: dict[str, list[str]] = {}
        for profile in profiles:
            parts.setdefault(scratch.resolve(scratch.story_of[profile.article_id]), []).append(profile.article_id)
        return list(parts.values())

    def _frequencies_without(self, profiles: Sequence[StoryProfile], *, streamed: Sequence[StoryProfile]) -> DocumentFrequencies:
        """The store's document frequencies less `profiles`, for the words and names of the
        `streamed` profiles (all a scratch index streaming them asks for). Read key by key:
        a windowed index's counts come from the store on first use, so a copy of what it
        holds would miss them."""
        frequencies = DocumentFrequencies()
        frequencies.articles = self.frequencies.articles
        frequencies.terms = Counter({w: self.frequencies.terms[w] for p in streamed for w in p.terms})
        frequencies.names = Counter({n: self.frequencies.names[n] for p in streamed for n in p.names})
        for profile in profiles:
            frequencies.update(profile, sign=-1)
        return frequencies

    def _redirect_to_parts(self, sid: str, parts: Sequence[tuple[str, tuple[str, ...]]]) -> tuple[tuple[str, str], ...]:
        """A story once merged into `sid` now redirects to the part its founder went to."""
        home = {story_id(aid): new_id for new_id, articles in parts for aid in articles}
        moved = tuple((old, home[old]) for old, target in self.redirects.items() if target == sid and old in home)
        self.redirects.update(moved)
        return moved

    def restore(self, profile: StoryProfile, sid: str) -> None:
        """Put a stored article back in its stored story (no decision made)."""
        story = self.stories.get(sid) or self._open(sid)
        story.add(profile)
        self._arrive(profile.article_id)
        self.frequencies.update(profile)
        self.profiles[profile.article_id] = profile
        self.story_of[profile.article_id] = sid
        self._sync_row(story)

    def central_headline(self, sid: str) -> str:
        """The headline of the story's article nearest its centroid. Cosines are compared
        to 5 decimals: of two articles the centroid is equally near, which one the float
        noise of summing their vectors favours would depend on the order they were summed
        in (a store-loaded story sums them anew); the article id decides."""
        story = self.stories[sid]
        centroid = story.centroid()
        best = max(story.article_ids, key=lambda a: (round(float(self.profiles[a].vector @ centroid), 5), a))
        return self.profiles[best].headline
