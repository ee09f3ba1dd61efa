"""The store: migrations, SQLite WAL, round trips, and a restart that loses nothing."""
from __future__ import annotations

import sqlite3

import numpy as np
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from service_fakes import FakeEmbedder, article, fake_service

from narratives.storage import Store
from narratives.storage.tables import Base
from service import create_app


def test_migrations_build_exactly_the_declared_schema(database_url):
    store = Store.open(database_url)
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    Store.open(database_url)  # a second start-up is a no-op


def test_sqlite_default_runs_in_wal_mode_with_foreign_keys(tmp_path):
    path = tmp_path / "nested" / "dir" / "w.db"
    store = Store.open(f"sqlite:///{path}")
    store.ping()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_claims_round_trip_with_embeddings(database_url):
    service = fake_service(database_url)
    posted = service.post_articles([article(1)])[0]
    state = service.store.load_index_state()
    assert [c.id for c in state.claims] == [c.id for c in posted.claims]
    assert state.claims == list(posted.claims)  # every field, event ids included
    assert np.array_equal(state.embeddings, FakeEmbedder().embed([c.text for c in state.claims]))
    assert state.embeddings.dtype == np.float32
    assert state.pairs == list(posted.pairs)


def test_restart_loses_nothing_and_keeps_linking(database_url):
    url = database_url
    before = create_app({"TESTING": True, "NARRATIVES_SERVICE": fake_service(url)}).test_client()
    for n in (1, 2):
        assert before.post("/api/v1/articles", json=article(n)).status_code == 201
    snapshot = {path: before.get(path).get_json() for path in ("/api/v1/articles", "/api/v1/events", "/api/v1/pairs", "/api/v1/claims")}
    event_id = snapshot["/api/v1/events"]["items"][0]["id"]
    view = before.get(f"/api/v1/events/{event_id}").get_json()

    after = create_app({"TESTING": True, "NARRATIVES_SERVICE": fake_service(url)}).test_client()
    assert {path: after.get(path).get_json() for path in snapshot} == snapshot
    assert after.get(f"/api/v1/events/{event_id}").get_json() == view
    assert after.post("/api/v1/articles", json=article(1)).get_json()["duplicate"] is True
    third = after.post("/api/v1/articles", json=article(3)).get_json()
    assert third["claims"][0]["event_id"] == event_id  # joins the event rebuilt from the store
    assert all(p["event_id"] == event_id for p in third["pairs"]) and third["pairs"]


def test_second_worker_sees_the_first_workers_articles(database_url):
    url = database_url
    first, second = fake_service(url), fake_service(url)  # two gunicorn workers, one store
    one = first.post_articles([article(1)])[0]
    two = second.post_articles([article(2)])[0]
    assert two.claims[0].event_id == one.claims[0].event_id
    assert {c.id for p in two.pairs for c in one.claims if c.id in (p.a, p.b)}
    second.delete_article(one.article.id)
    assert first.post_articles([article(1)])[0].duplicate is False  # first reloaded: no stale claims


def test_concurrent_posts_all_land(database_url):
    from concurrent.futures import ThreadPoolExecutor

    service = fake_service(database_url)
    client = create_app({"TESTING": True, "NARRATIVES_SERVICE": service}).test_client()
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(lambda n: client.post("/api/v1/articles", json=article(n % 8)).status_code, range(16)))
    assert statuses.count(201) == 8 and statuses.count(200) == 8
    assert service.store.counts()["articles"] == 8 and service.store.counts()["claims"] == 16


def test_failed_write_leaves_nothing_behind(database_url, monkeypatch):
    service = fake_service(database_url)
    service.post_articles([article(1)])
    real_save = service.store.save

    def failing_save(analyses, changes):
        raise OSError("disk full")

    monkeypatch.setattr(service.store, "save", failing_save)
    client = create_app({"TESTING": True, "NARRATIVES_SERVICE": service}).test_client()
    assert client.post("/api/v1/articles", json=article(2)).status_code == 500
    assert service.store.counts()["claims"] == 2  # nothing of article 2 stored, none held in memory
    monkeypatch.setattr(service.store, "save", real_save)
    again = client.post("/api/v1/articles", json=article(2))
    assert again.status_code == 201 and again.get_json()["pairs"]


def test_articles_answer_with_their_event_and_events_list_their_articles(tmp_path):
    client = create_app({"TESTING": True, "NARRATIVES_SERVICE": fake_service(f"sqlite:///{tmp_path / 'e.db'}")}).test_client()
    ids = [client.post("/api/v1/articles", json=article(n)).get_json()["id"] for n in (1, 2)]
    one, two = (client.get(f"/api/v1/articles/{i}").get_json() for i in ids)
    assert one["event_id"] and one["event_id"] == two["event_id"] and one["event_ids"][0] == one["event_id"]
    event = client.get(f"/api/v1/events/{one['event_id']}").get_json()
    assert set(ids) <= set(event["article_ids"])
    listed = client.get("/api/v1/events").get_json()["items"]
    assert set(ids) <= set(next(e for e in listed if e["id"] == one["event_id"])["article_ids"])
    client.delete(f"/api/v1/articles/{ids[1]}")
    event = client.get(f"/api/v1/events/{one['event_id']}").get_json()
    assert ids[1] not in event["article_ids"] and ids[0] in event["article_ids"]


def test_a_merged_event_redirects_to_the_one_it_joined(tmp_path):
    from narratives.storage.tables import EventRedirectRow

    service = fake_service(f"sqlite:///{tmp_path / 'm.db'}")
    client = create_app({"TESTING": True, "NARRATIVES_SERVICE": service}).test_client()
    kept = client.get(f"/api/v1/articles/{client.post('/api/v1/articles', json=article(1)).get_json()['id']}").get_json()["event_id"]
    with service.store._session.begin() as session:  # as `Store.save` records a merge
        session.add(EventRedirectRow(id="ev_gone", event_id=kept))
    response = client.get("/api/v1/events/ev_gone")
    assert response.status_code == 308 and response.headers["Location"].endswith(f"/api/v1/events/{kept}")
    assert client.get("/events/ev_gone").status_code == 308


def test_deleting_the_article_that_merged_two_events_splits_them_again(tmp_path):
    """A (Kramatorsk) and C (Mariupol) open events of their own; B reports both and merges
    them (C's event redirects to A's). Deleting B splits them: C's event answers again,
    with its article, outlet and pair, in the API, in the store and after a restart."""
    from sqlalchemy import select

    from narratives.events.stories import SameEventModel, StoryTuning
    from narratives.events.story_index import story_id
    from narratives.index.narrative_index import IndexTuning
    from narratives.storage.tables import ClaimRow, EventClaimRow, EventRow, PairRow

    by_cosine = SameEventModel(weights=(20.0, 0.0, 0.0, 0.0, 0.0), bias=-10.0, join_probability=0.5, merge_probability=0.5)
    tuning = IndexTuning(stories=StoryTuning(model=by_cosine, headline_model=by_cosine))
    url = f"sqlite:///{tmp_path / 's.db'}"
    service = fake_service(url, tuning=tuning)
    client = create_app({"TESTING": True, "NARRATIVES_SERVICE": service}).test_client()
    day = "2022-04-08"
    posts = {
        "A": {"title": "Kramatorsk railway station strike", "outlet": "ukrinform.net", "published": day,
              "text": "Ukrainian police said a missile killed civilians waiting at the Kramatorsk railway station."},
        "C": {"title": "Mariupol drama theatre bombing", "outlet": "tass.com", "published": day,
              "text": "Ukrainian officials said bombs destroyed the Mariupol drama theatre sheltering civilians.\n"
                      "Russian Defense Ministry said bombs did not destroy the Mariupol drama theatre."},
        "B": {"title": "Kramatorsk railway station strike and Mariupol drama theatre bombing", "outlet": "bbc.com", "published": day,
              "text": "UN monitors said a missile killed civilians at the Kramatorsk railway station and bombs destroyed the Mariupol drama theatre."},
    }
    ids = {name: client.post("/api/v1/articles", json=body).get_json()["id"] for name, body in posts.items()}
    kept, theatre = story_id(ids["A"]), story_id(ids["C"])
    assert {client.get(f"/api/v1/articles/{i}").get_json()["event_id"] for i in ids.values()} == {kept}
    assert client.get(f"/api/v1/events/{theatre}").status_code == 308
    assert client.get(f"/api/v1/events/{kept}").get_json()["outlets"] == ["bbc.com", "tass.com", "ukrinform.net"]

    assert client.delete(f"/api/v1/articles/{ids['B']}").status_code == 204
    assert client.get(f"/api/v1/articles/{ids['C']}").get_json()["event_id"] == theatre
    assert client.get(f"/api/v1/articles/{ids['A']}").get_json()["event_id"] == kept
    revived = client.get(f"/api/v1/events/{theatre}")
    assert revived.status_code == 200, revived.status_code
    body = revived.get_json()
    assert body["article_ids"] == [ids["C"]] and body["outlets"] == ["tass.com"]
    assert sorted(body["sides"]) == ["russia", "ukraine"]
    assert [p["relation"] for p in body["pairs"]] == ["contradicts"]
    assert client.get(f"/api/v1/events/{kept}").get_json()["outlets"] == ["ukrinform.net"]
    with service.store._session() as session:  # no claim without its event, no pair outside its event
        events = set(session.scalars(select(EventRow.id)))
        assert set(session.scalars(select(EventClaimRow.event_id))) <= events
        event_of = dict(session.execute(select(EventClaimRow.claim_id, EventClaimRow.event_id)).all())
        for pair in session.scalars(select(PairRow)):
            assert event_of[pair.a] == event_of[pair.b] == pair.event_id
        assert len(event_of) == len(list(session.scalars(select(ClaimRow.id))))

    restarted = create_app({"TESTING": True, "NARRATIVES_SERVICE": fake_service(url, tuning=tuning)}).test_client()
    assert restarted.get(f"/api/v1/articles/{ids['C']}").get_json()["event_id"] == theatre
    assert restarted.get(f"/api/v1/events/{theatre}").status_code == restarted.get(f"/api/v1/events/{kept}").status_code == 200


def _derived(store) -> tuple[list, list]:
    with store.engine.connect() as connection:
        counts = connection.exec_driver_sql("SELECT counter, key, count FROM frequencies ORDER BY counter, key").all()
        days = connection.exec_driver_sql("SELECT id, day FROM claims ORDER BY id").all()
    return counts, days


def _migrate_again(store, revision: str) -> None:
    """Down to `revision` and up to the head again, as an old store upgrading would."""
    from alembic import command
    from alembic.config import Config

    from narratives.storage.engine import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
        command.upgrade(config, "head")


def test_migration_0004_fills_the_days_and_counts_that_writes_keep(database_url):
    service = fake_service(database_url)
    for n in (1, 2, 3):
        service.post_articles([article(n, published=f"2023-12-{27 + n}")])
    service.delete_article(service.store.list_articles(limit=1).items[0].article.id)
    kept = _derived(service.store)
    assert kept[0] and all(day is not None for _, day in kept[1])
    _migrate_again(service.store, "0003")
    assert _derived(service.store) == kept


def test_migration_0005_dates_claims_of_a_period_by_their_report(database_url):
    service = fake_service(database_url)
    service.post_articles([article(1, published="2022-04-20")])
    with service.store.engine.begin() as connection:  # a store written before 0005
        connection.exec_driver_sql("UPDATE claims SET text = 'killed since February 24', day = '2022-02-24'")
    _migrate_again(service.store, "0004")
    assert {str(day) for _, day in _derived(service.store)[1]} == {"2022-04-20"}



def test_migration_0006_dates_a_follow_up_by_its_incident(database_url):
    service = fake_service(database_url)
    follow_up = dict(article(1, published="2022-03-25"), title="Kharkiv: 9 people died in the strike on March 16")
    service.post_articles([follow_up, article(2, published="2022-03-25")])
    kept = _derived(service.store)[1]
    assert {str(day) for _, day in kept} == {"2022-03-16", "2022-03-25"}
    with service.store.engine.begin() as connection:  # a store written before 0006
        connection.exec_driver_sql("UPDATE claims SET day = published")
    _migrate_again(service.store, "0005")
    assert _derived(service.store)[1] == kept
    with service.store.engine.connect() as connection:
        days = connection.exec_driver_sql("SELECT title, day FROM articles ORDER BY title").all()
    assert [(title, str(day)) for title, day in days] == [
        ("Kharkiv: 9 people died in the strike on March 16", "2022-03-16"), ("Strike report 2", "2022-03-25")]
