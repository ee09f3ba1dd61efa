"""`narratives bench --quick`: a small run of every case, checked for the report's keys."""
from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from narratives.cli import cli

pytestmark = [pytest.mark.models, pytest.mark.slow]


def _positive(value: object) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


def test_quick_bench_reports_every_measure(tmp_path):
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(cli, ["bench", "--quick", "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert json.loads(out.read_text(encoding="utf-8")) == report

    assert set(report["floor_ratio"]) == {"polnear", "ruwa"}
    assert all(_positive(v) for v in report["floor_ratio"].values())
    assert _positive(report["naive_speedup"])
    assert _positive(report["growth_100k_vs_empty"])
    stages = report["stages"]
    assert set(stages) == {"ingest", "parse", "attribution", "side", "embed", "align", "pair"}
    assert sum(s["share"] for s in stages.values()) == pytest.approx(1.0, abs=0.01)
    assert all(s["seconds"] >= 0 for s in stages.values()), stages  # no stage counted twice
    assert _positive(stages["parse"]["words_per_s"])
    assert all(_positive(v) for v in report["rss_mb"].values())
    for request in ("post_articles", "get_event"):
        latency = report["api_latency_ms"][request]
        assert _positive(latency["p50"]) and latency["p95"] >= latency["p50"]
    # The naive baseline applies the same rules to exhaustive scores: same pairs found.
    assert report["naive"]["pairs"]["same"], report["naive"]["pairs"]

    from narratives.bench.report import render_table

    table = render_table(report)
    assert "bar <= 1.5" in table and "speed-up:" in table and "POST /api/v1/articles" in table

