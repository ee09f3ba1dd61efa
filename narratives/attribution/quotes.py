"""Quotation-mark spans, found by one linear scan over the text.

Handles curly, straight, low-9 and guillemet marks, and the doubled apostrophes some
archives print for both (``''We won,'' he said``); a quote that runs over several
paragraphs (each new paragraph re-opens with a mark, the previous one is left open) is one
quote with one piece per paragraph. An opening mark never closed before a paragraph ends
(and not continued) is dropped, so unbalanced quotes cannot swallow an article.
"""
from __future__ import annotations

from dataclasses import dataclass

from narratives.types import Span

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
DOUBLED = "''"  # two apostrophes standing for a double quotation mark
ANY_MARK = OPENING | CLOSING | {STRAIGHT, "‟"}
_OPEN_CONTEXT = frozenset(" \t\n([{—–-/:“„«")


@dataclass(frozen=True)
class Quote:
    """A quotation: `outer` includes the marks, `pieces` are the quoted text without them."""

    outer: Span
    pieces: tuple[Span, ...]

    @property
    def inner(self) -> Span:
        return Span(self.pieces[0].start, self.pieces[-1].end)


def mark_width(text: str, i: int) -> int:
    """2 where a doubled-apostrophe mark starts at `i`, else 1."""
    return 2 if text.startswith(DOUBLED, i) else 1


def _is_opening(text: str, i: int) -> bool:
    ch = text[i]
    if ch in OPENING:
        return True
    if ch == STRAIGHT or text.startswith(DOUBLED, i):
        return i == 0 or text[i - 1] in _OPEN_CONTEXT
    return False


def _is_closing(text: str, i: int, opened_doubled: bool) -> bool:
    """A closing mark of the kind that opened the quote (doubled apostrophes close only
    their own kind, so an apostrophe pair inside a curly quote closes nothing)."""
    if text.startswith(DOUBLED, i):
        return opened_doubled and not _is_opening(text, i)
    ch = text[i]
    return not opened_doubled and (ch in CLOSING or (ch == STRAIGHT and not _is_opening(text, i)))


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return Span(start, end) if end > start else None


def _next_non_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def find_quotes(text: str) -> list[Quote]:
    """All balanced quotations in `text`, in order. Linear in `len(text)`."""
    quotes: list[Quote] = []
    open_at: int | None = None
    piece_start = 0
    pieces: list[Span] = []
    i = 0
    while i < len(text):
        ch = text[i]
        width = mark_width(text, i)
        if open_at is None:
            if _is_opening(text, i):
                open_at, piece_start, pieces = i, i + width, []
                i += width - 1
        elif ch == "\n":
            nxt = _next_non_space(text, i)
            if nxt < len(text) and _is_opening(text, nxt):
                piece = _trimmed(text, piece_start, i)
                if piece is not None:
                    pieces.append(piece)
                piece_start = nxt + mark_width(text, nxt)
                i = piece_start - 1
            elif "\n" in text[i + 1 : nxt]:
                open_at = None  # a paragraph ended inside an unclosed quote
        elif _is_closing(text, i, text.startswith(DOUBLED, open_at)):
            piece = _trimmed(text, piece_start, i)
            if piece is not None:
                pieces.append(piece)
            if pieces:
                quotes.append(Quote(Span(open_at, i + width), tuple(pieces)))
            open_at = None
            i += width - 1
        elif ch in OPENING:
            open_at, piece_start, pieces = i, i + 1, []
        i += 1
    return quotes
