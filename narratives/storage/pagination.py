"""Opaque keyset cursors: `next_cursor` encodes the sort key of the last item returned."""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Generic, TypeVar

from narratives.errors import InputError

T = TypeVar("T")
MAX_LIMIT = 100


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
    """The key list, or None for the first page. Raises `InvalidCursorError` on tampering."""
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError):
        key = None
    if (
        not isinstance(key, list)
        or len(key) != len(types)
        or not all(isinstance(v, t) and not isinstance(v, bool) for v, t in zip(key, types))
    ):
        raise InvalidCursorError(
            "the cursor is not one this service issued; pass next_cursor from the previous page",
            field="cursor",
        )
    return key


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}", field="limit")
    return limit
