"""`narratives analyze` end to end with the real models: outputs, contracts, bad inputs."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from narratives.attribution.reading import reader_text
from narratives.cli import cli
from narratives.types import Span
from conftest import SEED_PATH

CLAIM_FIELDS = {
    "id", "article_id", "text", "start", "end", "content_spans", "sentence", "speaker",
    "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "kind", "side",
    "side_confidence", "side_evidence", "event_id",
}
EVENT_FIELDS = {"id", "label", "start_date", "end_date", "claim_ids", "article_ids", "outlets", "sides"}
PAIR_FIELDS = {"id", "event_id", "a", "b", "side_a", "side_b", "relation", "similarity", "contradiction", "rationale"}


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("inputs")
    records = [
        {"text": SEED_PATH.read_text(encoding="utf-8"), "outlet": "EFE and AFP", "published": "2023-12-31"},
        {"text": ""},
        {"text": "   \n\t  "},
        {"text": "x" * 5_000_000},
        {"text": "The ministry said “the strike hit only military targets. It added nothing."},
        {"text": ("The governor said that " + "the shelling went on and " * 800 + "stopped.")},
        {"text": "Минобороны России заявило об ударе по Харькову."},
    ]
    path = inputs / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    (inputs / "seed-again.txt").write_text(SEED_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["analyze", str(inputs), "--out-dir", str(out), "--json"])
    return result, out


@pytest.mark.models
def test_bad_inputs_fail_one_by_one_and_the_batch_goes_on(batch):
    result, out = batch
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    failures = _lines(out / "failures.jsonl")
    assert sorted(f["code"] for f in failures) == ["empty_text", "empty_text", "text_too_long", "undecodable_input"]
    assert summary["failures"] == 4
    # seed, unbalanced quote, 20k-character sentence, Cyrillic; the re-sent seed is a duplicate
    assert summary["articles"] == 4 and summary["duplicates"] == 1
    assert summary["articles_per_second"] > 0


@pytest.mark.models
def test_outputs_follow_the_contract(batch):
    _, out = batch
    articles = {a["id"]: a for a in _lines(out / "articles.jsonl")}
    claims = _lines(out / "claims.jsonl")
    events = _lines(out / "events.jsonl")
    pairs = _lines(out / "pairs.jsonl")
    assert claims and events and pairs
    for claim in claims:
        assert CLAIM_FIELDS <= set(claim)
        text = articles[claim["article_id"]]["text"]
        # the spans are PolNeAR's (quote marks, a leading "that"); the text is what a reader gets
        spans = [Span(start, end) for start, end in claim["content_spans"]]
        assert claim["text"] == reader_text(text, spans)
        assert claim["start"] <= claim["content_spans"][0][0] and claim["content_spans"][-1][1] <= claim["end"]
        if claim["speaker_start"] is not None:
            assert text[claim["speaker_start"]:claim["speaker_end"]]
    assert all(EVENT_FIELDS <= set(e) for e in events)
    assert all(PAIR_FIELDS <= set(p) for p in pairs)
    event_ids = {e["id"] for e in events}
    for article in articles.values():
        assert article["event_id"] in event_ids and article["event_ids"][0] == article["event_id"]
        assert article["id"] in next(e for e in events if e["id"] == article["event_id"])["article_ids"]
    assert all(c["event_id"] in event_ids for c in claims)
    by_id = {c["id"]: c for c in claims}
    assert all(by_id[p["a"]]["side"] != by_id[p["b"]]["side"] for p in pairs)
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in report and "Kharkiv" in report


@pytest.mark.models
def test_seed_counter_claims_reach_pairs_jsonl(batch):
    _, out = batch
    claims = {c["id"]: c for c in _lines(out / "claims.jsonl")}
    contradicts = [
        (claims[p["a"]], claims[p["b"]]) for p in _lines(out / "pairs.jsonl") if p["relation"] == "contradicts"
    ]
    assert any(
        {a["side"], b["side"]} == {"russia", "ukraine"}
        and any("decision-making centers" in c["text"] for c in (a, b))
        and any("non-military targets" in c["text"] for c in (a, b))
        for a, b in contradicts
    )


def test_usage_error_exits_2(tmp_path):
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path)])
    assert result.exit_code == 2
    assert "--out-dir" in result.output


def test_python_dash_m_runs_the_same_command():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "narratives.cli", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "analyze" in done.stdout


@pytest.mark.models
def test_an_article_over_the_claim_limit_fails_alone_and_the_batch_goes_on(tmp_path):
    crowded = " ".join(f'"The strike hit {i} homes," the ministry said.' for i in range(30))
    short = "The ministry said the strike hit a fuel depot. Ukraine's army denied that any depot was hit."
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in (("crowded", crowded), ("short", short))) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(path), "--out-dir", str(out), "--json"],
                                env={"NARRATIVES_MAX_CLAIMS_PER_ARTICLE": "10"})
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["articles"] == 1 and summary["failures"] == 1
    (failure,) = _lines(out / "failures.jsonl")
    assert failure["code"] == "too_many_claims" and "the limit is 10" in failure["message"]
    assert failure["source"].startswith(str(path))
    (article,) = _lines(out / "articles.jsonl")
    assert article["external_id"] == "short" and article["claims"] >= 1
    assert {c["article_id"] for c in _lines(out / "claims.jsonl")} == {article["id"]}
