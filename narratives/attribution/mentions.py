"""Speaker mentions as news writes them: trimmed, then parsed into name, title, affiliation.

    "2025-04-06 UN High Commissioner for Human Rights Volker Turk on Sunday"
        -> trimmed "UN High Commissioner for Human Rights Volker Turk"
        -> name "Volker Turk", title "UN High Commissioner for Human Rights", affiliation "UN"
    "Vassily Nebenzia, Russia's ambassador to the United Nations"
        -> name "Vassily Nebenzia", title "Russia's ambassador to the United Nations",
           affiliation "Russia", core "Vassily Nebenzia, Russia's ambassador"

`core` is the mention without the phrases that name a place, a topic or a posting rather
than whom the speaker speaks for ("in Ukraine", "on Russia", "ambassador to the UN",
"UN envoy"): the side is read from it first. Pure string rules, no parse, so a bare
mention (the eval's input) and a span of a parsed article get the same answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Words that head or modify a title, never part of a person's name ("Mayor", "Gen.").
TITLE_WORDS = frozenset(
    """
    president vice prime minister ministers secretary secretary-general director-general
    director general gen gen. col col. lt lt. maj maj. colonel lieutenant major adm adm.
    admiral marshal governor mayor spokesman spokeswoman spokesperson ambassador envoy chief
    head commander commander-in-chief chairman chairwoman chair speaker pope patriarch king
    queen prince chancellor senator rep rep. deputy director commissioner rapporteur adviser
    advisor aide ombudsman ombudswoman leader foreign defence defense interior justice
    energy finance economy health digital transformation first top high special regional
    acting former self-proclaimed russian-installed kremlin-installed moscow-installed
    press officer official representative coordinator counsellor counselor judge prosecutor
    mr mr. mrs mrs. ms ms. dr dr. sir lord
    """.split()
)
# Capitalised in titles and organisation names, never a person's name ("Human Rights").
NOT_NAME_WORDS = frozenset(
    """
    human rights affairs state security national energy justice health refugees europe policy
    operations peace development humanitarian emergency emergencies nations united studies war
    atomic international world federal general political intelligence military armed
    """.split()
)
# Words that make a capitalised phrase an organisation rather than a person.
ORGANISATION_WORDS = frozenset(
    """
    ministry office council committee agency service services forces force army navy command
    staff mission organization organisation fund group watch institute court union bank
    legion brigade battalion regiment guard police directorate centre center department
    government embassy commission parliament republic administration authority authorities
    corporation company duma rada assembly cabinet secretariat programme program federation
    """.split()
)
# Nouns of a posting: an X "to" Y (or a "Y X") is sent to Y and speaks for whoever sent X.
POSTING_WORDS = frozenset(
    """
    ambassador ambassadors envoy envoys representative representatives mission missions
    delegation delegations delegate delegates emissary emissaries embassy
    """.split()
)

_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DATE = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?)"
_WHEN = (
    rf"(?:{_DATE}|(?:early|late|later)?\s*(?:on\s+)?{_WEEKDAYS}(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:on|late on|early on)\s+" + _DATE +
    r"|yesterday|today|tonight|this\s+(?:morning|afternoon|evening|week|month|year)"
    r"|last\s+(?:night|week|month|year)|earlier(?:\s+(?:today|this\s+week))?|overnight|on\s+the\s+same\s+day)"
)
_LEADING_WHEN = re.compile(rf"^\s*(?:{_WHEN})\s*[,:;-]?\s+", re.IGNORECASE)
_TRAILING_WHEN = re.compile(rf"[\s,]+(?:{_WHEN})\s*$", re.IGNORECASE)
# ", which recorded ...", " who visited ...", ", speaking on ...": clauses about the speaker.
_CLAUSE = re.compile(
    r"(?:,\s*|\s+)(?:which|who|whose|whom)\b.*$"
    r"|,\s*(?:speaking|writing|citing|quoted|quoting|according|in\s+a\s+statement|in\s+an?\s+interview)\b.*$"
    r"|\s+(?:in\s+a\s+(?:statement|video|post|message|briefing|interview)|on\s+(?:Telegram|X|Twitter|Facebook|television|TV))\b.*$",
    re.IGNORECASE,
)
_EDGE = " \t\n,;:.-–—\"“”'‘’()"
_TOKEN = re.compile(r"[^\s,]+")
_DETERMINERS = frozenset("the a an this that these those".split())
_NEVER_IN_NAMES = TITLE_WORDS | ORGANISATION_WORDS | NOT_NAME_WORDS
_PREPOSITIONS = frozenset("of for the to in on at and from with".split())
_OWNER = re.compile(r"(?P<owner>(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*)['’]s\b")


@dataclass(frozen=True)
class MentionParts:
    """A parsed speaker mention; `text` is the trimmed mention, the rest are pieces of it."""

    text: str
    name: str | None
    title: str | None
    affiliation: str | None
    core: str


def trim(text: str) -> tuple[int, int]:
    """(start, end) of the speaker proper inside `text`: no leading or trailing date or
    weekday, no relative clause ("UN monitoring mission, which recorded ..." -> "UN
    monitoring mission"). Fires on "2025-04-06 Volker Turk on Sunday"; leaves "Volker Turk"."""
    start, end = 0, len(text)
    while True:
        before = (start, end)
        piece = text[start:end]
        lead = _LEADING_WHEN.match(piece)
        if lead and lead.end() < len(piece):
            start += lead.end()
            piece = text[start:end]
        clause = _CLAUSE.search(piece)
        if clause and clause.start() > 0:
            end = start + clause.start()
            piece = text[start:end]
        tail = _TRAILING_WHEN.search(piece)
        if tail and tail.start() > 0:
            end = start + tail.start()
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE and not _abbreviation_end(text[start:end]):
            end -= 1
        if (start, end) == before:
            return start, end


def _abbreviation_end(text: str) -> bool:
    """True when a final "." belongs to an abbreviation ("the U.N.", "Gen.")."""
    last = text.split()[-1] if text.split() else ""
    return last.endswith(".") and ("." in last[:-1] or last.lower() in TITLE_WORDS)


def _strip_determiners(text: str) -> str:
    words = text.strip(_EDGE).split()
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    return " ".join(words)


def _is_name_token(token: str) -> bool:
    bare = token.strip("()")
    if not bare[:1].isupper():
        return False
    lowered = bare.lower().rstrip(",")
    if lowered in _NEVER_IN_NAMES or lowered.endswith(("'s", "’s")):
        return False
    if bare.isupper() and len(bare) > 1:
        return False  # an acronym: "UN", "SBU", "HUR"
    return True


def _trailing_name(segment: str) -> tuple[str | None, str]:
    """The person name at the end of a segment and what precedes it:
    "Kremlin spokesman Dmitry Peskov" -> ("Dmitry Peskov", "Kremlin spokesman")."""
    tokens = _TOKEN.findall(segment)
    at = len(tokens)
    while at > 0 and _is_name_token(tokens[at - 1]):
        at -= 1
    while tokens[at:] and at > 0 and tokens[at - 1].lower() in _PREPOSITIONS and len(tokens) - at > 2:
        at += 1  # "Ambassador to Ukraine Bridget Brink": the place ends the title
    name_tokens = tokens[at:]
    if not name_tokens or len(name_tokens) > 4:
        return None, segment
    before = tokens[:at]
    if before and before[-1].lower() in _PREPOSITIONS:
        return None, segment  # "Committee of the Red Cross": part of an organisation name
    return " ".join(name_tokens), " ".join(before)


def _split(text: str) -> tuple[str | None, str | None]:
    """(name, title) of a trimmed mention."""
    segments = [s.strip() for s in text.split(",") if s.strip()]
    name = title = None
    rest: list[str] = []
    for segment in segments:
        found, before = _trailing_name(segment)
        if name is None and found is not None:
            name = found
            if before:
                rest.append(before)
        else:
            rest.append(segment)
    if rest:
        title = _strip_determiners(", ".join(rest)) or None
    if name is None and title is not None and (
        not any(w.lower() in TITLE_WORDS for w in title.split())
        or all(w[:1].isupper() or w.lower() in _PREPOSITIONS for w in title.split())
    ):
        return title, None  # an organisation or a bare name ("Human Rights Watch")
    return name, title


def affiliation_of(title: str | None) -> str | None:
    """Whom a title names as employer: "Russia's foreign minister" -> "Russia",
    "spokeswoman for the UN human rights office" -> "UN human rights office",
    "Kremlin spokesman" -> "Kremlin"; None for a bare role ("spokesman")."""
    if not title:
        return None
    owner = _OWNER.search(title)
    if owner:
        return _strip_determiners(owner.group("owner"))
    leading = []
    for token in title.split():
        if token.lower() in TITLE_WORDS or not token[:1].isupper():
            break
        leading.append(token)
    if leading:
        return " ".join(leading)
    of = re.search(r"\b(?:of|for|at)\s+(?P<what>.+)$", title)
    if of:
        return _strip_determiners(re.split(r"\s+(?:in|on)\s+", of.group("what"))[0]) or None
    return None


def core_of(text: str, *, keep_places: bool = False) -> str:
    """`text` without place, topic and posting phrases: "UN resident coordinator in
    Ukraine" -> "UN resident coordinator"; "Britain's UN ambassador" -> "Britain's
    ambassador"; "Russia's envoy to the IAEA" -> "Russia's envoy". Leaves "adviser to the
    head of Rosenergoatom" (an adviser *to* someone works for them). `keep_places` removes
    only the postings."""
    core = text if keep_places else re.sub(r"\s+(?:in|on|at|near|over|about|inside)\s+[^,]*", "", text)
    posting = "|".join(sorted(POSTING_WORDS))
    core = re.sub(rf"\b((?:{posting}))\s+(?:to|at|with)\s+[^,]*", r"\1", core, flags=re.IGNORECASE)
    core = re.sub(
        rf"\b(?:UN|U\.N\.|United Nations|IAEA|OSCE|NATO|EU)\s+((?:deputy\s+|permanent\s+)?(?:{posting}))\b",
        r"\1", core, flags=re.IGNORECASE,
    )
    return core.strip(_EDGE)


def parse_mention(text: str) -> MentionParts:
    """Trim and parse one speaker mention (see the module docstring)."""
    start, end = trim(text)
    trimmed = text[start:end]
    name, title = _split(trimmed)
    return MentionParts(
        text=trimmed, name=name, title=title, affiliation=affiliation_of(title), core=core_of(trimmed),
    )
