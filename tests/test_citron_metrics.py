"""Citron's attribution metrics on small hand-made cases with known answers."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from narratives.evaluation.citron import score, token_index
from narratives.types import Attribution, Span

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_quotes.py"
TEXT = "Officials said the strike hit a depot. Critics disagreed."
#       0         1         2         3         4         5
#       0123456789012345678901234567890123456789012345678901234567


def att(cue, sources, contents):
    return Attribution(cue=Span(*cue), sources=tuple(Span(*s) for s in sources),
                       contents=tuple(Span(*c) for c in contents), kind="indirect")


GOLD = [att((10, 14), [(0, 9)], [(15, 37)]), att((47, 56), [(39, 46)], [(47, 56)])]


def test_token_index_gives_whitespace_to_the_token_before():
    assert token_index("a b!") == [0, 0, 1, 2]


def test_perfect_prediction_scores_one_everywhere():
    m = score([(TEXT, GOLD, GOLD)])
    for key in ("cue", "source", "content", "attribution"):
        assert m[key]["exact"]["f1"] == 1.0
        assert m[key]["overlap"]["f1"] == pytest.approx(1.0)


def test_partial_prediction_known_counts():
    # cue right, source one token short, content a superset by one token ("Officials said" + ...)
    pred = [att((10, 14), [(0, 9)], [(15, 32)])]
    m = score([(TEXT, GOLD, pred)])
    assert m["cue"]["exact"] == {"p": 1.0, "r": 0.5, "f1": pytest.approx(2 / 3)}
    assert m["source"]["exact"]["p"] == 1.0  # same sources, overlapping cue
    assert m["content"]["exact"]["p"] == 0.0 and m["attribution"]["exact"]["f1"] == 0.0
    # content tokens: gold "the strike hit a depot" (5) + "disagreed" (1); predicted "the strike hit a" (4)
    assert m["content"]["overlap"]["p"] == 1.0
    assert m["content"]["overlap"]["r"] == pytest.approx(4 / 6)
    # attribution overlap sums roles: shared 1+1+4, predicted 1+1+4, gold 2+2+6
    assert m["attribution"]["overlap"]["r"] == pytest.approx(6 / 10)


def test_source_exact_needs_overlapping_cue():
    pred = [att((0, 9), [(0, 9)], [(15, 37)])]
    m = score([(TEXT, GOLD, pred)])
    assert m["source"]["exact"]["p"] == 0.0 and m["cue"]["exact"]["p"] == 0.0


def test_pairwise_overlap_counts_a_shared_gold_span_more_than_once():
    gold = [att((10, 14), [(0, 9)], [(15, 25)]), att((10, 14), [(0, 9)], [(26, 37)])]
    m = score([(TEXT, gold, [gold[0]])])
    assert m["source"]["overlap"]["p"] == 2.0  # citron's definition, not a set overlap


def test_agrees_with_reference_scorer(tmp_path):
    path = REFERENCE
    if not path.exists():
        pytest.skip("reference scorer not available")
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    pred = [att((10, 14), [(0, 4)], [(15, 32)]), att((39, 46), [], [(47, 57)]), att((47, 56), [(39, 46)], [(47, 56)])]

    def dump(folder, items):
        folder.mkdir()
        quotes = [{"cue": {"start": a.cue.start, "end": a.cue.end},
                   "sources": [{"start": s.start, "end": s.end} for s in a.sources],
                   "contents": [{"start": s.start, "end": s.end} for s in a.contents]} for a in items]
        (folder / "t.json").write_text(json.dumps({"text": TEXT, "quotes": quotes}))

    dump(tmp_path / "gold", GOLD)
    dump(tmp_path / "pred", pred)
    expected = ref.score(str(tmp_path / "gold"), str(tmp_path / "pred"))
    mine = score([(TEXT, GOLD, pred)])
    for key, ref_key in (("cue", "cue"), ("source", "source"), ("content", "content"), ("attribution", "quote")):
        for kind in ("exact", "overlap"):
            assert [mine[key][kind][x] for x in ("p", "r", "f1")] == pytest.approx(list(expected[kind][ref_key]))
