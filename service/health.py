"""`/livez` (the process answers) and `/readyz` (models loaded and the store answers, with
the analysis queue's depth). Neither takes a lock or waits on analysis."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

bp = Blueprint("health", __name__)


@bp.get("/livez")
def livez() -> Response:
    return jsonify({"status": "ok", "components": {}})


@bp.get("/readyz")
def readyz() -> Response:
    service = current_app.extensions["narratives"]
    components = service.readiness()
    ready = all(state == "ok" for state in components.values())
    response = jsonify({"status": "ok" if ready else "unavailable", "components": components,
                        "queue": service.jobs.depth()})
    response.status_code = 200 if ready else 503
    return response
