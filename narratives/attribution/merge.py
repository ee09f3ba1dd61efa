"""Merge parse-based attributions with a learned tagger's.

The parse is precise on the constructions it knows (quotes tied to their cues, "X said
that ...", "according to X"); the tagger, trained on PolNeAR, covers the long tail
(beliefs, intentions, reports, nominal and passive cues). Where both found the same
attribution (overlapping cues, or overlapping contents), the parse's version is kept;
the tagger's other attributions are added.
"""
from __future__ import annotations

from typing import Sequence

from narratives.types import Attribution


def _same(a: Attribution, b: Attribution) -> bool:
    if a.cue is not None and b.cue is not None and a.cue.overlaps(b.cue):
        return True
    return any(x.overlaps(y) for x in a.contents for y in b.contents) and (
        any(x.overlaps(y) for x in a.sources for y in b.sources)
    )


def merge_attributions(parsed: Sequence[Attribution], learned: Sequence[Attribution], doc=None) -> list[Attribution]:
    """Parsed attributions plus the learned ones that none of them already covers.

    `doc` (the spaCy Doc both came from) is accepted for callers that pass it; the merge
    needs only the spans. Output is sorted by first content offset.
    """
    extra = [a for a in learned if not any(_same(a, p) for p in parsed)]
    merged = list(parsed) + extra
    merged.sort(key=lambda a: (a.contents[0].start if a.contents else 0, a.cue.start if a.cue else 0))
    return merged
