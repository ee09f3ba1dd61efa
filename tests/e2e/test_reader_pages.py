"""The pages a reader opens, in Debian's Chromium: events list, event, article, exports, a11y.

The store holds the seed article and a dozen RUWA headlines on the Kramatorsk station
strike (8-9 April 2022) from Russian, Ukrainian and international outlets.
`UPDATE_SCREENSHOTS=1 pytest tests/e2e` rewrites the README's pictures in docs/.
"""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest
from browser_kit import axe_violations, browser, page, serve  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED_PATH = ROOT / "seeds" / "efe-afp-2023-12-31-kharkiv-belgorod.txt"

pytestmark = [pytest.mark.e2e, pytest.mark.models]

DOCS = Path(__file__).resolve().parents[2] / "docs"
RUWA_CSV = SHARED / "data" / "ruwa" / "ruwa.csv"
# (outlet, start of the cleaned headline): Russian, Ukrainian and international wording.
RUWA_ROWS = (
    ("rt.com", "Ukrainian claims that a Russian missile hit Kramatorsk"),
    ("rt.com", "The projectile that struck a train station was launched"),
    ("rt.com", "Warring parties accused each other"),
    ("en.news-front.info", "Ukrainians hit railway station in Kramatorsk"),
    ("en.news-front.info", "French political scientist called the attack"),
    ("ukrinform.net", "Two Russian missiles hit Kramatorsk"),
    ("ukrinform.net", "Shmyhal on tragedy in Kramatorsk"),
    ("ukrinform.net", "Pentagon confirms Russians fired Tochka-U"),
    ("ukrinform.net", "Death toll from Russian missile strike on Kramatorsk grows to 50"),
    ("censor.net", "The shelling of Kramatorsk: The shelling of the station. This morning"),
    ("aljazeera.com", "Kramatorsk train station attack: Dozens killed"),
    ("reuters.com", "Ukraine says dozens killed in missile strike on railway station"),
)


def ruwa_rows() -> list[dict]:
    from narratives.corpora.ruwa import ruwa_records

    records = list(ruwa_records(RUWA_CSV))
    picked = []
    for outlet, start in RUWA_ROWS:
        (record,) = [r for r in records if r["outlet"] == outlet and r["text"].startswith(start)]
        picked.append({k: v for k, v in record.items() if k != "event"})
    return picked


@pytest.fixture(scope="module")
def reader_app(build_real_service, tmp_path_factory):
    from narratives.cli.serve import seed_store
    from service import create_app

    service = build_real_service(f"sqlite:///{tmp_path_factory.mktemp('reader') / 'narratives.db'}")
    seed_store(service, (SEED_PATH.parent,))
    service.post_articles(ruwa_rows())
    return create_app({"TESTING": True, "NARRATIVES_SERVICE": service})


@pytest.fixture(scope="module")
def base_url(reader_app):
    with serve(reader_app) as url:
        yield url


@pytest.fixture(scope="module")
def api(reader_app):
    return reader_app.test_client()


def _all_events(api, query: str = "") -> list[dict]:
    items, cursor = [], None
    while True:
        body = api.get(f"/api/v1/events?limit=100{query}" + (f"&cursor={cursor}" if cursor else "")).get_json()
        items += body["items"]
        if not (cursor := body["next_cursor"]):
            return items


def _listed_ids(page) -> list[str]:
    hrefs = page.locator("li.event-row h3 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [h.rsplit("/", 1)[1] for h in hrefs]


def test_store_holds_both_sides_of_the_ruwa_rows(api):
    outlets = {e for item in _all_events(api) for e in item["outlets"]}
    assert {"rt.com", "ukrinform.net", "en.news-front.info", "censor.net"} <= outlets


def test_first_event_listed_is_disputed_and_disputed_ones_lead(api, base_url, page):
    page.goto(f"{base_url}/")
    rows = page.locator("li.event-row")
    first = rows.first
    assert "disputed" in first.get_attribute("class")
    assert re.search(r"Disputed: \d+ disputes?", first.inner_text())
    flags = rows.evaluate_all("rows => rows.map(r => r.classList.contains('disputed'))")
    assert flags == sorted(flags, reverse=True)  # every disputed row before every other
    top = _all_events(api)[0]
    assert top["disputed"] and len(top["sides"]) >= 2 and top["disputes"] >= 1
    assert _listed_ids(page)[0] == top["id"]
    assert page.dialogs == [] and page.csp_violations == []


def test_disputed_only_and_side_filters_change_the_list(api, base_url, browser):
    every = {e["id"]: e for e in _all_events(api)}
    context = browser.new_context(java_script_enabled=False)  # plain GET forms, no script
    page = context.new_page()
    page.goto(f"{base_url}/?limit=100")
    assert set(_listed_ids(page)) == set(every)
    page.check("#disputed")
    page.click("form.filters button[type='submit']")
    page.wait_for_url("**disputed=true**")
    disputed = _listed_ids(page)
    assert disputed and set(disputed) == {i for i, e in every.items() if e["disputed"]}
    assert len(disputed) < len(every)
    assert page.locator("li.event-row:not(.disputed)").count() == 0
    assert page.locator("#disputed").is_checked()

    page.goto(f"{base_url}/?limit=100")
    page.select_option("#side", "other")
    page.click("form.filters button[type='submit']")
    page.wait_for_url("**side=other**")
    with_other = _listed_ids(page)
    assert with_other and set(with_other) == {i for i, e in every.items() if "other" in e["sides"]}
    assert set(with_other) != set(every)
    for row in page.locator("li.event-row").all():
        assert "Other" in row.locator(".side").all_inner_texts()
    page.click("nav.quick a:text-is('Disputed only')")  # a plain link does the same as the form
    assert set(_listed_ids(page)) == set(disputed)
    context.close()


def _top_event(api) -> dict:
    return _all_events(api, "&disputed=true")[0]


def test_event_page_shows_summary_disputes_first_and_a_timeline_mark_per_claim(api, base_url, page):
    event = _top_event(api)
    view = api.get(f"/api/v1/events/{event['id']}").get_json()
    page.goto(f"{base_url}/")
    page.locator("li.event-row h3 a").first.click()
    page.wait_for_url(f"**/events/{event['id']}")
    summary = page.locator("section.summary li")
    assert summary.count() == len(view["sides"])  # one line per side
    assert [li.get_attribute("data-side") for li in summary.all()] == list(view["sides"])
    sections = page.locator("main > section").evaluate_all("s => s.map(x => x.className)")
    assert sections.index("pairs disputes") < sections.index("columns-section")
    first_dispute = page.locator("section.disputes article.pair").first
    assert "contradicts" in first_dispute.locator(".relation").inner_text()
    claim_ids = {c["id"] for column in view["sides"].values() for c in column}
    marks = page.locator("svg.timeline a.mark")
    assert marks.count() == len(claim_ids) == page.locator("section.column li.claim").count()
    assert {m.get_attribute("data-claim") for m in marks.all()} == claim_ids
    page.keyboard.press("Tab")  # the keyboard reaches the skip link first, then every link in order
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('svg.timeline a.mark')"):
            break
    else:
        pytest.fail("the timeline's marks are not reachable with the Tab key")
    href = marks.first.get_attribute("href")
    assert re.fullmatch(r"/articles/[0-9a-f]+#at-[0-9a-f]+", href)
    marks.first.click()  # each claim links to its place in its article
    page.wait_for_url(f"**{href}")
    anchor = page.locator(f"#{href.split('#')[1]}")
    assert anchor.count() == 1 and anchor.is_visible()
    assert anchor.inner_text() in {"Russia", "Ukraine", "United Nations", "Other", "Unknown side"}
    assert page.csp_violations == []


def test_csv_export_has_one_row_per_pair(api, base_url, page):
    event = _top_event(api)
    pairs = api.get(f"/api/v1/events/{event['id']}").get_json()["pairs"]
    page.goto(f"{base_url}/events/{event['id']}")
    href = page.locator("nav.exports a", has_text="CSV").get_attribute("href")
    response = page.request.get(base_url + href)
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert len(rows) == len(pairs) >= 1
    assert {r["pair_id"] for r in rows} == {p["id"] for p in pairs}
    assert {"side", "speaker", "claim", "counter_side", "counter_speaker", "counter_claim", "relation",
            "contradiction", "similarity", "article_url", "counter_article_url"} <= set(rows[0])
    assert rows[0]["relation"] == "contradicts"  # disputes first
    json_href = page.locator("nav.exports a", has_text="JSON").get_attribute("href")
    exported = page.request.get(base_url + json_href).json()
    assert [r["pair_id"] for r in exported["rows"]] == [r["pair_id"] for r in rows]


def test_article_page_highlights_claims_by_side_with_text_labels(api, base_url, page):
    event = _top_event(api)
    claim = next(c for column in api.get(f"/api/v1/events/{event['id']}").get_json()["sides"].values() for c in column)
    page.goto(f"{base_url}/articles/{claim['article_id']}")
    text = page.locator(".article-text")
    tags = text.locator("a.side.at")
    assert tags.count() == page.locator("aside li.claim").count() >= 2
    assert text.locator("mark.quote.side-russia").count() >= 1 and text.locator("mark.quote.side-ukraine").count() >= 1
    assert text.locator(".speaker").count() >= 1 and text.locator(".cue").count() >= 1
    entry = page.locator(f"aside #claim-{claim['id']}")
    assert entry.locator("a", has_text="event").get_attribute("href") == f"/events/{claim['event_id']}"
    assert entry.locator("a[href*='#pair-']").count() >= 1


def test_pages_have_no_serious_accessibility_violations(api, base_url, page):
    event = _top_event(api)
    article_id = api.get(f"/api/v1/events/{event['id']}").get_json()["pairs"][0]["a"]
    article = api.get(f"/api/v1/claims?event={event['id']}&limit=1").get_json()["items"][0]["article_id"]
    found = {}
    for path in ("/", f"/events/{event['id']}", f"/articles/{article}", "/analyze"):
        page.goto(base_url + path)
        assert page.locator("[style], script:not([src])").count() == 0, path  # nothing the CSP would block
        found[path] = axe_violations(page)
    assert found == {path: [] for path in found}
    assert page.csp_violations == [] and article_id


@pytest.mark.skipif(os.environ.get("UPDATE_SCREENSHOTS") != "1", reason="refreshes docs/ pictures on request")
def test_update_screenshots(api, base_url, page):
    page.goto(f"{base_url}/")
    (DOCS / "home-page.png").write_bytes(page.screenshot(full_page=False))
    page.goto(f"{base_url}/events/{_top_event(api)['id']}")
    (DOCS / "event-page.png").write_bytes(page.screenshot(full_page=True))
