"""Why exact content matches fail: error kinds of predicted contents against gold.

For each gold attribution, the predictions whose cue overlaps its cue (citron's test for
an exact content match) are candidates; the one sharing most content tokens is compared
with the gold contents piece by piece. A gold attribution matched exactly is `exact`;
one without a candidate is `no cue`; one whose candidate shares no content is
`content elsewhere`. Otherwise each kind below is counted at most once per attribution
(an attribution may show several):

* `split content`: one gold piece covered by several predicted pieces;
* `merged contents`: several gold pieces inside one predicted piece;
* `stray piece`: a predicted piece that overlaps no gold piece;
* `continued quote`: a gold quote piece (one opening with a quotation mark) left out;
* `missing piece`: any other gold piece left out;
* `quote marks`, `that-complementiser`, `punctuation`: a piece boundary off only by
  quotation marks, by the complementiser "that", or by other punctuation;
* `swallows cue`: the predicted piece takes in the gold cue;
* `next sentence`: the predicted piece runs on over a sentence end ("... . The ...");
* `left boundary`, `right boundary`: any other start or end that differs.

Boundaries are compared on citron's tokens, as the metric compares them.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Sequence

from narratives.evaluation.citron import TokenSpan, cues_overlap, shared_tokens, to_token_quote, token_index
from narratives.types import Attribution, Span

KINDS: tuple[str, ...] = (
    "exact", "no cue", "content elsewhere", "split content", "merged contents", "stray piece",
    "continued quote", "missing piece", "quote marks", "that-complementiser", "punctuation",
    "swallows cue", "next sentence", "left boundary", "right boundary",
)
_QUOTE_MARKS = frozenset("\"“”‘’'«»„")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]")


class _Tokens:
    """Citron's tokens of one text: token id per character, and each token's character span
    without its trailing whitespace."""

    def __init__(self, text: str) -> None:
        self.index = token_index(text)
        n = self.index[-1] + 1 if self.index else 0
        self.starts, self.ends = [-1] * n, [0] * n
        for i, tok in enumerate(self.index):
            if self.starts[tok] < 0:
                self.starts[tok] = i
            if not text[i].isspace() or self.ends[tok] == 0:
                self.ends[tok] = i + 1

    def chars(self, span: TokenSpan) -> Span:
        return Span(self.starts[span[0]], self.ends[span[1] - 1])


def _edge_kind(gap: str) -> str | None:
    """The kind of a boundary difference whose text (between the two edges) is `gap`."""
    bare = gap.strip()
    if not bare:
        return None
    if all(c in _QUOTE_MARKS or not c.isalnum() for c in bare):
        return "quote marks" if any(c in _QUOTE_MARKS for c in bare) else "punctuation"
    words = re.sub(r"[^\w\s]", " ", bare).lower().split()
    if words == ["that"]:
        return "that-complementiser"
    return None


def _boundary_kinds(text: str, pred: Span, gold: Span, cue: Span) -> set[str]:
    kinds: set[str] = set()
    if pred.overlaps(cue) and not gold.overlaps(cue):
        kinds.add("swallows cue")
    if pred.start != gold.start:
        kind = _edge_kind(text[min(pred.start, gold.start) : max(pred.start, gold.start)])
        kinds.add(kind or "left boundary")
    if pred.end != gold.end:
        extra = text[gold.end : pred.end] if pred.end > gold.end else ""
        kind = _edge_kind(text[min(pred.end, gold.end) : max(pred.end, gold.end)])
        if kind is None and _SENTENCE_END.search(text[gold.end - 1 : pred.end]) and extra:
            kind = "next sentence"
        kinds.add(kind or "right boundary")
    return kinds


def attribution_errors(text: str, gold: Attribution, predicted: Sequence[Attribution], tokens: _Tokens) -> set[str]:
    """The error kinds of one gold attribution (`{"exact"}` when some prediction matches)."""
    g = to_token_quote(tokens.index, gold)
    quotes = (to_token_quote(tokens.index, a) for a in predicted)
    candidates = [q for q in quotes if q and cues_overlap(q.cue, g.cue)]
    if not candidates:
        return {"no cue"}
    if any(q.contents == g.contents for q in candidates):
        return {"exact"}
    best = max(candidates, key=lambda q: sum(shared_tokens(x, y) for x in q.contents for y in g.contents))
    if not any(shared_tokens(x, y) for x in best.contents for y in g.contents):
        return {"content elsewhere"}
    kinds: set[str] = set()
    for p in best.contents:
        covered = [y for y in g.contents if shared_tokens(p, y)]
        if not covered:
            kinds.add("stray piece")
        elif len(covered) > 1:
            kinds.add("merged contents")
    for y in g.contents:
        covering = [p for p in best.contents if shared_tokens(p, y)]
        if not covering:
            piece = tokens.chars(y).text(text)
            kinds.add("continued quote" if piece[:1] in _QUOTE_MARKS else "missing piece")
        elif len(covering) > 1:
            kinds.add("split content")
        elif len([z for z in g.contents if shared_tokens(covering[0], z)]) == 1 and covering[0] != y:
            kinds |= _boundary_kinds(text, tokens.chars(covering[0]), tokens.chars(y), gold.cue or Span(0, 0))
    return kinds


def count_errors(documents: Iterable[tuple[str, Sequence[Attribution], Sequence[Attribution]]]) -> dict[str, int]:
    """(text, gold, predicted) per document -> gold attributions per error kind, all `KINDS`."""
    counts: Counter[str] = Counter({kind: 0 for kind in KINDS})
    for text, gold, predicted in documents:
        tokens = _Tokens(text)
        for attribution in gold:
            counts.update(attribution_errors(text, attribution, predicted, tokens))
    return {kind: counts[kind] for kind in KINDS}
