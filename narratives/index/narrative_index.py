"""The incremental narrative index: articles -> events -> claims -> counter-claim pairs.

Both the batch CLI (`index.add(all_analyses)` once) and the REST service (per write, one
loaded with the store's date window the new articles can touch, then one `add`:
`narratives.index.windowed`) use this class.

Events work at two levels. Each *article* joins a story (`narratives.events.story_index`: its
headline + lede embedding, words and names against the stored stories' centroids in its
date window, decided by a model fitted on ECB+ train); the story's id is the article's
`event_id`. Each *claim* belongs to its article's event unless it is clearly about another
incident (`AlignmentTuning.on_story`: it neither resembles the headline and lede nor links
to a claim that does, or it is dated outside the window): such a claim is linked claim by
claim as before (nearest claims in its date window) and joins that claim's event or
opens one of its own.

Cost: a new article is compared with the story centroids in its window (one matmul) and
scores at most `StoryTuning.candidates` of them; a new claim is compared only with the
stored claims inside its date window (day buckets, one matmul per claim), and scored by the
contradiction model against at most `top_k` of them (`per_article` from each other article). Cost per article therefore grows
with the number of claims and stories in the window, never with the square of the store.
Undated claims and articles form their own bucket.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import Counter
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Container, Mapping, Sequence

import numpy as np

from narratives.config import Settings
from narratives.errors import InputError, NotFoundError
from narratives.events.alignment import (
    AlignmentTuning,
    build_event,
    distinctive,
    event_id,
    extract_entities,
    link_score,
)
from narratives.events.stories import StoryProfile, StoryTuning, lede_text, story_profile, term_counts
from narratives.events.story_index import StoryIndex
from narratives.index.store_counts import StoreWideCounts
from narratives.index.vectors import DayBucketedVectors
from narratives.ingest.dates import claim_day
from narratives.pairing.blame import Blame, claim_blame
from narratives.pairing.captives import Fate, captives_fate, fate_dispute
from narratives.pairing.targets import Hit, hit_dispute, what_was_hit
from narratives.pairing.score import PairingTuning, disputes, may_pair, pairable, score_candidates
from narratives.protocols import ContradictionModel, Embedder
from narratives.types import Article, ArticleAnalysis, Claim, ClaimPair, Event


@dataclass(frozen=True)
class IndexTuning:
    """The alignment and pairing knobs (defaults in code, tuned on the seed gold)."""

    alignment: AlignmentTuning = field(default_factory=AlignmentTuning)
    pairing: PairingTuning = field(default_factory=PairingTuning)
    stories: StoryTuning = field(default_factory=StoryTuning)


@dataclass(frozen=True)
class LinkResult:
    """What one `add` / `remove_article` changed (for the store to persist)."""

    claims: tuple[Claim, ...]
    embeddings: np.ndarray  # (len(claims), dim) float32, rows aligned with `claims`
    events: tuple[Event, ...]  # events created or changed
    removed_event_ids: tuple[str, ...]
    pairs: tuple[ClaimPair, ...]  # pairs created (or moved to the event they merged or split into)
    removed_pair_ids: tuple[str, ...]
    # The articles added (on removal: those a split moved to a new event), with `event_id` /
    # `event_ids` filled, and their (n, dim) float32 headline + lede embeddings, rows aligned
    # with `articles` (None on removal).
    articles: tuple[Article, ...] = ()
    story_vectors: np.ndarray | None = None
    redirects: tuple[tuple[str, str], ...] = ()  # (merged-away event id, the id it lives on as)
    # Event id -> the distinctive names of its claims, counted as they joined, for each
    # event in `events` (stored, so an index loaded later labels the event alike).
    event_names: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


ClaimFacts = tuple[dt.date | None, frozenset[str], bool]


def claim_facts(claim: Claim) -> ClaimFacts:
    """What the index derives from a claim alone: the day it is about, its names, and
    whether it disputes what it answers (pure, so a caller may cache it)."""
    return claim_day(claim), extract_entities(claim.text), disputes(claim)


@dataclass(frozen=True)
class _StorySplit:
    """What `NarrativeIndex._split_story` changed: the events split off, the articles moved
    to them, the pairs moved with their claims and those dropped, and the redirects
    re-pointed at the new events."""

    event_ids: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    moved_pairs: tuple[ClaimPair, ...] = ()
    dropped_pair_ids: frozenset[str] = frozenset()
    redirects: tuple[tuple[str, str], ...] = ()


@dataclass
class _Member:
    claim: Claim
    row: int
    date: dt.date | None
    entities: frozenset[str]
    disputes: bool


class NarrativeIndex:
    """Claims, events and pairs in memory; see the module docstring for the cost model.

    `settings` is the service-wide configuration the loaders pass along; the alignment
    and pairing knobs live in `tuning`. Mutating calls hold a lock, so one index can
    serve concurrent requests. Stories merge when an article bridges them (the older id
    stays and `redirects` maps the other to it), and split again when removing an article
    leaves the rest apart (`remove_article`).
    """

    def __init__(
        self,
        *,
        embedder: Embedder,
        contradiction: ContradictionModel | None,
        settings: Settings | None = None,
        tuning: IndexTuning | None = None,
    ) -> None:
        self.embedder = embedder
        self.contradiction = contradiction
        self.settings = settings
        self.tuning = tuning or IndexTuning()
        self._lock = threading.RLock()
        self._reset()

    def _reset(self) -> None:
        self._vectors = DayBucketedVectors(self.embedder.dim, n_tags=3)  # event, side, pairable
        self._codes: dict[str, int] = {}  # event and side ids -> small ints for the tags
        self._members: dict[str, _Member] = {}
        self._article_claims: dict[str, list[str]] = {}
        self._claims: dict[str, Claim] = {}
        self._events: dict[str, Event] = {}
        self._event_claims: dict[str, list[str]] = {}
        self._event_names: dict[str, Counter[str]] = {}
        self._pairs: dict[str, ClaimPair] = {}
        self._pairs_of_claim: dict[str, set[str]] = {}
        self._positions: dict[str, tuple[Blame, Hit, Fate | None]] = {}  # claim id -> `_position`
        self._document_frequency: Counter[str] = Counter()
        self._stories = StoryIndex(self.embedder.dim, self.tuning.stories)
        self._articles: dict[str, Article] = {}
        self._claims_elsewhere = 0  # stored claims not loaded (an index over a date window)

    def _claim_total(self) -> int:
        """How many claims the store holds (all of them in memory, unless loaded by window)."""
        return len(self._members) + self._claims_elsewhere

    @property
    def claims(self) -> Mapping[str, Claim]:
        return MappingProxyType(self._claims)

    @property
    def events(self) -> Mapping[str, Event]:
        return MappingProxyType(self._events)

    @property
    def pairs(self) -> Mapping[str, ClaimPair]:
        return MappingProxyType(self._pairs)

    @property
    def redirects(self) -> Mapping[str, str]:
        """Merged-away event id -> the event id it lives on as."""
        return MappingProxyType(self._stories.redirects)

    def article(self, article_id: str) -> Article:
        """A stored article with its `event_id` (its story) and `event_ids` (the story
        first, then the events of claims about other incidents)."""
        article = self._articles.get(article_id)
        if article is None:
            raise NotFoundError(f"no article {article_id!r} in the index")
        main = self._stories.story_of.get(article_id)
        others = (self._claims[c].event_id for c in self._article_claims.get(article_id, ()))
        ids = tuple(dict.fromkeys([main, *others]))
        return dataclasses.replace(article, event_id=main, event_ids=tuple(i for i in ids if i))

    def embedding(self, claim_id: str) -> np.ndarray:
        """The stored (dim,) float32 embedding of a claim."""
        member = self._members.get(claim_id)
        if member is None:
            raise NotFoundError(f"no claim {claim_id!r} in the index")
        return self._vectors.vector(member.row).copy()

    # -- adding ---------------------------------------------------------------------------

    def add(self, analyses: Sequence[ArticleAnalysis]) -> LinkResult:
        """Link the claims of `analyses` into events and pair them with other sides' claims.

        Claims already in the index (same id) are skipped, so re-adding is idempotent.
        """
        with self._lock:
            fresh = [a.article for a in analyses if a.article.id not in self._articles]
            fresh = list({a.id: a for a in fresh}.values())
            story_vectors, merged = self._assign_stories(fresh)
            new_claims = self._new_claims(analyses)
            vectors = self.embedder.embed([c.text for c in new_claims]) if new_claims else None
            if vectors is None:
                vectors = np.zeros((0, self.embedder.dim), np.float32)
            vectors = np.asarray(vectors, dtype=np.float32)
            # Names are judged distinctive against the store and this batch together.
            batch_entities = [extract_entities(c.text) for c in new_claims]
            for entities in batch_entities:
                self._document_frequency.update(entities)
            n_claims = self._claim_total() + len(new_claims)
            on_story = self._on_story(new_claims, vectors, batch_entities, fresh, story_vectors, n_claims)
            self._follow_claim_links(fresh, new_claims, vectors, batch_entities, on_story, n_claims)
            candidates: list[tuple[Claim, Claim, float, str]] = []
            touched: list[str] = [self._stories.story_of[a.id] for a in fresh]
            linked: list[Claim] = []
            # Off-story claims of one speaker in one article report one occasion (a speech).
            occasions: dict[tuple[str, str], str] = {}
            for claim, vector, entities in zip(new_claims, vectors, batch_entities):
                occasion = (claim.article_id, claim.actor_id or claim.speaker)
                if claim.id in on_story:
                    story = self._stories.story_of.get(claim.article_id)
                else:
                    story = occasions.get(occasion) if claim.kind != "narrator" else None
                claim, found = self._link_claim(claim, vector, entities, n_claims, story=story)
                if claim.id not in on_story and claim.kind != "narrator":
                    occasions.setdefault(occasion, claim.event_id or "")
                linked.append(claim)
                candidates.extend(found)
                touched.append(claim.event_id or "")
            candidates.extend(self._answer_candidates(linked))
            moved, moved_away, came = self._apply_merges(merged)
            touched.extend(moved_away)
            candidates.extend(self._merge_candidates(came))
            candidates = _bounded_per_article(candidates, self._max_candidates_per_article())
            created = self._store_pairs(score_candidates(self.contradiction, candidates, tuning=self.tuning.pairing))
            gone = tuple(e for e, _ in merged)
            events = tuple(self._refresh_event(e) for e in dict.fromkeys(touched) if e not in self._stories.redirects)
            linked = [self._claims[c.id] for c in linked]
            return LinkResult(
                tuple(linked), vectors, events, gone, (*moved, *created), tuple(p.id for p in moved),
                articles=tuple(self.article(a.id) for a in fresh), story_vectors=story_vectors, redirects=tuple(merged),
                event_names=self._names_of(events),
            )

    def _names_of(self, events: Sequence[Event]) -> dict[str, dict[str, int]]:
        return {e.id: dict(self._event_names.get(e.id, {})) for e in events}

    def _assign_stories(self, articles: Sequence[Article]) -> tuple[np.ndarray, list[tuple[str, str]]]:
        """Each new article joins (or opens) a story; returns their (n, dim) lede vectors and
        the (merged-away, kept) story ids."""
        if not articles:
            return np.zeros((0, self.embedder.dim), np.float32), []
        vectors = np.asarray(self.embedder.embed([lede_text(a) for a in articles]), dtype=np.float32)
        merged: list[tuple[str, str]] = []
        for article, vector in zip(articles, vectors):
            self._articles[article.id] = article
            assignment = self._stories.assign(story_profile(article, vector))
            merged.extend((gone, assignment.story_id) for gone in assignment.merged)
        return vectors, [(gone, self._stories.resolve(kept)) for gone, kept in merged]

    def _on_story(
        self,
        claims: Sequence[Claim],
        vectors: np.ndarray,
        entities: Sequence[frozenset[str]],
        articles: Sequence[Article],
        ledes: np.ndarray,
        n_claims: int,
    ) -> set[str]:
        """The new claims that are about their article's own story: those that resemble its
        headline + lede (cosine, plus `entity_bonus` for a distinctive name in common) at
        least `on_story`, those too short to name another incident (no distinctive name,
        under `min_words_off_story` content words), and those linking, directly or through one another, to such a claim
        of the article at least `join_threshold`; a claim dated outside the window of its
        article never is. One similarity matrix per article and a breadth-first walk over
        it: linear in the links, not a full pass per claim added."""
        align = self.tuning.alignment
        lede_of = {a.id: (ledes[i], extract_entities(lede_text(a))) for i, a in enumerate(articles)}
        by_article: dict[str, list[int]] = {}
        for i, claim in enumerate(claims):
            if claim.article_id in lede_of:
                by_article.setdefault(claim.article_id, []).append(i)
        chosen: set[str] = set()
        for aid, rows in by_article.items():
            lede, lede_names = lede_of[aid]
            day = self._stories.profiles[aid].date  # `article_day`, found when its story was
            names = [distinctive(entities[i], self._document_frequency, n_claims, max_share=align.entity_max_share) for i in rows]
            dated = [_near(claim_day(claims[i]), day, align.window_days) for i in rows]
            own = vectors[rows]
            to_lede, to_each = own @ lede, own @ own.T
            inside = {j for j in range(len(rows)) if dated[j] and float(to_lede[j]) + align.entity_bonus * bool(names[j] & lede_names) >= align.on_story}
            inside |= self._short_claims_on_story([claims[i] for i in rows], names, dated, inside)
            queue = list(inside)
            while queue:
                k = queue.pop()
                for j in range(len(rows)):
                    if j not in inside and dated[j] and float(to_each[j, k]) + align.entity_bonus * bool(names[j] & names[k]) >= align.join_threshold:
                        inside.add(j)
                        queue.append(j)
            chosen.update(claims[rows[j]].id for j in inside)
        return chosen

    def _short_claims_on_story(
        self, claims: Sequence[Claim], names: Sequence[frozenset[str]], dated: Sequence[bool], inside: set[int]
    ) -> set[int]:
        """The positions of `claims` (one article's) too short to name another incident (no
        distinctive name, under `min_words_off_story` content words) that stay with the
        article's story: unless every other claim of their speaker in the article is about
        another incident (then they go with those, one occasion: a speech)."""
        align = self.tuning.alignment
        speaker = [c.actor_id or c.speaker for c in claims]
        kept = set()
        for j, claim in enumerate(claims):
            if j in inside or not dated[j] or names[j] or len(term_counts(claim.text)) >= align.min_words_off_story:
                continue
            same = [k for k in range(len(claims)) if k != j and speaker[k] == speaker[j]]
            if not same or any(k in inside for k in same):
                kept.add(j)
        return kept

    def _follow_claim_links(
        self,
        articles: Sequence[Article],
        claims: Sequence[Claim],
        vectors: np.ndarray,
        entities: Sequence[frozenset[str]],
        on_story: set[str],
        n_claims: int,
    ) -> None:
        """An article that opened a story of its own, but whose story claims link (claim by
        claim, as `_choose_event` links) to a stored event, joins that event instead: a
        denial worded apart from the claim it answers still belongs to its incident."""
        align = self.tuning.alignment
        opened = {a.id for a in articles if self._stories.stories[self._stories.story_of[a.id]].article_ids == [a.id]}
        links: dict[str, Counter[str]] = {}
        for claim, vector, names in zip(claims, vectors, entities):
            if claim.article_id not in opened or claim.id not in on_story:
                continue
            date = claim_day(claim)
            rows, similarities = self._vectors.search(vector, date, align.window_days)
            member = _Member(claim, -1, date, names, disputes(claim))
            found = self._choose_event(member, distinctive(names, self._document_frequency, n_claims, max_share=align.entity_max_share), rows, similarities)
            if found is not None:
                links.setdefault(claim.article_id, Counter())[found] += 1
        for aid, counts in links.items():
            profile = self._stories.profiles[aid]
            # A story runs at most `max_span_days`, however its articles come to it.
            within = [e for e in counts if self._stories.keeps_span(self._stories.resolve(e), profile)]
            if not within:
                continue
            target = self._stories.resolve(min(within, key=lambda e: (-counts[e], e)))
            self._stories.remove(aid)
            self._stories.restore(profile, target)

    def _apply_merges(
        self, merged: Sequence[tuple[str, str]]
    ) -> tuple[list[ClaimPair], list[str], dict[str, tuple[str, list[str]]]]:
        """Move the claims and pairs of merged-away events to the event they live on as;
        returns the moved pairs, the kept events and, per merged-away event, (the event it
        went to, its claims)."""
        moved: list[ClaimPair] = []
        kept: list[str] = []
        came: dict[str, tuple[str, list[str]]] = {}
        for gone, keep in merged:
            came[gone] = (keep, self._event_claims.pop(gone, []))
            for cid in came[gone][1]:
                self._retag(cid, keep)
                self._event_claims.setdefault(keep, []).append(cid)
            self._event_names.setdefault(keep, Counter()).update(self._event_names.pop(gone, Counter()))
            for pid, pair in list(self._pairs.items()):
                if pair.event_id == gone:
                    self._pairs[pid] = dataclasses.replace(pair, event_id=keep)
                    moved.append(self._pairs[pid])
            self._events.pop(gone, None)
            kept.append(keep)
        return moved, kept, came

    def _merge_candidates(self, came: Mapping[str, tuple[str, Sequence[str]]]) -> list[tuple[Claim, Claim, float, str]]:
        """Pairing candidates that merging stories brings together: each claim that came
        from a merged-away event against the kept event's other claims (the two events'
        claims never met; the pairs within each were scored when they were added)."""
        found: list[tuple[Claim, Claim, float, str]] = []
        window = self.tuning.alignment.window_days
        for gone, (keep, claim_ids) in came.items():
            together = set(claim_ids)
            for cid in claim_ids:
                member = self._members[cid]
                rows, similarities = self._vectors.search(self._vectors.vector(member.row), member.date, window)
                found.extend(self._pair_candidates(member.claim, keep, rows, similarities, exclude=together))
        return found

    def _retag(self, cid: str, eid: str) -> None:
        """Record claim `cid` as a member of event `eid` (its claim and its vector's tags);
        the callers keep `_event_claims` in step."""
        member = self._members[cid]
        member.claim = self._claims[cid] = dataclasses.replace(member.claim, event_id=eid)
        self._vectors.set_tags(member.row, (self._code(eid), self._code(member.claim.side), int(pairable(member.claim, self.tuning.pairing))))

    def _max_candidates_per_article(self) -> int:
        return (self.settings or Settings()).max_pair_candidates_per_article

    def _new_claims(self, analyses: Sequence[ArticleAnalysis]) -> list[Claim]:
        fresh: dict[str, Claim] = {}
        for analysis in analyses:
            for claim in analysis.claims:
                if claim.article_id != analysis.article.id:
                    raise InputError(f"claim {claim.id} belongs to article {claim.article_id}, not {analysis.article.id}")
                if claim.id in self._claims or claim.id in fresh:
                    continue
                if claim.published is None and analysis.article.published is not None:
                    claim = dataclasses.replace(claim, published=analysis.article.published)
                fresh[claim.id] = claim
        return list(fresh.values())

    def _link_claim(
        self, claim: Claim, vector: np.ndarray, entities: frozenset[str], n_claims: int, *, story: str | None
    ) -> tuple[Claim, list[tuple[Claim, Claim, float, str]]]:
        """Choose the claim's event (`story` when it is about its article's story), store
        it, and return its pairing candidates."""
        align = self.tuning.alignment
        date = claim_day(claim)
        rows, similarities = self._vectors.search(vector, date, align.window_days)
        member = _Member(claim, -1, date, entities, disputes(claim))
        names = distinctive(entities, self._document_frequency, n_claims, max_share=align.entity_max_share)
        chosen = story or self._choose_event(member, names, rows, similarities)
        eid = chosen or event_id(claim.id)
        claim = dataclasses.replace(claim, event_id=eid)
        member.claim = claim
        candidates = self._pair_candidates(claim, eid, rows, similarities)
        self._insert(member, vector, names)
        return claim, candidates

    def _code(self, key: str) -> int:
        return self._codes.setdefault(key, len(self._codes))

    def _choose_event(self, new: _Member, names: frozenset[str], rows: np.ndarray, similarities: np.ndarray) -> str | None:
        align = self.tuning.alignment
        if len(rows) == 0:
            return None
        k = min(align.neighbours, len(rows))
        nearest = np.argpartition(-similarities, k - 1)[:k]
        best: tuple[float, str, str] | None = None
        for i in nearest:
            other = self._members[self._vectors.claim_at(int(rows[i]))]
            # A denial answers what was said before it: only the newcomer's dispute links.
            dispute = new.disputes and new.claim.side != other.claim.side
            score = link_score(
                float(similarities[i]),
                shared_entities=bool(names & other.entities),
                dispute=dispute,
                tuning=align,
            )
            eid = other.claim.event_id or ""
            if score >= align.join_threshold and (best is None or (score, other.claim.id) > best[:2]):
                best = (score, other.claim.id, eid)
        return best[2] if best else None

    def _pair_candidates(
        self, claim: Claim, eid: str, rows: np.ndarray, similarities: np.ndarray, *, exclude: Container[str] = ()
    ) -> list[tuple[Claim, Claim, float, str]]:
        tuning = self.tuning.pairing
        if not pairable(claim, tuning) or len(rows) == 0:
            return []
        tags = self._vectors.tags(rows)
        mask = (tags[:, 0] == self._code(eid)) & (tags[:, 1] != self._code(claim.side)) & (tags[:, 2] == 1)
        hits = np.flatnonzero(mask)
        found = [(float(similarities[i]), self._members[self._vectors.claim_at(int(rows[i]))].claim) for i in hits]
        found = [f for f in found if f[1].id not in exclude]
        found.sort(key=lambda f: (-f[0], f[1].id))
        # Claims that dispute who did it or what was hit are candidates however unlike their
        # wording ("Russia denies responsibility" / "Russians fired the Tochka-U"; "a closed
        # shopping center" / "Over 1,000 civilians were inside"): a budget of their own.
        disputing = [f for f in found if self._disputes(claim, f[1])]
        close = [f for f in found if f[0] >= tuning.min_similarity]
        chosen: dict[str, tuple[Claim, Claim, float, str]] = {}
        for ranked, budget in ((close, tuning.top_k), (disputing, tuning.dispute_top_k)):
            per_article: Counter[str] = Counter()
            taken = 0
            for sim, other in ranked:
                if taken == budget:
                    break
                if per_article[other.article_id] < tuning.per_article:
                    per_article[other.article_id] += 1
                    taken += 1
                    chosen.setdefault(other.id, (other, claim, sim, eid))
        return list(chosen.values())

    def _disputes(self, claim: Claim, other: Claim) -> bool:
        """Whether the two claims disagree on who did it, on what was hit or on what becomes
        of captives."""
        blame, hit, fate = self._position(claim)
        other_blame, other_hit, other_fate = self._position(other)
        if blame.disputes(other_blame) is not None or hit_dispute(hit, other_hit) is not None:
            return True
        return fate_dispute(fate, other_fate) is not None

    def _position(self, claim: Claim) -> tuple[Blame, Hit, Fate | None]:
        """(`claim_blame`, `what_was_hit`, `captives_fate`) of a claim, computed once per
        claim: a stored claim is a candidate of every later claim of its event."""
        found = self._positions.get(claim.id)
        if found is None:
            found = self._positions[claim.id] = (claim_blame(claim), what_was_hit(claim.text), captives_fate(claim.text))
        return found

    def _answer_candidates(self, claims: Sequence[Claim]) -> list[tuple[Claim, Claim, float, str]]:
        """A denial or rebuttal is always scored against the claim of its article it answers
        (`Claim.answers`), however far apart their embeddings are."""
        tuning = self.tuning.pairing
        found = []
        for claim in claims:
            other = self._claims.get(claim.answers) if claim.answers else None
            if other is not None and may_pair(other, claim, tuning):
                similarity = float(np.dot(self.embedding(other.id), self.embedding(claim.id)))
                found.append((other, claim, similarity, claim.event_id or ""))
        return found

    def _insert(self, member: _Member, vector: np.ndarray, names: frozenset[str]) -> None:
        claim = member.claim
        eid = claim.event_id or ""
        tags = (self._code(eid), self._code(claim.side), int(pairable(claim, self.tuning.pairing)))
        member.row = self._vectors.append(claim.id, vector, member.date, tags)
        self._members[claim.id] = member
        self._claims[claim.id] = claim
        self._article_claims.setdefault(claim.article_id, []).append(claim.id)
        self._event_claims.setdefault(eid, []).append(claim.id)
        if names:  # no empty Counter per claim: a window's load inserts thousands
            self._event_names.setdefault(eid, Counter()).update(names)

    def _store_pairs(self, pairs: list[ClaimPair]) -> tuple[ClaimPair, ...]:
        created: list[ClaimPair] = []
        for pair in pairs:
            if pair.id in self._pairs:
                continue
            self._pairs[pair.id] = pair
            self._pairs_of_claim.setdefault(pair.a, set()).add(pair.id)
            self._pairs_of_claim.setdefault(pair.b, set()).add(pair.id)
            created.append(pair)
        return tuple(created)

    def _refresh_event(self, eid: str) -> Event:
        members = [self._members[c] for c in self._event_claims.get(eid, [])]
        story = self._stories.stories.get(eid)
        article_ids = list(dict.fromkeys([*(story.article_ids if story else ()), *(m.claim.article_id for m in members)]))
        articles = [self._articles[a] for a in article_ids if a in self._articles]
        dates = [m.date for m in members] + (list(story.dates) if story else [])
        names: Mapping[str, float] = self._event_names.get(eid, Counter())
        headline, recurring = None, frozenset[str]()
        if story is not None:
            frequencies = self._stories.frequencies
            headlines = [self._stories.profiles[a].headline.lower() for a in story.article_ids]
            in_headlines = " ".join(headlines)
            names = {n: c * frequencies.name_idf(n) for n, c in story.names.items() if n in in_headlines} or {
                n: c * frequencies.name_idf(n) for n, c in story.names.items()
            }
            headline = self._stories.central_headline(eid)
            recurring = _recurring(names, headlines)
        event = build_event(eid, [m.claim for m in members], dates, names, articles=articles, headline=headline,
                            recurring=recurring)
        self._events[eid] = event
        return event

    # -- removing and loading -------------------------------------------------------------

    def remove_article(self, article_id: str) -> LinkResult:
        """Drop an article, its claims and their pairs; shrink or delete their events, and
        split its story where the remaining articles no longer hold together."""
        with self._lock:
            gone = [self._members[c] for c in self._article_claims.pop(article_id, [])]
            removed_pairs: set[str] = set()
            touched: dict[str, None] = {}
            order, profile = self._story_order(article_id), self._stories.profiles.get(article_id)
            story = self._stories.remove(article_id)
            self._articles.pop(article_id, None)
            if story is not None:
                touched[story] = None
            for member in gone:
                claim = member.claim
                removed_pairs |= self._pairs_of_claim.pop(claim.id, set())
                self._vectors.remove(member.row, member.date)
                self._document_frequency.subtract(member.entities)
                del self._members[claim.id], self._claims[claim.id]
                self._positions.pop(claim.id, None)
                eid = claim.event_id or ""
                self._event_claims[eid].remove(claim.id)
                touched[eid] = None
            self._drop_pairs(removed_pairs)
            split = self._split_story(story, order, profile) if story is not None and profile is not None else _StorySplit()
            touched.update(dict.fromkeys(split.event_ids))
            removed_pairs |= split.dropped_pair_ids
            removed_events, changed = [], []
            for eid in touched:
                if self._event_claims.get(eid) or eid in self._stories.stories:
                    self._recount_names(eid)
                    changed.append(self._refresh_event(eid))
                else:
                    self._event_claims.pop(eid, None)
                    self._event_names.pop(eid, None)
                    self._events.pop(eid, None)
                    removed_events.append(eid)
            empty = np.zeros((0, self.embedder.dim), np.float32)
            removed_pairs |= {p.id for p in split.moved_pairs}
            return LinkResult(
                (), empty, tuple(changed), tuple(removed_events), split.moved_pairs, tuple(sorted(removed_pairs)),
                articles=tuple(self.article(a) for a in split.article_ids), redirects=split.redirects,
                event_names=self._names_of(changed),
            )

    def _drop_pairs(self, pair_ids: set[str]) -> None:
        for pid in pair_ids:
            pair = self._pairs.pop(pid)
            for cid in (pair.a, pair.b):
                self._pairs_of_claim.get(cid, set()).discard(pid)

    def _story_order(self, article_id: str) -> list[str]:
        """The articles of `article_id`'s story in the order they joined it (a merged story's
        after the older one's): the order its event lists them in, so an index loaded from
        the store, whole or a date window, streams them as the one that built it."""
        sid = self._stories.story_of.get(article_id)
        return list(self._stories.stories[sid].article_ids) if sid is not None else []

    def _split_story(self, sid: str, order: Sequence[str], removed: StoryProfile) -> _StorySplit:
        """After article `removed` left story `sid` (whose articles, in stored order, were
        `order`): split it where the remaining articles no longer hold together
        (`StoryIndex.split`). The articles' claims
        go with their part; a claim of another article (a background claim that linked into
        this event) goes to the part it links to best (`_choose_event` over the parts' claims)
        and stays when it links to none; a pair goes with its claims, and is dropped when the
        split puts them in different events."""
        split = self._stories.split(sid, order, removed)
        if not split.parts:
            return _StorySplit()
        home = {aid: new_id for new_id, articles in split.parts for aid in articles}
        in_story = set(order)
        claims = self._event_claims.get(sid, [])
        foreign = [c for c in claims if self._claims[c].article_id not in in_story]
        parts = {sid, *home.values()}
        for cid in [c for c in claims if self._claims[c].article_id in home]:
            self._retag(cid, home[self._claims[cid].article_id])
        for cid in foreign:
            self._retag(cid, self._best_part(cid, parts) or sid)
        moved = [c for c in claims if self._claims[c].event_id != sid]
        self._event_claims[sid] = [c for c in claims if self._claims[c].event_id == sid]
        for cid in moved:
            self._event_claims.setdefault(self._claims[cid].event_id or "", []).append(cid)
        moved_pairs, dropped = self._pairs_after_split(sid, moved)
        return _StorySplit(
            event_ids=tuple(new_id for new_id, _ in split.parts), article_ids=tuple(home),
            moved_pairs=tuple(moved_pairs), dropped_pair_ids=frozenset(dropped), redirects=split.redirects,
        )

    def _best_part(self, cid: str, parts: set[str]) -> str | None:
        """The event among `parts` that claim `cid` links to best (the link `_choose_event`
        scores), or None when it reaches no claim of theirs."""
        align = self.tuning.alignment
        member = self._members[cid]
        rows, similarities = self._vectors.search(self._vectors.vector(member.row), member.date, align.window_days)
        inside = np.array(
            [(c := self._vectors.claim_at(int(r))) != cid and self._claims[c].event_id in parts for r in rows], dtype=bool
        )
        names = distinctive(member.entities, self._document_frequency, len(self._members), max_share=align.entity_max_share)
        return self._choose_event(member, names, rows[inside], similarities[inside]) if inside.any() else None

    def _pairs_after_split(self, sid: str, moved_claims: Sequence[str]) -> tuple[list[ClaimPair], set[str]]:
        """Pairs of event `sid` with a claim the split moved: into the claims' event when
        they still share one, else dropped. Returns (moved pairs, dropped pair ids)."""
        moved: list[ClaimPair] = []
        dropped: set[str] = set()
        for pid in sorted({p for c in moved_claims for p in self._pairs_of_claim.get(c, ())}):
            pair = self._pairs[pid]
            if pair.event_id != sid:
                continue
            events = {self._claims[pair.a].event_id, self._claims[pair.b].event_id}
            if len(events) == 1:
                self._pairs[pid] = dataclasses.replace(pair, event_id=events.pop() or "")
                moved.append(self._pairs[pid])
            else:
                dropped.add(pid)
        self._drop_pairs(dropped)
        return moved, dropped

    def _recount_names(self, eid: str) -> None:
        align = self.tuning.alignment
        counts: Counter[str] = Counter()
        for cid in self._event_claims.get(eid, []):
            counts.update(distinctive(self._members[cid].entities, self._document_frequency, self._claim_total(), max_share=align.entity_max_share))
        self._event_names[eid] = counts

    def load(
        self,
        claims: Sequence[Claim],
        embeddings: np.ndarray,
        events: Sequence[Event],
        pairs: Sequence[ClaimPair],
        *,
        stories: Sequence[tuple[Article, str, np.ndarray]] = (),
        redirects: Mapping[str, str] | None = None,
        articles: Sequence[Article] = (),
        event_names: Mapping[str, Mapping[str, int] | None] | None = None,
        counts: StoreWideCounts | None = None,
        facts: Callable[[Claim], ClaimFacts] | None = None,
    ) -> None:
        """Rebuild the index from stored records (no model calls). Replaces the contents.

        `embeddings` is (len(claims), dim) float32, rows aligned with `claims`; events keep
        their stored ids and labels; claims list members in `Event.claim_ids` order.
        `stories` are the stored articles with their event id and (dim,) lede vector, in
        each story's article order. `event_names` are the events' stored name counts
        (`LinkResult.event_names`; recounted where absent).

        A part of the store (a date window, `narratives.index.windowed`) loads with
        `counts`, the store-wide counts, and `articles`: the other articles its claims
        come from, whose stories it does not hold. `facts` stands in for `claim_facts`
        (a cached one, for a caller that loads the same claims again and again).
        """
        facts = facts or claim_facts
        embeddings = np.asarray(embeddings, dtype=np.float32)
        if embeddings.shape != (len(claims), self.embedder.dim):
            raise InputError(f"embeddings have shape {embeddings.shape}, expected ({len(claims)}, {self.embedder.dim})")
        with self._lock:
            self._reset()
            self._articles.update((a.id, a) for a in articles)
            for article, eid, vector in stories:
                self._articles[article.id] = article
                self._stories.restore(story_profile(article, vector), eid)
            self._stories.redirects.update(redirects or {})
            by_id = {c.id: (c, embeddings[i]) for i, c in enumerate(claims)}
            for event in events:
                for cid in event.claim_ids:
                    claim, vector = by_id.pop(cid)
                    self._load_claim(dataclasses.replace(claim, event_id=event.id), vector, facts)
                self._events[event.id] = event
            for claim, vector in by_id.values():  # a claim stored without its event opens one
                self._load_claim(dataclasses.replace(claim, event_id=event_id(claim.id)), vector, facts)
            if counts is not None:
                counts.prefetch(claim_names=(m.entities for m in self._members.values()), profiles=self._stories.profiles.values())
                self._document_frequency = counts.claim_names
                self._stories.frequencies = counts.story_frequencies()
                self._claims_elsewhere = counts.claims - len(self._members)
            stored_names = event_names or {}
            for eid in self._event_claims:
                names = stored_names.get(eid)
                if names is None:
                    self._recount_names(eid)
                else:
                    self._event_names[eid] = Counter(names)
                if eid not in self._events:
                    self._refresh_event(eid)
            for eid in self._stories.stories:
                if eid not in self._events:
                    self._refresh_event(eid)
            self._store_pairs([p for p in pairs if p.a in self._claims and p.b in self._claims])

    def _load_claim(self, claim: Claim, vector: np.ndarray, facts: Callable[[Claim], ClaimFacts]) -> None:
        date, entities, disputing = facts(claim)
        member = _Member(claim, -1, date, entities, disputing)
        self._document_frequency.update(member.entities)
        self._insert(member, vector, frozenset())


def _bounded_per_article(
    candidates: list[tuple[Claim, Claim, float, str]], limit: int
) -> list[tuple[Claim, Claim, float, str]]:
    """At most `limit` candidates per new claim's article, the most similar first, so the
    contradiction model's work per article is bounded whatever the article holds (each
    claim already brings at most `top_k`). Order is kept otherwise."""
    ranked = sorted(range(len(candidates)), key=lambda i: (-candidates[i][2], candidates[i][1].id, candidates[i][0].id))
    kept: list[int] = []
    per_article: Counter[str] = Counter()
    for i in ranked:
        article = candidates[i][1].article_id
        if per_article[article] < limit:
            per_article[article] += 1
            kept.append(i)
    return [candidates[i] for i in sorted(kept)]


def _near(date: dt.date | None, anchor: dt.date | None, days: int) -> bool:
    """Whether `date` lies within `days` of `anchor` (always, when either is unknown)."""
    return date is None or anchor is None or abs((date - anchor).days) <= days


def _recurring(names: Mapping[str, float], headlines: Sequence[str], *, top: int = 5) -> frozenset[str]:
    """Of the `top` weightiest names, those in at least half of two or more headlines
    (lower-cased): what a story's reports keep naming ("azovstal")."""
    if len(headlines) < 2:
        return frozenset()
    weightiest = sorted(names, key=lambda n: (-names[n], n))[:top]
    return frozenset(n for n in weightiest if 2 * sum(n in h for h in headlines) >= len(headlines))
