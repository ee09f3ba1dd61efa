"""Token-to-character span helpers shared by the extractors."""
from __future__ import annotations

from typing import Iterable, Sequence

from spacy.tokens import Token

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
