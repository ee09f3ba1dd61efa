"""Cut a text into segments tagged with the spans that cover them, for highlighting.

Templates render each segment escaped, wrapping tagged ones in `<mark>`; no markup is
ever built by string concatenation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

# Bidi embedding / override / isolate controls: shown as visible markers, never obeyed.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Segment:
    text: str
    tags: frozenset[str]
    claim_id: str | None = None


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    tag: str  # "quote", "speaker" or "cue"
    claim_id: str | None = None


def reveal_controls(text: str) -> str:
    """Bidi controls replaced by a visible `[U+202E]`-style marker (display only)."""
    return _BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def segments(text: str, marks: Iterable[Mark], *, offset: int = 0) -> list[Segment]:
    """`text` is the source slice starting at `offset`; marks use source offsets."""
    end = offset + len(text)
    marks = [m for m in marks if m.start < end and m.end > offset and m.end > m.start]
    cuts = sorted({offset, end} | {max(offset, min(end, p)) for m in marks for p in (m.start, m.end)})
    out: list[Segment] = []
    for left, right in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m.start <= left and right <= m.end]
        claim = next((m.claim_id for m in covering if m.claim_id), None)
        out.append(Segment(text[left - offset : right - offset], frozenset(m.tag for m in covering), claim))
    return out


def opening_segments(segs: list[Segment]) -> list[tuple[Segment, bool]]:
    """Each segment with whether it is the first one of its claim (where its side tag goes)."""
    seen: set[str] = set()
    out = []
    for seg in segs:
        opens = seg.claim_id is not None and seg.claim_id not in seen
        if seg.claim_id is not None:
            seen.add(seg.claim_id)
        out.append((seg, opens))
    return out


def claim_marks(claim: dict) -> list[Mark]:
    """Quote, speaker and cue marks of a claim dict (as in the API)."""
    marks = [Mark(s, e, "quote", claim["id"]) for s, e in claim["content_spans"]]
    if claim.get("speaker_start") is not None and claim.get("speaker_end") is not None:
        marks.append(Mark(claim["speaker_start"], claim["speaker_end"], "speaker", claim["id"]))
    if claim.get("cue_start") is not None and claim.get("cue_end") is not None:
        marks.append(Mark(claim["cue_start"], claim["cue_end"], "cue", claim["id"]))
    return marks
