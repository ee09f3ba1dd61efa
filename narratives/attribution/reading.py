"""The words of a content as a reader (and the models) should get them.

Content spans follow PolNeAR: a quote keeps its quotation marks and the comma inside them,
an indirect content keeps its complementiser (``“We will respond,”``, ``that the bridge
held``). That is what the page highlights; the claim's text drops the wrapping marks,
the comma they enclose and a leading "that" (``We will respond``, ``the bridge held``).
"""
from __future__ import annotations

from typing import Sequence

from narratives.attribution.quotes import ANY_MARK, DOUBLED
from narratives.types import Span

_COMPLEMENTISER = "that"
# After "that", these make it the subject ("said that was a lie"), not a complementiser.
_VERBS_AFTER_PRONOUN = frozenset(
    "is was 's has had will would can could may might must should does did".split()
)


def _unwrapped(piece: str) -> str:
    """``“We will respond,”`` -> ``We will respond``; ``“pure” lies`` stays as it is.

    A piece is unwrapped only when its one mark opens it, or its only two marks are its
    first and last characters (a paragraph of a continued quote has no closing mark).
    """
    single = piece.replace(DOUBLED, '"')  # ''doubled apostrophes'' count as one mark
    marks = [i for i, c in enumerate(single) if c in ANY_MARK]
    if marks == [0] or marks == [0, len(single) - 1]:
        inner = single[1:-1] if len(marks) == 2 else single[1:]
        return inner.strip().rstrip(",;:").rstrip()
    return piece


def _without_complementiser(piece: str) -> str:
    """``that the bridge held`` -> ``the bridge held``; ``that was a lie`` stays."""
    words = piece.split(maxsplit=2)
    if len(words) >= 2 and words[0].lower() == _COMPLEMENTISER and words[1].lower() not in _VERBS_AFTER_PRONOUN:
        return piece.split(maxsplit=1)[1]
    return piece


def reader_text(text: str, contents: Sequence[Span]) -> str:
    """The content pieces of one attribution as one string, without PolNeAR's edges."""
    pieces = [_unwrapped(span.text(text).strip()) for span in contents]
    if pieces:
        pieces[0] = _without_complementiser(pieces[0])
    return " ".join(p for p in pieces if p)
