"""The service with the real models on the seed article: what `make run` serves."""
from __future__ import annotations

import datetime as dt

import pytest

from narratives.cli.serve import seed_store
from service import create_app

pytestmark = pytest.mark.models

SEED_DIR = __import__("pathlib").Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def client(seeded_app):
    return seeded_app.test_client()


def _event_with(client, phrase: str) -> dict:
    (claim,) = client.get(f"/api/v1/claims?q={phrase}").get_json()["items"]
    return client.get(f"/api/v1/events/{claim['event_id']}").get_json()


def test_seed_event_puts_ministry_and_spokesman_on_opposite_sides(client):
    assert client.get("/readyz").status_code == 200
    view = _event_with(client, "decision-making centers")
    ministry = [c for c in view["sides"]["russia"] if "decision-making centers" in c["text"]]
    assert ministry and ministry[0]["speaker"] == "Russian Defense Ministry"
    assert any(c["speaker"] == "Andri Yusov" for c in view["sides"]["ukraine"])
    disputes = [p for p in view["pairs"] if p["relation"] == "contradicts" and ministry[0]["id"] in (p["a"], p["b"])]
    assert disputes and all(p["rationale"] for p in disputes)


def test_seeding_again_creates_nothing(seeded_app):
    service = seeded_app.extensions["narratives"]
    counts = service.store.counts()
    assert seed_store(service, (SEED_DIR,)) == (0, 1)
    assert service.store.counts() == counts


def test_restart_with_real_models_returns_the_same_pairs(seeded_app, build_real_service):
    service = seeded_app.extensions["narratives"]
    url = service.settings.effective_database_url
    before = seeded_app.test_client()
    pairs = before.get("/api/v1/pairs?limit=100").get_json()
    events = before.get("/api/v1/events?limit=100").get_json()
    restarted = create_app({"TESTING": True, "NARRATIVES_SERVICE": build_real_service(url)}).test_client()
    assert restarted.get("/api/v1/pairs?limit=100").get_json() == pairs
    assert restarted.get("/api/v1/events?limit=100").get_json() == events
    assert restarted.get("/readyz").status_code == 200


def test_analyze_endpoint_runs_the_pipeline_without_storing(client, seeded_app):
    counts = seeded_app.extensions["narratives"].store.counts()
    body = client.post(
        "/api/v1/analyze",
        json={
            "text": "The Russian Defense Ministry said its forces destroyed a fuel depot in Odesa. "
            "Ukraine's Southern Command denied that any fuel depot had been hit.",
            "published": "2024-01-05",
        },
    ).get_json()
    assert {c["side"] for c in body["claims"]} >= {"russia", "ukraine"}
    assert body["events"] and body["articles"][0]["claims"] == len(body["claims"])
    assert seeded_app.extensions["narratives"].store.counts() == counts


THEATRE = {
    "title": "Ukraine says Russia strikes Mariupol theatre sheltering residents, Moscow denies attack",
    "text": "Ukraine says Russia strikes Mariupol theatre sheltering residents, Moscow denies attack",
    "outlet": "reuters.com", "published": "2022-03-16",
}


def _follow_up(title: str) -> dict:
    return {
        "title": title, "outlet": "censor.net", "published": "2022-03-25",
        "text": f"{title}. Eyewitnesses reported that about 300 people were killed in a bombardment by a "
                "Russian plane at the Mariupol Drama Theater.",
    }


@pytest.mark.parametrize("dated", [True, False])
def test_a_follow_up_that_dates_the_incident_joins_its_event_and_disputes_the_denial(build_real_service, tmp_path, dated):
    """Nine days later, "300 people died in Mariupol Drama Theater on March 16" reports the
    theatre strike of the 16th: its claims join that event and answer Moscow's denial. The
    same report without the date stays a story of its own day."""
    service = build_real_service(f"sqlite:///{tmp_path / 'store.db'}")
    (first,) = service.post_articles([THEATRE])
    title = "Mariupol Drama Theater: 300 people died in Mariupol Drama Theater" + (" on March 16" if dated else "")
    (later,) = service.post_articles([_follow_up(title)])
    event_of = {a: service.store.get_article(a).event_id for a in (first.article.id, later.article.id)}
    assert None not in event_of.values()
    assert (event_of[later.article.id] == event_of[first.article.id]) is dated
    denial = next(c for c in first.claims if c.cue == "denies")
    eyewitnesses = next(c for c in later.claims if "300 people were killed" in c.text)
    disputed = {frozenset((p.a, p.b)) for p in later.pairs if p.relation == "contradicts"}
    assert (frozenset((denial.id, eyewitnesses.id)) in disputed) is dated
    assert eyewitnesses.incident_date == (dt.date(2022, 3, 16) if dated else None)
