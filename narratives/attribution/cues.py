"""Cue lexicons: the words that introduce reported speech, belief and stance.

Verb cues are matched on spaCy lemmas. They are grouped only by how their content is
expressed, never by who uses them: a reporting verb takes a clause ("said that ..."), a
stance verb may also take a noun phrase ("condemned all attacks", "denied the report").
"""
from __future__ import annotations

import functools
import re

# Verbs of saying and reporting; their content is normally a clause or a quote.
SPEECH_VERBS = frozenset(
    """
    say tell add state announce report declare note explain confirm reply respond answer
    write tweet post comment remark mention indicate specify reiterate repeat recall
    stress emphasise emphasize underline underscore highlight proclaim assert insist
    assure argue contend maintain suggest claim allege estimate predict forecast
    warn caution threaten vow pledge promise acknowledge admit concede disclose reveal
    testify inform notify brief quip boast complain lament protest
    describe conclude observe point agree disagree signal hint imply ask joke
    express retort counter exclaim shout plead swear guarantee recount
    """.split()
)

# Verbs of stance (denial, accusation, condemnation ...); a noun phrase can be the content.
STANCE_VERBS = frozenset(
    """
    deny reject dismiss refute rebut dispute contradict condemn denounce decry criticise
    criticize blame accuse charge slam praise welcome hail urge demand call
    question deplore regret castigate lambast lambaste blast ridicule
    """.split()
)

# Verbs of cognition; PolNeAR counts beliefs and intentions as attributions.
BELIEF_VERBS = frozenset(
    """
    believe think consider expect hope fear feel know doubt suspect worry
    """.split()
)

VERB_CUES = SPEECH_VERBS | STANCE_VERBS | BELIEF_VERBS

# Verbs whose object may be content even without a clause ("condemned the attack").
NOMINAL_CONTENT_VERBS = STANCE_VERBS | frozenset(
    "warn announce report confirm deny claim reiterate stress emphasise emphasize proclaim "
    "promise pledge vow predict estimate describe acknowledge admit reveal disclose".split()
)

# Nouns that carry an attribution of their own: "the ministry's claim that ...",
# "a statement from the Kremlin: ...".
NOUN_CUES = frozenset(
    """
    statement claim assertion allegation denial warning announcement report remark
    comment accusation assurance insistence admission belief view argument assessment
    message post speech
    """.split()
)

# Prepositions whose object is content of a stance verb ("warned of dangers").
CONTENT_PREPOSITIONS = frozenset("of about against on that".split())

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
PRONOUNS_GROUP = frozenset({"it", "they", "them", "its"})
PRONOUNS_SPEAKER = frozenset({"i", "we", "you", "me", "us"})


# Verbs of evidence: what a report or an image shows is a claim to compare ("satellite
# images show bodies lay in the street for weeks").
EVIDENCE_VERBS = frozenset("show prove demonstrate".split())
# Words that attribute on their own ("according to", "allegedly", "citing", "is convinced",
# "Ukraine sees ... as").
REPORTING_WORDS = frozenset("according allegedly reportedly cite convinced see".split())
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "thought": "think", "felt": "feel",
              "knew": "know", "swore": "swear", "shown": "show", "proven": "prove"}


def _lemma_candidates(word: str) -> set[str]:
    """The lemmas an inflected verb may have ("dismisses" -> "dismiss", "denied" -> "deny")."""
    out = {word, _IRREGULAR.get(word, word)}
    for suffix, stem in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("d", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)] + stem
            out |= {base, base[:-1]} if stem == "" and len(base) > 3 and base[-1] == base[-2] else {base}
    return out


def names_reported_speech(cue: str | None) -> bool:
    """Whether a claim's cue introduces something said, believed or shown: a verb or noun of
    the lexicons above (any inflection), a reporting word, punctuation ("Kremlin: ...") or
    no cue. The attribution tagger also marks what a party plans, wants or discusses
    ("Russian special services plan to carry out ..."): those are attributions, not claims
    to set against the other side's. So are requests ("called on the ICC missions to
    arrive in Bucha", "urged") and what a party will do ("will consider a draft
    resolution")."""
    return cue is None or (_names_reported_speech(cue) and not _REQUEST_OR_INTENT.search(cue))


# A cue that asks for something or says what will be done: its content is wanted, not said
# to have happened ("call" alone still reports: "called the report a fake").
_REQUEST_OR_INTENT = re.compile(
    r"\b(?:urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|appeal(?:s|ed|ing)?|call(?:s|ed|ing)?\s+(?:on|upon|for))\b"
    r"|^\s*(?:will|shall|is going to|are going to)\b",
    re.I,
)


_COMPARABLE_CUE_WORDS = VERB_CUES | NOUN_CUES | EVIDENCE_VERBS | REPORTING_WORDS


@functools.lru_cache(maxsize=4096)
def _names_reported_speech(cue: str) -> bool:
    # Cached: pairing asks this of every candidate claim, and cues repeat ("says", "-").
    words = [w for w in cue.lower().replace("’", "'").split() if any(c.isalpha() for c in w)]
    return not words or any(_lemma_candidates(w.strip(".,;:'\"")) & _COMPARABLE_CUE_WORDS for w in words)
