import json

import numpy as np
import pytest
from index_fakes import BagOfWordsEmbedder

from narratives.errors import DataError
from narratives.corpora.labelled_events import read_labelled
from narratives.evaluation.events import bcubed_f1, cross_outlet, evaluate_events, pairwise


def test_pairwise_and_bcubed_scores_on_a_hand_count():
    gold = ["a", "a", "a", "b"]
    # one of the three gold pairs found, and one wrong pair made
    predicted = ["x", "x", "y", "y"]
    assert pairwise(gold, predicted) == {"pair_p": 0.5, "pair_r": 0.3333, "pair_f1": 0.4}
    assert pairwise(gold, gold)["pair_f1"] == 1.0 and bcubed_f1(gold, gold) == 1.0
    assert bcubed_f1(gold, ["1", "2", "3", "4"]) == pytest.approx(2 * 1 * 0.5 / 1.5, abs=1e-4)


def test_data_file_is_scored_with_the_contract_keys(tmp_path):
    rows = [
        {"id": "1", "title": "Kramatorsk railway station strike", "text": "A missile hit the Kramatorsk railway station.", "event": "kramatorsk", "published": "2022-04-08"},
        {"id": "2", "title": "Kramatorsk railway station strike was a provocation", "text": "The missile that hit the Kramatorsk railway station was Ukrainian.", "event": "kramatorsk", "published": "2022-04-08"},
        {"id": "3", "title": "Mariupol drama theatre bombed", "text": "An air strike destroyed the Mariupol drama theatre.", "event": "theatre", "published": "2022-04-08"},
    ]
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = evaluate_events(data=path, embedder=BagOfWordsEmbedder())
    assert report["data"] == {"articles": 3, "pair_p": 1.0, "pair_r": 1.0, "pair_f1": 1.0, "bcubed_f1": 1.0}


def test_a_row_without_an_event_is_named_by_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x", "event": "e"}\n{"text": "no label"}\n', encoding="utf-8")
    with pytest.raises(DataError, match="bad.jsonl:2"):
        read_labelled(path)


def test_cross_outlet_pairs_are_same_day_and_cross_side(tmp_path):
    path = tmp_path / "r.jsonl"
    lines = [
        {"text": "a", "event": "e1", "published": "2022-04-08"},
        {"text": "b", "event": "e1", "published": "2022-04-09"},
        {"text": "c", "event": "e2", "published": "2022-04-08"},
        {"text": "d", "event": "e1", "published": "2022-04-20"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    rows = list(zip(read_labelled(path), ["russia", "ukraine", "ukraine", "ukraine"]))
    report = cross_outlet(rows, ["s1", "s1", "s1", "s2"])
    # a-b: same event, cross-side, shared; a-c: different events, shared; b-c same side; d too late
    assert report == {"articles": 4, "pairs": 1, "same_event_share": 1.0, "cross_event_pairs": 1, "cross_event_share": 1.0}


def test_separability_counts_pairs_whose_texts_are_close(tmp_path):
    path = tmp_path / "r.jsonl"
    lines = [{"text": t, "event": e, "published": "2022-04-08"} for t, e in (("a", "e1"), ("b", "e1"), ("c", "e2"))]
    path.write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    rows = list(zip(read_labelled(path), ["russia", "ukraine", "ukraine"]))
    vectors = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]])
    report = cross_outlet(rows, ["s1", "s2", "s3"], vectors)
    # a-b: same event, cosine 0.6; a-c: different events, cosine 0
    assert report["separability"]["cosine_0.5"] == {"same_event": 1.0, "cross_event": 0.0}
    assert report["same_event_share"] == 0.0
