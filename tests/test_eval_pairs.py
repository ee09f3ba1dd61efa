"""`narratives eval pairs`: matching marked fragments, scoring, the JSON keys, clear errors."""
from __future__ import annotations

import dataclasses

from click.testing import CliRunner
from index_fakes import claim

from narratives.evaluation.pairs import (
    MarkedClaim,
    PairsGold,
    command,
    match_marked,
    score_pairs,
    select_records,
)
from narratives.types import Span

KEYS = {"required_total", "required_found", "forbidden_total", "forbidden_reported",
        "contradicts_reported", "contradicts_precision"}


def at(cid: str, start: int, end: int, side: str = "russia"):
    return dataclasses.replace(claim(cid, "x" * (end - start), side), start=start, end=end,
                               content_spans=(Span(start, end),))


def test_marked_fragments_match_the_best_fitting_claim_and_may_share_one():
    marked = [MarkedClaim("g1", "u", "russia", "f", "e"), MarkedClaim("g2", "u", "russia", "f", "e"),
              MarkedClaim("g3", "u", "russia", "f", "e")]
    spans = {"g1": Span(0, 40), "g2": Span(40, 60), "g3": Span(200, 220)}
    claims = [at("wide", 0, 60), at("tight", 38, 61), at("far", 300, 320)]
    assert match_marked(marked, spans, claims) == {"g1": "wide", "g2": "tight"}


def test_scores_required_forbidden_and_precision_among_marked_claims():
    gold = PairsGold(
        claims=tuple(MarkedClaim(g, "u", "s", "f", "e") for g in ("a", "b", "c", "d")),
        required=(("a", "b"), ("a", "c")),
        forbidden=(("c", "d"),),
    )
    predicted = {"a": "ca", "b": "cb", "c": "cc", "d": "cd"}
    contradicting = {frozenset(("ca", "cb")), frozenset(("cc", "cd")), frozenset(("cb", "cd")),
                     frozenset(("ca", "unmarked"))}
    report = score_pairs(gold, predicted, contradicting)
    assert KEYS <= set(report)
    assert (report["required_found"], report["forbidden_reported"], report["contradicts_reported"]) == (1, 1, 3)
    assert report["contradicts_precision"] == round(1 / 3, 4)
    assert report["contradicts_judged_precision"] == 0.5  # b-d is neither required nor forbidden
    assert report["missing_required"] == ["a-c"] and report["reported_unmarked"] == ["b-d"]


def test_context_rows_come_from_the_named_rows_event_and_days():
    rows = [
        {"url": "n1", "event": "railway", "published": "2022-04-08"},
        {"url": "c1", "event": "railway", "published": "2022-04-09"},
        {"url": "c2", "event": "railway", "published": "2022-05-20"},
        {"url": "c3", "event": "theatre", "published": "2022-04-08"},
        {"url": "c4", "event": "railway", "published": "2022-04-08"},
    ]
    chosen = select_records(rows, {"n1"}, context=1, context_days=1)
    assert [r["url"] for r in chosen] == ["n1", "c4"]
    assert [r["url"] for r in select_records(rows, {"n1"}, context=5, context_days=1)] == ["n1", "c4", "c1"]


def test_missing_gold_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "pairs.json"
    bad.write_text('{"claims": []}')
    result = CliRunner().invoke(command, ["--gold", str(bad), "--json"])
    assert result.exit_code != 0
    assert "required_pairs" in result.output
