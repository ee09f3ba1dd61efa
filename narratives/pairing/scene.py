"""Where a claim happened when its own words say only "the building".

"Russia denies responsibility, claiming neo-Nazi Azov militants blew up the building" (an
untitled RT lede whose url reads "mariupol-theater-ukraine") is about the Mariupol drama
theatre, as a reader of the article knows; "Russians bombard Mariupol Drama Theatre" (the
next day, another outlet) disputes who did it. A claim that refers to its site by a bare
definite noun ("the building", "the facility", "the plant") keeps its article's headline
(else the url's words) as its `scene`, as does a denial naming nothing but the act
("Russia denies responsibility"); pairing reads the scene with the claim's words when it
asks whether two claims are about one place. The nouns are data here.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from narratives.pairing.rebuttals import is_bare_denial
from narratives.types import Claim, Span

_BARE_SITE = re.compile(r"\b(?:the|that|this) (?:building|facility|site|premises|structure|compound|plant|station)\b", re.I)
_SAYS_WHICH = re.compile(r"\s+(?:of|in|at|near|on)\b", re.I)


def names_site_by_anaphor(text: str) -> bool:
    """Whether `text` refers to its site only as "the building" / "the facility" / ...

    Fires on "Azov militants blew up the building"; must not fire on "the building of the
    regional administration in Mykolaiv" (the place follows) or "a building"."""
    m = _BARE_SITE.search(text)
    return m is not None and not _SAYS_WHICH.match(text, m.end())


def _needs_scene(claim: Claim) -> bool:
    """A claim naming its site by an anaphor, or a denial naming nothing but the act
    ("Russia denies responsibility")."""
    return names_site_by_anaphor(claim.text) or is_bare_denial(claim)


def with_scenes(claims: Sequence[Claim], headline: str | None, headline_span: Span | None) -> list[Claim]:
    """`claims` (one article's) with `scene` set to `headline` on those outside the
    headline that name their site by an anaphor or deny a bare act."""
    if not headline:
        return list(claims)
    return [
        replace(c, scene=headline) if _needs_scene(c) and not (headline_span and c.start < headline_span.end) else c
        for c in claims
    ]


def situated_text(claim: Claim, text: str) -> str:
    """`text` (what the claim says) with its scene, when it has one, for place comparisons."""
    return f"{text} ({claim.scene})" if claim.scene else text
