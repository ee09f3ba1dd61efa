"""The batch analyzer: parsing the next batch while the models work on this one."""
from __future__ import annotations

import threading

import pytest

from narratives.config import load_settings
from narratives.pipeline import Analyzer, _ahead
from narratives.sides.registry import load_registry
from narratives.types import Article

TEXTS = [
    "Kyiv said two drones were shot down over the city.",
    "The Russian Defence Ministry said its forces repelled three attacks near Bakhmut.",
    "Ukrainian officials denied that the bridge had been hit.",
    "A UN spokesman said the agency was alarmed by reports of civilian deaths in Kharkiv.",
    "Moscow claimed on Monday that a Ukrainian missile struck a market in Belgorod.",
]


def test_ahead_keeps_order_and_finishes():
    assert list(_ahead(iter(range(50)), depth=2)) == list(range(50))


def test_ahead_raises_the_producers_error_in_the_consumer():
    def broken():
        yield 1
        raise ValueError("parse failed")

    got = []
    with pytest.raises(ValueError, match="parse failed"):
        for item in _ahead(broken()):
            got.append(item)
    assert got == [1]


def test_a_consumer_that_stops_early_stops_the_producer():
    produced = []

    def endless():
        i = 0
        while True:
            produced.append(i)
            yield i
            i += 1

    before = threading.active_count()
    items = _ahead(endless())
    assert next(items) == 0
    items.close()
    assert threading.active_count() == before
    assert len(produced) <= 4  # it stopped within a couple of items of the consumer


@pytest.fixture(scope="module")
def registry():
    return load_registry(load_settings().registry)


class _ThreadNoting:
    """The spaCy pipeline, noting which thread parsed each text."""

    def __init__(self, nlp):
        self._nlp = nlp
        self.threads: list[str] = []

    def pipe(self, texts, **kwargs):
        for doc in self._nlp.pipe(texts, **kwargs):
            self.threads.append(threading.current_thread().name)
            yield doc


def _articles(n):
    return [Article(id=f"a{i}", text=TEXTS[i % len(TEXTS)], outlet="tass.com") for i in range(n)]


def test_parse_ahead_parses_in_a_thread_and_gives_the_same_claims(nlp, registry):
    articles = _articles(15)
    ahead_nlp, in_line_nlp = _ThreadNoting(nlp), _ThreadNoting(nlp)
    ahead = Analyzer(nlp=ahead_nlp, registry=registry, batch_size=2).analyze(articles)
    in_line = Analyzer(nlp=in_line_nlp, registry=registry, batch_size=2, parse_ahead=False).analyze(articles)
    assert set(ahead_nlp.threads) == {"parse-ahead"}
    assert "parse-ahead" not in in_line_nlp.threads
    assert [a.article.id for a in ahead] == [a.id for a in articles]
    assert ahead == in_line
    assert sum(len(a.claims) for a in ahead) >= len(articles)


def test_one_batch_is_parsed_in_line(nlp, registry):
    noting = _ThreadNoting(nlp)
    Analyzer(nlp=noting, registry=registry, batch_size=4).analyze(_articles(4))
    assert len(noting.threads) == 4 and "parse-ahead" not in noting.threads
