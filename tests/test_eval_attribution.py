"""`narratives eval attribution` on a tiny corpus in the PolNeAR layout."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from narratives.cli import cli
from narratives.evaluation.citron import score
from narratives.corpora.polnear import read_split
from narratives.types import Attribution, Span

TEXT = "The minister said that the army had withdrawn from the town.\n\nThe weather was cold.\n"
ANN = (
    "T1\tSource 0 12\tThe minister\nT2\tCue 13 17\tsaid\nT3\tContent 18 60\tthat the army had withdrawn from the town\n"
    "T4\tAttribution 13 17\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
)


@pytest.fixture
def corpus(tmp_path):
    for sub in ("text", "attributions"):
        (tmp_path / "dev" / sub).mkdir(parents=True)
    (tmp_path / "dev" / "text" / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "one_a1.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


@pytest.mark.models
def test_json_metrics_and_dump_agree(corpus, tmp_path):
    dump = tmp_path / "dump"
    result = CliRunner().invoke(
        cli, ["eval", "attribution", "--data", str(corpus), "--extractor", "parsed", "--json", "--dump", str(dump)]
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert metrics["texts"] == 1 and metrics["gold_attributions"] == 1
    assert {"cue", "source", "content", "attribution"} <= set(metrics)
    assert metrics["cue"]["overlap"]["r"] == 1.0  # "said" is found
    assert metrics["source"]["overlap"]["r"] == 1.0
    # the dump, scored again, gives the same numbers
    payload = json.loads((dump / "one.json").read_text(encoding="utf-8"))
    predicted = [
        Attribution(
            cue=Span(q["cue"]["start"], q["cue"]["end"]),
            sources=tuple(Span(s["start"], s["end"]) for s in q["sources"]),
            contents=tuple(Span(s["start"], s["end"]) for s in q["contents"]),
            kind="indirect",
        )
        for q in payload["quotes"]
    ]
    (gold,) = list(read_split(corpus, "dev"))
    again = score([(TEXT, gold.attributions, predicted)])
    for key in ("cue", "source", "content", "attribution"):
        assert again[key] == metrics[key]


@pytest.mark.models
def test_table_is_the_default_output(corpus):
    result = CliRunner().invoke(cli, ["eval", "attribution", "--data", str(corpus), "--extractor", "parsed"])
    assert result.exit_code == 0, result.output
    assert "overlap P" in result.output and result.output.splitlines()[-1].startswith("attribution")


def test_wrong_layout_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "attribution", "--data", str(tmp_path)])
    assert result.exit_code != 0
    assert "dev/text" in result.output


@pytest.mark.models
def test_errors_option_counts_error_kinds(corpus):
    result = CliRunner().invoke(
        cli, ["eval", "attribution", "--data", str(corpus), "--extractor", "parsed", "--json", "--errors"]
    )
    assert result.exit_code == 0, result.output
    errors = json.loads(result.output)["content_errors"]
    # this gold content keeps the sentence's full stop, which the parse (as PolNeAR) leaves out
    assert errors["punctuation"] == 1 and sum(errors.values()) == 1
