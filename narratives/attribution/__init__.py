"""Attribution extraction: who said what, as source / cue / content character spans.

`extract_attributions(doc, article)` reads a spaCy parse of `article.text`:
verb cues ("said", "denied", "warned of"), nominal cues ("the claim that ..."),
"according to X", headline colons ("Zelensky: ...") and dashes ("... – Pushylin"), and quotation marks tied to their cues across sentences and paragraphs.
`narrator_attributions` adds the outlet's own unattributed assertions, `verdict_attributions`
its verdicts on what it reports ("X is lying when it claims ...").
"""
from __future__ import annotations

from spacy.tokens import Doc

from narratives.attribution.link import link_quotes
from narratives.attribution.narrator import narrator_attributions, verdict_attributions
from narratives.attribution.parse import (
    according_to_attributions,
    colon_attributions,
    dash_attributions,
    noun_attributions,
    verb_attributions,
)
from narratives.attribution.quotes import find_quotes
from narratives.types import Article, Attribution

__all__ = ["extract_attributions", "narrator_attributions", "verdict_attributions"]


def extract_attributions(doc: Doc, article: Article) -> list[Attribution]:
    """Attributions in `article` (never narrator claims), sorted by content start.

    `doc` is a spaCy Doc over `article.text`; spans inside `article.boilerplate` are skipped.
    """
    skip = article.boilerplate
    found, bare = verb_attributions(doc, skip)
    found += according_to_attributions(doc, skip)
    found += noun_attributions(doc, skip)
    found += colon_attributions(doc, skip)
    found += dash_attributions(doc, article.headline_span(), skip)
    quotes = [q for q in find_quotes(article.text) if not any(q.outer.overlaps(s) for s in skip)]
    return _deduplicated(link_quotes(article.text, found, bare, quotes))


def _deduplicated(attributions: list[Attribution]) -> list[Attribution]:
    seen: set[tuple] = set()
    unique: list[Attribution] = []
    for attribution in attributions:
        key = (attribution.cue, attribution.contents)
        if key not in seen:
            seen.add(key)
            unique.append(attribution)
    return unique
