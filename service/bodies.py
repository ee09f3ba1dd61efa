"""Reading a JSON request body strictly: content type, size, UTF-8, depth, no NaN.

Flask's own `get_json` accepts NaN and Infinity and fails deep in the parser on deeply
nested input; these checks turn every such body into a clear 4xx problem instead.
"""
from __future__ import annotations

import json
from typing import Any

from flask import request
from werkzeug.exceptions import RequestEntityTooLarge

from service.problems import RequestProblem

MAX_DEPTH = 16
DISCARD_LIMIT = 16 * 1024 * 1024
"""Bytes of an over-long chunked body read and dropped so the client gets its 413 (the dev
server otherwise waits for more body before closing); a longer body gets a reset."""
JSON_TYPES = ("application/json",)


def _malformed(message: str, code: str = "invalid_json") -> RequestProblem:
    return RequestProblem(message, code=code, status=400, title="Malformed JSON")


def _reject_constant(name: str) -> Any:
    raise _malformed(f"JSON does not allow {name}; send numbers as finite values")


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, iteratively (no recursion limit to hit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def read_json() -> Any:
    """The parsed body of the current request, or a `RequestProblem` (400 / 413 / 415)."""
    mimetype = request.mimetype
    if mimetype not in JSON_TYPES and not mimetype.endswith("+json"):
        raise RequestProblem(
            f"send the body as application/json (got {mimetype or 'no content type'})",
            code="unsupported_media_type",
            status=415,
            title="Unsupported media type",
        )
    raw = request.get_data(cache=True)  # over MAX_CONTENT_LENGTH raises 413 here ...
    limit = request.max_content_length
    if request.content_length is None and limit is not None and len(raw) >= limit:
        # ... but a chunked body (no Content-Length) is only cut off at the limit.
        _discard_rest(request.environ["wsgi.input"], limit=DISCARD_LIMIT)
        raise RequestEntityTooLarge(f"the body is over {limit} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _malformed(f"the body is not valid UTF-8 (byte {exc.start})", "invalid_encoding") from exc
    if not text.strip():
        raise _malformed("the request body is empty; send a JSON object")
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except RecursionError as exc:
        raise _too_deep() from exc
    except ValueError as exc:
        raise _malformed(f"the body is not valid JSON: {exc}") from exc
    if _depth(value) > MAX_DEPTH:
        raise _too_deep()
    return value


def _discard_rest(stream: Any, *, limit: int) -> None:
    read = 0
    while read < limit and (data := stream.read(min(1 << 20, limit - read))):
        read += len(data)


def _too_deep() -> RequestProblem:
    return _malformed(f"the JSON is nested more than {MAX_DEPTH} levels deep", "json_too_deep")
