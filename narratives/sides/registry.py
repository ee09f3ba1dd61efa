"""The actor registry: sides, actors (aliases, titles, roles, organisations) and outlets.

`load_registry(path)` reads the YAML (format: docs/registry.md and the header of
seeds/registry.yaml) and validates it (`narratives.sides.registry_file`); `Registry.lookup(mention)`
links a speaker mention to an actor or a side. The mention is first trimmed and parsed
(`narratives.attribution.mentions`); the link says how it was made, with a confidence:

    name / alias of the mention or its name part (transliteration-folded)   1.00
    person name with a different spelling           0.95 (first and last name) / 0.85 (surname)
    title or role ("Kremlin spokesman")              0.90
    organisation named in the mention's core         0.85
    the side's affiliation words in the core         0.75 ("the Russian military")
    a side's place names, or words outside the core  0.70 ("Kharkiv governor")

The core leaves out places, topics and postings ("UN resident coordinator in Ukraine",
"Russia's ambassador to the UN"), so they do not decide the side.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal, Mapping
from urllib.parse import urlparse

from narratives.attribution import names
from narratives.attribution.mentions import MentionParts, core_of, parse_mention

ActorKind = Literal["person", "organisation"]
MatchVia = Literal["name", "spelling", "surname", "title", "organisation", "pattern", "place"]
_CACHE_SIZE = 100_000
CONFIDENCE: dict[str, float] = {
    "name": 1.0, "spelling": 0.95, "title": 0.9, "surname": 0.85, "organisation": 0.85,
    "pattern": 0.75, "place": 0.7,
}
_MAX_PHRASE = 10
_AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class Role:
    """An office an actor holds or held: "Minister of Defence of Russia", 2012-11 to 2024-05."""

    title: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    side: str
    kind: ActorKind = "organisation"
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def all_titles(self) -> tuple[tuple[str, bool], ...]:
        """(title, current) pairs: plain titles count as current."""
        return (*((t, True) for t in self.titles), *((r.title, r.end is None) for r in self.roles))


@dataclass(frozen=True)
class SideInfo:
    id: str
    label: str
    patterns: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    weak: bool = False
    not_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorMatch:
    """How a mention links to the registry: an actor (or only a side, for patterns)."""

    side: str
    confidence: float
    via: MatchVia
    evidence: str
    actor: Actor | None = None


@lru_cache(maxsize=65536)
def _phrase(text: str) -> tuple[str, ...]:
    """Folded content words; cached, since registry names are compared with every mention."""
    return tuple(names.fold(w) for w in names.content_words(text))


def is_acronym(text: str) -> bool:
    """"UN", "U.N.", "WHO", "SBU": matched only in capitals, so "who" and "Kim Jong Un" are not."""
    bare = text.replace(".", "")
    return 1 < len(bare) <= 6 and bare.isalpha() and bare.isupper()


def _acronym_in(acronym: str, text: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(acronym)}(?![\w])", text) is not None


@dataclass
class _PhraseIndex:
    """Folded phrase -> entries, for finding every listed phrase inside a mention."""

    entries: dict[tuple[str, ...], list[tuple[str, object]]] = field(default_factory=dict)

    def add(self, phrase: str, value: object) -> None:
        key = _phrase(phrase)
        if key:
            self.entries.setdefault(key, []).append((phrase, value))

    def exact(self, words: tuple[str, ...], text: str) -> list[tuple[str, object]]:
        return [(p, v) for p, v in self.entries.get(words, []) if not is_acronym(p) or _acronym_in(p, text)]

    def inside(self, words: tuple[str, ...], text: str) -> list[tuple[str, object, int]]:
        """(phrase, value, position) of each listed phrase found in `words`."""
        found = []
        for i in range(len(words)):
            for n in range(1, min(_MAX_PHRASE, len(words) - i) + 1):
                for phrase, value in self.entries.get(words[i : i + n], []):
                    if not is_acronym(phrase) or _acronym_in(phrase, text):
                        found.append((phrase, value, i))
        return found


@dataclass(frozen=True)
class _Indexes:
    """The registry's phrases, indexed once on first lookup."""

    names: _PhraseIndex
    titles: _PhraseIndex
    patterns: _PhraseIndex
    persons: tuple[Actor, ...]
    by_surname: dict[str, tuple[Actor, ...]]
    by_id: dict[str, Actor]

    @classmethod
    def build(cls, registry: "Registry") -> "_Indexes":
        actor_names, titles, patterns = _PhraseIndex(), _PhraseIndex(), _PhraseIndex()
        for actor in registry.actors:
            for name in actor.names:
                actor_names.add(name, actor)
            for title, current in actor.all_titles:
                titles.add(title, (actor, current))
        for side in registry.sides.values():
            for pattern in side.patterns:
                patterns.add(pattern, (side.id, "pattern"))
            for place in side.places:
                patterns.add(place, (side.id, "place"))
        persons = tuple(a for a in registry.actors if a.kind == "person")
        by_surname: dict[str, list[Actor]] = {}
        for actor in persons:
            for surname in {_phrase(n)[-1] for n in actor.names if len(_phrase(n)) >= 2}:
                by_surname.setdefault(surname, []).append(actor)
        return cls(
            names=actor_names, titles=titles, patterns=patterns, persons=persons,
            by_surname={k: tuple(v) for k, v in by_surname.items()},
            by_id={a.id: a for a in registry.actors},
        )


@dataclass(frozen=True)
class Registry:
    sides: Mapping[str, SideInfo]
    actors: tuple[Actor, ...]
    outlets: Mapping[str, str] = field(default_factory=dict)
    _cache: dict[tuple[str, bool], ActorMatch | None] = field(default_factory=dict, compare=False, repr=False)
    _index: list[_Indexes] = field(default_factory=list, compare=False, repr=False)

    def actor(self, actor_id: str) -> Actor | None:
        return self._indexes().by_id.get(actor_id)

    def lookup(self, mention: str) -> ActorMatch | None:
        """The strongest link from `mention` (a speaker noun phrase) to an actor or side."""
        return self._cached(mention, True)

    def affiliation_match(self, mention: str) -> ActorMatch | None:
        """The side that the mention's title and affiliation words name, actors ignored:
        "spokeswoman for the UN human rights office" -> un; "Peskov" -> None."""
        return self._cached(mention, False)

    def _cached(self, mention: str, with_actors: bool) -> ActorMatch | None:
        key = (mention, with_actors)
        if key not in self._cache:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            parts = parse_mention(mention)
            found = self._actor_link(parts) if with_actors else None
            self._cache[key] = found or self._side_link(parts)
        return self._cache[key]

    def _indexes(self) -> _Indexes:
        if not self._index:
            self._index.append(_Indexes.build(self))
        return self._index[0]

    # --- actors -------------------------------------------------------------------
    def _actor_link(self, parts: MentionParts) -> ActorMatch | None:
        actor_names = self._indexes().names
        for candidate in (parts.text, parts.name):
            if candidate:
                exact = actor_names.exact(_phrase(candidate), candidate)
                if exact:
                    return _link(exact[0][1], "name", exact[0][1].name)  # type: ignore[arg-type]
        person = self._person(parts.name) if parts.name else None
        if person is not None:
            return person
        title = self._title(parts)
        if title is not None:
            return title
        return self._organisation(parts)

    def _person(self, name: str) -> ActorMatch | None:
        words = _phrase(name)
        if not words:
            return None
        best: tuple[float, ActorMatch] | None = None
        persons = self._indexes().persons
        # A listed surname spelled the same (after folding) settles it without fuzzy matching.
        same_surname = self._indexes().by_surname.get(words[-1], ())
        for actor in same_surname or persons:
            for known in actor.names:
                phrase = _phrase(known)
                if len(phrase) < 2 or not names.similar(words[-1], phrase[-1]):
                    continue
                if len(words) == 1:
                    via: MatchVia = "surname"
                elif names.similar(words[-2], phrase[-2]) or words[-2][:1] == phrase[-2][:1]:
                    via = "spelling"
                else:
                    continue
                score = CONFIDENCE[via] + (0.01 if words[-1] == phrase[-1] else 0.0)
                if best is None or score > best[0]:
                    best = (score, _link(actor, via, actor.name))
        return best[1] if best else None

    def _title(self, parts: MentionParts) -> ActorMatch | None:
        titles = self._indexes().titles
        found = [f for f in titles.inside(_phrase(parts.text), parts.text) if len(_phrase(f[0])) >= 2 or is_acronym(f[0])]
        if not found:
            return None
        # The longest title wins; among holders of the same title, the current one.
        phrase, (actor, _current), _ = max(found, key=lambda f: (len(_phrase(f[0])), f[1][1]))
        if parts.name is not None:
            # A named speaker whose name is not this actor's: the title gives the side only.
            return ActorMatch(actor.side, CONFIDENCE["title"], "title", f"registry: title '{phrase}' ({actor.side})")
        return ActorMatch(actor.side, CONFIDENCE["title"], "title", f"registry: {actor.name} ({phrase})", actor)

    def _organisation(self, parts: MentionParts) -> ActorMatch | None:
        actor_names = self._indexes().names
        found = [
            (phrase, actor, at) for phrase, actor, at in actor_names.inside(_phrase(parts.core), parts.core)
            if actor.kind == "organisation"  # type: ignore[union-attr]
        ]
        if not found or self._sides_named(parts.core, count=True) == _AMBIGUOUS:
            return None  # "Russian and Ukrainian officials" names two sides, not one body
        phrase, actor, _ = max(found, key=lambda f: (len(_phrase(f[0])), -f[2]))
        return _link(actor, "organisation", actor.name)  # type: ignore[arg-type]

    # --- sides --------------------------------------------------------------------
    def _side_link(self, parts: MentionParts) -> ActorMatch | None:
        found = self._sides_named(parts.core)
        if found is None and parts.core != parts.text:
            found = self._sides_named(core_of(parts.text, keep_places=True))
            if found is not None:
                found = ActorMatch(found.side, CONFIDENCE["place"], "place", found.evidence)
        return found

    def _sides_named(self, text: str, *, count: bool = False) -> ActorMatch | str | None:
        """The one side whose words the text names; with `count`, `_AMBIGUOUS` when it
        names several sides' words of the same strength."""
        if not text:
            return None
        words = _phrase(text)
        patterns = self._indexes().patterns
        strong: dict[str, str] = {}
        weak: dict[str, str] = {}
        places: dict[str, str] = {}
        cancelled = {
            side.id for side in self.sides.values()
            if any(names.contains_phrase(words, _phrase(p)) for p in side.not_with)
        }
        for phrase, (side_id, kind), _ in patterns.inside(words, text):  # type: ignore[misc]
            if side_id in cancelled:
                continue
            target = places if kind == "place" else weak if self.sides[side_id].weak else strong
            target.setdefault(side_id, phrase)
        for found, via in ((strong, "pattern"), (weak, "pattern"), (places, "place")):
            if len(found) == 1:
                side, phrase = next(iter(found.items()))
                return ActorMatch(side, CONFIDENCE[via], via, f"registry: '{phrase}' in '{text}'")  # type: ignore[arg-type]
            if len(found) > 1:
                return _AMBIGUOUS if count else None  # "Russian and Ukrainian officials"
        return None

    def outlet_side(self, outlet: str | None) -> str | None:
        """The alignment of an outlet given by name, domain or URL; None when unknown."""
        if not outlet:
            return None
        host = outlet.strip().lower()
        if "//" in host:
            host = urlparse(host).netloc
        host = host.split("/")[0].removeprefix("www.")
        for known, side in self.outlets.items():
            if known.lower().removeprefix("www.") == host:
                return side
        return None


def _link(actor: Actor, via: MatchVia, label: str) -> ActorMatch:
    return ActorMatch(actor.side, CONFIDENCE[via], via, f"registry: {label}", actor)


def load_registry(path: str | Path) -> Registry:
    """Read and validate a registry YAML file; `RegistryError` names the file, line and field."""
    from narratives.sides.registry_file import read_registry

    return read_registry(Path(path))


def parse_registry(raw: object, *, source: str = "registry") -> Registry:
    """Build a `Registry` from an already parsed YAML mapping (line numbers unknown)."""
    from narratives.sides.registry_file import build_registry

    return build_registry(raw, source=source)
