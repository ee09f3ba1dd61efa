"""`/livez` (the process answers) and `/readyz` (models loaded and the store answers)."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

bp = Blueprint("health", __name__)


@bp.get("/livez")
def livez() -> Response:
    return jsonify({"status": "ok", "components": {}})


@bp.get("/readyz")
def readyz() -> Response:
    components = current_app.extensions["narratives"].readiness()
    ready = all(state == "ok" for state in components.values())
    response = jsonify({"status": "ok" if ready else "unavailable", "components": components})
    response.status_code = 200 if ready else 503
    return response
