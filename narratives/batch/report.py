"""`report.html`: a self-contained page, per event a column per side, pairs highlighted.

Rendered with Jinja2 (autoescape on); every piece of article text is escaped, wrapped
in `<bdi>` and stripped of bidi control characters, so a claim can neither inject markup
nor reorder the page around it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from jinja2 import Environment, PackageLoader, select_autoescape

from narratives.types import DEFAULT_SIDES, Article, Claim, ClaimPair, Event

_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_RELATION_ORDER = {"contradicts": 0, "corroborates": 1, "related": 2}


@dataclass(frozen=True)
class _EventView:
    event: Event
    sides: tuple[str, ...]
    columns: dict[str, list[Claim]]
    pairs: list[ClaimPair]
    disputed: frozenset[str]


def _plain(text: object) -> str:
    return _BIDI_CONTROLS.sub("", "" if text is None else str(text))


def _side_order(side: str) -> tuple[int, str]:
    return (DEFAULT_SIDES.index(side) if side in DEFAULT_SIDES else len(DEFAULT_SIDES), side)


def _views(claims: Sequence[Claim], events: Sequence[Event], pairs: Sequence[ClaimPair]) -> list[_EventView]:
    by_id = {c.id: c for c in claims}
    pairs_of: dict[str, list[ClaimPair]] = defaultdict(list)
    for pair in pairs:
        pairs_of[pair.event_id].append(pair)
    views = []
    for event in events:
        members = [by_id[c] for c in event.claim_ids if c in by_id]
        columns: dict[str, list[Claim]] = defaultdict(list)
        for claim in members:
            columns[claim.side].append(claim)
        event_pairs = sorted(pairs_of[event.id], key=lambda p: (_RELATION_ORDER[p.relation], -p.contradiction, p.id))
        disputed = frozenset(c for p in event_pairs if p.relation == "contradicts" for c in (p.a, p.b))
        views.append(_EventView(event, tuple(sorted(columns, key=_side_order)), dict(columns), event_pairs, disputed))
    # Disputed events first, then the biggest; ties by date and id keep the page stable.
    views.sort(key=lambda v: (-len(v.disputed), -len(v.event.claim_ids), str(v.event.start_date), v.event.id))
    return views


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("narratives", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plain"] = _plain
    return env


def render_report(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    events: Sequence[Event],
    pairs: Sequence[ClaimPair],
    *,
    max_events: int = 500,
) -> str:
    """The whole page as one HTML string (no external resources).

    At most `max_events` events are shown (disputed and large ones first); the page says
    how many were left out.
    """
    views = _views(claims, events, pairs)
    by_id = {c.id: c for c in claims}
    return _environment().get_template("report.html").render(
        articles={a.id: a for a in articles},
        n_articles=len(articles),
        n_claims=len(claims),
        n_pairs=len(pairs),
        n_contradicts=sum(p.relation == "contradicts" for p in pairs),
        views=views[:max_events],
        hidden=max(0, len(views) - max_events),
        claims=by_id,
    )
