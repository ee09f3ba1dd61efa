from __future__ import annotations

import json

from narratives.ingest.inputs import InputRecord, read_inputs
from narratives.types import ArticleFailure


def test_jsonl_bad_lines_are_failures_not_crashes(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(
        json.dumps({"text": "A said B."}).encode() + b"\n"
        + b"{not json\n"
        + b"\n"
        + b"[1, 2]\n"
        + b"\xff\xfe\x00binary\n"
        + json.dumps({"text": "C said D."}).encode() + b"\n"
    )
    items = list(read_inputs([path]))
    records = [i for i in items if isinstance(i, InputRecord)]
    failures = [i for i in items if isinstance(i, ArticleFailure)]
    assert [r.record["text"] for r in records] == ["A said B.", "C said D."]
    assert [f.source for f in failures] == [f"{path}:2", f"{path}:4", f"{path}:5"]
    assert failures[2].code == "undecodable_input"


def test_directories_text_html_and_unsupported(tmp_path):
    (tmp_path / "a.txt").write_text("The ministry said so.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    items = list(read_inputs([tmp_path, tmp_path / "notes.pdf", tmp_path / "missing.jsonl"]))
    assert items[0] == InputRecord(str(tmp_path / "a.txt"), {"text": "The ministry said so.", "title": "a"})
    assert items[1].record == {"html": "<p>x</p>", "title": "b"}
    assert isinstance(items[2], ArticleFailure) and items[2].code == "unsupported_format"
    assert isinstance(items[3], ArticleFailure) and items[3].code == "not_found"


def test_json_list_file(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "a"}, "oops"]), encoding="utf-8")
    items = list(read_inputs([path]))
    assert isinstance(items[0], InputRecord)
    assert isinstance(items[1], ArticleFailure) and items[1].source.endswith("[1]")


def test_sidecar_metadata_dates_a_text_file(tmp_path):
    (tmp_path / "a.txt").write_text("The ministry said so.", encoding="utf-8")
    (tmp_path / "a.meta.yaml").write_text("outlet: EFE\npublished: 2023-12-31\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The governor said so.", encoding="utf-8")
    (tmp_path / "b.meta.yaml").write_text("body: nope\n", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert len(items) == 2
    assert items[0].record["outlet"] == "EFE" and str(items[0].record["published"]) == "2023-12-31"
    assert isinstance(items[1], ArticleFailure) and "must be a mapping" in items[1].message
