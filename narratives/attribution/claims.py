"""Attributed claims: attributions + resolved speakers + sides -> `Claim` records.

Per article, pure (no I/O): the parse, the registry and the optional learned parts (side
classifier, span tagger) come in. The pipeline runs it in steps, `find_claims`, then sides
for a whole batch (`narratives.sides.assign.assign_sides_many`), then `build_claims`, so a batch's
texts are embedded and classified together; `attribute_claims` is all of it for one article.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Doc

from narratives.attribution import extract_attributions, narrator_attributions, verdict_attributions
from narratives.attribution.propositions import carries_proposition, content_tokens, continues_a_sentence, has_predicate
from narratives.attribution.reading import reader_text
from narratives.attribution.speakers import ResolvedSpeaker, resolve_speakers
from narratives.ingest.headlines import article_incident_date, story_title
from narratives.pairing.rebuttals import (
    cut_trailing_reports,
    is_denial,
    resolve_denials,
    split_nested_allegations,
    stands_for_said,
)
from narratives.pairing.scene import with_scenes
from narratives.protocols import SideClassifier
from narratives.sides.assign import SideQuestion, assign_sides
from narratives.sides.registry import Registry
from narratives.types import Article, Attribution, Claim, SideAssignment, Span

NARRATOR = "narrator"


def claim_id(article_id: str, start: int, end: int, cue: Span | None) -> str:
    """Deterministic id: 16 hex digits of BLAKE2b over the article id and the offsets."""
    cue_part = f"{cue.start}:{cue.end}" if cue is not None else "-"
    key = f"{article_id}|{start}:{end}|{cue_part}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


class _Sentences:
    """Sentence lookup by character offset."""

    def __init__(self, doc: Doc) -> None:
        self.spans = [Span(s.start_char, s.end_char) for s in doc.sents] or [Span(0, len(doc.text))]
        self.starts = [s.start for s in self.spans]

    def covering(self, start: int, end: int) -> Span:
        first = self.spans[max(0, bisect.bisect_right(self.starts, start) - 1)]
        last = self.spans[max(0, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)]
        return Span(first.start, max(first.end, last.end))


@dataclass(frozen=True)
class FoundClaims:
    """One article's attributions with their speakers and side questions, sides not yet
    assigned (the pipeline finds a whole batch, then embeds its texts in one call)."""

    attributions: tuple[Attribution, ...]
    speakers: tuple[ResolvedSpeaker | None, ...]
    questions: tuple[SideQuestion, ...]


def find_claims(
    doc: Doc,
    article: Article,
    *,
    registry: Registry,
    tagger: object | None = None,
    learned: Sequence[Attribution] | None = None,
) -> FoundClaims:
    """The attributions (parsed and, with `tagger` or `learned`, learned) and narrator
    claims of one article, with resolved speakers and the question each poses for its side."""
    parsed = extract_attributions(doc, article)
    if learned is None and tagger is not None:
        learned = tagger.extract(doc)
    if learned is not None:
        from narratives.attribution.merge import merge_attributions

        attributions = merge_attributions(parsed, list(learned), doc, boilerplate=article.boilerplate,
                                          headline=article.headline_span())
    else:
        attributions = parsed
    attributions = list(attributions)
    attributions += narrator_attributions(doc, article, attributions) + verdict_attributions(doc, attributions)
    speakers = resolve_speakers(doc, attributions, registry)
    questions = [_question(article, a, s) for a, s in zip(attributions, speakers)]
    return FoundClaims(tuple(attributions), tuple(speakers), tuple(questions))


def build_claims(found: FoundClaims, doc: Doc, article: Article, sides: Sequence[SideAssignment]) -> list[Claim]:
    """`found`'s claims with their `sides` (one per question), in text order.

    Nested allegations are split from their rebuttals and denials linked to the claims
    they answer (`narratives.pairing.rebuttals`); attributions whose content carries no
    proposition (`narratives.attribution.propositions`: "it", "the soldiers") are not claims."""
    sentences = _Sentences(doc)
    incident = article_incident_date(article)
    claims = [
        _claim(article, a, s, side, sentences, incident)
        for a, s, side in zip(found.attributions, found.speakers, sides)
    ]
    claims = sorted(claims, key=lambda c: (c.start, c.cue_start or -1))
    claims = cut_trailing_reports(claims, article.text, claim_id)
    claims = split_nested_allegations(claims, article.text, claim_id)
    tokens = {c.id: content_tokens(doc, c.content_spans) for c in claims}
    # A denial may stand for an earlier claim ("Ukraine denied it"); other fragments go first,
    # so that no denial is resolved to one.
    claims = [
        c for c in claims
        if (is_denial(c) or carries_proposition(tokens[c.id]))
        and not (c.kind == "narrator" and continues_a_sentence(tokens[c.id]))
    ]
    claims = resolve_denials(claims, clauses=frozenset(c.id for c in claims if has_predicate(tokens[c.id])))
    claims = with_scenes(claims, story_title(article), article.headline_span())
    return [
        c for c in claims
        if c.answers is not None
        or carries_proposition(tokens[c.id], denial=is_denial(c) and not stands_for_said(c.text))
    ]


def attribute_claims(
    doc: Doc,
    article: Article,
    *,
    registry: Registry,
    side_classifier: SideClassifier | None = None,
    tagger: object | None = None,
    learned: Sequence[Attribution] | None = None,
    use_registry: bool = True,
) -> list[Claim]:
    """All claims of one article (attributed and narrator), in text order.

    `doc` is the spaCy parse of `article.text`. `tagger` (a learned span tagger with
    `extract(doc)`) adds its attributions, merged with the parse-based ones; `learned`
    passes the tagger's attributions when they were computed for a whole batch.
    `use_registry=False` decides narrator claims with the classifier instead of the outlet.
    """
    found = find_claims(doc, article, registry=registry, tagger=tagger, learned=learned)
    sides = assign_sides(
        found.questions,
        registry=registry,
        side_classifier=side_classifier,
        outlets=(article.outlet, article.url),
        use_registry=use_registry,
    )
    return build_claims(found, doc, article, sides)


def _content_text(article: Article, attribution: Attribution) -> str:
    return reader_text(article.text, attribution.contents)


def _question(article: Article, attribution: Attribution, resolved: ResolvedSpeaker | None) -> SideQuestion:
    text = _content_text(article, attribution)
    if attribution.kind == "narrator":
        return SideQuestion(text, None, narrator=True)
    if resolved is None:
        return SideQuestion(text, None)
    mention = resolved.speaker.mention
    return SideQuestion(text, mention.text(article.text) if mention else resolved.speaker.name, resolved.match)


def _claim(
    article: Article,
    attribution: Attribution,
    resolved: ResolvedSpeaker | None,
    side: SideAssignment,
    sentences: _Sentences,
    incident: dt.date | None,
) -> Claim:
    contents: Sequence[Span] = attribution.contents
    start, end = contents[0].start, contents[-1].end
    edges = [start, end] + [s.start for s in attribution.sources] + [s.end for s in attribution.sources]
    if attribution.cue is not None:
        edges += [attribution.cue.start, attribution.cue.end]
    if attribution.kind == "narrator":
        speaker_name = article.outlet or NARRATOR
        speaker = None
    else:
        speaker = resolved.speaker if resolved is not None else None
        speaker_name = speaker.name if speaker is not None else "unknown"
    mention = speaker.mention if speaker is not None else None
    cue = attribution.cue
    return Claim(
        id=claim_id(article.id, start, end, cue),
        article_id=article.id,
        text=_content_text(article, attribution),
        start=start,
        end=end,
        content_spans=tuple(contents),
        sentence=sentences.covering(min(edges), max(edges)),
        speaker=speaker_name,
        speaker_start=mention.start if mention else None,
        speaker_end=mention.end if mention else None,
        cue=cue.text(article.text) if cue else None,
        cue_start=cue.start if cue else None,
        cue_end=cue.end if cue else None,
        kind=attribution.kind,
        side=side.side,
        side_confidence=round(side.confidence, 4),
        side_evidence=side.evidence,
        side_decided_by=side.decided_by,
        speaker_title=speaker.title if speaker else None,
        speaker_affiliation=speaker.affiliation if speaker else None,
        actor_id=speaker.actor_id if speaker else None,
        published=article.published,
        incident_date=incident,
    )
