"""HTTP details the server must get right whoever serves it: no version banners, no
content type on empty responses, no `Host` echoed into redirects."""
from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.serving import WSGIRequestHandler

SERVER_NAME = "narratives"


class QuietRequestHandler(WSGIRequestHandler):
    """Werkzeug's dev-server handler without its `Server: Werkzeug/x Python/y` banner."""

    def version_string(self) -> str:
        return SERVER_NAME


def _empty_bodies_untyped(response: Response) -> Response:
    """A 204, and the empty answer to OPTIONS, carry no body, so no content type."""
    if request.method == "OPTIONS" and response.status_code == 200 and not response.get_data():
        response.status_code = 204
    if response.status_code == 204:
        response.headers.pop("Content-Type", None)
        response.headers.pop("Content-Length", None)
    return response


def init_app(app: Flask) -> None:
    # Werkzeug answers `//api/v1/articles` with a redirect to an absolute URL built from
    # the `Host` header; without merging, such a path is simply not found.
    app.url_map.merge_slashes = False
    app.after_request(_empty_bodies_untyped)
