"""The incremental narrative index: claims -> events -> claim vs counter-claim pairs.

Both the batch CLI (`index.add(all_analyses)` once) and the REST service (one `add` per
posted article, `load` at start-up from the store) use this class.

Cost: a new claim is compared only with the stored claims inside its date window (day
buckets over one growing float32 matrix, one matmul per claim), and scored by the
contradiction model against at most `top_k` of them. Cost per article therefore grows
with the number of claims in the window, never with the square of the store.
Claims without any date (no publication date, no date in the text) form their own bucket.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import Counter
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, Sequence

import numpy as np

from narratives.config import Settings
from narratives.dates import claim_date
from narratives.errors import InputError, NotFoundError
from narratives.events import AlignmentTuning, build_event, distinctive, event_id, extract_entities, link_score
from narratives.pairing import PairingTuning, disputes, may_pair, pairable, score_candidates
from narratives.protocols import ContradictionModel, Embedder
from narratives.types import ArticleAnalysis, Claim, ClaimPair, Event
from narratives.vectors import DayBucketedVectors


@dataclass(frozen=True)
class IndexTuning:
    """The alignment and pairing knobs (defaults in code, tuned on the seed gold)."""

    alignment: AlignmentTuning = field(default_factory=AlignmentTuning)
    pairing: PairingTuning = field(default_factory=PairingTuning)


@dataclass(frozen=True)
class LinkResult:
    """What one `add` / `remove_article` changed (for the store to persist)."""

    claims: tuple[Claim, ...]
    embeddings: np.ndarray  # (len(claims), dim) float32, rows aligned with `claims`
    events: tuple[Event, ...]  # events created or changed
    removed_event_ids: tuple[str, ...]
    pairs: tuple[ClaimPair, ...]  # pairs created
    removed_pair_ids: tuple[str, ...]


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
    serve concurrent requests. Events never merge: a claim joins one event for good.
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
        self._document_frequency: Counter[str] = Counter()

    @property
    def claims(self) -> Mapping[str, Claim]:
        return MappingProxyType(self._claims)

    @property
    def events(self) -> Mapping[str, Event]:
        return MappingProxyType(self._events)

    @property
    def pairs(self) -> Mapping[str, ClaimPair]:
        return MappingProxyType(self._pairs)

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
            new_claims = self._new_claims(analyses)
            vectors = self.embedder.embed([c.text for c in new_claims]) if new_claims else None
            if vectors is None:
                vectors = np.zeros((0, self.embedder.dim), np.float32)
            vectors = np.asarray(vectors, dtype=np.float32)
            # Names are judged distinctive against the store and this batch together.
            batch_entities = [extract_entities(c.text) for c in new_claims]
            for entities in batch_entities:
                self._document_frequency.update(entities)
            n_claims = len(self._members) + len(new_claims)
            candidates: list[tuple[Claim, Claim, float, str]] = []
            touched: list[str] = []
            linked: list[Claim] = []
            for claim, vector, entities in zip(new_claims, vectors, batch_entities):
                claim, found = self._link_claim(claim, vector, entities, n_claims)
                linked.append(claim)
                candidates.extend(found)
                touched.append(claim.event_id or "")
            candidates.extend(self._answer_candidates(linked))
            created = self._store_pairs(score_candidates(self.contradiction, candidates, tuning=self.tuning.pairing))
            events = tuple(self._refresh_event(e) for e in dict.fromkeys(touched))
            return LinkResult(tuple(linked), vectors, events, (), created, ())

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
        self, claim: Claim, vector: np.ndarray, entities: frozenset[str], n_claims: int
    ) -> tuple[Claim, list[tuple[Claim, Claim, float, str]]]:
        """Choose the claim's event, store it, and return its pairing candidates."""
        align = self.tuning.alignment
        date = claim_date(claim.text, claim.published)
        rows, similarities = self._vectors.search(vector, date, align.window_days)
        member = _Member(claim, -1, date, entities, disputes(claim))
        names = distinctive(entities, self._document_frequency, n_claims, max_share=align.entity_max_share)
        chosen = self._choose_event(member, names, rows, similarities)
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

    def _pair_candidates(self, claim: Claim, eid: str, rows: np.ndarray, similarities: np.ndarray) -> list[tuple[Claim, Claim, float, str]]:
        tuning = self.tuning.pairing
        if not pairable(claim, tuning) or len(rows) == 0:
            return []
        tags = self._vectors.tags(rows)
        mask = (
            (similarities >= tuning.min_similarity)
            & (tags[:, 0] == self._code(eid))
            & (tags[:, 1] != self._code(claim.side))
            & (tags[:, 2] == 1)
        )
        hits = np.flatnonzero(mask)
        found = [(float(similarities[i]), self._members[self._vectors.claim_at(int(rows[i]))].claim) for i in hits]
        found.sort(key=lambda f: (-f[0], f[1].id))
        return [(other, claim, sim, eid) for sim, other in found[: tuning.top_k]]

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
        members = [self._members[c] for c in self._event_claims[eid]]
        event = build_event(eid, [m.claim for m in members], [m.date for m in members], self._event_names[eid])
        self._events[eid] = event
        return event

    # -- removing and loading -------------------------------------------------------------

    def remove_article(self, article_id: str) -> LinkResult:
        """Drop an article's claims and their pairs; shrink or delete their events."""
        with self._lock:
            gone = [self._members[c] for c in self._article_claims.pop(article_id, [])]
            removed_pairs: set[str] = set()
            touched: dict[str, None] = {}
            for member in gone:
                claim = member.claim
                removed_pairs |= self._pairs_of_claim.pop(claim.id, set())
                self._vectors.remove(member.row, member.date)
                self._document_frequency.subtract(member.entities)
                del self._members[claim.id], self._claims[claim.id]
                eid = claim.event_id or ""
                self._event_claims[eid].remove(claim.id)
                touched[eid] = None
            for pid in removed_pairs:
                pair = self._pairs.pop(pid)
                for cid in (pair.a, pair.b):
                    self._pairs_of_claim.get(cid, set()).discard(pid)
            removed_events, changed = [], []
            for eid in touched:
                if self._event_claims[eid]:
                    self._recount_names(eid)
                    changed.append(self._refresh_event(eid))
                else:
                    del self._event_claims[eid], self._event_names[eid], self._events[eid]
                    removed_events.append(eid)
            empty = np.zeros((0, self.embedder.dim), np.float32)
            return LinkResult((), empty, tuple(changed), tuple(removed_events), (), tuple(sorted(removed_pairs)))

    def _recount_names(self, eid: str) -> None:
        align = self.tuning.alignment
        counts: Counter[str] = Counter()
        for cid in self._event_claims[eid]:
            counts.update(distinctive(self._members[cid].entities, self._document_frequency, len(self._members), max_share=align.entity_max_share))
        self._event_names[eid] = counts

    def load(self, claims: Sequence[Claim], embeddings: np.ndarray, events: Sequence[Event], pairs: Sequence[ClaimPair]) -> None:
        """Rebuild the index from stored records (no model calls). Replaces the contents.

        `embeddings` is (len(claims), dim) float32, rows aligned with `claims`; events keep
        their stored ids and labels; claims list members in `Event.claim_ids` order.
        """
        embeddings = np.asarray(embeddings, dtype=np.float32)
        if embeddings.shape != (len(claims), self.embedder.dim):
            raise InputError(f"embeddings have shape {embeddings.shape}, expected ({len(claims)}, {self.embedder.dim})")
        with self._lock:
            self._reset()
            by_id = {c.id: (c, embeddings[i]) for i, c in enumerate(claims)}
            for event in events:
                for cid in event.claim_ids:
                    claim, vector = by_id.pop(cid)
                    self._load_claim(dataclasses.replace(claim, event_id=event.id), vector)
                self._events[event.id] = event
            for claim, vector in by_id.values():  # a claim stored without its event opens one
                self._load_claim(dataclasses.replace(claim, event_id=event_id(claim.id)), vector)
            for eid in self._event_claims:
                self._recount_names(eid)
                if eid not in self._events:
                    self._refresh_event(eid)
            self._store_pairs([p for p in pairs if p.a in self._claims and p.b in self._claims])

    def _load_claim(self, claim: Claim, vector: np.ndarray) -> None:
        date = claim_date(claim.text, claim.published)
        member = _Member(claim, -1, date, extract_entities(claim.text), disputes(claim))
        self._document_frequency.update(member.entities)
        self._insert(member, vector, frozenset())
