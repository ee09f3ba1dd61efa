"""The event page's pieces without a store: the timeline geometry and each side's central claim."""
from __future__ import annotations

import datetime as dt

from service.comparison import central_claim
from service.timeline import UNDATED, build_timeline


def _claim(cid: str, day: str | None, outlet: str | None = "Wire") -> dict:
    return {"id": cid, "speaker": f"speaker {cid}", "text": f"claim {cid}", "article_id": "a", "day": day, "outlet": outlet}


def _timeline(sides: dict):
    return build_timeline(
        sides,
        day_of=lambda c: dt.date.fromisoformat(c["day"]) if c["day"] else None,
        outlet_of=lambda c: c["outlet"],
        href_of=lambda c: f"/articles/a#at-{c['id']}",
        side_label=str.upper,
    )


def test_timeline_has_a_row_per_side_a_column_per_day_and_a_mark_per_claim():
    sides = {
        "russia": [_claim("r1", "2022-04-08", "rt.com"), _claim("r2", "2022-04-08", "tass.com"), _claim("r3", None)],
        "ukraine": [_claim("u1", "2022-04-09", "ukrinform.net")],
    }
    t = _timeline(sides)
    assert [r.label for r in t.rows] == ["RUSSIA", "UKRAINE"]
    assert [c.label for c in t.columns] == ["2022-04-08", "2022-04-09", UNDATED]  # undated last
    assert t.columns[0].outlets == ("rt.com", "tass.com")
    assert [m.claim_id for m in t.marks] == ["r1", "r2", "r3", "u1"]
    by_id = {m.claim_id: m for m in t.marks}
    assert by_id["r1"].y == by_id["r2"].y < by_id["u1"].y  # rows by side
    assert by_id["r1"].x < by_id["r2"].x < by_id["u1"].x < by_id["r3"].x  # columns by day
    assert by_id["u1"].href == "/articles/a#at-u1" and "UKRAINE, 2022-04-09: speaker u1: claim u1" == by_id["u1"].title
    assert all(0 < m.x < t.width and 0 < m.y < t.plot_bottom for m in t.marks)


def test_a_crowded_cell_wraps_its_marks_inside_its_column():
    t = _timeline({"russia": [_claim(f"r{i}", "2022-04-08") for i in range(20)]})
    column = t.columns[0]
    assert len(t.marks) == 20 and len({m.y for m in t.marks}) > 1
    assert all(column.x < m.x < column.x + 120 for m in t.marks)
    assert t.rows[0].height > 40


def _pair(a: str, b: str, relation: str, similarity: float) -> dict:
    return {"a": a, "b": b, "relation": relation, "similarity": similarity}


def test_the_central_claim_is_the_one_the_other_sides_dispute_most():
    column = [{"id": "remark"}, {"id": "ministry"}]
    pairs = [_pair("remark", "x", "related", 0.7), _pair("y", "ministry", "contradicts", 0.6),
             _pair("ministry", "z", "contradicts", 0.5)]
    assert central_claim(column, pairs)["id"] == "ministry"
    assert central_claim(column, [])["id"] == "remark"  # no pairs: the first claim stands for the side
