"""Domain nouns, as frozen dataclasses. Offsets are character offsets into `Article.text`.

No ORM, Flask or torch types in here: every layer (pipeline, storage, service, eval)
passes these around.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Side = str
"""A side id from the registry: by default `russia`, `ukraine`, `un`, `other`, or `unknown`."""

DEFAULT_SIDES: tuple[Side, ...] = ("russia", "ukraine", "un", "other")
UNKNOWN_SIDE: Side = "unknown"

ClaimKind = Literal["direct", "indirect", "mixed", "according_to", "narrator"]
Relation = Literal["contradicts", "corroborates", "related"]
SideDecider = Literal["registry", "model", "outlet", "unknown"]


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range `[start, end)` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Article:
    """One news article after ingest. `text` is the stored text all offsets point into."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    external_id: str | None = None  # the caller's own id, if the record had one
    # Character ranges of wire boilerplate ("(Also read: ...)", photo captions) that claim
    # extraction skips; the text itself keeps them so offsets stay true.
    boilerplate: tuple[Span, ...] = ()
    event_id: str | None = None  # the article's story (its main event), once indexed
    event_ids: tuple[str, ...] = ()  # the story first, then events of claims about other incidents

    def headline_span(self) -> Span | None:
        """Where the title stands in `text`, when the text opens with it (a headline feed's
        "Title. Lede"), else None."""
        title = (self.title or "").strip()
        start = len(self.text) - len(self.text.lstrip())
        if title and self.text.startswith(title, start):
            return Span(start, start + len(title))
        return None


@dataclass(frozen=True)
class Attribution:
    """Who said what: PolNeAR / citron-style source, cue and content spans.

    `sources` and `contents` may hold several pieces (a quote interrupted by its cue).
    `cue` is None for narrator claims and for the rare cue-less quotes.
    """

    cue: Span | None
    sources: tuple[Span, ...]
    contents: tuple[Span, ...]
    kind: ClaimKind
    cue_lemma: str | None = None


@dataclass(frozen=True)
class RoleSpans:
    """A span tagger's predicted cue, source and content spans in one text, before
    `narratives.attribution.grouping` ties them into attributions."""

    cues: list[Span] = field(default_factory=list)
    sources: list[Span] = field(default_factory=list)
    contents: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: canonical name plus what we know about it."""

    name: str
    mention: Span | None = None
    title: str | None = None
    affiliation: str | None = None
    actor_id: str | None = None


@dataclass(frozen=True)
class SideAssignment:
    side: Side
    confidence: float
    evidence: str
    decided_by: SideDecider


@dataclass(frozen=True)
class Claim:
    """An attributed claim. Field names follow the claims.jsonl contract in DESIGN.md."""

    id: str
    article_id: str
    text: str
    start: int
    end: int
    content_spans: tuple[Span, ...]
    sentence: Span
    speaker: str
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    kind: ClaimKind
    side: Side
    side_confidence: float
    side_evidence: str
    event_id: str | None = None
    side_decided_by: SideDecider = "unknown"
    speaker_title: str | None = None
    speaker_affiliation: str | None = None
    actor_id: str | None = None
    published: dt.date | None = None
    # The claim of the same article this one denies or rebuts ("Ukraine denied it" -> the
    # claim "it" stands for; "X's claims that ... are untrue" -> X's claim), and its text.
    answers: str | None = None
    answered_text: str | None = None
    # The article's headline (else its url's words) for a claim that names its site only as
    # "the building" (`narratives.pairing.scene`): where it happened.
    scene: str | None = None
    # The earlier day the article's headline or lede dates its incident to ("300 people died
    # in Mariupol Drama Theater on March 16", filed March 25): the day the claim is about
    # when it names none of its own (`narratives.ingest.dates.claim_day`).
    incident_date: dt.date | None = None


@dataclass(frozen=True)
class Event:
    id: str
    label: str
    start_date: dt.date | None
    end_date: dt.date | None
    claim_ids: tuple[str, ...]
    sides: tuple[Side, ...]
    article_ids: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimPair:
    id: str
    event_id: str
    a: str
    b: str
    side_a: Side
    side_b: Side
    relation: Relation
    similarity: float
    contradiction: float
    rationale: str


@dataclass(frozen=True)
class ArticleFailure:
    """An input that could not be analysed; the batch goes on without it."""

    source: str
    code: str
    message: str


@dataclass(frozen=True)
class ArticleAnalysis:
    """The per-article result of the pipeline before events and pairing."""

    article: Article
    claims: tuple[Claim, ...] = field(default_factory=tuple)
