"""Wire boilerplate: lines that are not the article's own reporting.

"(Also read: ...)", "(Keep reading: ...)", photo captions and agency sign-offs stay in
the stored text (offsets stay true) but claim extraction skips them.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from narratives.types import Span

# A whole line in parentheses that opens with a short label and a colon: "(Also read: ...)".
_CROSS_REFERENCE = re.compile(r"^\(\s*[A-Za-z][A-Za-z ]{0,30}:[^\n]*\)[ \t]*$", re.MULTILINE)
# Explicit caption / credit lines.
_CAPTION_MARKER = re.compile(
    r"^[ \t]*(?:photo|image|picture|file photo|video|caption|credit)s?\b[^\n]{0,40}[:|][^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
# An agency sign-off: a short line in capitals at the end ("EFE AND AFP", "REUTERS").
_SIGN_OFF = re.compile(r"^[ \t]*[A-Z][A-Z&/.,' -]{1,40}[ \t]*$", re.MULTILINE)

_MAX_CAPTION_TOKENS = 30


def _line_spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in pattern.finditer(text)]


def wire_boilerplate(text: str) -> tuple[Span, ...]:
    """Spans of cross-reference lines, caption markers and sign-offs, in text order."""
    spans = _line_spans(_CROSS_REFERENCE, text) + _line_spans(_CAPTION_MARKER, text)
    spans += [s for s in _line_spans(_SIGN_OFF, text) if len(s.text(text).split()) <= 6]
    return tuple(sorted(set(spans)))


def caption_spans(doc: Doc) -> tuple[Span, ...]:
    """Photo captions: a short stand-alone paragraph with no finite verb and no quote.

    "Damage to an apartment building after the night attack in Kharkov." is a caption;
    a one-line paragraph with a finite verb is reporting.
    """
    text = doc.text
    spans: list[Span] = []
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        stripped = paragraph.strip()
        if stripped and not any(q in stripped for q in "\"“”«»"):
            tokens = doc.char_span(start, end, alignment_mode="expand")
            if tokens is not None and 0 < len(tokens) <= _MAX_CAPTION_TOKENS and len(list(tokens.sents)) == 1:
                finite = any(
                    t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in tokens
                )
                if not finite:
                    offset = len(paragraph) - len(paragraph.lstrip())
                    spans.append(Span(start + offset, start + offset + len(stripped)))
        start = end + 1
    return tuple(spans)
