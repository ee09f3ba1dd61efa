"""Store-wide name and word counts (the `frequencies` table), kept by every write.

The index judges a name distinctive, and weighs an article's words and names, against
the whole store (`narratives.events.alignment.distinctive`, `DocumentFrequencies`). A
worker that holds only a date window reads those counts from here instead of counting
its own rows; every write adds (or, on delete, subtracts) the counts of what it stores.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Sequence

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from narratives.events.alignment import extract_entities
from narratives.events.stories import story_profile
from narratives.storage.engine import in_chunks
from narratives.storage.tables import FrequencyRow
from narratives.types import Article

CLAIM_NAMES, STORY_TERMS, STORY_NAMES = "claim_names", "story_terms", "story_names"
_CHUNK = 500  # keys per statement: well under SQLite's bound-parameter limit


def claim_name_counts(texts: Iterable[str]) -> Counter[str]:
    """Name -> how many of the claims `texts` mention it."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(extract_entities(text))
    return counts


def story_counts(articles: Iterable[Article]) -> dict[str, Counter[str]]:
    """`story_terms` and `story_names` -> key -> how many of `articles` use it (as
    `DocumentFrequencies.update` counts a profile)."""
    terms: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for article in articles:
        profile = story_profile(article, np.zeros(1, dtype=np.float32))
        terms.update(profile.terms.keys())
        names.update(profile.names)
    return {STORY_TERMS: terms, STORY_NAMES: names}


def add_counts(session: Session, counter: str, counts: Mapping[str, int], *, sign: int = 1) -> None:
    """Add `sign * counts` to `counter` in one upsert per chunk (atomic per key, so
    concurrent writers need no lock for it); keys that reach 0 are deleted."""
    keys = sorted(k for k, v in counts.items() if v)  # one order for every writer: no deadlock
    if not keys:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    for chunk in in_chunks(keys, _CHUNK):
        statement = dialect.insert(FrequencyRow).values(
            [{"counter": counter, "key": k, "count": sign * counts[k]} for k in chunk]
        )
        session.execute(statement.on_conflict_do_update(
            index_elements=[FrequencyRow.counter, FrequencyRow.key],
            set_={"count": FrequencyRow.count + statement.excluded["count"]},
        ))
        if sign < 0:
            session.execute(delete(FrequencyRow).where(
                FrequencyRow.counter == counter, FrequencyRow.key.in_(chunk), FrequencyRow.count <= 0
            ))


def read_counts(session: Session, counter: str, keys: Sequence[str]) -> dict[str, int]:
    """The stored count of each of `keys` that has one (absent: 0)."""
    found: dict[str, int] = {}
    for chunk in in_chunks(list(keys), _CHUNK):
        rows = session.execute(select(FrequencyRow.key, FrequencyRow.count).where(
            FrequencyRow.counter == counter, FrequencyRow.key.in_(chunk)
        ))
        found.update((k, int(c)) for k, c in rows)
    return found
