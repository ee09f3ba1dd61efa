"""Reader for PolNeAR-style attribution corpora in BRAT standoff layout.

A corpus root holds split folders (`train/`, `dev/`, `test/`), each with `text/*.txt` and
`attributions/<stem>_<annotator>.ann`. Some texts carry several annotators' copies: the
first in sorted file-name order is the one read. The conversion follows the citron
conventions of the project's reference converter: one attribution per BRAT event whose
trigger type starts with "Attribution"; a discontinuous cue becomes its covering span;
every source/content fragment is its own span; spans are whitespace-trimmed; an event
without cue or content is dropped, one without source is kept with no sources.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from narratives.errors import DataError
from narratives.types import Attribution, Span

QUOTE_MARKS = frozenset('"\u201c\u201d')
_ROLE_INDEX = re.compile(r"\d+$")


@dataclass(frozen=True)
class AnnotatedText:
    """One text of the corpus with its gold attributions (sorted by cue)."""

    name: str
    text: str
    attributions: tuple[Attribution, ...]
    ann_file: str


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _parse_ann(path: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[list[tuple[str, str]]]]:
    """BRAT lines -> ({T id: (type, fragments)}, [event argument lists])."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, locations = parts[1].partition(" ")
            try:
                fragments = [tuple(int(x) for x in loc.split()) for loc in locations.split(";")]
            except ValueError as exc:
                raise DataError(f"{path}: malformed BRAT span line {line!r}") from exc
            spans[parts[0]] = (kind, [(a, b) for a, b in fragments])
        elif parts[0].startswith("E"):
            events.append([tuple(arg.partition(":")[::2]) for arg in parts[1].split()])
    return spans, events


def _attribution(text: str, spans: dict, args: list[tuple[str, str]]) -> Attribution | None:
    cue: list[Span] = []
    sources: set[Span] = set()
    contents: set[Span] = set()
    for role, tid in args[1:]:
        if tid not in spans:
            continue
        role = _ROLE_INDEX.sub("", role)
        pieces = [s for s in (_trim(text, a, b) for a, b in spans[tid][1]) if s]
        if role == "Cue":
            cue.extend(pieces)
        elif role == "Source":
            sources.update(pieces)
        elif role == "Content":
            contents.update(pieces)
    if not cue or not contents:
        return None
    content_text = "".join(s.text(text) for s in contents)
    return Attribution(
        cue=Span(min(s.start for s in cue), max(s.end for s in cue)),
        sources=tuple(sorted(sources)),
        contents=tuple(sorted(contents)),
        kind="direct" if QUOTE_MARKS & set(content_text) else "indirect",
    )


def read_text(text_path: Path, ann_path: Path) -> AnnotatedText:
    """One text file and its BRAT annotation file -> AnnotatedText."""
    with text_path.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    spans, events = _parse_ann(ann_path)
    attributions = []
    for args in events:
        if not args or not spans.get(args[0][1], ("",))[0].startswith("Attribution"):
            continue
        attribution = _attribution(text, spans, args)
        if attribution is not None:
            attributions.append(attribution)
    attributions.sort(key=lambda a: (a.cue.start, a.cue.end))
    return AnnotatedText(text_path.stem, text, tuple(attributions), ann_path.name)


def split_dir(root: Path, split: str) -> Path:
    """The folder of one split, checked for the expected layout."""
    folder = Path(root) / split
    for sub in ("text", "attributions"):
        if not (folder / sub).is_dir():
            raise DataError(
                f"{folder / sub} is missing: a corpus root needs {split}/text/*.txt and "
                f"{split}/attributions/*.ann (pass --data DIR pointing at such a root)"
            )
    return folder


def read_split(root: Path, split: str) -> Iterator[AnnotatedText]:
    """Texts of one split in file-name order; texts without an annotation file are skipped."""
    folder = split_dir(root, split)
    annotations: dict[str, list[str]] = {}
    for ann in (folder / "attributions").glob("*.ann"):
        annotations.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann.name)
    for text_path in sorted((folder / "text").glob("*.txt")):
        candidates = sorted(annotations.get(text_path.stem, []))
        if candidates:
            yield read_text(text_path, folder / "attributions" / candidates[0])
