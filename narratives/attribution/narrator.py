"""The narrator's own voice: sentences with no attribution anywhere in them, and the
verdicts it passes on what it reports.

A sentence becomes a narrator claim when no source, cue or content touches it, it lies
outside the wire boilerplate (boilerplate inside a sentence is cut out), and what is left
is an assertion: at least a few words and a verb (a headline may evaluate without one), not a question.
A report the narrator calls a lie ("Russia's Defence Ministry is lying when it claims that
...") is two claims: the speaker's, and the narrator's verdict around it.
"""
from __future__ import annotations

from spacy.tokens import Doc

from narratives.attribution.propositions import evaluates, names_circumstances
from narratives.attribution.spans import SpanSet, tokens_span
from narratives.pairing.rebuttals import CALLED_A_LIE
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


def _is_assertion(tokens, *, headline: Span | None = None) -> bool:
    """At least `MIN_WORDS` words and a verb, and no question ("What do they need it for?").
    A headline may do without the verb (or with one the parser takes for a noun) when it
    evaluates ("Kramatorsk as another Ukrainian provocation similar to Bucha") or names an
    act and its circumstances ("Russians bombard Mariupol Drama Theatre despite word
    'children' in large letters", "bombard" parsed as a noun)."""
    words = [t for t in tokens if t.is_alpha]
    if len(words) < MIN_WORDS or _asks(tokens):
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return True
    # (the full stop a headline feed puts after the title stands just past its span)
    in_headline = headline is not None and headline.start <= tokens[0].idx and tokens[-1].idx <= headline.end
    return in_headline and (evaluates(tokens) or names_circumstances(tokens))


def _asks(tokens) -> bool:
    last = next((t for t in reversed(tokens) if not t.is_space and t.text not in ('"', "”", "’", "'", ")")), None)
    return last is not None and last.text == "?"


def narrator_attributions(doc: Doc, article: Article, attributions: list[Attribution]) -> list[Attribution]:
    """One `kind="narrator"` attribution (no cue, no source) per unattributed sentence piece."""
    regions = SpanSet(_regions(attributions))
    skip = article.boilerplate
    headline = article.headline_span()
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
            if run and _is_assertion(run, headline=headline):
                span = tokens_span(run)
                if span is not None:
                    found.append(Attribution(None, (), (span,), "narrator"))
            run = []
    return found


def verdict_attributions(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """One `kind="narrator"` attribution per report the narrator calls a lie in its speaker
    and cue ("Russia's Defence Ministry is lying when it claims that X", "Moscow falsely
    claims X"), from the sentence's start to the end of what was said."""
    text = doc.text
    found = []
    for attribution in attributions:
        if attribution.cue is None or not attribution.contents:
            continue
        sentence = doc.char_span(attribution.cue.start, attribution.cue.end, alignment_mode="expand")
        if sentence is None:
            continue
        start = sentence.sent.start_char
        verdict = CALLED_A_LIE.search(text, start, attribution.cue.end)
        if verdict is None or not text[start : verdict.start()].strip():
            continue
        end = max(c.end for c in attribution.contents)
        if end > attribution.cue.end:
            found.append(Attribution(None, (), (Span(start, end),), "narrator"))
    return found
