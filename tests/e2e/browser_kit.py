"""Shared by the browser tests: Debian's Chromium through Playwright, a live server, axe-core.

Never downloads a browser: `/usr/bin/chromium` (apt) is driven through Playwright's
`executable_path`; axe-core comes from npm (tests/e2e/package-lock.json, installed by
scripts/install.sh) and is evaluated in the page, which the pages' CSP does not block.
"""
from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


@contextlib.contextmanager
def serve(app) -> Iterator[str]:
    """`app` on a free local port for the duration; yields its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: apt-get install -y chromium (.ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    """A fresh page that records dialogs and Content-Security-Policy violations."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs: list[str] = []
    blocked: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.dialogs = dialogs
    page.csp_violations = blocked
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """axe-core's violations of impact serious or critical on the loaded page (WCAG 2.x A/AA)."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci` in tests/e2e (scripts/install.sh does)")
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        "async () => JSON.stringify(await axe.run(document, "
        "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}))"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in json.loads(result)["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
