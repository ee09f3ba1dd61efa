"""Opaque keyset cursors: `next_cursor` encodes the sort key of the last item returned."""
from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from typing import Generic, TypeVar

from narratives.errors import InputError

T = TypeVar("T")
MAX_LIMIT = 100
# Keys are SQL integers: anything outside a signed 64-bit range cannot have been issued.
_INT_RANGE = range(-(2**63), 2**63)


class InvalidCursorError(InputError):
    code = "invalid_cursor"
    http_status = 400
    title = "Invalid cursor"


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def encode_cursor(key: list[object]) -> str:
    raw = json.dumps(key, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, *, types: tuple[type, ...]) -> list[object] | None:
    """The key list, or None for the first page. `types` gives each key's type (`int`,
    `str`, or `datetime.date`, carried as an ISO string and returned as a date). Raises
    `InvalidCursorError` on tampering: wrong shape, a type mismatch, an integer beyond
    64 bits or a date that is none."""
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(raw, list):
            raise TypeError("a cursor is a JSON list")
        key = [_key(value, kind) for value, kind in zip(raw, types, strict=True)]
    except (ValueError, UnicodeError, TypeError):
        raise InvalidCursorError(
            "the cursor is not one this service issued; pass next_cursor from the previous page",
            field="cursor",
        ) from None
    return key


def _key(value: object, kind: type) -> object:
    if kind is dt.date:
        if not isinstance(value, str):
            raise TypeError("a date key is an ISO string")
        return dt.date.fromisoformat(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"expected {kind.__name__}")
    if isinstance(value, int) and value not in _INT_RANGE:
        raise ValueError("integer key out of range")
    return value


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}", field="limit")
    return limit
