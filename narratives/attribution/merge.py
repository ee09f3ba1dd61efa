"""Merge parse-based attributions with a learned tagger's.

The parse is precise on the constructions it knows (quotes tied to their cues, "X said
that ...", "according to X"); the tagger, trained on PolNeAR, covers the long tail
(beliefs, intentions, reports, nominal and passive cues). Where both found the same
attribution (overlapping cues, or overlapping contents), the parse's version is kept (with
the tagger's source where the parse found none); the tagger's other attributions are added.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from itertools import accumulate
from typing import Sequence

from narratives.types import Attribution, Span

_QUOTE_MARKS = "\"“”«»‘’'"


def _same(a: Attribution, b: Attribution) -> bool:
    if a.cue is not None and b.cue is not None and a.cue.overlaps(b.cue):
        return True
    return any(x.overlaps(y) for x in a.contents for y in b.contents) and (
        any(x.overlaps(y) for x in a.sources for y in b.sources)
    )


def _extent(a: Attribution) -> Span:
    spans = [s for s in (a.cue, *a.sources, *a.contents) if s is not None]
    return Span(min(s.start for s in spans), max(s.end for s in spans)) if spans else Span(0, 0)


class _Covered:
    """The parsed attributions, found by extent: `covers(a)` compares `a` only with those
    whose extent overlaps its own (any overlap `_same` looks for lies inside both), so
    merging stays near-linear on articles with thousands of attributions."""

    def __init__(self, parsed: Sequence[Attribution]) -> None:
        self._items = sorted(((_extent(p), p) for p in parsed), key=lambda e: e[0])
        self._starts = [e.start for e, _ in self._items]
        self._max_ends = list(accumulate((e.end for e, _ in self._items), max))

    def covers(self, a: Attribution) -> bool:
        extent = _extent(a)
        i = bisect_left(self._starts, extent.end) - 1
        while i >= 0 and self._max_ends[i] > extent.start:
            other_extent, other = self._items[i]
            if other_extent.end > extent.start and _same(a, other):
                return True
            i -= 1
        return False


def _plausible(a: Attribution, text: str, boilerplate: Sequence[Span], headline: Span | None = None) -> bool:
    """A learned attribution outside boilerplate whose cue and content share a paragraph,
    and lie both inside or both outside the headline.

    Reported speech does not cross a paragraph break; only a quotation continued in a
    new paragraph (the paragraph opening with a quote mark) may. A headline is read on its
    own: "Ukraine at OSCE exposes Russian lies about ..." is not what the lede's "Russia's
    Defence Ministry is lying" reports.
    """
    spans = [s for s in (a.cue, *a.sources, *a.contents) if s is not None]
    if any(s.overlaps(b) for s in spans for b in boilerplate):
        return False
    if headline is not None and len({headline.start <= s.start and s.end <= headline.end for s in spans}) > 1:
        return False
    if a.cue is None or not a.contents:
        return True
    first = min(a.contents)
    gap = text[a.cue.end : first.start] if first.start >= a.cue.end else text[first.end : a.cue.start]
    if "\n" not in gap:
        return True
    paragraph_start = text.rfind("\n", 0, first.start) + 1
    opening = text[paragraph_start : first.start + 1].strip()
    return bool(opening) and opening[0] in _QUOTE_MARKS and len(opening) <= 2


class _LearnedSources:
    """The tagger's sources by cue. `fill(parsed)`: a parsed attribution whose parse names
    no source takes the one the tagger found for the same cue ("..., saying the plan
    failed": the parse misses "he" two clauses back). The tagger's cues are disjoint
    (one BIO sequence), so the last one starting before a cue's end is the only candidate."""

    def __init__(self, learned: Sequence[Attribution]) -> None:
        found = [(a.cue, a.sources) for a in learned if a.cue is not None and a.sources]
        self._items = sorted(found, key=lambda e: e[0])
        self._starts = [cue.start for cue, _ in self._items]

    def fill(self, parsed: Attribution) -> Attribution:
        if parsed.sources or parsed.cue is None:
            return parsed
        i = bisect_left(self._starts, parsed.cue.end) - 1
        if i >= 0 and self._items[i][0].overlaps(parsed.cue):
            return replace(parsed, sources=self._items[i][1])
        return parsed


def merge_attributions(
    parsed: Sequence[Attribution],
    learned: Sequence[Attribution],
    doc=None,
    *,
    boilerplate: Sequence[Span] = (),
    headline: Span | None = None,
) -> list[Attribution]:
    """Parsed attributions plus the learned ones that none of them already covers.

    `doc` is the spaCy Doc both came from; with it, learned attributions in `boilerplate`,
    whose cue and (non-quoted) content lie in different paragraphs, or which reach across
    the edge of the `headline`, are dropped.
    Output is sorted by first content offset.
    """
    if doc is not None:
        text = doc.text  # built anew on each access: once, not once per attribution
        learned = [a for a in learned if _plausible(a, text, boilerplate, headline)]
    covered = _Covered(parsed)
    extra = [a for a in learned if not covered.covers(a)]
    sources = _LearnedSources(learned)
    merged = [sources.fill(p) for p in parsed] + extra
    merged.sort(key=lambda a: (a.contents[0].start if a.contents else 0, a.cue.start if a.cue else 0))
    return merged
