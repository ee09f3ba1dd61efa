"""The web page in a real headless Chromium (Debian's /usr/bin/chromium via Playwright).

Runs against the seeded app (real models, seed article analysed) served on a local port.
"""
from __future__ import annotations

import pytest
from browser_kit import browser, page, serve  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.models]

PASTED = (
    "Officials in Odesa reported a drone attack on the port overnight.\n\n"
    "The Russian Defense Ministry said its forces struck a depot storing Western weapons in Odesa.\n\n"
    "Ukrainian Navy spokesman Dmytro Pletenchuk denied that any weapons depot had been hit, "
    "saying the drones damaged grain warehouses."
)
HOSTILE = {
    "title": "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">",
    "url": "javascript:window.__pwned=3",
    "published": "2024-01-02",
    "text": (
        "The Russian Defense Ministry said its missiles <img src=x onerror=\"window.__pwned=4\"> "
        "destroyed a command post \u202egnp-exe in Kharkiv.\n\n"
        "Ukrainian officials denied that <script>window.__pwned=5</script> any command post was hit in Kharkiv."
    ),
}


@pytest.fixture(scope="module")
def base_url(seeded_app):
    with serve(seeded_app) as url:
        yield url


def _event_of(client, phrase: str) -> str:
    (claim,) = [c for c in client.get(f"/api/v1/claims?q={phrase}").get_json()["items"]]
    return claim["event_id"]


def test_seed_event_page_shows_claim_and_counter_claim_in_opposite_columns(seeded_app, base_url, page):
    event_id = _event_of(seeded_app.test_client(), "decision-making")
    page.goto(f"{base_url}/")
    page.click(f"a[href='/events/{event_id}']")
    russia = page.locator("section.column[data-side='russia']")
    ukraine = page.locator("section.column[data-side='ukraine']")
    mod = russia.locator("li.claim", has_text="decision-making centers")
    assert mod.locator(".speaker").first.inner_text() == "Russian Defense Ministry"
    assert "decision-making centers" in mod.locator("mark.quote bdi").first.inner_text()
    counter = ukraine.locator("li.claim", has_text="civilian and non-military targets")
    assert counter.locator(".speaker").first.inner_text() == "Andri Yusov"
    assert mod.count() == 1 and counter.count() == 1
    # drawn side by side: the ministry's claim against a counter-claim of the Ukrainian spokesman
    pair = page.locator("article.pair.relation-contradicts", has_text="decision-making centers").filter(
        has_text="Andri Yusov"
    )
    assert pair.count() >= 1
    assert "contradiction" in pair.first.locator(".pair-verdict").inner_text()
    pair.first.hover()  # the script outlines both claims of the hovered pair
    assert page.locator("li.claim.paired").count() == 2
    png = page.screenshot(full_page=True)
    assert png.startswith(b"\x89PNG") and len(png) > 50_000
    assert page.dialogs == [] and page.csp_violations == []


def test_event_page_reads_without_javascript(seeded_app, base_url, browser):
    event_id = _event_of(seeded_app.test_client(), "decision-making")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/events/{event_id}")
    assert page.locator("section.column[data-side='russia'] li.claim").count() >= 1
    assert page.locator("article.pair").count() >= 1
    context.close()


def test_pasting_an_article_shows_its_claims(base_url, page):
    page.goto(f"{base_url}/analyze")
    page.fill("#content", PASTED)
    page.fill("#title", "Odesa port attack")
    page.click("button[type='submit']")
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == "Odesa port attack"
    claims = page.locator("aside li.claim")
    assert claims.count() >= 2
    texts = " ".join(claims.all_inner_texts())
    assert "depot storing Western weapons" in texts and "Pletenchuk" in texts
    assert page.locator(".article-text mark.quote").count() >= 2


def test_hostile_article_is_inert_in_the_browser(seeded_app, base_url, page):
    posted = seeded_app.test_client().post("/api/v1/articles", json=HOSTILE).get_json()
    event_id = posted["claims"][0]["event_id"] if posted["claims"] else None
    paths = ["/", "/articles", f"/articles/{posted['id']}"] + ([f"/events/{event_id}"] if event_id else [])
    for path in paths:
        page.goto(base_url + path)
        assert page.evaluate("window.__pwned") is None, path
        assert page.locator("img, iframe, svg:not(.timeline)").count() == 0, path
        assert page.locator("[onerror], [onload], [style]").count() == 0, path
    assert page.dialogs == [] and page.csp_violations == []
    page.goto(f"{base_url}/articles/{posted['id']}")
    assert "[U+202E]gnp-exe" in page.locator(".article-text").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
