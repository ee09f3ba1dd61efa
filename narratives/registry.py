"""The actor registry: sides, actors (aliases, titles, organisations) and outlet alignment.

`load_registry(path)` reads the YAML (see seeds/registry.yaml for the shape) and validates
it; `Registry.lookup(mention)` links a speaker mention to an actor or a side, with a
confidence that says how the link was made:

    name / alias (exact, transliteration-folded)   1.00
    person name with a different spelling          0.95 (first and last name) / 0.85 (last name)
    title ("Kremlin spokesman")                     0.90
    organisation named inside the mention           0.85
    affiliation pattern ("the Russian military")    0.75
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Mapping
from urllib.parse import urlparse

import yaml

from narratives import names
from narratives.errors import RegistryError

ActorKind = Literal["person", "organisation"]
MatchVia = Literal["name", "spelling", "surname", "title", "organisation", "pattern"]
_CACHE_SIZE = 100_000
CONFIDENCE: dict[str, float] = {
    "name": 1.0, "spelling": 0.95, "title": 0.9, "surname": 0.85, "organisation": 0.85, "pattern": 0.75,
}


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    side: str
    kind: ActorKind = "organisation"
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class SideInfo:
    id: str
    label: str
    patterns: tuple[str, ...] = ()
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


@dataclass(frozen=True)
class Registry:
    sides: Mapping[str, SideInfo]
    actors: tuple[Actor, ...]
    outlets: Mapping[str, str] = field(default_factory=dict)
    _cache: dict[str, ActorMatch | None] = field(default_factory=dict, compare=False, repr=False)

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def lookup(self, mention: str) -> ActorMatch | None:
        """The strongest link from `mention` (a speaker noun phrase) to an actor or side."""
        if mention not in self._cache:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[mention] = self._lookup(mention)
        return self._cache[mention]

    def _lookup(self, mention: str) -> ActorMatch | None:
        words = _phrase(mention)
        if not words:
            return None
        candidates = [m for m in (self._actor_match(a, words) for a in self.actors) if m]
        if candidates:
            return max(candidates, key=lambda m: m[0])[1]
        return self._pattern_match(mention, words)

    def _actor_match(self, actor: Actor, words: tuple[str, ...]) -> tuple[tuple[float, int], ActorMatch] | None:
        best: tuple[tuple[float, int], ActorMatch] | None = None

        def offer(via: MatchVia, length: int, label: str) -> None:
            nonlocal best
            score = (CONFIDENCE[via], length)
            if best is None or score > best[0]:
                best = (score, ActorMatch(actor.side, CONFIDENCE[via], via, f"registry: {label}", actor))

        for name in actor.names:
            phrase = _phrase(name)
            if phrase == words:
                offer("name", len(phrase), actor.name)
            elif actor.kind == "person":
                self._offer_person(actor, phrase, words, offer)
            elif len(phrase) >= 1 and names.contains_phrase(words, phrase):
                offer("organisation", len(phrase), actor.name)
        for title in actor.titles:
            phrase = _phrase(title)
            if len(phrase) >= 2 and names.contains_phrase(words, phrase):
                offer("title", len(phrase), f"{actor.name} ({title})")
        return best

    @staticmethod
    def _offer_person(actor: Actor, phrase: tuple[str, ...], words: tuple[str, ...], offer) -> None:
        if len(phrase) < 2:
            return
        surname = phrase[-1]
        if not names.similar(words[-1], surname):
            return
        if len(words) == 1:
            offer("surname", 1, actor.name)
        elif names.similar(words[-2], phrase[-2]) or words[-2][:1] == phrase[-2][:1]:
            offer("spelling", len(phrase), actor.name)

    def _pattern_match(self, mention: str, words: tuple[str, ...]) -> ActorMatch | None:
        strong: dict[str, str] = {}
        weak: dict[str, str] = {}
        for side in self.sides.values():
            if any(names.contains_phrase(words, _phrase(p)) for p in side.not_with):
                continue
            for pattern in side.patterns:
                if names.contains_phrase(words, _phrase(pattern)):
                    (weak if side.weak else strong).setdefault(side.id, pattern)
        found = strong or weak
        if len(found) != 1:
            return None
        side, pattern = next(iter(found.items()))
        return ActorMatch(side, CONFIDENCE["pattern"], "pattern", f"registry: '{pattern}' in '{mention}'")

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


def load_registry(path: str | Path) -> Registry:
    """Read and validate a registry YAML file; `RegistryError` says what is wrong where."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RegistryError(f"registry file {path} does not exist; set NARRATIVES_REGISTRY to a registry YAML") from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RegistryError(f"registry file {path} is not readable YAML: {exc}") from exc
    return parse_registry(raw, source=str(path))


def parse_registry(raw: Any, *, source: str = "registry") -> Registry:
    """Build a `Registry` from the parsed YAML mapping."""
    if not isinstance(raw, dict):
        raise RegistryError(f"{source}: the top level must be a mapping with sides, actors and outlets")
    sides = _parse_sides(raw.get("sides"), source)
    actors = tuple(_parse_actor(item, i, sides, source) for i, item in enumerate(_list(raw.get("actors") or [], f"{source}: actors")))
    ids = [a.id for a in actors]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RegistryError(f"{source}: duplicate actor ids {duplicates}; every actor id must be unique")
    outlets = raw.get("outlets") or {}
    if not isinstance(outlets, dict):
        raise RegistryError(f"{source}: outlets must map an outlet domain to a side")
    for outlet, side in outlets.items():
        if side not in sides:
            raise RegistryError(f"{source}: outlet {outlet!r} has unknown side {side!r}; known: {sorted(sides)}")
    return Registry(sides=sides, actors=actors, outlets={str(k): str(v) for k, v in outlets.items()})


def _list(value: Any, what: str) -> list:
    if not isinstance(value, list):
        raise RegistryError(f"{what} must be a list")
    return value


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = _list(value, what)
    if not all(isinstance(v, str) and v.strip() for v in items):
        raise RegistryError(f"{what} must be a list of non-empty strings")
    return tuple(items)


def _parse_sides(value: Any, source: str) -> dict[str, SideInfo]:
    if not isinstance(value, dict) or not value:
        raise RegistryError(f"{source}: 'sides' must be a non-empty mapping of side id to its description")
    sides: dict[str, SideInfo] = {}
    for side_id, spec in value.items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise RegistryError(f"{source}: side {side_id!r} must be a mapping (label, patterns)")
        sides[str(side_id)] = SideInfo(
            id=str(side_id),
            label=str(spec.get("label", side_id)),
            patterns=_strings(spec.get("patterns"), f"{source}: sides.{side_id}.patterns"),
            weak=bool(spec.get("weak", False)),
            not_with=_strings(spec.get("not_with"), f"{source}: sides.{side_id}.not_with"),
        )
    return sides


def _parse_actor(item: Any, index: int, sides: Mapping[str, SideInfo], source: str) -> Actor:
    where = f"{source}: actors[{index}]"
    if not isinstance(item, dict):
        raise RegistryError(f"{where} must be a mapping with id, name and side")
    for key in ("id", "name", "side"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise RegistryError(f"{where} needs a non-empty string {key!r}")
    if item["side"] not in sides:
        raise RegistryError(f"{where} ({item['id']}) has unknown side {item['side']!r}; known: {sorted(sides)}")
    kind = item.get("kind", "organisation")
    if kind not in ("person", "organisation"):
        raise RegistryError(f"{where} ({item['id']}): kind must be 'person' or 'organisation', not {kind!r}")
    return Actor(
        id=item["id"],
        name=item["name"],
        side=item["side"],
        kind=kind,
        aliases=_strings(item.get("aliases"), f"{where}.aliases"),
        titles=_strings(item.get("titles"), f"{where}.titles"),
        organisations=_strings(item.get("organisations"), f"{where}.organisations"),
    )
