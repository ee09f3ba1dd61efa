"""Every `/api/v1` endpoint over a real store and index, with fake models (fast)."""
from __future__ import annotations

import json

import pytest
from service_fakes import article, assert_problem, fake_service

from service import create_app


@pytest.fixture()
def service(database_url):
    return fake_service(database_url)


@pytest.fixture()
def client(service):
    return create_app({"TESTING": True, "NARRATIVES_SERVICE": service}).test_client()


def _post(client, body, path="/api/v1/articles"):
    return client.post(path, json=body)


def test_post_article_stores_claims_and_pairs(client):
    response = _post(client, article(1))
    assert response.status_code == 201
    body = response.get_json()
    assert body["duplicate"] is False and len(body["id"]) == 16
    assert response.headers["Location"].endswith(f"/api/v1/articles/{body['id']}")
    assert [c["side"] for c in body["claims"]] == ["russia", "ukraine"]
    assert all(c["event_id"] for c in body["claims"])
    (pair,) = body["pairs"]
    assert pair["relation"] == "contradicts" and {pair["side_a"], pair["side_b"]} == {"russia", "ukraine"}
    stored = client.get(f"/api/v1/articles/{body['id']}").get_json()
    assert stored["text"].startswith("Report number 1") and stored["title"] == "Strike report 1"
    assert [c["id"] for c in stored["claims"]] == [c["id"] for c in body["claims"]]
    claim = stored["claims"][0]
    assert stored["text"][claim["start"] : claim["end"]] == claim["text"]


def test_repost_is_idempotent(client, service):
    first = _post(client, article(1)).get_json()
    counts = service.store.counts()
    again = _post(client, article(1))
    assert again.status_code == 200
    body = again.get_json()
    assert body["id"] == first["id"] and body["duplicate"] is True
    assert [c["id"] for c in body["claims"]] == [c["id"] for c in first["claims"]]
    rewrapped = dict(article(1), text=article(1)["text"].replace("\n", "\n\n  ") + "\u200b")
    assert _post(client, rewrapped).get_json() == body
    assert service.store.counts() == counts


def test_post_list_mixes_new_and_duplicates(client, service):
    _post(client, article(1))
    response = _post(client, [article(1), article(2), article(2)])
    assert response.status_code == 201
    items = response.get_json()["items"]
    assert [i["duplicate"] for i in items] == [True, False, True]
    assert items[1]["id"] == items[2]["id"]
    assert service.store.counts()["articles"] == 2
    assert _post(client, [article(1), article(2)]).status_code == 200


def _collect(client, path, limit):
    seen, cursor, pages = [], None, 0
    while True:
        url = f"{path}{'&' if '?' in path else '?'}limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).get_json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return seen, pages


def test_pagination_walks_every_collection_once(client):
    ids = [_post(client, article(n, published=f"2023-0{n}-15")).get_json()["id"] for n in range(1, 6)]
    articles, pages = _collect(client, "/api/v1/articles", 2)
    assert articles == ids[::-1] and pages == 3  # newest first
    claims, _ = _collect(client, "/api/v1/claims", 3)
    assert len(claims) == len(set(claims)) == 10
    events, _ = _collect(client, "/api/v1/events", 1)
    dates = [client.get(f"/api/v1/events/{e}").get_json()["start_date"] for e in events]
    assert dates == sorted(dates, reverse=True) and len(events) == 5
    pairs, _ = _collect(client, "/api/v1/pairs", 2)
    assert len(pairs) == len(set(pairs)) == 5


def test_claim_filters(client):
    _post(client, article(1))
    _post(client, article(2, published="2023-06-01"))
    russia = client.get("/api/v1/claims?side=russia").get_json()["items"]
    assert len(russia) == 2 and {c["side"] for c in russia} == {"russia"}
    found = client.get("/api/v1/claims?q=ROUND%202").get_json()["items"]
    assert len(found) == 2 and all("round 2" in c["text"] for c in found)
    assert client.get("/api/v1/claims?q=100%25").get_json()["items"] == []  # % is literal
    event = found[0]["event_id"]
    in_event = client.get(f"/api/v1/claims?event={event}").get_json()["items"]
    assert {c["event_id"] for c in in_event} == {event} and len(in_event) == 2


def test_event_view_has_sides_and_pairs(client):
    body = _post(client, article(1)).get_json()
    event_id = body["claims"][0]["event_id"]
    view = client.get(f"/api/v1/events/{event_id}").get_json()
    assert {"id", "label", "start_date", "end_date", "sides", "pairs"} <= set(view)
    assert list(view["sides"]) == ["russia", "ukraine"]
    russian = view["sides"]["russia"][0]
    assert russian["speaker"] == "Russian Defense Ministry" and russian["sentence_text"].startswith("Russian")
    pair = view["pairs"][0]
    assert {"a", "b", "relation", "contradiction", "similarity", "rationale"} <= set(pair)


def test_pair_filters(client):
    _post(client, article(1))
    _post(client, article(2, agree=True))
    all_pairs = client.get("/api/v1/pairs").get_json()["items"]
    contradicting = client.get("/api/v1/pairs?relation=contradicts").get_json()["items"]
    assert contradicting and {p["relation"] for p in contradicting} == {"contradicts"}
    strong = client.get("/api/v1/pairs?min_score=0.5").get_json()["items"]
    assert strong and all(p["contradiction"] >= 0.5 for p in strong)
    assert len(strong) < len(all_pairs)
    event = all_pairs[0]["event_id"]
    assert all(p["event_id"] == event for p in client.get(f"/api/v1/pairs?event={event}").get_json()["items"])


def test_delete_removes_claims_pairs_and_updates_events(client, service):
    first = _post(client, article(1)).get_json()
    second = _post(client, article(2)).get_json()
    event_id = first["claims"][0]["event_id"]
    assert second["claims"][0]["event_id"] == event_id
    assert client.delete(f"/api/v1/articles/{second['id']}").status_code == 204
    assert_problem(client.get(f"/api/v1/articles/{second['id']}"), 404)
    remaining = client.get(f"/api/v1/events/{event_id}").get_json()
    ids = [c["id"] for side in remaining["sides"].values() for c in side]
    assert sorted(ids) == sorted(c["id"] for c in first["claims"])
    assert all(p["a"] in ids and p["b"] in ids for p in remaining["pairs"])
    assert client.delete(f"/api/v1/articles/{first['id']}").status_code == 204
    assert_problem(client.get(f"/api/v1/events/{event_id}"), 404)
    assert service.store.counts() == {"articles": 0, "claims": 0, "events": 0, "pairs": 0}
    assert _post(client, article(1)).status_code == 201  # and it can come back


def test_analyze_stores_nothing(client, service):
    response = _post(client, [article(1), article(2)], path="/api/v1/analyze")
    assert response.status_code == 200
    body = response.get_json()
    assert len(body["articles"]) == 2 and len(body["claims"]) == 4
    assert body["events"] and body["pairs"]
    one, two = body["articles"]  # two reports of one strike: one event, as a stored article would say
    assert one["event_id"] and one["event_id"] == two["event_id"] and one["event_ids"][0] == one["event_id"]
    events = {e["id"]: e for e in body["events"]}
    assert set(events[one["event_id"]]["article_ids"]) == {one["id"], two["id"]}
    for claim in body["claims"]:
        owner = one if claim["article_id"] == one["id"] else two
        assert claim["event_id"] in owner["event_ids"]
    assert service.store.counts() == {"articles": 0, "claims": 0, "events": 0, "pairs": 0}


def test_sides_openapi_and_docs(client):
    sides = client.get("/api/v1/sides").get_json()
    assert {s["id"] for s in sides["sides"]} >= {"russia", "ukraine", "un", "other"}
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert {"/articles", "/articles/{article_id}", "/claims", "/events", "/events/{event_id}", "/pairs",
            "/analyze", "/sides"} <= set(spec["paths"])
    schemas = spec["components"]["schemas"]
    assert "ArticleIn" in schemas and "Problem" in schemas
    refs, stack = set(), [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            refs.update(v for k, v in node.items() if k == "$ref")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert refs and {r.rsplit("/", 1)[-1] for r in refs} <= set(schemas)  # no dangling $ref
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"/api/v1/events/{event_id}" in docs.data


def test_health(client, tmp_path):
    assert client.get("/livez").get_json()["status"] == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and set(ready.get_json()["components"].values()) == {"ok"}
    offline = create_app({"TESTING": True, "NARRATIVES_SERVICE": fake_service(f"sqlite:///{tmp_path / 'o.db'}", models=False)})
    not_ready = offline.test_client().get("/readyz")
    assert not_ready.status_code == 503
    assert "narratives-nli" in not_ready.get_json()["components"]["index"]


def test_model_unavailable_is_503_but_reads_work(tmp_path):
    offline = create_app({"TESTING": True, "NARRATIVES_SERVICE": fake_service(f"sqlite:///{tmp_path / 'o.db'}", models=False)})
    client = offline.test_client()
    body = assert_problem(client.post("/api/v1/articles", json=article(1)), 503)
    assert body["code"] == "model_unavailable" and "pip install" in body["detail"]
    assert_problem(client.post("/api/v1/analyze", json=article(1)), 503)
    assert client.get("/api/v1/events").status_code == 200


def test_security_headers_on_every_response(client):
    for path in ("/", "/api/v1/events", "/api/v1/nope"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_unexpected_failure_is_a_500_problem_without_internals(client, service, monkeypatch):
    def broken(*_, **__):
        raise RuntimeError("secret connection string postgres://user:pw@db")

    monkeypatch.setattr("service.api.search_events", broken)
    body = assert_problem(client.get("/api/v1/events"), 500)
    assert body["code"] == "internal_error" and "secret" not in json.dumps(body)


def test_readyz_names_an_unreachable_store(client, service, monkeypatch):
    def down():
        raise OSError("database is locked")

    monkeypatch.setattr(service.store, "ping", down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "database is locked" in response.get_json()["components"]["store"]


def test_html_articles_are_reduced_to_their_text(client):
    paragraphs = "".join(f"<p>{line}.</p>" for line in article(4)["text"].split("\n"))
    html = f"<html><head><title>x</title><script>var a = 1;</script></head><body><article>{paragraphs}</article></body></html>"
    body = client.post("/api/v1/articles", json={"html": html, "published": "2023-12-30"}).get_json()
    stored = client.get(f"/api/v1/articles/{body['id']}").get_json()
    assert "Russian Defense Ministry said" in stored["text"] and "<p>" not in stored["text"]
    assert "var a" not in stored["text"] and len(body["claims"]) == 2
