"""Name normalisation and transliteration-tolerant comparison.

Names from Cyrillic (and Arabic) reach English text in several romanisations: Khiari /
Kiari, Synehubov / Sinegoubov, Kyiv / Kiev, Andriy / Andri. `fold` maps a word to a rough
phonetic key that erases the usual differences (kh->k, h/g, y/j/i, ou->u, ie->i, doubled
letters, soft signs and apostrophes); `similar` compares keys with a string ratio.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Sequence

_STOPWORDS = frozenset(
    "the a an of for to in on at and by 's s from with".split()
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DIGRAPHS = (
    ("shch", "S"), ("sch", "S"), ("sh", "S"), ("ch", "C"), ("zh", "Z"),
    ("kh", "k"), ("ph", "f"), ("ts", "c"), ("tz", "c"),
    ("ou", "u"), ("oo", "u"), ("ie", "i"), ("ye", "e"), ("yi", "i"), ("iy", "i"), ("yy", "i"),
    ("ck", "k"), ("q", "k"), ("x", "ks"), ("w", "v"),
    ("h", "g"), ("y", "i"), ("j", "i"), ("'", ""), ("’", ""),
)
DEFAULT_THRESHOLD = 0.84


def ascii_fold(text: str) -> str:
    """Lower case without diacritics: "Zelenskyy" stays, "Šmyhal" -> "smyhal"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A transliteration-insensitive key for one word: fold("Khiari") == fold("Kiari")."""
    key = ascii_fold(word)
    for source, target in _DIGRAPHS:
        key = key.replace(source, target)
    collapsed: list[str] = []
    for ch in key:
        if not collapsed or collapsed[-1] != ch:
            collapsed.append(ch)
    return "".join(collapsed)


def words(text: str) -> list[str]:
    """Word tokens of `text`, lower-cased, possessive "'s" removed."""
    found = []
    for word in _WORD.findall(ascii_fold(text)):
        word = re.sub(r"['’]s$", "", word)
        if word:
            found.append(word)
    return found


def content_words(text: str) -> list[str]:
    """`words` without function words ("the", "of", ...)."""
    return [w for w in words(text) if w not in _STOPWORDS]


def key(text: str) -> str:
    """A comparison key for a whole mention: folded content words joined by spaces."""
    return " ".join(fold(w) for w in content_words(text))


@lru_cache(maxsize=65536)
def similar(a: str, b: str, *, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """True when two words are the same name up to transliteration."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    shorter, longer = sorted((len(fa), len(fb)))
    if shorter < 4 or 2 * shorter / (shorter + longer) < threshold:
        return False
    matcher = SequenceMatcher(None, fa, fb)
    # The cheap upper bounds first: most pairs of names fail them.
    return matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


def contains_phrase(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """True when folded `needle` words occur contiguously in folded `haystack` words."""
    if not needle or len(needle) > len(haystack):
        return False
    n = len(needle)
    needle = tuple(needle)
    return any(tuple(haystack[i : i + n]) == needle for i in range(len(haystack) - n + 1))
