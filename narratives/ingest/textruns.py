"""Pathological character runs: long stretches of punctuation or symbols (a run of straight
quotes, `“”“”`, `((((`, emoji) that no article needs token by token.

spaCy's tokenizer strips such a run one prefix at a time (quadratic in its length) and the
attribution tagger would see one wordpiece per character, so both treat a run as a unit.
Pure text helpers with no dependencies: part of the domain core, like `types`.
"""
from __future__ import annotations

import re
from typing import Iterator

SYMBOL_RUN_CHARS = 8
"""A run of at least this many punctuation or symbol characters (no letter, digit or space)
is one unit. Real text has clusters of up to 3 or 4 (`.”)`, `....`)."""

_SYMBOL_RUN = re.compile(r"[^\w\s]{%d,}" % SYMBOL_RUN_CHARS)


def symbol_runs(text: str) -> Iterator[re.Match[str]]:
    """The pathological runs of `text`, left to right."""
    return _SYMBOL_RUN.finditer(text)


def mask_symbol_runs(text: str) -> str:
    """`text` with each run reduced to its first character followed by spaces: the same
    length, so every character offset still points at the same place.

    >>> mask_symbol_runs("He said ********** no.")
    'He said *          no.'
    """
    return _SYMBOL_RUN.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 1), text)
