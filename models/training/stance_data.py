"""RUWA headlines and ledes as side-labelled examples.

A headline's own voice follows its outlet (shared/data/README.md), but a claim that the
headline attributes to someone else ("Russia says ...", "... - General Staff") belongs
to that speaker's side. `label_row` applies both rules: an international outlet that
reports a party's claim gives that party's side; a partisan outlet that reports the
other party's claim is dropped, since its wording is neither side's own voice.
The rows come from `narratives.corpora.ruwa.read_ruwa`, handed in by the CLI.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Protocol

from models.stance_lexicon import speaker_side

RUWA_SIDES: tuple[str, ...] = ("russia", "ukraine", "other")


class RuwaRow(Protocol):
    """What labelling reads of a RUWA row (`narratives.corpora.ruwa.RuwaRow`)."""

    outlet: str
    event: str

    @property
    def outlet_side(self) -> str | None: ...

    @property
    def cleaned(self) -> tuple[str, str]: ...

    @property
    def text(self) -> str: ...

_CUES = (
    r"says|said|say|claims|claimed|claim|denies|denied|deny|accuses|accused|accuse|warns|warned"
    r"|insists|insisted|reports|reported|confirms|confirmed|blames|blamed|rejects|rejected"
    r"|calls|called|slams|condemns|condemned|urges|urged|tells|told|announces|announced"
    r"|believes|stresses|notes|states|alleges|admits|vows|pledges|threatens|dismisses"
)
# "Russia says ...", "Kremlin denies ...": a short speaker before the cue at the start.
_LEADING = re.compile(rf"^(?P<speaker>[^,:;]{{2,60}}?)\s+(?:{_CUES})\b")
# "..., Ukraine says" / "... Russian envoy says": a speaker before a final cue.
_TRAILING = re.compile(rf"[,.]\s+(?P<speaker>[^,:;]{{2,60}}?)\s+(?:{_CUES})(?:\s+\w+)?\s*$")
# "... - General Staff", "... — MP": the speaker after a dash at the end.
_DASHED = re.compile(r"\s[-–—]\s*(?P<speaker>[^-–—]{2,60})$")
# "Minister Reznikov: ...", "Zelensky: ...": a short speaker prefix (not a topic such
# as "Ukraine and Russia:" or "Inflation in Ukraine:").
_PREFIX = re.compile(r"^(?P<speaker>[\w'’.]+(?: [\w'’.]+){0,2}):\s")
_TOPIC_WORDS = re.compile(r"\b(?:and|in|of|on|at|for|with|to)\b", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to (?P<speaker>[^,.;]{2,60})")


@dataclass(frozen=True)
class StanceExample:
    """One labelled RUWA row. `parts` are its cleaned headline and lede, each a claim-sized
    text; the classifier learns from and predicts on parts, a row's side is their consensus."""

    text: str
    speaker: str | None
    side: str
    outlet: str
    event: str
    parts: tuple[str, ...] = ()


def headline_speaker(headline: str) -> str | None:
    """The speaker a headline attributes its claim to, when it names one."""
    for pattern in (_TRAILING, _DASHED, _LEADING, _ACCORDING, _PREFIX):
        match = pattern.search(headline)
        if match:
            speaker = match.group("speaker").strip(" '\"‘’“”")
            if pattern is _PREFIX and (speaker_side(speaker) is None or _TOPIC_WORDS.search(speaker)):
                continue  # a section name ("Losses of the occupiers:"), not a speaker
            return speaker or None
    return None


def label_row(row: RuwaRow) -> StanceExample | None:
    """A labelled example, or None for rows with no text, no aligned outlet, or whose
    headline reports the opposing party's claim in a partisan outlet."""
    outlet_side = row.outlet_side
    text = row.text
    if outlet_side is None or not text:
        return None
    headline, lede = row.cleaned
    speaker = headline_speaker(headline) if headline else None
    said_by = speaker_side(speaker)
    side = outlet_side
    if said_by is not None and said_by != outlet_side:
        if outlet_side != "other":
            return None
        side = said_by
    parts = tuple(p for p in (headline, lede) if p)
    return StanceExample(text=text, speaker=speaker, side=side, outlet=row.outlet, event=row.event, parts=parts)


def ruwa_examples(rows: Iterable[RuwaRow]) -> list[StanceExample]:
    """The labelled examples of `rows`; rows `label_row` drops are left out."""
    return [ex for ex in map(label_row, rows) if ex is not None]
