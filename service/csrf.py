"""Cross-site posting guard for the page's form (no token to leak, no session needed).

A browser tells where a form post comes from: `Sec-Fetch-Site` (every current browser),
`Origin` (on every cross-origin POST) and `Referer`. A post is refused when any of them
names another site; a client that sends none of them is not a browser, and so cannot be
tricked by another site into posting.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Request

SAME_SITE_FETCH = {"same-origin", "none"}  # "none": typed or bookmarked by the user


def _origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def cross_site_reason(request: Request) -> str | None:
    """Why this request looks posted from another site, or None when it is our own."""
    own = f"{request.scheme}://{request.host}".lower()
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site.lower() not in SAME_SITE_FETCH:
        return f"Sec-Fetch-Site is {fetch_site!r}"
    origin = request.headers.get("Origin")
    if origin is not None:
        return None if _origin_of(origin) == own else f"Origin {origin!r} is not this site"
    referer = request.headers.get("Referer")
    if referer is not None and _origin_of(referer) != own:
        return "Referer is not this site"
    return None
