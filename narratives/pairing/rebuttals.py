"""Denials and rebuttals: what a claim disputes, and which claim of its article it answers.

Within one article (claims in text order, sides assigned):

* a nested allegation ("Ukrainian claims that a Russian missile hit Kramatorsk are not
  true, the ministry said") is two claims: the alleger's claim, cut before the verdict
  on it ("a Russian missile hit Kramatorsk"), and the rebutter's claim around it, which
  `answers` it (`split_nested_allegations`);
* a denial whose object names nothing by itself ("Ukraine denied it", "the ministry
  rejected the accusations", "Moscow denies attack") answers the nearest earlier claim of
  another side that it matches (`resolve_denials`); one that names its own content
  ("Russia denies the missile strike on the station") answers an earlier claim only when
  they share a specific word, else it stands for what it names.

The word lists are data in one place; pairing reads the predicates from here.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence

from narratives.types import Claim, Span

ClaimIds = Callable[[str, int, int, "Span | None"], str]
"""`claim_id(article_id, start, end, cue)`: the id of a claim with new offsets."""

DENIAL_CUE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)\b|reject|dismiss|refut|rebut|disput|contradict|disavow)", re.I
)
# Criticising what was said rejects it: "Diplomat castigates claims about 'Russian strike'"
# (condemning "reports of torture" condemns the torture: those verbs are not here).
_CRITICISM_CUE = re.compile(r"\b(?:castigat|slam|lambast|blast|ridicul|mock|criticis|criticiz)", re.I)
_SAID_OBJECT = r"^(?:(?:the|these|those|such|all|its|their)\s+)?(?:\w+\s+)?(?:claims?|allegations?|accusations?|reports?|statements?)"
_OPENS_WITH_SAID = re.compile(_SAID_OBJECT + r"\b", re.I)
# Words that call something untrue. The strong ones do so on their own; the weak ones are
# also topics ("the propaganda war", "fears a provocation") and count only next to a
# word for what was said.
FALSITY = re.compile(
    r"\b(?:fantas(?:y|ies|ize)|fake[sd]?|staged|lies|liars?|lying|false(?:hood)?s?|falsely|fabricat\w*|"
    r"nonsense|hoax\w*|debunk\w*|absurd\w*|untrue|not true|baseless|groundless|made[- ]up|"
    r"invent(?:ed|ion)|unconvincing)\b",
    re.I,
)
# Ending a report's speaker and cue (or what comes before its speaker), the narrator
# calling the report a lie: "Russia's Defence Ministry is lying when it claims", "Moscow
# falsely claims".
CALLED_A_LIE = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:\w+\s+)?lying|lies|lied|falsely)"
    r"(?:\s+(?:when|as|in|by))?(?:\s+(?:it|they|he|she|saying))?(?:\s+\w+)?\s*$",
    re.I,
)
WEAK_FALSITY = re.compile(
    r"\b(?:propaganda|disinformation|misinformation|provocations?|myths?|fiction\w*)\b", re.I
)
SAID = re.compile(
    r"\b(?:statements?|claims?|allegations?|accusations?|reports?|words|explanations?|assertions?|"
    r"version|narratives?|stor(?:y|ies)|footage|videos?|photos?|images?|pictures?|information)\b",
    re.I,
)
_PROPOSAL = re.compile(
    r"^(?:(?:a|an|the|any|this|that|his|her|its|their|all)\s+)*(?:\S+\s+){0,3}?(?:proposals?|offers?|requests?|"
    r"calls?|plans?|demands?|initiatives?|ultimatums?|invitations?|appeals?|suggestions? to)\b",
    re.I,
)
# A denial object that stands for something said before ("it", "the accusations").
_STANDS_FOR_SAID = re.compile(
    r"^(?:(?:the|these|those|this|such|that|all|any|its|their|his|her)\s+)*"
    r"(?:it|this|that|them|these|those|(?:\w+\s+)?(?:accusations?|allegations?|claims?|reports?|"
    r"statements?|charges?|information|suggestions?))$",
    re.I,
)
# A denial object that names an act without saying where or what: "attack", "responsibility".
_BARE_ACT = re.compile(
    r"^(?:(?:the|any|its|his|their|carrying out|involvement in|responsibility for)\s+)*"
    r"(?:attacks?|strikes?|bombings?|shelling|responsibility|involvement|blame|guilt)$",
    re.I,
)
_ACT = re.compile(
    r"\b(?:hit|hits|struck|strikes?|shell(?:ed|s|ing)?|fired|launch(?:ed|es)?|bomb(?:ed|s|ing|ings)?|"
    r"bombard\w*|destroy(?:ed|s)?|blew up|attack(?:ed|s)?|target(?:ed|s)?|kill(?:ed|ing|s)?)\b",
    re.I,
)
# "..., are not true", "is a provocation and untrue": the verdict a rebutter passes on an
# allegation nested in its claim, which is not part of the allegation.
_VERDICT = re.compile(
    r"[\s,]+(?:are|is|was|were)\s+(?:(?:not|no)\b|untrue|false|lies|a lie|fake|provocation|"
    r"a provocation|baseless|groundless|nonsense|fabricat|absurd|propaganda|disinformation)",
    re.I,
)
_WORD = re.compile(r"[a-z]{4,}")
_COMMON = frozenset(
    """that this these those there their they them were have been from with which what when
    where while about after before over into than then also will would could should said
    says more most some such only other being attack attacks strike strikes russia russian
    ukraine ukrainian responsibility""".split()
)


def is_denial(claim: Claim) -> bool:
    """The speaker denies the content ("X denied that ...", "rejected claims that ..."), or
    the content opens with the denial ("recorded a video in which he denies the information").
    Rejecting a proposal, offer or call ("Russia rejected a proposal by Guterres to declare
    a ceasefire") denies no claim."""
    if _PROPOSAL.match(claim.text):
        return False
    if claim.cue and _CRITICISM_CUE.search(claim.cue) and _OPENS_WITH_SAID.match(claim.text):
        return True
    return bool(claim.cue and DENIAL_CUE.search(claim.cue)) or bool(DENIAL_CUE.match(claim.text))


def names_statements(claim: Claim) -> bool:
    """The content names what was said ("Moscow's statements about ...", "claims that ...")."""
    return bool(SAID.search(claim.text))


# A provocation being prepared is a warning of an act, not a verdict on what was said:
# "British handlers of Ukrainian Centers for Information ... prepare another bloody provocation".
_PLANNED = re.compile(r"\b(?:prepar\w*|plan\w*|plott\w*)\s+(?:\S+\s+){0,2}$", re.I)
# A verdict the text reports rather than passes: "the photos ... of Bucha are allegedly a
# provocation" (an outlet relaying Moscow's verdict, keeping its distance).
_REPORTED = re.compile(r"\b(?:allegedly|supposedly|reportedly|purportedly)\s+(?:\S+\s+){0,2}$", re.I)


def _verdicts(pattern: re.Pattern[str], text: str, *not_after: re.Pattern[str]) -> bool:
    """Whether `pattern` occurs in `text` other than right after one of `not_after`."""
    return any(not any(p.search(text[: m.start()]) for p in not_after) for m in pattern.finditer(text))


def is_rebuttal(claim: Claim) -> bool:
    """The content calls someone's statements false ("... are sick fantasies")."""
    if _verdicts(FALSITY, claim.text, _REPORTED):
        return True
    return _verdicts(WEAK_FALSITY, claim.text, _PLANNED, _REPORTED) and names_statements(claim)


def disputes(claim: Claim) -> bool:
    return is_denial(claim) or is_rebuttal(claim) or claim.answers is not None


def stands_for_said(text: str) -> bool:
    """A denial object standing for something said: "it", "the accusations".

    Fires on "the accusations"; must not fire on "the missile strike on the station"."""
    return bool(_STANDS_FOR_SAID.match(text.strip(" .,;:\"'“”‘’")))


def bare_act(text: str) -> bool:
    """A denial object naming an act and nothing else: "attack", "carrying out attack".

    Fires on "responsibility"; must not fire on "the attack on the mall"."""
    return bool(_BARE_ACT.match(text.strip(" .,;:\"'“”‘’")))


def is_bare_denial(claim: Claim) -> bool:
    """A denial naming nothing but the act: "Russia denies responsibility"."""
    return bare_act(claim.text) and is_denial(claim)


def asserts_act(text: str) -> bool:
    """The text says something was done: "a Russian missile hit the station"."""
    return bool(_ACT.search(text))


def specific_words(text: str) -> frozenset[str]:
    """Words of 4+ letters (plural s dropped), less the words every war report uses."""
    words = (w[:-1] if w.endswith("s") else w for w in _WORD.findall(text.lower()))
    return frozenset(words) - _COMMON


# "claims about", "reports that": what a denial's object says was said, before what was said.
_SAID_HEAD = re.compile(_SAID_OBJECT + r"\s+(?:about|of|that|on)\s+(?=\S)", re.I)


def proposition_text(claim: Claim) -> str:
    """What a claim is about: the answered claim's text for a resolved denial; for a denial
    of what was said, what was said ("castigates claims about 'Russian strike' on the mall"
    -> "'Russian strike' on the mall"); else its own text."""
    if claim.answered_text:
        return claim.answered_text
    if is_denial(claim):
        head = _SAID_HEAD.match(claim.text)
        if head is not None:
            return claim.text[head.end() :]
    return claim.text


def _retext(claim: Claim, spans: Sequence[Span], source: str, new_id: str) -> Claim:
    text = " ".join(s.text(source).strip() for s in spans)
    return replace(claim, id=new_id, text=text, start=spans[0].start, end=spans[-1].end, content_spans=tuple(spans))


def split_nested_allegations(claims: Sequence[Claim], source: str, ids: ClaimIds) -> list[Claim]:
    """Cut each allegation nested in another side's claim before the verdict on it, and
    link the surrounding claim to it as its rebuttal.

    `source` is the article text; `ids(article_id, start, end, cue_span)` gives a claim id.
    "Ukrainian claims that a Russian missile hit Kramatorsk are not true" (the ministry) ->
    Ukraine's "a Russian missile hit Kramatorsk" and the ministry's claim, which answers it."""
    out = list(claims)
    for i, inner in enumerate(out):
        outer = next((o for o in out if o is not inner and o.side != inner.side
                      and o.start <= inner.start and inner.end <= o.end and (o.start, o.end) != (inner.start, inner.end)),
                     None)
        if outer is None:
            continue
        verdict = _VERDICT.search(inner.text)
        if verdict is None and not (is_rebuttal(outer) or is_denial(outer)):
            continue
        # The verdict's place in the spans' own text (a claim's text may leave out a leading
        # "that" its span holds).
        verdict = _VERDICT.search(" ".join(s.text(source).strip() for s in inner.content_spans)) if verdict else None
        if verdict is not None:
            cut = inner.start + _offset_in(source, inner, verdict.start())
            spans = [s for s in inner.content_spans if s.start < cut]
            if spans:
                spans[-1] = Span(spans[-1].start, min(spans[-1].end, cut))
                cue = Span(inner.cue_start, inner.cue_end) if inner.cue_start is not None else None
                out[i] = inner = _retext(inner, spans, source, ids(inner.article_id, spans[0].start, spans[-1].end, cue))
        j = out.index(outer)
        if out[j].answers is None:
            out[j] = replace(outer, answers=inner.id, answered_text=inner.text)
    return out


_TRAILING_JOINER = re.compile(r"(?:[\s,;:–—-]+|\s+(?:and|but|while|as)\s*)+$", re.I)


def cut_trailing_reports(claims: Sequence[Claim], source: str, ids: ClaimIds) -> list[Claim]:
    """A claim whose content runs on into another speaker's report ("Ukraine says Russia
    strikes Mariupol theatre, Moscow denies attack") ends before that report's speaker, so
    each side's claim has its own span ("Russia strikes Mariupol theatre")."""
    out = list(claims)
    for i, outer in enumerate(out):
        for inner in out:
            at = inner.speaker_start
            if (inner is outer or at is None or inner.speaker == outer.speaker
                    or not outer.start < at < outer.end or inner.end < outer.end - 1):
                continue
            head = source[outer.start : at]
            if CALLED_A_LIE.search(head):  # the narrator's verdict holds what it calls a lie
                continue
            end = outer.start + len(_TRAILING_JOINER.sub("", head))
            spans = [s for s in outer.content_spans if s.start < end]
            if end <= outer.start or not spans:
                continue
            spans[-1] = Span(spans[-1].start, min(spans[-1].end, end))
            cue = Span(outer.cue_start, outer.cue_end) if outer.cue_start is not None else None
            out[i] = outer = _retext(outer, spans, source, ids(outer.article_id, spans[0].start, spans[-1].end, cue))
    return out


def _offset_in(source: str, claim: Claim, text_offset: int) -> int:
    """Map an offset into `claim.text` (pieces joined by one space) back to the article."""
    consumed = 0
    for span in claim.content_spans:
        piece = span.text(source).strip()
        lead = len(span.text(source)) - len(span.text(source).lstrip())
        if text_offset <= consumed + len(piece):
            return span.start - claim.start + lead + (text_offset - consumed)
        consumed += len(piece) + 1
    return claim.end - claim.start


def answered_claim(denial: Claim, earlier: Sequence[Claim]) -> Claim | None:
    """The claim a denial answers among the article's `earlier` claims (text order), or None.

    Only a claim of another side; nearest first. "it" / "the accusations" take the nearest;
    "attack" / "responsibility" the nearest that says something was done; an object that
    names its own content the nearest sharing a specific word with it."""
    others = [c for c in reversed(earlier) if c.side != denial.side and c.answers is None and not is_denial(c)]
    if stands_for_said(denial.text):
        return others[0] if others else None
    if bare_act(denial.text):
        return next((c for c in others if asserts_act(c.text)), None)
    own = specific_words(denial.text)
    return next((c for c in others if own & specific_words(c.text)), None)


def resolve_denials(claims: Sequence[Claim], *, clauses: frozenset[str] = frozenset()) -> list[Claim]:
    """Each denial of a pronoun or noun phrase that answers an earlier claim gets `answers`
    (claims of one article in text order). A denied clause ("denied that the attack had
    hit military targets", ids in `clauses`) says itself what it denies and is left alone."""
    out = list(claims)
    for i, claim in enumerate(out):
        if not is_denial(claim) or claim.answers is not None or claim.id in clauses:
            continue
        target = answered_claim(claim, [c for c in out[:i] if c.start < claim.start])
        if target is not None:
            out[i] = replace(claim, answers=target.id, answered_text=target.text)
    return out
