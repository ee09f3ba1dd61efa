"""The PolNeAR BRAT reader on a tiny corpus built by hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from narratives.errors import DataError
from narratives.corpora.polnear import read_split
from narratives.types import Span

TEXT = "Aides said the plan, which critics call “reckless,” would pass.\nNothing else.\n"


def _corpus(root: Path, anns: dict[str, str]) -> Path:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "text" / "unannotated.txt").write_text("No file.", encoding="utf-8")
    for name, body in anns.items():
        (root / "dev" / "attributions" / name).write_text(body, encoding="utf-8")
    return root


ANN = "\n".join(
    [
        "T1\tSource 0 5\tAides",
        "T2\tCue 6 10\tsaid",
        "T3\tContent 11 19;51 62\tthe plan would pass",
        "T4\tAttribution 6 10\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tSource 27 34\tcritics",
        "T6\tCue 35 37;38 39\tcall",
        "T7\tContent 40 51\t“reckless,”",
        "T8\tAttribution 35 39\tcall",
        "E2\tAttribution:T8 Cue:T6 Content:T7 Source:T5",
        "T9\tCue 6 10\tsaid",
        "T10\tAttribution 6 10\tsaid",
        "E3\tAttribution:T10 Cue:T9",
        "T11\tContent 11 19\tthe plan",
        "T12\tCue 35 39\tcall",
        "T13\tAttribution 35 39\tcall",
        "E4\tAttribution-no-source:T13 Cue:T12 Content:T11",
        "",
    ]
)


def test_reads_first_annotation_in_sorted_order_with_citron_conventions(tmp_path):
    root = _corpus(tmp_path, {"a_zz.ann": "", "a_bb.ann": ANN})
    (text,) = list(read_split(root, "dev"))
    assert text.ann_file == "a_bb.ann"
    # E3 has no content: dropped; E4 has no source: kept; sorted by cue.
    assert len(text.attributions) == 3
    first, second, third = text.attributions
    assert first.cue == Span(6, 10) and first.sources == (Span(0, 5),)
    assert [c.text(TEXT) for c in first.contents] == ["the plan", "would pass"]
    # a discontinuous cue becomes its covering span
    assert second.cue.text(TEXT) == "call" and second.kind == "direct"
    assert third.sources == () and third.contents == (Span(11, 19),)


def test_trims_whitespace_from_spans(tmp_path):
    ann = "T1\tCue 5 11\t said \nT2\tContent 11 19\tthe plan\nT3\tAttribution 6 10\tsaid\nE1\tAttribution:T3 Cue:T1 Content:T2\n"
    root = _corpus(tmp_path, {"a_x.ann": ann})
    (text,) = list(read_split(root, "dev"))
    assert text.attributions[0].cue.text(TEXT) == "said"


def test_missing_layout_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="dev/attributions"):
        list(read_split(tmp_path, "dev"))
