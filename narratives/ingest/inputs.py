"""Batch inputs: JSONL / JSON files, .txt / .html files, directories, RUWA CSV.

`read_inputs` yields one `InputRecord` per article, or an `ArticleFailure` for an input
that cannot be read; a bad line never stops the batch.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal

from narratives.errors import InputError, NarrativesError, UnsupportedFormatError
from narratives.ingest.articles import decode_bytes
from narratives.types import ArticleFailure

InputFormat = Literal["auto", "ruwa-csv"]
TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
RECORD_SUFFIXES = {".jsonl", ".json"}
MAX_FILE_BYTES = 50_000_000
SIDECAR_FIELDS = ("title", "url", "outlet", "published", "language")


@dataclass(frozen=True)
class InputRecord:
    source: str  # "path" or "path:line", for messages
    record: dict[str, Any]


def _failure(source: str, error: NarrativesError) -> ArticleFailure:
    return ArticleFailure(source=source, code=error.code, message=error.message)


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"{path} is {size} bytes; files over {MAX_FILE_BYTES} bytes are not read")
    return path.read_bytes()


def _read_jsonl(path: Path) -> Iterator[InputRecord | ArticleFailure]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            source = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                record = json.loads(decode_bytes(raw, source=source))
            except NarrativesError as exc:
                yield _failure(source, exc)
                continue
            except ValueError as exc:
                yield ArticleFailure(source, "invalid_json", f"not valid JSON: {exc}")
                continue
            if not isinstance(record, dict):
                yield ArticleFailure(source, "invalid_json", "each line must be a JSON object")
                continue
            yield InputRecord(source, record)


def _read_json(path: Path) -> Iterator[InputRecord | ArticleFailure]:
    source = str(path)
    try:
        data = json.loads(decode_bytes(_read_bytes(path), source=source))
    except NarrativesError as exc:
        yield _failure(source, exc)
        return
    except ValueError as exc:
        yield ArticleFailure(source, "invalid_json", f"not valid JSON: {exc}")
        return
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items):
        item_source = f"{source}[{number}]" if isinstance(data, list) else source
        if isinstance(item, dict):
            yield InputRecord(item_source, item)
        else:
            yield ArticleFailure(item_source, "invalid_json", "an article must be a JSON object")


def sidecar_metadata(path: Path) -> dict[str, Any]:
    """Metadata for a .txt/.html article from `<name>.meta.yaml` beside it, if present.

    A plain text file carries no date or outlet; the sidecar gives them (title, url,
    outlet, published, language) without touching the article text.
    """
    meta_path = path.with_name(path.stem + ".meta.yaml")
    if not meta_path.exists():
        return {}
    import yaml

    try:
        meta = yaml.safe_load(decode_bytes(_read_bytes(meta_path), source=str(meta_path)))
    except yaml.YAMLError as exc:
        raise InputError(f"{meta_path} is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict) or set(meta) - set(SIDECAR_FIELDS):
        raise InputError(f"{meta_path} must be a mapping of {', '.join(SIDECAR_FIELDS)}")
    return meta


def _read_text_file(path: Path, field: str) -> Iterator[InputRecord | ArticleFailure]:
    try:
        content = decode_bytes(_read_bytes(path), source=str(path))
        meta = sidecar_metadata(path)
    except NarrativesError as exc:
        yield _failure(str(path), exc)
        return
    yield InputRecord(str(path), {"title": path.stem, **meta, field: content})


def _read_file(path: Path, fmt: InputFormat) -> Iterator[InputRecord | ArticleFailure]:
    if fmt == "ruwa-csv":
        from narratives.corpora.ruwa import ruwa_records

        for number, record in enumerate(ruwa_records(path), start=2):
            yield InputRecord(f"{path}:{number}", record)
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path)
    elif suffix == ".json":
        yield from _read_json(path)
    elif suffix in TEXT_SUFFIXES:
        yield from _read_text_file(path, TEXT_SUFFIXES[suffix])
    else:
        error = UnsupportedFormatError(
            f"{path}: unsupported file type {suffix or '(none)'}; use .jsonl, .json, .txt or .html "
            "(or --format ruwa-csv for the RUWA CSV)"
        )
        yield _failure(str(path), error)


def read_inputs(paths: Iterable[Path], *, fmt: InputFormat = "auto") -> Iterator[InputRecord | ArticleFailure]:
    """Records from files and directories (recursively, sorted), in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in TEXT_SUFFIXES or child.suffix.lower() in RECORD_SUFFIXES:
                    yield from _read_file(child, fmt)
        elif path.exists():
            yield from _read_file(path, fmt)
        else:
            yield ArticleFailure(str(path), "not_found", f"{path} does not exist")
