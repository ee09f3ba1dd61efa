"""attribute_claims: Claim records with offsets, speakers, sides and deterministic ids."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from narratives.attribution.claims import attribute_claims
from narratives.config import load_settings
from narratives.sides.registry import load_registry
from narratives.types import Article, Span

pytestmark = pytest.mark.models

TEXT = (
    "Russian forces struck the port of Odesa overnight.\n\n"
    "“Our air defences destroyed most of the missiles,” the Ukrainian Air Force said.\n\n"
    "(Also read: Grain deal talks stall)\n\n"
    "The Russian Defense Ministry said it had hit a weapons depot in the port. "
    "It denied that civilians had been harmed."
)


@pytest.fixture(scope="module")
def registry():
    return load_registry(load_settings().registry)


def _article(text=TEXT, outlet="tass.com"):
    start = text.find("(Also read")
    boilerplate = (Span(start, text.index(")", start) + 1),) if start >= 0 else ()
    return Article(id="a1", text=text, outlet=outlet, published=dt.date(2024, 1, 2), boilerplate=boilerplate)


def test_claims_carry_speakers_sides_and_true_offsets(nlp, registry):
    article = _article()
    claims = attribute_claims(nlp(article.text), article, registry=registry)
    (air,) = [c for c in claims if c.speaker == "Ukrainian Air Force"]
    assert (air.kind, air.side, air.cue) == ("direct", "ukraine", "said")
    assert air.text == "Our air defences destroyed most of the missiles"
    (denied,) = [c for c in claims if c.cue == "denied"]
    assert (denied.speaker, denied.side, denied.side_decided_by) == ("Russian Defense Ministry", "russia", "registry")
    assert denied.side_evidence == "registry: Russian Defense Ministry"
    assert article.text[denied.speaker_start : denied.speaker_end] == "It"
    for claim in claims:
        assert claim.text[:10] in article.text[claim.start : claim.end]
        assert claim.sentence.start <= claim.start and claim.end <= claim.sentence.end
        assert claim.published == dt.date(2024, 1, 2)
        if claim.cue is not None:
            assert article.text[claim.cue_start : claim.cue_end] == claim.cue


@pytest.mark.models
def test_a_verbless_headline_that_asserts_is_a_claim_and_a_question_is_not(nlp, registry):
    title = "Kramatorsk as another Ukrainian provocation similar to Bucha"
    text = f"{title}. What do they need it for? List of key events on day 43."
    article = Article(id="nf", text=text, title=title, outlet="en.news-front.info")
    claims = attribute_claims(nlp(text), article, registry=registry)
    assert [(c.text, c.side) for c in claims] == [(title, "russia")]
    # in the body a verbless phrase is no claim
    body = Article(id="b", text=f"Reports came in. {title}.", outlet="en.news-front.info")
    assert not any(c.text == title for c in attribute_claims(nlp(body.text), body, registry=registry))


def test_narrator_claims_use_the_outlet_and_skip_boilerplate(nlp, registry):
    article = _article()
    claims = attribute_claims(nlp(article.text), article, registry=registry)
    narrator = [c for c in claims if c.kind == "narrator"]
    assert [c.text for c in narrator] == ["Russian forces struck the port of Odesa overnight"]
    assert (narrator[0].speaker, narrator[0].side, narrator[0].side_evidence) == ("tass.com", "russia", "outlet voice: tass.com")
    assert not any("Grain deal" in c.text for c in claims)


def test_ids_are_deterministic_and_unique(nlp, registry):
    article = _article()
    first = attribute_claims(nlp(article.text), article, registry=registry)
    second = attribute_claims(nlp(article.text), article, registry=registry)
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == len(first)


class _AlwaysOther:
    sides = ("russia", "ukraine", "un", "other")

    def predict_proba(self, texts, speakers):
        return np.tile(np.array([0.0, 0.0, 0.1, 0.9], dtype=np.float32), (len(texts), 1))


def test_without_registry_the_narrator_goes_to_the_model(nlp, registry):
    article = _article()
    claims = attribute_claims(
        nlp(article.text), article, registry=registry, side_classifier=_AlwaysOther(), use_registry=False
    )
    narrator = next(c for c in claims if c.kind == "narrator")
    assert (narrator.side, narrator.side_decided_by) == ("other", "model")
    assert next(c for c in claims if c.cue == "denied").side == "russia"


@pytest.mark.parametrize(
    "text",
    ["“unbalanced quote, he said.\n\nAnd more text” here “", "reportedly " * 1_900 + ".",
     "Кремль заявил, что переговоры продолжатся.", "   "],
    ids=["unbalanced", "20k-sentence", "cyrillic", "whitespace"],
)
def test_bad_input_gives_a_valid_result(nlp, registry, text):
    article = Article(id="bad", text=text)
    claims = attribute_claims(nlp(text), article, registry=registry)
    assert all(0 <= c.start <= c.end <= len(text) for c in claims)


def test_un_ambassadors_speak_for_their_countries(nlp, registry):
    text = (
        "Russia's ambassador to the UN, Vassily Nebenzia, told the Security Council that Kyiv "
        "was shelling the plant. Ukraine's UN envoy Sergiy Kyslytsya rejected the accusation. "
        "UN Secretary-General Antonio Guterres warned that the plant was at risk."
    )
    article = Article(id="un", text=text)
    claims = attribute_claims(nlp(text), article, registry=registry)
    assert [(c.speaker, c.side) for c in claims] == [
        ("Vassily Nebenzia", "russia"), ("Sergiy Kyslytsya", "ukraine"), ("Antonio Guterres", "un"),
    ]


class _CountingEmbedder:
    dim = 4

    def __init__(self):
        self.calls = []

    def embed(self, texts):
        self.calls.append(list(texts))
        return np.zeros((len(texts), self.dim), dtype=np.float32)


def test_analyzer_embeds_a_batchs_claim_texts_in_one_call(nlp, registry):
    from narratives.pipeline import Analyzer

    embedder = _CountingEmbedder()
    analyzer = Analyzer(nlp=nlp, registry=registry, embedder=embedder)
    second = Article(id="a2", text="Kyiv said two drones were shot down over the city.", outlet="tass.com")
    results = analyzer.analyze([_article(), second])
    assert len(embedder.calls) == 1
    assert sorted(embedder.calls[0]) == sorted(c.text for r in results for c in r.claims)
    assert [r.article.id for r in results] == ["a1", "a2"]


def test_denials_answer_claims_and_fragments_are_not_claims(nlp, registry):
    text = ("Rosatom accused Ukraine's armed forces of three drone attacks on the Zaporizhzhia nuclear plant. "
            "Ukraine denied it. Putin did not explicitly mention Ukraine.")
    article = Article(id="a-denial", text=text, outlet="reuters.com")
    claims = attribute_claims(nlp(text), article, registry=registry)
    by_text = {c.text: c for c in claims}
    accusation = next(c for c in claims if c.cue == "accused")
    denial = by_text["it"]
    assert denial.side != accusation.side
    assert denial.answers == accusation.id and denial.answered_text == accusation.text
    assert Span(denial.start, denial.end).text(text) == "it"
    assert "Ukraine" not in by_text  # "did not explicitly mention Ukraine" states nothing


@pytest.mark.parametrize("verdict", ["is lying when it claims", "falsely claims"])
def test_a_report_the_narrator_calls_a_lie_is_two_claims_and_the_verdict_answers_it(nlp, registry, verdict):
    said = "the Russian army does not use Tochka-U missile systems"
    text = f"Russia's Defence Ministry {verdict} that {said}."
    article = Article(id="a-lie", text=text, outlet="ukrinform.net")
    claims = attribute_claims(nlp(text), article, registry=registry)
    (report,) = [c for c in claims if c.text.endswith(said) and c.kind != "narrator"]
    (rebuttal,) = [c for c in claims if c.kind == "narrator"]
    assert report.side == "russia" and rebuttal.side == "ukraine"
    assert rebuttal.text == f"Russia's Defence Ministry {verdict} that {said}"
    assert rebuttal.answers == report.id and rebuttal.answered_text == report.text


def test_a_report_the_narrator_only_relays_is_one_claim(nlp, registry):
    text = "Russia's Defence Ministry claims that the Russian army does not use Tochka-U missile systems."
    article = Article(id="a-relay", text=text, outlet="ukrinform.net")
    claims = attribute_claims(nlp(text), article, registry=registry)
    assert [(c.kind, c.side) for c in claims] == [("indirect", "russia")]
