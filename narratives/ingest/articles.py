"""Ingest: one input record (JSON fields, or a .txt/.html file) -> an `Article`.

The stored text is the input text in Unicode NFC with newlines unified; every offset in
the pipeline points into it. The article id is a hash of a further-normalised form
(zero-width and bidi controls removed, whitespace folded), so the same article posted
twice, even re-wrapped, gets the same id.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from typing import Any, Mapping

from narratives.config import load_settings
from narratives.errors import DecodeError, EmptyTextError, InputError, TextTooLongError
from narratives.ingest.boilerplate import wire_boilerplate
from narratives.ingest.dates import EARLIEST_DATE, LATEST_DATE
from narratives.types import Article

# Zero-width characters and bidi controls: invisible, so they must not change identity.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c"
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
    None,
)
_WHITESPACE = re.compile(r"\s+")
_FORBIDDEN_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_RECORD_FIELDS = ("text", "html", "title", "url", "outlet", "published", "language", "id")


def normalise_for_hash(text: str) -> str:
    """NFC, invisible controls removed, whitespace folded to single spaces, trimmed."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_INVISIBLE)).strip()


def content_id(text: str) -> str:
    """Stable article id: 16 hex digits of BLAKE2b over the normalised text."""
    return hashlib.blake2b(normalise_for_hash(text).encode("utf-8"), digest_size=8).hexdigest()


def clean_text(text: str) -> str:
    """The stored form: NFC, unified newlines. Rejects what no article contains."""
    if not isinstance(text, str):
        raise InputError("article text must be a string", field="text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DecodeError(
            "text contains a lone surrogate code point; send valid UTF-8 text", field="text"
        ) from exc
    if _FORBIDDEN_CONTROLS.search(text):
        raise DecodeError(
            "text contains control characters (such as NUL) and looks binary; send plain text",
            field="text",
        )
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def decode_bytes(data: bytes, *, source: str) -> str:
    """UTF-8 (with or without BOM) or a clear error: never guess an encoding silently."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"{source} is not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first"
        ) from exc


def html_to_text(html: str) -> str:
    """Main text of an HTML page (trafilatura), paragraphs separated by blank lines."""
    import trafilatura

    extracted = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not extracted:
        raise EmptyTextError("no article text could be extracted from the HTML", field="html")
    return extracted.replace("\n", "\n\n")


def parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    date: dt.date | None = None
    if isinstance(value, dt.date):
        date = value
    elif isinstance(value, str):
        try:
            date = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    if date is None:
        raise InputError(f"published must be a date as YYYY-MM-DD, got {value!r}", field="published")
    if not EARLIEST_DATE <= date <= LATEST_DATE:
        raise InputError(f"published must lie between {EARLIEST_DATE} and {LATEST_DATE}, got {date.isoformat()}", field="published")
    return date


def _optional_str(record: Mapping[str, Any], key: str, limit: int = 2000) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{key} must be a string", field=key)
    value = clean_text(value).strip()
    if len(value) > limit:
        raise InputError(f"{key} is longer than {limit} characters", field=key)
    return value or None


def build_article(record: Mapping[str, Any], *, max_chars: int | None = None) -> Article:
    """A batch/API record (`text` or `html`, + title, url, outlet, published, language).

    Raises an `InputError` subclass (empty, oversize, undecodable, bad field) that says
    what to fix.
    """
    if not isinstance(record, Mapping):
        raise InputError("an article must be a JSON object with a 'text' or 'html' field")
    max_chars = max_chars or load_settings().max_chars
    unknown = sorted(set(record) - set(_RECORD_FIELDS) - {"event"})
    if unknown:
        raise InputError(f"unknown field(s): {', '.join(unknown)}", field=unknown[0])
    raw_text, raw_html = record.get("text"), record.get("html")
    if raw_text is not None and raw_html is not None:
        raise InputError("give either 'text' or 'html', not both", field="text")
    if raw_text is None and raw_html is None:
        raise EmptyTextError("the article has no 'text' or 'html' field", field="text")
    if raw_html is not None:
        html = clean_text(raw_html)
        if len(html) > 10 * max_chars:
            raise TextTooLongError(f"html is longer than {10 * max_chars} characters", field="html")
        text = html_to_text(html) if html.strip() else ""
    else:
        text = clean_text(raw_text)
    if not normalise_for_hash(text):
        raise EmptyTextError("the article text is empty or only whitespace", field="text")
    if len(text) > max_chars:
        raise TextTooLongError(
            f"the article text has {len(text)} characters; the limit is {max_chars}. "
            "Split it or raise NARRATIVES_MAX_CHARS",
            field="text",
        )
    return Article(
        id=content_id(text),
        text=text,
        title=_optional_str(record, "title"),
        url=_optional_str(record, "url"),
        outlet=_optional_str(record, "outlet", limit=200),
        published=parse_date(record.get("published")),
        language=_optional_str(record, "language", limit=20),
        external_id=None if record.get("id") is None else str(record.get("id")),
        boilerplate=wire_boilerplate(text),
    )
