"""eval gold: locating gold content, the matching rule, and the seed bars (real models)."""
from __future__ import annotations

import json

import pytest

from narratives.config import load_settings
from narratives.errors import DataError
from narratives.evaluation.gold import GoldClaim, locate, match_claims, speaker_matches
from narratives.sides.registry import parse_registry
from narratives.types import Claim, Span

REGISTRY = parse_registry(
    {
        "sides": {"russia": {}, "ukraine": {}},
        "actors": [
            {"id": "putin", "name": "Vladimir Putin", "side": "russia", "kind": "person",
             "titles": ["Russian president"]},
        ],
    }
)


def _claim(start, end, *, speaker="Andri Yusov", side="ukraine", kind="direct", actor_id=None):
    return Claim(
        id=f"c{start}", article_id="a", text="", start=start, end=end,
        content_spans=(Span(start, end),), sentence=Span(0, 100), speaker=speaker,
        speaker_start=None, speaker_end=None, cue="said", cue_start=None, cue_end=None,
        kind=kind, side=side, side_confidence=1.0, side_evidence="", actor_id=actor_id,
    )


def _gold(span, speaker="Andri Yusov", side="ukraine"):
    return GoldClaim("G1", side, speaker, "said", None, "x", span)


def test_locate_is_case_and_whitespace_insensitive():
    text = "He said that The  Attack\nhad hit targets."
    span = locate(text, "the attack had hit")
    assert text[span.start : span.end] == "The  Attack\nhad hit"
    assert locate(text, "not there") is None


@pytest.mark.parametrize(
    "claim_span, found",
    [((0, 50), True), ((10, 20), True), ((10, 14), False), ((60, 90), False)],
    ids=["contains", "half", "under-half", "disjoint"],
)
def test_overlap_rule(claim_span, found):
    (match,) = match_claims([_gold(Span(10, 20))], [_claim(*claim_span)], REGISTRY)
    assert (match.claim is not None) == found


def test_narrator_claims_never_match_and_matching_is_one_to_one():
    gold = [_gold(Span(0, 10)), GoldClaim("G2", "ukraine", "X", None, None, "y", Span(0, 10))]
    matches = match_claims(gold, [_claim(0, 10, kind="narrator"), _claim(0, 10)], REGISTRY)
    assert [m.claim is not None for m in matches] == [True, False]


def test_speaker_rule_names_or_same_actor_not_patterns():
    assert speaker_matches(_claim(0, 1, speaker="Oleg Synehubov"), "Oleg Sinegoubov", REGISTRY)
    assert speaker_matches(_claim(0, 1, speaker="the Russian military"), "Russian military", REGISTRY)
    assert speaker_matches(_claim(0, 1, speaker="Putin", actor_id="putin"), "Russian president", REGISTRY)
    assert not speaker_matches(_claim(0, 1, speaker="Kremlin"), "Vladimir Putin", REGISTRY)
    assert not speaker_matches(_claim(0, 1, speaker="Russian officials"), "Russian military", REGISTRY)


@pytest.mark.models
def test_seed_gold_meets_the_bars(nlp):
    from narratives.evaluation.gold import evaluate_gold_files, gold_report
    from narratives.pipeline import Analyzer
    from narratives.sides.registry import load_registry

    settings = load_settings()
    analyzer = Analyzer(nlp=nlp, registry=load_registry(settings.registry))
    gold = settings.gold_dir / "efe-afp-2023-12-31-kharkiv-belgorod.json"
    claims = gold_report(evaluate_gold_files([gold], analyzer))["claims"]
    assert claims["gold"] == 17
    assert claims["recall"] >= 0.95
    assert claims["side_accuracy"] == 1.0
    assert claims["speaker_accuracy"] >= 0.9


def test_gold_folder_yields_only_the_files_that_annotate_an_article(tmp_path):
    from narratives.evaluation.gold import gold_paths

    (tmp_path / "seed.json").write_text(json.dumps({"article": {"file": "seeds/a.txt"}, "claims": []}))
    (tmp_path / "ruwa_pairs.json").write_text(json.dumps({"claims": [], "required_pairs": []}))
    assert gold_paths(tmp_path) == [tmp_path / "seed.json"]
    (tmp_path / "seed.json").unlink()
    with pytest.raises(DataError, match="no article gold files"):
        gold_paths(tmp_path)
