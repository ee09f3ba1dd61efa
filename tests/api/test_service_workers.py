"""Several workers on one store (two `NarrativeService`s stand for two gunicorn workers):
no write lost, no claim without its event, no stale window, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import threading

from service_fakes import article, fake_service
from sqlalchemy import event


def _consistent(service) -> None:
    """The store is whole and the worker's index agrees with it."""
    state = service.store.load_index_state()
    claims = {c.id: c for c in state.claims}
    members = {cid: e.id for e in state.events for cid in e.claim_ids}
    assert set(members) == set(claims), "every claim in exactly one event, every member stored"
    assert all(members[p.a] == members[p.b] == p.event_id for p in state.pairs)
    # What the worker's index reads for a write is the store itself (here: every day).
    window = service.index.source.read_window(
        story_days=[(dt.date.min, dt.date.max)], undated_stories=True, claim_days=[(dt.date.min, dt.date.max)], undated_claims=True
    )
    assert {c.id for c in window.claims} == set(claims)
    assert {p.id for p in window.pairs} == {p.id for p in state.pairs}


def test_a_delete_then_insert_elsewhere_is_noticed(database_url):
    # SQLite reuses the highest rowid after a delete: counts and max(seq) come out unchanged.
    first, second = fake_service(database_url), fake_service(database_url)
    first.post_articles([article(1)])
    two = first.post_articles([article(2)])[0]
    second.delete_article(two.article.id)
    second.post_articles([article(3)])
    four = first.post_articles([article(4)])[0]
    _consistent(first)
    three_event = {c.event_id for c in second.store.article_claims(second.post_articles([article(3)])[0].article.id)}
    assert {c.event_id for c in four.claims} == three_event
    assert two.article.id not in {a.article.id for a in first.store.list_articles(limit=10).items}


def test_index_reload_reads_one_snapshot(database_url):
    reader, writer = fake_service(database_url), fake_service(database_url)
    reader.post_articles([article(1)])
    wrote = []

    def commit_between_queries(conn, cursor, statement, *_):
        if "FROM events" in statement and not wrote:
            wrote.append(writer.post_articles([article(2)])[0])

    event.listen(reader.store.engine, "before_cursor_execute", commit_between_queries)
    state = reader.store.load_index_state()
    event.remove(reader.store.engine, "before_cursor_execute", commit_between_queries)
    assert wrote and wrote[0].claims  # article 2 was committed mid-read, into article 1's event
    ids = {c.id for c in state.claims}
    assert all(set(e.claim_ids) <= ids for e in state.events)
    assert {c.article_id for c in state.claims} == {reader.store.list_articles().items[-1].article.id}
    assert state.revision == 1  # the revision of what was read, not of what came after
    reader.post_articles([article(3)])  # sees the revision moved on, reloads, links
    _consistent(reader)


def test_a_second_worker_waits_for_the_first_to_commit(database_url):
    first, second = fake_service(database_url), fake_service(database_url)
    real_add = first.index.add
    seen: dict[str, bool] = {}

    def add_while_second_posts(analyses):
        other = threading.Thread(target=lambda: second.post_articles([article(2)]))
        other.start()
        other.join(timeout=1.0)
        seen["second waited"] = other.is_alive()
        seen["thread"] = other  # type: ignore[assignment]
        return real_add(analyses)

    first.index.add = add_while_second_posts  # type: ignore[method-assign]
    one = first.post_articles([article(1)])[0]
    seen["thread"].join(timeout=30)  # type: ignore[attr-defined]
    assert seen["second waited"] is True
    two = second.store.article_claims(second.post_articles([article(2)])[0].article.id)
    assert {c.event_id for c in two} == {c.event_id for c in one.claims}  # it saw article 1
    assert second.store.pairs_touching([c.id for c in two])
    _consistent(second)
