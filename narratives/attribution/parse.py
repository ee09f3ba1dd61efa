"""Attributions read off spaCy's dependency parse: verb cues, nominal cues, "according to".

Each extractor takes a parsed Doc and returns `Attribution`s with PolNeAR-like spans:
source = the speaker noun phrase, cue = the verb or phrase, content = the clause or object
(quotation marks are added back or stripped later, in `link`).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from narratives.attribution.cues import (
    CONTENT_PREPOSITIONS,
    NOMINAL_CONTENT_VERBS,
    NOUN_CUES,
    SPEECH_VERBS,
    VERB_CUES,
)
from narratives.attribution.spans import (
    SpanSet,
    contiguous_pieces,
    sentence_of,
    subtree_tokens,
    token_char_span,
    tokens_span,
)
from narratives.types import Attribution, Span

_SUBJECTS = frozenset({"nsubj", "csubj"})
_INHERITS_SUBJECT = frozenset({"conj", "xcomp", "advcl", "pcomp"})
_CLAUSE_MARKS = frozenset({"that", "whether", "if"})
# Dependents right before a verb that PolNeAR counts as part of its cue.
_CUE_MODIFIERS = frozenset({"aux", "auxpass", "neg", "advmod"})
_NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_MAX_INHERIT = 3
_MAX_COLON_SOURCE = 4
# A headline label before a colon is a speaker only if it names a person or an organisation.
_COLON_SPEAKERS = frozenset({"PERSON", "ORG"})


@dataclass(frozen=True)
class BareCue:
    """A speech verb with a source but no content in its own clause ("he said:")."""

    cue: Span
    cue_lemma: str
    sources: tuple[Span, ...]
    sentence: Span


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _source_from_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    if _is_passive(verb):
        for child in verb.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject, inherited through coordination and control ("... and warned")."""
    current = verb
    for _ in range(_MAX_INHERIT):
        found = _source_from_subject(current)
        if found is not None:
            return found
        if current.dep_ not in _INHERITS_SUBJECT or current.head is current:
            break
        current = current.head
    return None if _is_passive(current) else _left_name(current)


def _left_name(verb: Token) -> Token | None:
    """A named phrase right before a subject-less cue (the parser attached it elsewhere)."""
    i = verb.i - 1
    sent_start = sentence_of(verb).start
    while i >= sent_start and (verb.doc[i].is_punct or verb.doc[i].is_space):
        i -= 1
    if i < sent_start:
        return None
    token = verb.doc[i]
    if token.ent_type_ not in _NAME_ENTITIES and token.pos_ != "PROPN":
        return None
    while token.dep_ in ("compound", "flat") and token.head.i > token.i and token.head.i < verb.i:
        token = token.head
    while token.dep_ == "appos" and token.head.i < verb.i:
        token = token.head
    return token


def source_spans(verb: Token) -> tuple[Span, ...]:
    """The source noun phrase of a cue verb, or () when the parse names none."""
    head = _subject(verb)
    if head is None:
        return ()
    tokens = subtree_tokens(head)
    if head.i < verb.i:
        tokens = [t for t in tokens if t.i < verb.i]
    span = tokens_span(tokens)
    return (span,) if span is not None else ()


def _content_roots(verb: Token) -> list[Token]:
    lemma = verb.lemma_.lower()
    roots: list[Token] = []
    for child in verb.children:
        if child.dep_ == "ccomp" and _cut_off_before(child, verb):
            continue
        if child.dep_ in ("ccomp", "xcomp") or (child.dep_ == "dobj" and child.lower_ in _CLAUSE_MARKS):
            roots.append(child)
        elif lemma in NOMINAL_CONTENT_VERBS and child.dep_ in ("dobj", "oprd"):
            roots.append(child)
        elif (
            lemma in NOMINAL_CONTENT_VERBS
            and child.dep_ == "prep"
            and child.lower_ in CONTENT_PREPOSITIONS
            and child.i > verb.i
        ):
            roots.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
    return roots


_HEARSAY = frozenset("allegedly reportedly supposedly purportedly".split())


def _hearsay_conjuncts(verb: Token) -> list[Token]:
    """Clauses joined after a speech verb that mark themselves as still reported ("the
    ministry stated that it beat the hangars, and the mall itself was allegedly not
    working"): the parser may hang them on the verb or on the verb it is joined to."""
    heads = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return [
        c for head in heads for c in head.children
        if c.dep_ == "conj" and c.i > verb.i and c.pos_ in ("VERB", "AUX") and c.lemma_.lower() not in VERB_CUES
        and any(g.dep_ in _SUBJECTS for g in c.children) and any(g.lower_ in _HEARSAY for g in c.children)
    ]


def _cut_off_before(clause: Token, verb: Token) -> bool:
    """A clause before the verb, closed by ";" or ":" ("Officials say ...; Moscow denies
    attack"), is a statement of its own, not what the verb reports."""
    if clause.i > verb.i:
        return False
    between = clause.doc[clause.right_edge.i + 1 : verb.i]
    return any(t.text in (";", ":") for t in between)


def _content_spans(verb: Token, roots: list[Token], source: tuple[Span, ...]) -> tuple[Span, ...]:
    tokens = sorted({t for root in roots for t in subtree_tokens(root)}, key=lambda t: t.i)
    tokens = [t for t in tokens if t.i != verb.i and not any(token_char_span(t).overlaps(s) for s in source)]
    return tuple(contiguous_pieces(tokens))


def _paratactic_content(verb: Token) -> list[Token]:
    """", the ministry said" hung off the reported clause: the content is that clause."""
    if verb.dep_ not in ("parataxis", "advcl", "ccomp") or verb.head.i > verb.i:
        return []
    head = verb.head
    if head.pos_ not in ("VERB", "AUX") or any(c.i > verb.i and not c.is_punct for c in verb.children):
        return []
    return [t for t in subtree_tokens(head, exclude=[verb]) if t.i < verb.left_edge.i]


def _verb_cue_span(verb: Token, roots: list[Token]) -> Span:
    """The verb as PolNeAR spans a cue: with the auxiliaries, negation and adverbs right
    before it ("has also said", "did not deny"), an adjacent particle ("pointed out"),
    the preposition that opens its content ("warned of") and a colon after it ("said:").
    Never the subject, nor a "that" (which opens the content)."""
    start = verb
    while start.i > verb.sent.start:
        before = verb.doc[start.i - 1]
        if before.head.i != verb.i or before.dep_ not in _CUE_MODIFIERS:
            break
        start = before
    end = verb
    openers = {root.head.i for root in roots if root.head.i != verb.i and root.head.head.i == verb.i}
    for child in verb.children:
        if child.i == end.i + 1 and (child.dep_ == "prt" or child.i in openers):
            end = child
    if end.i + 1 < verb.sent.end and verb.doc[end.i + 1].text == ":":
        end = verb.doc[end.i + 1]
    return Span(start.idx, end.idx + len(end.text))


# Headlines drop their articles, and the parser then reads "Diplomat castigates claims
# about ..." as the noun "castigates" doing the verb "claims".
_SAID_WORDS = frozenset("claims reports allegations accusations statements".split())


def _cue_lemma_of_plural(token: Token) -> str | None:
    """The cue verb a word the parser took for a plural noun stands for ("castigates" ->
    "castigate", "denies" -> "deny"), or None."""
    word = token.lower_
    for cut, ending in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(cut) and word[: -len(cut)] + ending in VERB_CUES:
            return word[: -len(cut)] + ending
    return None


def misread_headline_verb(verb: Token) -> Attribution | None:
    """"Diplomat castigates claims about 'Russian strike'", parsed with "claims" as the verb
    and "Diplomat castigates" as its subject: the attribution as a reader takes it (source
    "Diplomat", cue "castigates", content "claims about 'Russian strike' ..."), or None
    when `verb` is not so misread."""
    if verb.lower_ not in _SAID_WORDS:
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS and c.i == verb.i - 1), None)
    if subject is None or subject.tag_ not in ("NNS", "NNPS", "NNP") or not subject.text[0].islower():
        return None
    lemma = _cue_lemma_of_plural(subject)
    if lemma is None:
        return None
    named = [t for t in subject.lefts if t.dep_ in ("compound", "amod", "det", "poss")]
    source = tokens_span([t for n in named for t in subtree_tokens(n)])
    content = tokens_span([t for t in subtree_tokens(verb) if t.i >= verb.i])
    if source is None or content is None:
        return None
    return Attribution(token_char_span(subject), (source,), (content,), "indirect", cue_lemma=lemma)


def verb_attributions(doc: Doc, skip: tuple[Span, ...]) -> tuple[list[Attribution], list[BareCue]]:
    """Attributions with a verb cue, plus speech verbs left without content."""
    skipped = SpanSet(skip)
    found: list[Attribution] = []
    bare: list[BareCue] = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in VERB_CUES:
            continue
        misread = misread_headline_verb(token)
        if misread is not None:
            if not skipped.overlaps_any(misread.cue):
                found.append(misread)
            continue
        roots = _content_roots(token)
        cue = _verb_cue_span(token, roots)
        if roots:
            roots += _hearsay_conjuncts(token)
        if skipped.overlaps_any(cue):
            continue
        sources = source_spans(token)
        if roots:
            contents = _content_spans(token, roots, sources)
        elif sources:
            pieces = _paratactic_content(token)
            contents = tuple(contiguous_pieces(pieces))[-1:] if pieces else ()
        else:
            contents = ()
        lemma = token.lemma_.lower()
        if contents:
            found.append(Attribution(cue, sources, contents, "indirect", cue_lemma=lemma))
        elif sources and lemma in SPEECH_VERBS:
            sentence = sentence_of(token)
            bare.append(
                BareCue(cue, lemma, sources, Span(sentence.start_char, sentence.end_char))
            )
    return found, bare


# "according to the prisoner exchange procedure", "according to plan": how it is done, not
# who says so.
_MANNER = frozenset(
    "procedure plan schedule law rule protocol norm standard principle tradition instruction scenario script".split()
)


def according_to_attributions(doc: Doc, skip: tuple[Span, ...]) -> list[Attribution]:
    """"..., according to X": source X, cue "according to", content the modified clause."""
    skipped = SpanSet(skip)
    found: list[Attribution] = []
    for token in doc:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        cue = Span(token.idx, to.idx + len(to.text))
        if skipped.overlaps_any(cue):
            continue
        objects = [t for t in to.children if t.dep_ == "pobj"] or [
            t for t in token.children if t.dep_ == "pobj"
        ]
        if not objects or objects[0].lemma_.lower() in _MANNER:
            continue
        source = tokens_span(subtree_tokens(objects[0]))
        phrase = [t for t in token.subtree] + [t for t in to.subtree]
        phrase_ids = {t.i for t in phrase}
        head = token.head if token.head is not token else None
        if head is not None and head.pos_ in ("VERB", "AUX"):
            scope = subtree_tokens(head)
        else:
            scope = list(sentence_of(token))
        rest = [t for t in scope if t.i not in phrase_ids]
        contents = tuple(contiguous_pieces(rest))
        if source is None or not contents:
            continue
        found.append(Attribution(cue, (source,), contents, "according_to", cue_lemma="according to"))
    return found


def _that_clauses(token: Token) -> list[Token]:
    """`token`'s clauses opened by "that" (complements, not relative clauses)."""
    return [c for c in token.children
            if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]


def noun_attributions(doc: Doc, skip: tuple[Span, ...]) -> list[Attribution]:
    """Nominal cues with a that-clause: "the ministry's claim that ...", "a statement that ..."."""
    skipped = SpanSet(skip)
    found: list[Attribution] = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_CUES:
            continue
        cue = token_char_span(token)
        if skipped.overlaps_any(cue):
            continue
        by = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
              for g in c.children if g.dep_ == "pobj"]
        # "the statements by Russian invaders that Tochka-U missiles are used only by
        # Ukraine": the parser hangs the that-clause on the speaker, not the cue.
        clauses = _that_clauses(token) or [c for g in by for c in _that_clauses(g)]
        if not clauses:
            continue
        owners = [c for c in token.children if c.dep_ == "poss"] + [g for g in by if g.i < clauses[0].i]
        sources = tuple(s for s in (tokens_span(subtree_tokens(o, exclude=clauses)) for o in owners[:1]) if s)
        contents = _content_spans(token, clauses, sources)
        if contents:
            found.append(Attribution(cue, sources, contents, "indirect", cue_lemma=token.lemma_.lower()))
    return found


def colon_attributions(doc: Doc, skip: tuple[Span, ...]) -> list[Attribution]:
    """Headline style "Zelensky: Russia will pay ...": a short name, a colon, a clause."""
    skipped = SpanSet(skip)
    found: list[Attribution] = []
    for sentence in doc.sents:
        colon = next((t for t in sentence[:_MAX_COLON_SOURCE + 1] if t.text == ":"), None)
        if colon is None or colon.i == sentence.start:
            continue
        name = [t for t in doc[sentence.start : colon.i] if not t.is_space]
        rest = [t for t in doc[colon.i + 1 : sentence.end]]
        if not name or not all(t.ent_type_ in _COLON_SPEAKERS or t.is_punct for t in name):
            continue
        if len([t for t in rest if t.is_alpha]) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in rest):
            continue
        cue = token_char_span(colon)
        source = tokens_span(name)
        content = tokens_span(rest)
        if source is None or content is None or skipped.overlaps_any(cue):
            continue
        found.append(Attribution(cue, (source,), (content,), "indirect", cue_lemma=":"))
    return found


# A headline's trailing source: "Trial of Azovstal's Ukranazis inevitable – Pushylin",
# "Russian strike on shopping centre a war crime - G7 leaders", "... – media".
_DASHES = frozenset({"-", "–", "—"})
_MAX_DASH_SOURCE = 5
_DASH_SOURCE_POS = frozenset({"PROPN", "NOUN", "ADJ", "NUM", "DET", "PART", "PUNCT"})


def dash_attributions(doc: Doc, headline: Span | None, skip: tuple[Span, ...]) -> list[Attribution]:
    """Headline style "CLAIM – Source": a short name or title after the headline's last
    dash is the source of what stands before it (the dash is the cue)."""
    if headline is None:
        return []
    tokens = doc.char_span(headline.start, headline.end, alignment_mode="expand")
    if tokens is None:
        return []
    dash = next((t for t in reversed(tokens) if t.text in _DASHES and t.whitespace_), None)
    if dash is None or dash.i == tokens.start:
        return []
    name = [t for t in doc[dash.i + 1 : tokens.end] if not t.is_space]
    claim = [t for t in doc[tokens.start : dash.i] if not t.is_space]
    if not 0 < len(name) <= _MAX_DASH_SOURCE or not all(t.pos_ in _DASH_SOURCE_POS for t in name):
        return []
    if not any(t.pos_ in ("PROPN", "NOUN") for t in name) or len([t for t in claim if t.is_alpha]) < 3:
        return []
    cue, source, content = token_char_span(dash), tokens_span(name), tokens_span(claim)
    if source is None or content is None or SpanSet(skip).overlaps_any(cue):
        return []
    return [Attribution(cue, (source,), (content,), "indirect", cue_lemma="–")]
