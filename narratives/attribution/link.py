"""Tie quotation marks to parse-based attributions.

* a quote that overlaps an attribution's content becomes (part of) that content, across
  sentences and paragraphs ("“... . ...,” Yusov said");
* a quote next to a speech verb left without content ("He said: “...”") gets that cue;
* a quote right after an attribution whose quote ended before its cue continues it
  ("“Judge,” Brafman said, “I have never ...”");
* short quotes (scare quotes: “family”, “never”) never stand alone; inside a content they
  only make the attribution "mixed".
"""
from __future__ import annotations

import re
from dataclasses import replace

from narratives.attribution.parse import BareCue
from narratives.attribution.quotes import Quote
from narratives.types import Attribution, Span

MIN_QUOTE_WORDS = 4
_GAP = re.compile(r"[\s,:;.\u2014\u2013-]*")


def is_long(quote: Quote, text: str) -> bool:
    words = sum(len(text[p.start : p.end].split()) for p in quote.pieces)
    return words >= MIN_QUOTE_WORDS


def _gap_only(text: str, start: int, end: int) -> bool:
    return start <= end and _GAP.fullmatch(text, start, end) is not None


def _with_quote(attribution: Attribution, quotes: list[Quote], text: str) -> Attribution:
    """Extend the content over the long quotes it overlaps; classify direct / mixed / indirect."""
    contents = attribution.contents
    hull = Span(contents[0].start, contents[-1].end)
    touching = [q for q in quotes if q.outer.overlaps(hull)]
    long_quotes = [q for q in touching if is_long(q, text)]
    if attribution.kind == "according_to":
        return attribution
    if not touching:
        return attribution
    if long_quotes:
        covered = Span(min(q.outer.start for q in long_quotes), max(q.outer.end for q in long_quotes))
        if covered.contains(hull):
            pieces = tuple(p for q in long_quotes for p in q.pieces)
            return replace(attribution, contents=pieces, kind="direct")
        start = min(hull.start, long_quotes[0].inner.start)
        end = max(hull.end, long_quotes[-1].inner.end)
        return replace(attribution, contents=(Span(start, end),), kind="mixed")
    return replace(attribution, kind="mixed")


def _cue_end(attribution: Attribution) -> int:
    ends = [s.end for s in attribution.sources]
    if attribution.cue is not None:
        ends.append(attribution.cue.end)
    return max(ends)


def link_quotes(
    text: str,
    attributions: list[Attribution],
    bare: list[BareCue],
    quotes: list[Quote],
) -> list[Attribution]:
    """Attributions with quotes merged in, plus attributions for quotes tied to bare cues."""
    linked = [_with_quote(a, quotes, text) for a in attributions]
    claimed = [s for a in linked for s in (*a.contents, *a.sources)]
    for quote in quotes:
        if not is_long(quote, text) or any(quote.inner.overlaps(s) for s in claimed):
            continue
        attribution = _continuation(text, linked, quote) or _from_bare_cue(text, bare, quote)
        if attribution is None:
            continue
        linked = [a for a in linked if a.cue != attribution.cue]
        linked.append(attribution)
        claimed.extend(quote.pieces)
    return sorted(linked, key=lambda a: (a.contents[0].start, a.cue.start if a.cue else -1))


def _continuation(text: str, linked: list[Attribution], quote: Quote) -> Attribution | None:
    for attribution in linked:
        if attribution.kind != "direct" or attribution.cue is None:
            continue
        if attribution.contents[-1].end < attribution.cue.start and _gap_only(
            text, _cue_end(attribution), quote.outer.start
        ):
            return replace(attribution, contents=attribution.contents + quote.pieces)
    return None


def _from_bare_cue(text: str, bare: list[BareCue], quote: Quote) -> Attribution | None:
    for cue in bare:
        same_sentence = cue.sentence.overlaps(quote.outer)
        introduces = text[cue.sentence.start : cue.sentence.end].rstrip().endswith(":") and _gap_only(
            text, cue.sentence.end, quote.outer.start
        )
        follows = _gap_only(text, quote.outer.end, min(s.start for s in cue.sources + (cue.cue,)))
        if same_sentence or introduces or follows:
            return Attribution(cue.cue, cue.sources, quote.pieces, "direct", cue_lemma=cue.cue_lemma)
    return None
