"""Token-to-character span helpers shared by the extractors."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Iterable, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from narratives.attribution.quotes import ANY_MARK
from narratives.types import Span

_EDGE_PUNCT = frozenset(",;:.!?-–—()[]") | ANY_MARK
_BRACKETS = {")": "(", "]": "["}


def _is_edge(token: Token) -> bool:
    return token.is_space or token.is_punct or token.text in _EDGE_PUNCT


def _closes_inner_bracket(kept: list[Token]) -> bool:
    """A closing bracket whose opening one is in the span: "Sen. Lindsey Graham (R-S.C.)"."""
    closing = kept[-1].text
    return closing in _BRACKETS and any(t.text == _BRACKETS[closing] for t in kept[:-1])


def tokens_span(tokens: Sequence[Token]) -> Span | None:
    """The character span of `tokens` (sorted, contiguous or not) without edge punctuation
    (a bracket closed inside the span stays)."""
    kept = [t for t in tokens]
    while kept and _is_edge(kept[0]):
        kept.pop(0)
    while kept and _is_edge(kept[-1]) and not _closes_inner_bracket(kept):
        kept.pop()
    if not kept:
        return None
    return Span(kept[0].idx, kept[-1].idx + len(kept[-1].text))


def subtree_tokens(token: Token, *, exclude: Iterable[Token] = ()) -> list[Token]:
    """The contiguous token range of `token`'s subtree, minus the subtrees in `exclude`."""
    doc = token.doc
    banned: set[int] = set()
    for other in exclude:
        banned.update(range(other.left_edge.i, other.right_edge.i + 1))
    return [doc[i] for i in range(token.left_edge.i, token.right_edge.i + 1) if i not in banned]


def contiguous_pieces(tokens: Sequence[Token]) -> list[Span]:
    """Split sorted tokens into runs of adjacent indices, one trimmed span per run."""
    pieces: list[Span] = []
    run: list[Token] = []
    for token in tokens:
        if run and token.i != run[-1].i + 1:
            span = tokens_span(run)
            if span is not None:
                pieces.append(span)
            run = []
        run.append(token)
    span = tokens_span(run)
    if span is not None:
        pieces.append(span)
    return pieces


def token_char_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text))


class SpanSet:
    """Spans to test against many times: `overlaps_any` is O(log n), where a scan over
    every quote or region per cue or sentence made extraction quadratic on articles with
    thousands of short quotes."""

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans)
        self._starts = [s.start for s in ordered]
        self._max_ends = list(accumulate((s.end for s in ordered), max))

    def overlaps_any(self, span: Span) -> bool:
        """Whether some span overlaps `span` (`Span.overlaps`: shares a character)."""
        k = bisect_left(self._starts, span.end)  # spans starting before `span` ends
        return k > 0 and self._max_ends[k - 1] > span.start

    def contains_any(self, span: Span) -> bool:
        """Whether some span contains `span` (`Span.contains`)."""
        k = bisect_right(self._starts, span.start)  # spans starting where `span` does or before
        return k > 0 and self._max_ends[k - 1] >= span.end


_SENTENCE_STARTS = "narratives.sentence_starts"


def sentence_of(token: Token) -> SpacySpan:
    """`token.sent`, with the doc's sentence starts found once per doc (in `user_data`):
    spaCy's `Token.sent` re-checks the whole doc's annotation on every call."""
    doc: Doc = token.doc
    starts = doc.user_data.get(_SENTENCE_STARTS)
    if starts is None:
        starts = doc.user_data[_SENTENCE_STARTS] = [s.start for s in doc.sents] + [len(doc)]
    k = bisect_right(starts, token.i) - 1
    return doc[starts[k] : starts[k + 1]]
