"""A worker that reads only date windows from the store decides as an index holding
everything: the same article stream through both gives the same events and pairs."""
from __future__ import annotations

import datetime as dt
import random

import pytest
from service_fakes import FakeAnalyzer, FakeContradiction, FakeEmbedder, fake_service

from narratives.index.narrative_index import NarrativeIndex
from narratives.index.windowed import date_windows
from narratives.ingest.articles import build_article
from narratives.types import Article, Claim

PLACES = ("Kharkiv", "Belgorod", "Odesa", "Zaporizhzhia", "Kherson")
START = dt.date(2023, 11, 1)


def _record(rng: random.Random, n: int) -> dict:
    """A report on one place, on a day in two months (some undated); some without claims,
    some with a background claim about talks on a named day or about another place."""
    place = rng.choice(PLACES)
    verb = rng.choice(("was not", "was"))
    lines = [
        f"Report {n} on the strike in {place}.",
        f"Russian Defense Ministry said the strike on {place} hit military targets near {place} depot.",
        f"Ukrainian intelligence said the strike on {place} {verb} aimed at military targets.",
    ]
    if rng.random() < 0.2:  # no claims: only the story window finds its story
        lines = [lines[0], f"Smoke rose over the {place} depot after the strike."]
    elif rng.random() < 0.4:
        day = rng.choice((3, 9, 17, 24))
        lines.append(f"UN envoy Grandi said the Geneva talks on {day} November were not productive for prisoners.")
    if rng.random() < 0.3:
        other = rng.choice(PLACES)
        lines.append(f"Ukrainian President Zelensky said the shelling of {other} port continued overnight.")
    title = f"Strike in {place}, report {n}"
    record = {"outlet": rng.choice(("TASS", "Ukrinform", "Reuters")), "text": "\n".join(lines)}
    if rng.random() > 0.12:
        published = START + dt.timedelta(days=rng.randrange(60))
        record["published"] = published.isoformat()
        if rng.random() < 0.25:  # a follow-up: its headline dates the strike days before
            struck = published - dt.timedelta(days=rng.randrange(2, 20))
            title = f"{place}: {n} people died in the strike on {struck:%B} {struck.day}"
    record["title"] = title
    return record


def _stream(seed: int, n: int) -> list[dict]:
    rng = random.Random(seed)
    return [_record(rng, i) for i in range(n)]


def _full_index() -> NarrativeIndex:
    return NarrativeIndex(embedder=FakeEmbedder(), contradiction=FakeContradiction())


def _canonical(events, pairs, claims: dict[str, Claim], articles: dict[str, Article]):
    return (
        sorted(events, key=lambda e: e.id),
        sorted(pairs, key=lambda p: p.id),
        {cid: c.event_id for cid, c in claims.items()},
        {aid: (a.event_id, a.event_ids) for aid, a in articles.items()},
    )


def _full_view(index: NarrativeIndex):
    ids = {c.article_id for c in index.claims.values()} | {a for e in index.events.values() for a in e.article_ids}
    articles = {aid: index.article(aid) for aid in ids}
    return _canonical(index.events.values(), index.pairs.values(), dict(index.claims), articles)


def _stored_view(service):
    state = service.store.load_index_state()
    claims = {c.id: c for c in state.claims}
    ids = {c.article_id for c in state.claims} | {a for e in state.events for a in e.article_ids}
    assert ids == {a.id for a, _, _ in state.stories}  # every stored article has its story
    articles = {aid: service.store.get_article(aid) for aid in ids}
    return _canonical(state.events, state.pairs, claims, articles)


@pytest.mark.parametrize("seed", [1, 2])
def test_windowed_worker_gives_the_events_and_pairs_of_the_full_index(database_url, seed):
    records = _stream(seed, 60)
    service = fake_service(database_url)
    full = _full_index()
    analyzer = FakeAnalyzer()
    read = service.index.source.read_window
    loaded: list[int] = []

    def counting_read(**window):
        state = read(**window)
        loaded.append(len(state.claims))
        return state

    service.index.source.read_window = counting_read
    for record in records:
        posted = service.post_articles([record])[0]
        if not posted.duplicate:
            full.add(analyzer.analyze([build_article(record)]))
    assert _stored_view(service) == _full_view(full)
    # The stream is one that tests something: the windows of the last posts leave most of the store out,
    # stories merged, and some claims opened events of their own.
    stored = service.store.counts()["claims"]
    assert sum(loaded[-20:]) / 20 < 0.5 * stored, (loaded, stored)
    assert full.redirects or seed != 2
    assert any(not e.article_ids or len(e.claim_ids) == 1 for e in full.events.values())

    # Deleting articles: the same again.
    victims = sorted({c.article_id for c in full.claims.values()})[::7]
    for aid in victims:
        service.delete_article(aid)
        full.remove_article(aid)
    assert _stored_view(service) == _full_view(full)
    # And the worker keeps deciding as the full index after deletes.
    for record in _stream(seed + 100, 10):
        if not service.post_articles([record])[0].duplicate:
            full.add(analyzer.analyze([build_article(record)]))
    assert _stored_view(service) == _full_view(full)


def test_two_workers_on_windows_agree_with_one_full_index(database_url):
    """Workers interleaving writes on one store see each other's commits."""
    first, second = fake_service(database_url), fake_service(database_url)
    full, analyzer = _full_index(), FakeAnalyzer()
    for i, record in enumerate(_stream(7, 30)):
        worker = (first, second)[i % 2]
        if not worker.post_articles([record])[0].duplicate:
            full.add(analyzer.analyze([build_article(record)]))
    assert _stored_view(first) == _full_view(full)


def test_the_window_of_an_article_covers_its_story_and_claim_days():
    article = build_article({"text": "x", "published": "2023-12-30"})
    follow_up = build_article({"title": "Kharkiv: 9 people died in the strike on December 1", "text": "x", "published": "2023-12-30"})
    span = dt.timedelta(days=_full_index().tuning.stories.max_span_days)  # a story runs at most this long
    assert date_windows([follow_up], [], _full_index().tuning).story_days == ((dt.date(2023, 12, 1) - span, dt.date(2023, 12, 4)),)
    claim = FakeAnalyzer().analyze([build_article({"text": "Russian army said the strike on 24 December hit depots.", "published": "2023-12-30"})])[0].claims[0]
    undated = build_article({"text": "y"})
    windows = date_windows([article, undated], [claim], _full_index().tuning)
    assert windows.story_days == ((dt.date(2023, 12, 30) - span, dt.date(2024, 1, 2)),)  # 3 days after
    assert windows.undated_stories is True
    assert windows.claim_days == ((dt.date(2023, 12, 21), dt.date(2023, 12, 27)),)  # the day it names +-3
    assert windows.undated_claims is False


def test_a_small_cache_stays_small_and_changes_nothing(database_url):
    service = fake_service(database_url, index_cache_claims=4)
    full, analyzer = _full_index(), FakeAnalyzer()
    for record in _stream(3, 25):
        if not service.post_articles([record])[0].duplicate:
            full.add(analyzer.analyze([build_article(record)]))
    assert service.index.source.cached <= 8  # 4 claims and 4 articles
    assert _stored_view(service) == _full_view(full)
