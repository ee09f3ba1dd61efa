"""Group predicted role spans (cues, sources, contents) into attributions.

A span tagger finds the pieces but not which belong together. Each content span goes to
the nearest cue in its own sentences or, failing one there, in an adjacent sentence; a cue
keeps a neighbouring sentence's content only when its own sentence has none or the
content is a quote continued across it. Each cue with content takes the nearest source in
its own sentence (or, failing that, the sentence before). A cue left without content is
dropped: an attribution says something.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Sequence

from narratives.ingest.textruns import mask_symbol_runs
from narratives.protocols import AttributionTagger
from narratives.types import Attribution, RoleSpans, Span

QUOTE_MARKS = frozenset('"\u201c\u201d')


def gap(a: Span, b: Span) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))


class _Sentences:
    """Sentence index of a character offset, from the Doc's sentence starts."""

    def __init__(self, doc) -> None:
        self.starts = [s.start_char for s in doc.sents] or [0]

    def of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def range(self, span: Span) -> tuple[int, int]:
        return self.of(span.start), self.of(max(span.start, span.end - 1))


def _nearest(target: Span, candidates: list[Span]) -> Span | None:
    return min(candidates, key=lambda c: (gap(target, c), c.start), default=None)


def _own_contents(contents: list[Span], cue_sentence: int, sents: _Sentences, text: str) -> list[Span]:
    """A cue's contents without those of a neighbouring sentence it has only borrowed.

    A content in the sentence before or after goes to the cue only when the cue's own
    sentence holds none, or when it is a quote, continued across the cue
    ("“We held,” he said. “They ran.”"); "He said it was over. The army retreated." keeps
    the army to itself."""
    own = [c for c in contents if sents.range(c)[0] <= cue_sentence <= sents.range(c)[1]]
    if not own:
        return contents
    return [c for c in contents if c in own or text[c.start] in QUOTE_MARKS]


def group_spans(doc, spans: RoleSpans) -> list[Attribution]:
    """Role spans of one Doc -> attributions sorted by cue, each with at least one content."""
    sents = _Sentences(doc)
    cue_sents = [(cue, sents.of(cue.start)) for cue in spans.cues]
    # Cues and sources by sentence: each content and cue looks only at its neighbourhood,
    # not at every cue or source of the article (quadratic on thousands of them).
    cues_in: dict[int, list[Span]] = {}
    for cue, s in cue_sents:
        cues_in.setdefault(s, []).append(cue)
    sources_in: dict[int, list[Span]] = {}
    for src in spans.sources:
        sources_in.setdefault(sents.of(src.start), []).append(src)
    contents_of: dict[Span, list[Span]] = {cue: [] for cue in spans.cues}
    for content in spans.contents:
        first, last = sents.range(content)
        def near_cues(sentences) -> list[Span]:
            return [cue for s in sentences for cue in cues_in.get(s, ()) if not cue.overlaps(content)]

        near = near_cues(range(first, last + 1)) or near_cues((first - 1, last + 1))
        cue = _nearest(content, near)
        if cue is not None:
            contents_of[cue].append(content)
    out = []
    source_text = doc.text  # Doc.text rebuilds the string from every token: read it once
    for cue, s in cue_sents:
        contents = _own_contents(sorted(contents_of[cue]), s, sents, source_text)
        if not contents:
            continue
        def free(sentence: int) -> list[Span]:
            return [src for src in sources_in.get(sentence, ()) if not any(src.overlaps(c) for c in contents)]

        source = _nearest(cue, free(s))
        if source is None:
            source = _nearest(cue, free(s - 1))
        text = "".join(c.text(source_text) for c in contents)
        out.append(
            Attribution(
                cue=cue,
                sources=(source,) if source else (),
                contents=tuple(contents),
                kind="direct" if QUOTE_MARKS & set(text) else "indirect",
                cue_lemma=" ".join(t.lemma_ for t in doc.char_span(cue.start, cue.end, alignment_mode="expand") or ()) or None,
            )
        )
    return out


@dataclass(frozen=True)
class TaggedAttributions:
    """A span tagger's attributions: its role spans for each Doc, grouped here.

    The pipeline's `tagger`: `extract_many(docs)` is the batch form of `extract(doc)`.
    """

    tagger: AttributionTagger

    def extract_many(self, docs: Sequence) -> list[list[Attribution]]:
        # A symbol run masked (same length): the tagger sees it as one wordpiece, not thousands.
        spans = self.tagger.role_spans([mask_symbol_runs(d.text) for d in docs])
        return [group_spans(doc, s) for doc, s in zip(docs, spans)]

    def extract(self, doc) -> list[Attribution]:
        return self.extract_many([doc])[0]
