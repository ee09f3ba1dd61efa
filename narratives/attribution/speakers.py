"""Speaker resolution: from a source span to a canonical speaker with title and affiliation.

A source span is first trimmed of dates, weekdays and relative clauses ("2025-04-06 UN
High Commissioner Volker Turk on Sunday" -> "UN High Commissioner Volker Turk") and parsed
into name, title and affiliation (`narratives.attribution.mentions`). Within one article, in reading
order:
* a pronoun ("He added", "It also said") takes the last person / organisation speaker;
* a short name ("Yusov", "Defense", "the ministry") takes the earlier speaker whose name
  contains all its words (after transliteration folding: Sinegoubov = Synehubov);
* a description the registry knows by title ("the head of the Kremlin") takes the earlier
  speaker linked to the same actor, or that actor's registry name;
* anything else is a new speaker: its person name if it has one ("spokesman for ..., Andri
  Yusov" -> "Andri Yusov", title "spokesman for ..."), else the phrase without determiners.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from narratives.attribution import mentions, names
from narratives.attribution.cues import PRONOUNS_GROUP, PRONOUNS_PERSON, PRONOUNS_SPEAKER
from narratives.sides.registry import ActorMatch, Registry
from narratives.types import Attribution, Span, Speaker

UNKNOWN_SPEAKER = "unknown"
_DETERMINERS = frozenset("the a an this that these those".split())
_PERSON_NOUNS = frozenset(
    """
    spokesman spokeswoman spokesperson governor minister president premier mayor chief head
    leader ambassador envoy secretary commander general adviser advisor analyst expert official
    deputy director chairman chairwoman senator representative lawmaker diplomat officer
    prosecutor ombudsman aide source resident witness man woman
    """.split()
)
_LINKED_VIA = frozenset({"name", "spelling", "surname", "title"})
_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_GROUP | PRONOUNS_SPEAKER
_AFFILIATION_ENTITIES = ("ORG", "GPE", "NORP")


@dataclass(frozen=True)
class ResolvedSpeaker:
    """A speaker plus the registry link that decides its side (None when the registry is silent)."""

    speaker: Speaker
    match: ActorMatch | None
    is_person: bool


def _clean(text: str) -> str:
    parts = text.replace("\n", " ").strip(" ,;:.-–—\"“”").split()
    while parts and parts[0].lower() in _DETERMINERS:
        parts.pop(0)
    if parts and parts[-1].lower() in ("'s", "’s"):
        parts.pop()
    cleaned = " ".join(parts)
    for suffix in ("'s", "’s"):
        cleaned = cleaned.removesuffix(suffix)
    return cleaned


def _proper_appositions(tokens: TokenSpan) -> list[TokenSpan]:
    """Proper-noun appositions the NER missed: "Russia's ambassador to the UN, Vassily Nebenzia"."""
    found = []
    for token in tokens:
        if token.dep_ == "appos" and token.pos_ == "PROPN":
            left, right = token.left_edge.i, token.right_edge.i + 1
            if tokens.start <= left and right <= tokens.end and all(
                t.pos_ == "PROPN" for t in tokens.doc[left:right]
            ):
                found.append(tokens.doc[left:right])
    return found


def _describe(tokens: TokenSpan, doc_ents: Sequence[TokenSpan] | None = None) -> tuple[str, str | None, str | None, bool]:
    """(name, title, affiliation, is_person) of a source noun phrase: the parse's person
    entity when it finds one, else the mention's own shape (`narratives.attribution.mentions`):
    "spokeswoman for the UN human rights office" -> title, affiliation "UN human rights office".
    `doc_ents`, the doc's entities read once by the caller, spares re-reading them per
    phrase (`Span.ents` walks every entity of the doc)."""
    parts = mentions.parse_mention(tokens.text)
    ents = tokens.ents if doc_ents is None else _ents_within(doc_ents, tokens)
    people = [e for e in ents if e.label_ == "PERSON"] or _proper_appositions(tokens)
    if people:
        person = people[-1]
        # Slices of the phrase's own text: Doc.text would rebuild the whole article's string.
        phrase = tokens.text
        before = phrase[: person.start_char - tokens.start_char]
        after = phrase[person.end_char - tokens.start_char :]
        title = _clean(f"{before} {after}") or None
        name = _clean(person.text)
    elif parts.title is not None and parts.name is not None:
        name, title = parts.name, parts.title
    else:
        title, name = None, _clean(tokens.text)
    affiliation = parts.affiliation
    if title and affiliation is None:
        orgs = [e for e in ents if e.label_ in _AFFILIATION_ENTITIES and e.start_char < (people[-1].start_char if people else tokens.end_char)]
        if orgs:
            affiliation = _clean(max(orgs, key=len).text)
    is_person = bool(people) or (parts.name is not None and parts.title is not None) or tokens.root.lemma_.lower() in _PERSON_NOUNS
    return name, title, affiliation, is_person


def _ents_within(doc_ents: Sequence[TokenSpan], tokens: TokenSpan) -> list[TokenSpan]:
    """The entities inside `tokens`, as `tokens.ents` gives them (`doc_ents` in order)."""
    i = _first_at(doc_ents, tokens.start)
    found = []
    while i < len(doc_ents) and doc_ents[i].start < tokens.end:
        if doc_ents[i].end <= tokens.end:
            found.append(doc_ents[i])
        i += 1
    return found


def _first_at(doc_ents: Sequence[TokenSpan], start: int) -> int:
    """Index of the first entity starting at or after token `start` (binary search)."""
    lo, hi = 0, len(doc_ents)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc_ents[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def trim_source(text: str, source: Span) -> Span:
    """The source span without dates, weekdays and relative clauses: "UN monitoring
    mission, which recorded the consequences" -> "UN monitoring mission"."""
    start, end = mentions.trim(text[source.start : source.end])
    if end <= start:
        return source
    return Span(source.start + start, source.start + end)


def _best_match(registry: Registry, *texts: str | None) -> ActorMatch | None:
    found = [m for m in (registry.lookup(x) for x in texts if x) if m is not None]
    return max(found, key=lambda m: m.confidence) if found else None


def _folded(text: str) -> list[str]:
    return [names.fold(w) for w in names.content_words(text)]


class SpeakerResolver:
    """Resolves an article's sources in reading order, remembering who has spoken."""

    def __init__(self, doc: Doc, registry: Registry) -> None:
        self.doc = doc
        self.registry = registry
        self.known: list[ResolvedSpeaker] = []
        self.ents = list(doc.ents)
        self._text = doc.text  # built once: Doc.text joins every token

    def resolve(self, source: Span) -> ResolvedSpeaker:
        source = trim_source(self._text, source)
        tokens = self.doc.char_span(source.start, source.end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            return ResolvedSpeaker(Speaker(UNKNOWN_SPEAKER), None, False)
        if len(tokens) == 1 and tokens[0].pos_ == "PRON" and tokens[0].lower_ in _PRONOUNS:
            resolved = self._pronoun(tokens[0].lower_, source)
        else:
            resolved = self._named(tokens, source)
        self.known.append(resolved)
        return resolved

    def _pronoun(self, pronoun: str, source: Span) -> ResolvedSpeaker:
        if pronoun in PRONOUNS_PERSON:
            pool = [k for k in self.known if k.is_person]
        elif pronoun in PRONOUNS_GROUP:
            pool = [k for k in self.known if not k.is_person] or self.known
        else:
            pool = self.known
        if pool:
            return replace(pool[-1], speaker=replace(pool[-1].speaker, mention=source))
        # No one has spoken yet: the nearest person (he, she) or organisation (it, they)
        # named before ("Russia's Defence Ministry is lying when it claims ...").
        labels = ("PERSON",) if pronoun in PRONOUNS_PERSON else _AFFILIATION_ENTITIES if pronoun in PRONOUNS_GROUP else ()
        named = [e for e in self.ents if e.label_ in labels and e.end_char <= source.start]
        if named:
            # With what stands before it in its phrase: "Russia's Defence Ministry".
            entity = named[-1]
            return self._named(self.doc[min(entity.start, entity.root.left_edge.i) : entity.end], source)
        return ResolvedSpeaker(Speaker(pronoun, mention=source), None, pronoun in PRONOUNS_PERSON)

    def _named(self, tokens: TokenSpan, source: Span) -> ResolvedSpeaker:
        name, title, affiliation, is_person = _describe(tokens, self.ents)
        match = _best_match(self.registry, name, tokens.text, title)
        earlier = self._earlier(name, match)
        if earlier is not None:
            speaker = replace(
                earlier.speaker,
                mention=source,
                title=earlier.speaker.title or title,
                affiliation=earlier.speaker.affiliation or affiliation,
            )
            return ResolvedSpeaker(speaker, earlier.match or match, earlier.is_person)
        actor = match.actor if match is not None and match.via in _LINKED_VIA else None
        if actor is not None and actor.kind == "person":
            is_person = True
            if match.via == "title" and title is None:
                title, name = name, actor.name
        speaker = Speaker(
            name=name or UNKNOWN_SPEAKER,
            mention=source,
            title=title,
            affiliation=affiliation,
            actor_id=actor.id if actor is not None else None,
        )
        return ResolvedSpeaker(speaker, match, is_person)

    def _earlier(self, name: str, match: ActorMatch | None) -> ResolvedSpeaker | None:
        words = set(_folded(name))
        for known in reversed(self.known):
            if not words:
                break
            known_words = _folded(known.speaker.name)
            if len(words) <= len(known_words) and words <= set(known_words):
                return known
        if match is not None and match.actor is not None and match.via in _LINKED_VIA:
            for known in reversed(self.known):
                if known.speaker.actor_id == match.actor.id:
                    return known
        return None


def _reading_position(attribution: Attribution) -> int:
    if attribution.sources:
        return attribution.sources[0].start
    if attribution.cue is not None:
        return attribution.cue.start
    return attribution.contents[0].start


def resolve_speakers(doc: Doc, attributions: Sequence[Attribution], registry: Registry) -> list[ResolvedSpeaker | None]:
    """One resolved speaker per attribution (None for source-less ones), in input order.

    Sources are resolved in reading order (by where the source or cue stands), so "He
    added" can only refer back.
    """
    resolver = SpeakerResolver(doc, registry)
    order = sorted(range(len(attributions)), key=lambda i: _reading_position(attributions[i]))
    resolved: dict[int, ResolvedSpeaker | None] = {}
    for i in order:
        attribution = attributions[i]
        resolved[i] = resolver.resolve(attribution.sources[0]) if attribution.sources else None
    resolved.update(_titles_named_later(doc, [(i, resolved[i]) for i in order]))
    return [resolved[i] for i in range(len(attributions))]


def _is_bare_title(resolved: ResolvedSpeaker) -> bool:
    """A speaker named by a title alone ("Diplomat", "the minister"), unknown to the registry."""
    words = resolved.speaker.name.lower().split()
    return resolved.match is None and len(words) == 1 and words[0] in _PERSON_NOUNS


def _titles_named_later(doc: Doc, in_order: list[tuple[int, ResolvedSpeaker | None]]) -> dict[int, ResolvedSpeaker]:
    """A headline names its speaker by title ("Diplomat castigates claims ...") and the lede
    by name ("Maria Zakharova criticized ..."): a bare title in the first sentence takes the
    first person the registry knows who speaks later in the article. `in_order` is
    (attribution index, speaker) in reading order; returns the speakers so resolved."""
    found: dict[int, ResolvedSpeaker] = {}
    first = next(iter(doc.sents), None)
    if first is None:
        return found
    for at, (i, resolved) in enumerate(in_order):
        if resolved is None or not _is_bare_title(resolved) or resolved.speaker.mention is None:
            continue
        if resolved.speaker.mention.end > first.end_char:
            break
        named = next((r for _, r in in_order[at + 1 :] if r is not None and r.is_person and r.match is not None), None)
        if named is not None:
            speaker = replace(named.speaker, mention=resolved.speaker.mention, title=named.speaker.title or resolved.speaker.name)
            found[i] = ResolvedSpeaker(speaker, named.match, True)
    return found
