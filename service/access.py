"""Who may reach the service and who may write.

- Trusted hosts: a request whose `Host` is not a local name or one of
  `Settings.trusted_hosts` is refused (400) before any view runs, which stops
  DNS-rebinding pages from talking to a service on the user's machine.
- Write tokens: when `Settings.api_token_hashes` is set, every unsafe request (POST,
  PUT, PATCH, DELETE) needs `Authorization: Bearer <token>` whose SHA-256 is listed;
  reads stay open. Only digests are configured, so a leaked configuration gives no token.
- Signed-in pages: a browser signs in once with a token (`/sign-in`); a signed, HttpOnly,
  SameSite=Strict cookie then lets the page's own forms write (never the API, whose
  clients send the token). The cookie holds the token's digest, so revoking the digest
  signs the browser out.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import Flask, request, session

from narratives.config import Settings
from service.problems import RequestProblem

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Posts that check the token themselves: signing in and out.
OPEN_FORMS = frozenset({"web.sign_in", "web.sign_out"})


def token_hash(token: str) -> str:
    """The digest to configure for `token` (hex SHA-256)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh random token and its digest: hand out the first, configure the second."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def trusted_hosts(settings: Settings) -> list[str] | None:
    """Flask's `TRUSTED_HOSTS`: the local names plus the configured ones; None for "*"."""
    configured = [h.strip().lower() for h in settings.trusted_hosts.split(",") if h.strip()]
    if "*" in configured:
        return None
    return [*LOCAL_HOSTS, *configured]


def _token_digests(settings: Settings) -> frozenset[str]:
    return frozenset(h.strip().lower() for h in settings.api_token_hashes.split(",") if h.strip())


def accepts_token(token: str, digests: frozenset[str]) -> str | None:
    """The digest `token` matches among `digests`, else None (constant-time compare)."""
    offered = token_hash(token.strip())
    return offered if token.strip() and any(hmac.compare_digest(offered, d) for d in digests) else None


def signed_in(digests: frozenset[str]) -> bool:
    """Whether this browser signed in with a token whose digest is still configured."""
    held = session.get("writer")
    return isinstance(held, str) and any(hmac.compare_digest(held, d) for d in digests)


def _require_token(digests: frozenset[str]) -> None:
    if request.method in SAFE_METHODS or request.endpoint in OPEN_FORMS:
        return
    if request.blueprint == "web" and signed_in(digests):
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and accepts_token(token, digests):
        return
    raise RequestProblem(
        "writing needs an API token: send Authorization: Bearer <token> (ask the operator for one)",
        code="unauthorized", status=401, title="Unauthorized", headers={"WWW-Authenticate": "Bearer"},
    )


def init_app(app: Flask, settings: Settings) -> None:
    app.config["TRUSTED_HOSTS"] = trusted_hosts(settings)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.session_secret or secrets.token_hex(32)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict")
    digests = _token_digests(settings)
    app.extensions["narratives_token_digests"] = digests
    if digests:
        app.before_request(lambda: _require_token(digests))
