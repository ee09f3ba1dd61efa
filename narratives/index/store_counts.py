"""Store-wide counts for an index that holds only a date window of the store.

The index weighs names and words against everything stored: a claim's name is distinctive
if few stored claims mention it (`alignment.distinctive`), a story's words and names by
their document frequency over stored articles (`DocumentFrequencies`). An index loaded
with a window gets these from the store (`StoreWideCounts`) instead of counting its own rows.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from narratives.events.stories import DocumentFrequencies, StoryProfile


class StoredCounts(Counter[str]):
    """A `Counter` whose keys come from the store on first use (`read(keys) -> counts`,
    absent keys count 0), so updating it adds to the stored figure. `prefetch` reads many
    keys in one go; any other key is read alone when first asked for."""

    def __init__(self, read: Callable[[Sequence[str]], dict[str, int]]) -> None:
        super().__init__()
        self._read = read

    def prefetch(self, keys: Iterable[str]) -> None:
        missing = [k for k in set(keys) if not dict.__contains__(self, k)]
        if missing:
            found = self._read(missing)
            for key in missing:
                dict.__setitem__(self, key, found.get(key, 0))

    def __missing__(self, key: str) -> int:
        self.prefetch([key])
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:  # Counter.update / subtract read through get
        return self[key]


@dataclass(frozen=True)
class StoreWideCounts:
    """The number of stored claims and, per name, how many mention it; the number of
    stored articles with a story and, per word and per name, how many use it."""

    claims: int
    claim_names: StoredCounts
    story_articles: int
    story_terms: StoredCounts
    story_names: StoredCounts

    def story_frequencies(self) -> DocumentFrequencies:
        frequencies = DocumentFrequencies()
        frequencies.articles = self.story_articles
        frequencies.terms, frequencies.names = self.story_terms, self.story_names
        return frequencies

    def prefetch(self, *, claim_names: Iterable[Iterable[str]] = (), profiles: Iterable[StoryProfile] = ()) -> None:
        """Read in bulk the counts of the names of these claims and the words and names of
        these story profiles (what the index will ask for)."""
        self.claim_names.prefetch(n for names in claim_names for n in names)
        terms: set[str] = set()
        names: set[str] = set()
        for profile in profiles:
            terms.update(profile.terms)
            names.update(profile.names)
        self.story_terms.prefetch(terms)
        self.story_names.prefetch(names)
