"""The Flask service: REST API (`/api/v1`), the web page, health checks, problem+json errors."""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

MAX_BODY_BYTES = 2 * 1024 * 1024


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """The app. `test_config` may carry `NARRATIVES_SERVICE` (a ready `NarrativeService`,
    e.g. with fakes) or `NARRATIVES_SETTINGS` overrides (a dict for `load_settings`)."""
    from narratives.config import configure_offline, load_settings
    from service import access, api, health, problems, security, transport, web
    from service.narrative_service import load_service

    configure_offline()
    app = Flask(__name__)
    app.config.from_mapping(MAX_CONTENT_LENGTH=MAX_BODY_BYTES, MAX_FORM_MEMORY_SIZE=MAX_BODY_BYTES)
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    if test_config:
        app.config.update(test_config)
    service = app.config.get("NARRATIVES_SERVICE")
    if service is None:
        service = load_service(load_settings(app.config.get("NARRATIVES_SETTINGS")))
    app.extensions["narratives"] = service
    problems.init_app(app)
    access.init_app(app, service.settings)
    transport.init_app(app)
    security.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(web.bp)
    return app
