"""Reading and validating a registry YAML file; every error names the file, line and field.

    seeds/registry.yaml:212: actors[41] (peskov), field 'side': unknown side 'rusia';
    known sides: other, russia, ukraine, un

The format is documented in docs/registry.md; `build_registry` turns the checked mapping
into a `Registry`.
"""
from __future__ import annotations

import re
from difflib import get_close_matches
from pathlib import Path
from typing import Any, Mapping

import yaml

from narratives.errors import RegistryError
from narratives.sides.registry import Actor, Registry, Role, SideInfo

ACTOR_FIELDS = ("id", "name", "side", "kind", "aliases", "titles", "organisations", "roles", "note")
SIDE_FIELDS = ("label", "patterns", "places", "weak", "not_with")
ROLE_FIELDS = ("title", "from", "to")
TOP_FIELDS = ("sides", "actors", "outlets")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class _Located(dict):
    """A YAML mapping that remembers the line of each key (1-based)."""

    line: int = 0
    lines: dict


class _LocatedList(list):
    line: int = 0
    lines: list


class _LineLoader(yaml.SafeLoader):
    pass


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Located:
    loader.flatten_mapping(node)
    result = _Located()
    result.line, result.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            result[key] = loader.construct_object(value_node, deep=True)
        except TypeError as exc:  # an unhashable key
            raise yaml.constructor.ConstructorError(None, None, str(exc), key_node.start_mark) from exc
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _LocatedList:
    result = _LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line, result.lines = node.start_mark.line + 1, [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def read_registry(path: Path) -> Registry:
    """Parse and validate the registry at `path`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise RegistryError(f"registry file {path} does not exist; set NARRATIVES_REGISTRY to a registry YAML") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"registry file {path} is not readable: {exc}") from exc
    try:
        raw = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        line = text.splitlines()[mark.line].strip() if mark is not None and mark.line < len(text.splitlines()) else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RegistryError(
            f"{where}: not readable YAML ({problem}, column {mark.column + 1 if mark else '?'})"
            + (f" in {line!r}" if line else "") + "; fix the syntax there (docs/registry.md shows the format)",
            field=_field_of(line),
        ) from exc
    return build_registry(raw, source=str(path))


def _field_of(line: str) -> str | None:
    match = re.match(r"^-?\s*\{?\s*([\w-]+)\s*:", line)
    return match.group(1) if match else None


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, container: Any, key: Any, where: str, message: str) -> RegistryError:
        line = _line(container, key)
        prefix = f"{self.source}:{line}" if line else self.source
        field = f"{where}.{key}" if isinstance(key, str) and where else (where or str(key))
        return RegistryError(f"{prefix}: {where}{',' if where else ''} field {key!r}: {message}", field=field)

    def known_fields(self, mapping: Mapping, allowed: tuple[str, ...], where: str) -> None:
        for key in mapping:
            if key not in allowed:
                hint = get_close_matches(str(key), allowed, n=1)
                raise self.fail(mapping, key, where, "unknown field" + (f"; did you mean {hint[0]!r}?" if hint else f"; allowed: {', '.join(allowed)}"))

    def string(self, mapping: Mapping, key: str, where: str, *, required: bool = False) -> str | None:
        value = mapping.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(mapping, key, where, "must be a non-empty string" + (" (required)" if value is None else f", not {value!r}"))
        return value

    def strings(self, mapping: Mapping, key: str, where: str) -> tuple[str, ...]:
        value = mapping.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(mapping, key, where, "must be a list of non-empty strings")
        return tuple(value)


def _line(container: Any, key: Any) -> int | None:
    lines = getattr(container, "lines", None)
    if isinstance(lines, dict):
        return lines.get(key, getattr(container, "line", None))
    if isinstance(lines, list) and isinstance(key, int) and key < len(lines):
        return lines[key]
    return getattr(container, "line", None)


def build_registry(raw: Any, *, source: str = "registry") -> Registry:
    """A `Registry` from the parsed YAML mapping; `RegistryError` for anything malformed."""
    check = _Checker(source)
    if not isinstance(raw, dict):
        raise RegistryError(f"{source}: the top level must be a mapping with sides, actors and outlets", field="sides")
    check.known_fields(raw, TOP_FIELDS, "")
    sides = _sides(raw, check)
    actors_raw = raw.get("actors") or []
    if not isinstance(actors_raw, list):
        raise check.fail(raw, "actors", "", "must be a list of actors")
    actors = tuple(_actor(actors_raw, i, sides, check) for i in range(len(actors_raw)))
    seen: dict[str, int] = {}
    for i, actor in enumerate(actors):
        if actor.id in seen:
            raise check.fail(actors_raw[i], "id", f"actors[{i}]",
                             f"duplicate actor id {actor.id!r} (first used by actors[{seen[actor.id]}]); every actor id must be unique")
        seen[actor.id] = i
    for i, actor in enumerate(actors):
        for org in actor.organisations:
            if org not in seen:
                raise check.fail(actors_raw[i], "organisations", f"actors[{i}] ({actor.id})", f"names unknown actor id {org!r}")
    outlets = raw.get("outlets") or {}
    if not isinstance(outlets, dict):
        raise check.fail(raw, "outlets", "", "must map an outlet domain to a side")
    for outlet, side in outlets.items():
        if side not in sides:
            raise check.fail(outlets, outlet, "outlets", f"unknown side {side!r}; known sides: {', '.join(sorted(sides))}")
    return Registry(sides=sides, actors=actors, outlets={str(k): str(v) for k, v in outlets.items()})


def _sides(raw: Mapping, check: _Checker) -> dict[str, SideInfo]:
    value = raw.get("sides")
    if not isinstance(value, dict) or not value:
        raise check.fail(raw, "sides", "", "must be a non-empty mapping of side id to its description")
    sides: dict[str, SideInfo] = {}
    for side_id, spec in value.items():
        spec = spec if spec is not None else {}
        where = f"sides.{side_id}"
        if not isinstance(spec, dict):
            raise check.fail(value, side_id, "sides", "must be a mapping (label, patterns, places)")
        check.known_fields(spec, SIDE_FIELDS, where)
        weak = spec.get("weak", False)
        if not isinstance(weak, bool):
            raise check.fail(spec, "weak", where, f"must be true or false, not {weak!r}")
        sides[str(side_id)] = SideInfo(
            id=str(side_id),
            label=check.string(spec, "label", where) or str(side_id),
            patterns=check.strings(spec, "patterns", where),
            places=check.strings(spec, "places", where),
            weak=weak,
            not_with=check.strings(spec, "not_with", where),
        )
    return sides


def _actor(items: list, index: int, sides: Mapping[str, SideInfo], check: _Checker) -> Actor:
    item = items[index]
    where = f"actors[{index}]"
    if not isinstance(item, dict):
        raise check.fail(items, index, "actors", "each actor must be a mapping with id, name and side")
    actor_id = check.string(item, "id", where, required=True)
    where = f"{where} ({actor_id})"
    check.known_fields(item, ACTOR_FIELDS, where)
    name = check.string(item, "name", where, required=True)
    side = check.string(item, "side", where, required=True)
    if side not in sides:
        raise check.fail(item, "side", where, f"unknown side {side!r}; known sides: {', '.join(sorted(sides))}")
    kind = item.get("kind", "organisation")
    if kind not in ("person", "organisation"):
        raise check.fail(item, "kind", where, f"must be 'person' or 'organisation', not {kind!r}")
    return Actor(
        id=actor_id, name=name, side=side, kind=kind,  # type: ignore[arg-type]
        aliases=check.strings(item, "aliases", where),
        titles=check.strings(item, "titles", where),
        organisations=check.strings(item, "organisations", where),
        roles=_roles(item, where, check),
        note=check.string(item, "note", where),
    )


def _roles(item: Mapping, where: str, check: _Checker) -> tuple[Role, ...]:
    value = item.get("roles")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise check.fail(item, "roles", where, "must be a list of {title, from, to}")
    roles = []
    for i, role in enumerate(value):
        at = f"{where}.roles[{i}]"
        if not isinstance(role, dict):
            raise check.fail(value, i, at, "each role must be a mapping with title and optional from / to dates")
        check.known_fields(role, ROLE_FIELDS, at)
        title = check.string(role, "title", at, required=True)
        dates = {}
        for key in ("from", "to"):
            date = role.get(key)
            if date is not None:
                date = str(date)
                if not _DATE.match(date):
                    raise check.fail(role, key, at, f"must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {date!r}")
            dates[key] = date
        roles.append(Role(title=title, start=dates["from"], end=dates["to"]))  # type: ignore[arg-type]
    return tuple(roles)
