"""Every failure as `application/problem+json` (RFC 9457): type, title, status, detail, code.

Domain errors (`NarrativesError`) keep their stable code and HTTP status; Werkzeug's HTTP
errors keep their headers (405 keeps `Allow`); anything unexpected becomes a 500 problem
without internals in the body.
"""
from __future__ import annotations

import logging

from flask import Flask, Response, json, render_template, request
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from narratives.errors import NarrativesError

PROBLEM_TYPE = "https://narratives.invalid/problems/"
PROBLEM_MIME = "application/problem+json"
log = logging.getLogger(__name__)


class RequestProblem(NarrativesError):
    """A malformed request caught by the service itself (body, JSON, content type)."""

    def __init__(
        self, message: str, *, code: str, status: int, title: str, field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message, field=field)
        self.code = code
        self.http_status = status
        self.title = title
        self.headers = headers or {}


def problem(
    status: int,
    *,
    code: str,
    title: str,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = {
        "type": PROBLEM_TYPE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    if _wants_html():
        response = Response(render_template("error.html", **body), status=status, mimetype="text/html")
    else:
        response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_MIME)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _wants_html() -> bool:
    """Browsers reading the web pages get an HTML error page; the API always problem+json."""
    if request.path.startswith("/api/") or request.blueprint in {"api", "health"}:
        return False
    accept = request.accept_mimetypes
    return accept.best_match(["application/json", PROBLEM_MIME, "text/html"]) == "text/html"


def _field_errors(exc: NarrativesError) -> list[dict[str, str]] | None:
    errors = getattr(exc, "errors", None)
    if errors:
        return list(errors)
    if exc.field:
        return [{"field": exc.field, "code": exc.code, "message": exc.message}]
    return None


def _from_narratives(exc: NarrativesError) -> Response:
    return problem(exc.http_status, code=exc.code, title=exc.title, detail=exc.message, errors=_field_errors(exc),
                   headers=getattr(exc, "headers", None))


def _from_validation(exc: ValidationError) -> Response:
    errors = [
        {
            "field": ".".join(str(part) for part in err["loc"]) or "body",
            "code": err["type"],
            "message": err["msg"],
        }
        for err in exc.errors(include_url=False, include_input=False)
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return problem(422, code="invalid_fields", title="Invalid fields", detail=detail, errors=errors)


def _from_http(exc: HTTPException) -> Response:
    status = exc.code or 500
    code = (exc.name or "error").lower().replace(" ", "_")
    headers = {k: v for k, v in exc.get_headers() if k.lower() not in {"content-type", "content-length"}}
    return problem(status, code=code, title=exc.name or "Error", detail=exc.description or "", headers=headers)


def _from_unexpected(exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.path)
    return problem(500, code="internal_error", title="Internal error", detail="an unexpected error occurred; it was logged")


def init_app(app: Flask) -> None:
    app.register_error_handler(NarrativesError, _from_narratives)
    app.register_error_handler(ValidationError, _from_validation)
    app.register_error_handler(HTTPException, _from_http)
    app.register_error_handler(Exception, _from_unexpected)
