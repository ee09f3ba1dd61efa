"""Event alignment at claim level, and the event record with its readable label.

Articles are grouped into stories by `narratives.events.stories`; a claim about its article's
story joins that event (see `narratives.index.narrative_index`). A claim about another incident is linked
claim by claim: it joins the existing event whose members it links to best, or opens a new
event. The link between two claims within the date window is

    cosine(embeddings) + entity_bonus   if they share a distinctive name (place, unit, person)
                       + dispute_bonus  if the newcomer denies or rebuts an earlier claim
                                         of another side (a denial is about the claim
                                         it denies, even when worded apart)

and a claim joins the event with the best link if that link reaches `join_threshold`
(single link over the nearest members: news events are chains of related statements).
The nearest-neighbour search and the bookkeeping live in `narratives.index.narrative_index`; this module
holds the scoring, the entity extraction and the event's readable label.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from narratives.events.places import canonical_place, is_town
from narratives.types import Article, Claim, Event, Side

_NAME = re.compile(r"\b[A-Z][\w’'-]*[\w]")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# Capitalised words that are not names: sentence starts, pronouns, calendar words.
_NOT_NAMES = frozenset(
    """the this that these those there then in on at it its he she his her they their them
    we our us i a an and but or although though with for according as after before during
    since while when where who what which why how mr mrs ms dr if not no yes all some more
    most last next first also yet so such one two both each every many much other another
    today yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    among about against despite from into over under until upon via without""".split()
)


@dataclass(frozen=True)
class AlignmentTuning:
    """Knobs of event alignment (defaults tuned on the seed gold, see tests/test_events.py)."""

    join_threshold: float = 0.6
    # A claim is about its article's story when its cosine with the headline + lede (plus
    # `entity_bonus` for a shared distinctive name) reaches this. On the seed the strike
    # claims reach 0.42-0.89 and Putin's New Year speech at most 0.37.
    on_story: float = 0.4
    # A claim of fewer content words than this ("Russia denies responsibility" -> the claim
    # "responsibility") names nothing that could place it in another incident: it stays
    # with its article's story.
    min_words_off_story: int = 4
    window_days: int = 3
    neighbours: int = 24
    entity_bonus: float = 0.1
    dispute_bonus: float = 0.2
    # A name found in more than this share of stored claims ("Russia") is not distinctive.
    entity_max_share: float = 0.15


def extract_entities(text: str) -> frozenset[str]:
    """Capitalised names in `text`, lower-cased, possessives stripped; adjacent capitalised
    words form one name, up to a possessive: "the Russian Federation hit Kharkov's station" ->
    {"russian federation", "kharkiv"} (places in one spelling, `narratives.events.places`).
    """
    names: set[str] = set()
    words: list[str] = []
    last_end = -2
    closed = False  # a possessive ends a name: "Azovstal's defenders", "Kyiv's Mayor"
    for match in _NAME.finditer(text):
        bare = _POSSESSIVE.sub("", match.group())
        word = canonical_place(bare.lower())
        if word in _NOT_NAMES:
            continue
        if words and (closed or text[last_end : match.start()] != " "):
            names.add(" ".join(words))
            words = []
        words.append(word)
        last_end, closed = match.end(), bare != match.group()
    if words:
        names.add(" ".join(words))
    return frozenset(n for n in names if len(n) > 2)


def distinctive(entities: frozenset[str], document_frequency: Counter[str], n_claims: int, *, max_share: float) -> frozenset[str]:
    """The names in `entities` that occur in few stored claims (at most `max_share` of them)."""
    limit = max(2.0, max_share * n_claims)
    return frozenset(e for e in entities if document_frequency[e] <= limit)


def link_score(
    similarity: float,
    *,
    shared_entities: bool,
    dispute: bool,
    tuning: AlignmentTuning,
) -> float:
    """The strength of the link between two claims in the same date window."""
    return similarity + tuning.entity_bonus * shared_entities + tuning.dispute_bonus * dispute


def event_id(founding_claim_id: str) -> str:
    """Event ids are a hash of the claim that opened the event: stable across runs."""
    return "ev_" + hashlib.blake2b(founding_claim_id.encode("utf-8"), digest_size=8).hexdigest()


def _snippet(text: str, limit: int = 72) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def _date_range(start: dt.date | None, end: dt.date | None) -> str:
    if start is None or end is None:
        return "undated"
    if start == end:
        return _day(start)
    return f"{_day(start)} to {_day(end)}"


def event_label(
    what: str, name_counts: Mapping[str, float], start: dt.date | None, end: dt.date | None,
    *, recurring: frozenset[str] = frozenset(),
) -> str:
    """`Kharkiv: Russia attacks Kharkiv in revenge for … (31 Dec 2023)`.

    The place is the event's weightiest name that is a town (`is_town`) or recurs in the
    headlines of its story (`recurring`: "Azovstal"), never a word that only one headline
    capitalises ("Estimated: ..."); it is left out when `what` (the most central headline,
    else the opening claim) already names it; the date is the span of the members' dates.
    """
    common = [n for n, _ in sorted(name_counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    place = next((n for n in common if n in recurring or is_town(n)), None)
    prefix = f"{place.title()}: " if place and place not in what.lower() else ""
    return f"{prefix}{_snippet(what)} ({_date_range(start, end)})"


def build_event(
    event_id_: str,
    members: Sequence[Claim],
    dates: Sequence[dt.date | None],
    name_counts: Mapping[str, float],
    *,
    articles: Sequence[Article] = (),
    headline: str | None = None,
    recurring: frozenset[str] = frozenset(),
) -> Event:
    """The Event record for `members` (in joining order; the first opened the event) and
    `articles` (its story's articles, then those of its claims)."""
    known = [d for d in dates if d is not None]
    start, end = (min(known), max(known)) if known else (None, None)
    sides: list[Side] = sorted({c.side for c in members})
    what = headline or (members[0].text if members else "")
    return Event(
        id=event_id_,
        label=event_label(what, name_counts, start, end, recurring=recurring),
        start_date=start,
        end_date=end,
        claim_ids=tuple(c.id for c in members),
        sides=tuple(sides),
        article_ids=tuple(a.id for a in articles),
        outlets=tuple(sorted({a.outlet for a in articles if a.outlet})),
    )
