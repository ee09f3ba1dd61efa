"""The events list (page and `GET /api/v1/events`): ranking, filters, paging; exports; form guard."""
from __future__ import annotations

import csv
import io

import pytest
from service_fakes import article, assert_problem, fake_service

from service import create_app


@pytest.fixture()
def client(tmp_path):
    return create_app({"TESTING": True, "NARRATIVES_SERVICE": fake_service(f"sqlite:///{tmp_path / 'l.db'}")}).test_client()


def _post(client, body) -> dict:
    response = client.post("/api/v1/articles", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def _event_of(posted: dict) -> str:
    return posted["claims"][0]["event_id"]


def _one_sided(n: int, published: str, outlet: str = "Wire") -> dict:
    return {"title": f"Statement {n}", "outlet": outlet, "published": published,
            "text": f"Bulletin {n}.\nRussian Defense Ministry said columns advanced near village {n}."}


def _ids(client, query: str = "") -> list[str]:
    return [e["id"] for e in client.get(f"/api/v1/events?limit=100{query}").get_json()["items"]]


@pytest.fixture()
def stored(client):
    """Events: an old dispute, a newer agreement, the newest one-sided statement."""
    old_dispute = _event_of(_post(client, article(1, published="2023-01-10")))
    agreement = _event_of(_post(client, dict(article(2, published="2023-05-10", agree=True), outlet="Other Wire")))
    statement = _event_of(_post(client, _one_sided(3, "2023-09-10")))
    return {"dispute": old_dispute, "agreement": agreement, "statement": statement}


def test_disputed_events_come_first_then_the_newest(client, stored):
    items = client.get("/api/v1/events").get_json()["items"]
    assert [e["id"] for e in items] == [stored["dispute"], stored["statement"], stored["agreement"]]
    top = items[0]
    assert top["disputed"] is True and top["disputes"] == 1 and top["sides"] == ["russia", "ukraine"]
    assert len(top["article_ids"]) == 1 and top["outlets"] == ["Wire"]
    assert [e["disputed"] for e in items[1:]] == [False, False]


def test_more_outlets_rank_first_among_disputes_of_one_day(client):
    odesa = ("Dispatch from Odesa harbour.\nRussian Navy said its drones destroyed six patrol boats overnight.\n"
             "Ukrainian Navy said no patrol boats were destroyed overnight.")
    single = _event_of(_post(client, {"text": odesa, "outlet": "C", "published": "2023-03-01"}))
    first = _post(client, dict(article(2, published="2023-03-01"), outlet="A"))
    again = dict(article(2, published="2023-03-01"), outlet="B")
    again["text"] = again["text"].replace("from Kharkiv.", "from Kharkiv, as carried by B.")
    assert _event_of(_post(client, again)) == _event_of(first)
    assert _ids(client)[:2] == [_event_of(first), single]
    assert client.get("/api/v1/events").get_json()["items"][0]["outlets"] == ["A", "B"]


def test_each_filter_narrows_the_list(client, stored):
    assert _ids(client, "&disputed=true") == [stored["dispute"]]
    assert set(_ids(client, "&side=ukraine")) == {stored["dispute"], stored["agreement"]}
    assert _ids(client, "&outlet=Other%20Wire") == [stored["agreement"]]
    assert _ids(client, "&from=2023-05-01") == [stored["statement"], stored["agreement"]]
    assert _ids(client, "&to=2023-05-10") == [stored["dispute"], stored["agreement"]]
    assert _ids(client, "&q=VILLAGE%203") == [stored["statement"]]
    assert _ids(client, "&side=ukraine&disputed=true&q=round%201") == [stored["dispute"]]
    assert _ids(client, "&side=nobody") == []
    # GET forms send every field: empty ones mean "any"
    assert _ids(client, "&side=&outlet=&from=&to=&q=") == _ids(client)


def test_bad_filters_are_problems(client, stored):
    assert assert_problem(client.get("/api/v1/events?from=31.12.2023"), 422)["errors"][0]["field"] == "from"
    assert_problem(client.get("/api/v1/events?disputed=maybe"), 422)
    assert_problem(client.get("/api/v1/events?colour=red"), 422)
    assert_problem(client.get("/api/v1/events?cursor=WzEsMl0"), 400)
    page = client.get("/?from=nope", headers={"Accept": "text/html"})
    assert page.status_code == 422 and b"from" in page.data and page.mimetype == "text/html"


def test_paging_a_filtered_list_visits_each_event_once(client):
    for n in range(1, 6):
        _post(client, article(n, published=f"2023-0{n}-01"))
    _post(client, _one_sided(9, "2023-08-01"))
    seen, cursor = [], None
    while True:
        body = client.get("/api/v1/events?limit=2&disputed=1" + (f"&cursor={cursor}" if cursor else "")).get_json()
        seen += [e["id"] for e in body["items"]]
        if not (cursor := body["next_cursor"]):
            break
    assert len(seen) == len(set(seen)) == 5 and seen == _ids(client, "&disputed=1")


def test_home_page_keeps_the_filters_in_its_form_and_next_link(client):
    for n in range(1, 4):
        _post(client, article(n, published=f"2023-0{n}-01"))
    html = client.get("/?side=russia&limit=2&q=round").get_data(as_text=True)
    assert '<option value="russia" selected>' in html and 'value="round"' in html
    assert html.count('class="event-row disputed"') == 2
    (next_link,) = [line for line in html.splitlines() if 'rel="next"' in line]
    assert "side=russia" in next_link and "q=round" in next_link and "cursor=" in next_link
    empty = client.get("/?q=nothing-like-this").get_data(as_text=True)
    assert "No events match these filters" in empty


def test_csv_export_has_one_row_per_pair_and_inert_cells(client):
    hostile = dict(article(1), text=article(1)["text"].replace("the strike on Kharkiv hit", "=HYPERLINK(1) hit"))
    event_id = _event_of(_post(client, hostile))
    response = client.get(f"/api/v1/events/{event_id}/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert f'filename="{event_id}.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    pairs = client.get(f"/api/v1/events/{event_id}").get_json()["pairs"]
    assert len(rows) == len(pairs) == 1
    row = rows[0]
    assert row["relation"] == "contradicts" and {row["side"], row["counter_side"]} == {"russia", "ukraine"}
    assert {row["speaker"], row["counter_speaker"]} == {"Russian Defense Ministry", "Ukrainian intelligence"}
    claims = {row["claim"], row["counter_claim"]}
    assert "'=HYPERLINK(1) hit military targets in round 1" in claims  # not a formula
    assert row["article_page"].startswith("http://localhost/articles/") and "#at-" in row["article_page"]
    exported = client.get(f"/api/v1/events/{event_id}/export.json").get_json()
    assert exported["event"]["id"] == event_id and exported["event"]["disputed"] is True
    assert [r["pair_id"] for r in exported["rows"]] == [p["id"] for p in pairs]
    assert "=HYPERLINK(1) hit military targets in round 1" in {exported["rows"][0]["claim"], exported["rows"][0]["counter_claim"]}
    assert_problem(client.get("/api/v1/events/ev_nope/export.csv"), 404)


def test_event_page_links_its_exports_and_puts_disputes_before_columns(client):
    event_id = _event_of(_post(client, article(1)))
    html = client.get(f"/events/{event_id}").get_data(as_text=True)
    assert f"/api/v1/events/{event_id}/export.csv" in html and f"/api/v1/events/{event_id}/export.json" in html
    assert html.index("Who says what") < html.index('id="disputes-title"') < html.index('id="columns-title"')
    assert html.count('<a class="mark"') == 2


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Origin": "https://evil.example"}, 403),
        ({"Origin": "null"}, 403),
        ({"Sec-Fetch-Site": "cross-site"}, 403),
        ({"Sec-Fetch-Site": "same-site", "Origin": "http://localhost"}, 403),
        ({"Referer": "https://evil.example/form"}, 403),
        ({"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}, 303),
        ({"Referer": "http://localhost/analyze"}, 303),
        ({}, 303),  # no browser headers at all: a script, which no other site can drive
    ],
)
def test_the_article_form_refuses_posts_from_other_sites(client, headers, status):
    response = client.post("/analyze", data={"content": article(1)["text"], "format": "text"}, headers=headers)
    assert response.status_code == status
    if status == 403:
        assert client.get("/api/v1/articles").get_json()["items"] == []


def test_an_outlet_whose_article_has_no_claim_in_the_event_is_still_listed(client):
    """A wire report of the strike whose sentences quote nobody joins the event's story:
    the list, its outlet filter, the event page and the export all name its outlet."""
    event = _event_of(_post(client, article(1)))
    report = {**article(1), "outlet": "Reuters", "text": "Report number 1 from Kharkiv.\nThe strike on Kharkiv hit targets in round 1."}
    posted = _post(client, report)
    assert posted["claims"] == [] and client.get(f"/api/v1/articles/{posted['id']}").get_json()["event_id"] == event
    (listed,) = client.get("/api/v1/events?outlet=Reuters").get_json()["items"]
    assert listed["id"] == event and listed["outlets"] == ["Reuters", "Wire"] and posted["id"] in listed["article_ids"]
    assert client.get(f"/api/v1/events/{event}").get_json()["outlets"] == ["Reuters", "Wire"]
    assert client.get(f"/api/v1/events/{event}/export.json").get_json()["event"]["outlets"] == ["Reuters", "Wire"]
    page = client.get(f"/events/{event}").get_data(as_text=True)
    assert "2 articles" in page and "outlets: Reuters, Wire" in page
