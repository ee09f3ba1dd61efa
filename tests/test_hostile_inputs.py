"""Hostile but well-formed articles (issue 20): each stage's work stays linear in the text.

Every test asserts the work done (tokens, calls, candidates, sentence lengths), never a
time; the timings are in the `hostile` benchmark case.
"""
from __future__ import annotations

import random
from dataclasses import replace

import pytest
from index_fakes import BagOfWordsEmbedder, TableContradiction, analysis, claim

from narratives.attribution import merge
from narratives.attribution.spans import SpanSet, sentence_of
from narratives.config import Settings
from narratives.index.narrative_index import NarrativeIndex
from narratives.ingest.nlp import LONG_WORD_CHARS
from narratives.ingest.textruns import mask_symbol_runs
from narratives.types import Attribution, Span


class CountingTokenizer:
    """Wraps spaCy's tokenizer and records the length of every text it is given."""

    def __init__(self, base) -> None:
        self.base, self.vocab, self.lengths = base, base.vocab, []

    def __call__(self, text):
        self.lengths.append(len(text))
        return self.base(text)


@pytest.fixture
def run_safe(nlp):
    from narratives.ingest.nlp import RunSafeTokenizer

    counting = CountingTokenizer(nlp.tokenizer.base)
    return RunSafeTokenizer(counting), counting


@pytest.mark.parametrize("run", ['"' * 20_000, "“”" * 10_000, "(" * 20_000, "\U0001F600" * 20_000, '"“‘(' * 5_000])
def test_a_symbol_run_is_one_token_and_never_reaches_the_affix_search(run_safe, run):
    tokenizer, counting = run_safe
    text = f"Officials said {run} nothing."
    doc = tokenizer(text)
    assert doc.text == text
    assert run in [t.text for t in doc]
    assert len(doc) == 5  # Officials, said, the run, nothing, .
    assert max(counting.lengths) < 20


def test_a_long_word_is_tokenised_in_bounded_pieces(run_safe):
    tokenizer, counting = run_safe
    text = "x" * 50_000 + " end."
    doc = tokenizer(text)
    assert doc.text == text
    assert max(counting.lengths) <= LONG_WORD_CHARS + 5


def test_ordinary_text_is_tokenised_exactly_as_by_spacy(nlp, seed_text):
    base = nlp.tokenizer.base(seed_text)
    ours = nlp.tokenizer(seed_text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in base]


def test_masking_runs_keeps_every_offset(seed_text):
    text = seed_text[:200] + '"' * 5_000 + seed_text[200:400]
    masked = mask_symbol_runs(text)
    assert len(masked) == len(text) and masked[:200] == text[:200] and masked[-200:] == text[-200:]
    assert masked.count('"') < 10


def test_a_sentence_without_full_stops_reaches_the_parser_in_bounded_pieces(nlp, seed_text):
    limit = Settings().max_sentence_tokens
    text = "the minister said that the troops of the army attacked Kharkiv and the officials " * 250
    doc = nlp(text)
    assert doc.text == text
    assert max(len(s) for s in doc.sents) <= limit
    seed = nlp(seed_text)  # real sentences are left to the parser
    with nlp.select_pipes(disable=["cap_sentences"]):
        assert [s.start for s in seed.sents] == [s.start for s in nlp(seed_text).sents]


def test_sentence_of_matches_spacy_and_finds_the_sentences_once(nlp, seed_text):
    doc = nlp(seed_text)
    for token in list(doc)[::7]:
        assert sentence_of(token) == token.sent
    assert len(doc.user_data) == 1  # one list of starts, however many tokens asked


def test_span_set_agrees_with_a_scan():
    rng = random.Random(7)
    spans = [Span(s, s + rng.randrange(0, 30)) for s in (rng.randrange(0, 2_000) for _ in range(300))]
    index = SpanSet(spans)
    for _ in range(2_000):
        start = rng.randrange(0, 2_100)
        probe = Span(start, start + rng.randrange(0, 20))
        assert index.overlaps_any(probe) == any(probe.overlaps(s) for s in spans)
        assert index.contains_any(probe) == any(s.contains(probe) for s in spans)


def _quote(i: int) -> Attribution:
    base = 20 * i
    return Attribution(Span(base + 6, base + 10), (Span(base + 11, base + 14),), (Span(base, base + 5),), "direct")


def test_merging_compares_each_learned_attribution_only_with_its_neighbours(monkeypatch):
    calls = []
    real_same = merge._same
    monkeypatch.setattr(merge, "_same", lambda a, b: calls.append(1) or real_same(a, b))
    parsed = [_quote(i) for i in range(0, 4_000, 2)]
    learned = [_quote(i) for i in range(4_000)]
    merged = merge.merge_attributions(parsed, learned)
    assert len(merged) == 4_000  # the 2,000 learned ones no parse covers are added
    assert len(calls) <= 3 * len(learned)  # a scan would make 8,000,000


def test_counter_claim_candidates_per_article_are_bounded():
    model = TableContradiction()
    settings = replace(Settings(), max_pair_candidates_per_article=10)
    index = NarrativeIndex(embedder=BagOfWordsEmbedder(), contradiction=model, settings=settings)
    index.add([analysis("ru", [claim(f"r{i}", f"the strike on Kharkiv hit military facilities {i}", "russia", article="ru")
                               for i in range(40)])])
    model.seen.clear()
    index.add([analysis("ua", [claim(f"u{i}", f"the strike on Kharkiv hit civilian buildings {i}", "ukraine", article="ua")
                               for i in range(40)])])
    assert len(model.seen) == 2 * 10  # both directions of the 10 most similar, not 40 x top_k


@pytest.mark.models
def test_the_tagger_sees_a_symbol_run_as_one_wordpiece(nlp):
    from models.attribution_tagger import load_tagger
    from narratives.config import load_settings
    from narratives.ingest.textruns import mask_symbol_runs

    tagger = load_tagger(load_settings().artifacts / "attribution")
    assert tagger is not None, "build it with `narratives train attribution`"
    # The grouping masks symbol runs (same length, offsets intact) before the tagger sees them.
    ((encoded, scores),) = tagger.predict_scores([mask_symbol_runs('The ministry said ' + '"' * 30_000 + ' nothing.')])
    assert len(encoded.ids) < 10 and len(scores) == len(encoded.ids)


def test_an_article_with_more_statements_than_the_limit_is_rejected(nlp):
    from narratives.errors import TooManyClaimsError
    from narratives.pipeline import Analyzer
    from narratives.sides.registry import load_registry
    from narratives.types import Article

    registry = load_registry(Settings().registry)
    text = " ".join(f'"The strike hit {i} homes," the ministry said.' for i in range(30))
    analyzer = Analyzer(nlp=nlp, registry=registry, max_claims_per_article=10)
    with pytest.raises(TooManyClaimsError) as err:
        analyzer.analyze([Article(id="a", text=text)])
    assert err.value.http_status == 422 and "the limit is 10" in err.value.message
    assert len(Analyzer(nlp=nlp, registry=registry).analyze([Article(id="a", text=text)])[0].claims) == 30


def test_the_hostile_benchmark_posts_the_table_s_inputs_at_their_sizes():
    from narratives.bench.hostile import INPUTS, render_hostile

    assert [size for _, _, size in INPUTS] == [50_000, 100_000, 20_001, 100_000, 199_990, 40_000]
    assert all(len(make(size)) == size for _, make, size in INPUTS)
    report = {"rows": [{"input": "real article", "chars": 4_000, "status": 201, "code": "", "seconds": 2.0,
                        "claims": 20, "s_per_1000_chars": 0.5, "x_real": 1.0}],
              "readyz": {"probes": 10, "failures": 0, "max_s": 0.01, "p50_s": 0.005}, "limits": {"max_sync_chars": 50_000}}
    assert "real article" in render_hostile(report) and "10 probes, 0 failed" in render_hostile(report)


def test_grouping_ties_each_content_only_to_cues_of_nearby_sentences(nlp, monkeypatch):
    from narratives.attribution.grouping import RoleSpans, group_spans

    text = " ".join(f"Official {i} said the depot {i} burned." for i in range(600))
    doc = nlp(text)
    sentences = list(doc.sents)
    cues = [Span(s[2].idx, s[2].idx + 4) for s in sentences]
    sources = [Span(s[0].idx, s[1].idx + len(s[1].text)) for s in sentences]
    contents = [Span(s[3].idx, s[-2].idx + len(s[-2].text)) for s in sentences]
    calls = []
    real = Span.overlaps
    monkeypatch.setattr(Span, "overlaps", lambda a, b: calls.append(1) or real(a, b))
    found = group_spans(doc, RoleSpans(cues=cues, sources=sources, contents=contents))
    assert len(found) == 600 and all(a.sources == (src,) for a, src in zip(found, sources))
    assert len(calls) < 20 * 600  # every source against every cue's contents would be 360,000


def test_speaker_entities_read_once_per_doc_match_spacy(nlp, seed_text):
    from narratives.attribution.speakers import _ents_within

    doc = nlp(seed_text)
    ents = list(doc.ents)
    for sentence in doc.sents:
        for start in range(sentence.start, sentence.end, 3):
            span = doc[start : min(start + 6, sentence.end)]
            assert [(e.start, e.end) for e in _ents_within(ents, span)] == [(e.start, e.end) for e in span.ents]
