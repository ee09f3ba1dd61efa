"""Tie quotation marks to parse-based attributions.

* a quote that overlaps an attribution's content becomes (part of) that content, across
  sentences and paragraphs ("“... . ...,” Yusov said");
* a quote next to a speech verb left without content ("He said: “...”") gets that cue;
* a quote right after an attribution whose quote ended before its cue continues it
  ("“Judge,” Brafman said, “I have never ...”");
* short quotes (scare quotes: “family”, “never”) never stand alone; inside a content they
  only make the attribution "mixed".
"""
from __future__ import annotations

import re
from dataclasses import replace

from narratives.attribution.parse import BareCue
from narratives.attribution.quotes import ANY_MARK, DOUBLED, Quote
from narratives.attribution.spans import SpanSet
from narratives.types import Attribution, Span

MIN_QUOTE_WORDS = 4
_GAP = re.compile(r"[\s,:;.\u2014\u2013-]*")
# A few words of the cue's clause, ended by punctuation, in the same paragraph, unquoted.
_CUE_CLAUSE_REST = re.compile(r"[^\n\"“”«»„]{0,80}?[,:;.\u2014\u2013-]\s*")


def is_long(quote: Quote, text: str) -> bool:
    words = sum(len(text[p.start : p.end].split()) for p in quote.pieces)
    return words >= MIN_QUOTE_WORDS


def marked_pieces(quote: Quote, text: str) -> tuple[Span, ...]:
    """The quote's pieces with their quotation marks, as PolNeAR spans a quoted content.

    ``“We will respond,” he said`` -> ``“We will respond,”`` (the comma inside the marks
    stays); a paragraph left open for the quote to continue keeps its opening mark only.
    """
    pieces = []
    last = len(quote.pieces) - 1
    for k, piece in enumerate(quote.pieces):
        start = piece.start
        while start > 0 and text[start - 1].isspace():
            start -= 1
        if start > 1 and text.startswith(DOUBLED, start - 2):
            start -= 2
        elif start > 0 and text[start - 1] in ANY_MARK:
            start -= 1
        end = quote.outer.end if k == last else piece.end
        pieces.append(Span(quote.outer.start if k == 0 else start, end))
    return tuple(pieces)


def _gap_only(text: str, start: int, end: int) -> bool:
    return start <= end and _GAP.fullmatch(text, start, end) is not None


def _with_quote(attribution: Attribution, quotes: list[Quote], text: str) -> Attribution:
    """Extend content pieces over the quotes they touch; classify direct / mixed / indirect.

    A piece inside a quote becomes the whole quote (all its sentences and paragraphs); a
    piece that a quote runs out of is extended over the quote, marks included; a scare
    quote inside a piece only makes the attribution mixed.
    """
    if attribution.kind == "according_to":
        return attribution
    cue = attribution.cue
    # A cue inside a quote is speech reported by the quoted speaker: the quote is not its content.
    usable = [q for q in quotes if not (cue and q.outer.contains(cue))]
    pieces: list[Span] = []
    quoted = touched = 0
    for piece in attribution.contents:
        touching = [q for q in usable if q.outer.overlaps(piece)]
        around = next((q for q in touching if q.outer.contains(piece)), None)
        if around is not None:
            pieces.extend(marked_pieces(around, text))
            quoted += 1
            continue
        if touching:
            piece = Span(min(piece.start, touching[0].outer.start), max(piece.end, touching[-1].outer.end))
        touched += bool(touching)
        pieces.append(piece)
    if not quoted and not touched:
        return attribution
    kind = "direct" if quoted == len(attribution.contents) else "mixed"
    return replace(attribution, contents=tuple(sorted(set(pieces))), kind=kind)


def quoted_speech(cue: Span | None, quotations: SpanSet) -> bool:
    """A cue inside a quotation: the quoted speaker's words, which PolNeAR does not
    attribute again (“I think we will win,” he said: "think" is no attribution of its own;
    ``He said he thinks they will win``: "thinks" is one)."""
    return cue is not None and quotations.contains_any(cue)


def _cue_end(attribution: Attribution) -> int:
    ends = [s.end for s in attribution.sources]
    if attribution.cue is not None:
        ends.append(attribution.cue.end)
    return max(ends)


def link_quotes(
    text: str,
    attributions: list[Attribution],
    bare: list[BareCue],
    quotes: list[Quote],
) -> list[Attribution]:
    """Attributions with quotes merged in, plus attributions for quotes tied to bare cues.

    Speech reported inside a quotation is dropped (`quoted_speech`)."""
    quotations = SpanSet(q.outer for q in quotes if is_long(q, text))
    attributions = [a for a in attributions if not quoted_speech(a.cue, quotations)]
    bare = [b for b in bare if not quoted_speech(b.cue, quotations)]
    linked = [_with_quote(a, quotes, text) for a in attributions]
    claimed = [s for a in linked for s in (*a.contents, *a.sources)]
    for quote in quotes:
        if any(quote.inner.overlaps(s) for s in claimed):
            continue
        if is_long(quote, text):
            attribution = _continuation(text, linked, quote, _cue_clause_only) or _from_bare_cue(text, bare, quote)
        else:  # a short quote only ever continues one across its cue ("..,” he said, “and we won.”)
            attribution = _continuation(text, linked, quote, _gap_only)
        if attribution is None:
            continue
        linked = [a for a in linked if a.cue != attribution.cue]
        linked.append(attribution)
        claimed.extend(marked_pieces(quote, text))
    return sorted(linked, key=lambda a: (a.contents[0].start, a.cue.start if a.cue else -1))


def _cue_clause_only(text: str, start: int, end: int) -> bool:
    """Only the rest of the cue's clause lies between a cue and the next quote:
    ``“...,” wrote Cameron Easley for Morning Consult. “Just 9 percent ...”``."""
    return start <= end and _CUE_CLAUSE_REST.fullmatch(text, start, end) is not None


def _continuation(text: str, linked: list[Attribution], quote: Quote, between) -> Attribution | None:
    """The direct attribution whose quote `quote` continues after its cue, if any: only
    what `between(text, start, end)` accepts lies between the cue and the quote."""
    for attribution in linked:
        if attribution.kind != "direct" or attribution.cue is None:
            continue
        if attribution.contents[-1].end < attribution.cue.start and between(
            text, _cue_end(attribution), quote.outer.start
        ):
            return replace(attribution, contents=attribution.contents + marked_pieces(quote, text))
    return None


def _from_bare_cue(text: str, bare: list[BareCue], quote: Quote) -> Attribution | None:
    for cue in bare:
        same_sentence = cue.sentence.overlaps(quote.outer)
        introduces = text[cue.sentence.start : cue.sentence.end].rstrip().endswith(":") and _gap_only(
            text, cue.sentence.end, quote.outer.start
        )
        follows = _gap_only(text, quote.outer.end, min(s.start for s in cue.sources + (cue.cue,)))
        if same_sentence or introduces or follows:
            return Attribution(cue.cue, cue.sources, marked_pieces(quote, text), "direct", cue_lemma=cue.cue_lemma)
    return None
