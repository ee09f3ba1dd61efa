"""Merge parse-based attributions with a learned tagger's.

The parse is precise on the constructions it knows (quotes tied to their cues, "X said
that ...", "according to X"); the tagger, trained on PolNeAR, covers the long tail
(beliefs, intentions, reports, nominal and passive cues). Where both found the same
attribution (overlapping cues, or overlapping contents), the parse's version is kept (with
the tagger's source where the parse found none); the tagger's other attributions are added.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from narratives.types import Attribution, Span

_QUOTE_MARKS = "\"“”«»‘’'"


def _same(a: Attribution, b: Attribution) -> bool:
    if a.cue is not None and b.cue is not None and a.cue.overlaps(b.cue):
        return True
    return any(x.overlaps(y) for x in a.contents for y in b.contents) and (
        any(x.overlaps(y) for x in a.sources for y in b.sources)
    )


def _plausible(a: Attribution, text: str, boilerplate: Sequence[Span]) -> bool:
    """A learned attribution outside boilerplate whose cue and content share a paragraph.

    Reported speech does not cross a paragraph break; only a quotation continued in a
    new paragraph (the paragraph opening with a quote mark) may.
    """
    spans = [s for s in (a.cue, *a.sources, *a.contents) if s is not None]
    if any(s.overlaps(b) for s in spans for b in boilerplate):
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


def _with_learned_source(parsed: Attribution, learned: Sequence[Attribution]) -> Attribution:
    """A parsed attribution whose parse names no source takes the source the tagger found
    for the same cue ("..., saying the plan failed": the parse misses "he" two clauses back)."""
    if parsed.sources or parsed.cue is None:
        return parsed
    same_cue = [a for a in learned if a.cue is not None and a.cue.overlaps(parsed.cue) and a.sources]
    return replace(parsed, sources=same_cue[0].sources) if same_cue else parsed


def merge_attributions(
    parsed: Sequence[Attribution],
    learned: Sequence[Attribution],
    doc=None,
    *,
    boilerplate: Sequence[Span] = (),
) -> list[Attribution]:
    """Parsed attributions plus the learned ones that none of them already covers.

    `doc` is the spaCy Doc both came from; with it, learned attributions in `boilerplate`
    or whose cue and (non-quoted) content lie in different paragraphs are dropped.
    Output is sorted by first content offset.
    """
    if doc is not None:
        learned = [a for a in learned if _plausible(a, doc.text, boilerplate)]
    extra = [a for a in learned if not any(_same(a, p) for p in parsed)]
    merged = [_with_learned_source(p, learned) for p in parsed] + extra
    merged.sort(key=lambda a: (a.contents[0].start if a.contents else 0, a.cue.start if a.cue else 0))
    return merged
