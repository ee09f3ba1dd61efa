"""The narrator's own voice: sentences with no attribution anywhere in them.

A sentence becomes a narrator claim when no source, cue or content touches it, it lies
outside the wire boilerplate (boilerplate inside a sentence is cut out), and what is left
is an assertion: at least a few words and a verb.
"""
from __future__ import annotations

from spacy.tokens import Doc

from narratives.attribution.spans import SpanSet, tokens_span
from narratives.types import Article, Attribution, Span

MIN_WORDS = 4


def _regions(attributions: list[Attribution]) -> list[Span]:
    regions: list[Span] = []
    for attribution in attributions:
        regions.extend(attribution.sources)
        regions.extend(attribution.contents)
        if attribution.cue is not None:
            regions.append(attribution.cue)
    return regions


def _is_assertion(tokens) -> bool:
    words = [t for t in tokens if t.is_alpha]
    return len(words) >= MIN_WORDS and any(t.pos_ in ("VERB", "AUX") for t in tokens)


def narrator_attributions(doc: Doc, article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """One `kind="narrator"` attribution (no cue, no source) per unattributed sentence piece."""
    regions = SpanSet(_regions(attributions))
    skip = article.boilerplate
    found: list[Attribution] = []
    for sentence in doc.sents:
        whole = Span(sentence.start_char, sentence.end_char)
        if regions.overlaps_any(whole):
            continue
        run: list = []
        for token in [*sentence, None]:
            inside = token is not None and not any(
                s.start <= token.idx < s.end for s in skip
            )
            if inside:
                run.append(token)
                continue
            if run and _is_assertion(run):
                span = tokens_span(run)
                if span is not None:
                    found.append(Attribution(None, (), (span,), "narrator"))
            run = []
    return found
