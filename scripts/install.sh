#!/usr/bin/env bash
# Installs what the project needs: `python` creates (or refreshes) the virtual environment
# with the pinned dependencies and the offline model packages; `system` installs Debian's
# chromium and postgresql for the tests; `all` (the default) does both.
# Used by the Makefile (`make run`: python; `make test`: both) and the Dockerfile (python:
# the image serves, it runs no browser tests).
set -euo pipefail
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
CHROMIUM=/usr/bin/chromium
WHAT=${1:-all}

install_test_packages() {
  # The e2e tests drive Debian's chromium through Playwright (no browser download); the
  # store and API tests also run on a throwaway PostgreSQL server started from its binaries.
  local packages=()
  [ -x "$CHROMIUM" ] || packages+=(chromium)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || packages+=(postgresql)
  [ ${#packages[@]} -eq 0 ] && return 0
  local apt=(apt-get)
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      apt=(sudo apt-get)
    else
      echo "scripts/install.sh: ${packages[*]} missing and this user cannot run apt-get." >&2
      echo "Run this once, then run make again:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y ${packages[*]}" >&2
      exit 1
    fi
  fi
  echo "scripts/install.sh: installing Debian ${packages[*]} for the tests"
  "${apt[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "${packages[@]}" >/dev/null
}

install_python() {
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
      echo "scripts/install.sh: npm (Node.js) is missing; install it (apt-get install -y npm), then run make again" >&2
      exit 1
    fi
    (cd tests/e2e && npm ci --no-audit --no-fund --silent)
  fi
  touch "$VENV/.installed"
}

case "$WHAT" in
  all) install_test_packages; install_python ;;
  python) install_python ;;
  system) install_test_packages ;;
  *) echo "usage: scripts/install.sh [all|python|system]" >&2; exit 2 ;;
esac
