"""Attribution metrics with BBC citron's definitions (citron/metrics.py), on spaCy tokens.

Character spans become token spans as citron's parser does: the start token holds the
start character (whitespace belongs to the token before it), the end token holds the last
character. Per document, with predicted quotes P and gold quotes G:

* exact, cue: a prediction is a TP if some gold quote has the identical cue span, else an
  FP; a gold quote no prediction matches is an FN.
* exact, source / content: as above, but the match is "cues overlap (p.start <= g.end and
  p.end > g.start, citron's test) and the sorted lists of source (content) spans are equal".
* exact, attribution: identical cue, sources and contents.
* overlap, per role: O = shared tokens summed over ALL (prediction, gold) pairs;
  P = O / predicted role tokens, R = O / gold role tokens. The attribution line sums the
  three roles (with P and R the right way round; citron prints them swapped).

Several predictions may be credited against one gold quote, as in citron. Counts are
summed over documents before P/R/F1.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from narratives.types import Attribution, Span

ROLES: tuple[str, ...] = ("cue", "source", "content")
TokenSpan = tuple[int, int]


@dataclass(frozen=True)
class TokenQuote:
    """An attribution on token offsets: cue (start, end) and sorted source/content spans."""

    cue: TokenSpan
    sources: tuple[TokenSpan, ...]
    contents: tuple[TokenSpan, ...]

    def role(self, name: str) -> tuple[TokenSpan, ...]:
        return {"cue": (self.cue,), "source": self.sources, "content": self.contents}[name]


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def token_index(text: str) -> list[int]:
    """Token id of every character; whitespace after a token belongs to it."""
    index = [0] * len(text)
    for token in _tokenizer()(text):
        for i in range(token.idx, token.idx + len(token.text_with_ws)):
            index[i] = token.i
    return index


def _token_span(index: list[int], span: Span) -> TokenSpan | None:
    if span.end <= span.start:
        return None
    return index[span.start], index[span.end - 1] + 1


def to_token_quote(index: list[int], attribution: Attribution) -> TokenQuote | None:
    """None for attributions without a cue (citron's format needs one)."""
    cue = _token_span(index, attribution.cue) if attribution.cue else None
    if cue is None:
        return None

    def spans(pieces: Sequence[Span]) -> tuple[TokenSpan, ...]:
        return tuple(sorted(s for s in (_token_span(index, p) for p in pieces) if s))

    return TokenQuote(cue, spans(attribution.sources), spans(attribution.contents))


def shared_tokens(a: TokenSpan, b: TokenSpan) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def cues_overlap(p: TokenSpan, g: TokenSpan) -> bool:
    return p[0] <= g[1] and p[1] > g[0]


_MATCH = {
    "cue": lambda p, g: p.cue == g.cue,
    "source": lambda p, g: cues_overlap(p.cue, g.cue) and p.sources == g.sources,
    "content": lambda p, g: cues_overlap(p.cue, g.cue) and p.contents == g.contents,
    "attribution": lambda p, g: p == g,
}


@dataclass
class Tally:
    """Running counts: exact (tp, fp, fn) per key, overlap (shared, predicted, gold) per role."""

    texts: int = 0
    gold: int = 0
    predicted: int = 0
    exact: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in _MATCH})
    overlap: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in ROLES})

    def add(self, gold: Sequence[TokenQuote], predicted: Sequence[TokenQuote]) -> None:
        self.texts += 1
        self.gold += len(gold)
        self.predicted += len(predicted)
        for key, match in _MATCH.items():
            counts = self.exact[key]
            for p in predicted:
                counts[0 if any(match(p, g) for g in gold) else 1] += 1
            counts[2] += sum(1 for g in gold if not any(match(p, g) for p in predicted))
        for role in ROLES:
            counts = self.overlap[role]
            for p in predicted:
                counts[1] += sum(b - a for a, b in p.role(role))
                for g in gold:
                    counts[0] += sum(shared_tokens(x, y) for x in p.role(role) for y in g.role(role))
            counts[2] += sum(b - a for g in gold for a, b in g.role(role))


def _prf(p_num: int, p_den: int, r_num: int, r_den: int) -> dict[str, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def report(tally: Tally) -> dict:
    """The eval JSON: texts, quote counts, and per key {"exact": prf, "overlap": prf}."""
    out: dict = {"texts": tally.texts, "gold_attributions": tally.gold, "predicted_attributions": tally.predicted}
    for key, (tp, fp, fn) in tally.exact.items():
        out[key] = {"exact": _prf(tp, tp + fp, tp, tp + fn)}
    total = [0, 0, 0]
    for role, (shared, predicted, gold) in tally.overlap.items():
        out[role]["overlap"] = _prf(shared, predicted, shared, gold)
        total = [t + c for t, c in zip(total, (shared, predicted, gold))]
    out["attribution"]["overlap"] = _prf(total[0], total[1], total[0], total[2])
    return out


def score(documents: Iterable[tuple[str, Sequence[Attribution], Sequence[Attribution]]]) -> dict:
    """(text, gold, predicted) per document -> the metrics of `report`."""
    tally = Tally()
    for text, gold, predicted in documents:
        index = token_index(text)
        tally.add(
            [q for q in (to_token_quote(index, a) for a in gold) if q],
            [q for q in (to_token_quote(index, a) for a in predicted) if q],
        )
    return report(tally)
