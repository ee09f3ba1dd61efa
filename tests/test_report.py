from index_fakes import analysis, claim

from narratives.batch.report import render_report
from narratives.types import ClaimPair, Event

HOSTILE = claim("u1", "<script>alert('x')</script> \u202eetalsnart", "ukraine", speaker="Eve <b>", article="ua")
STRIKE = claim("r1", "the armed forces struck military facilities", "russia", article="ru")
EVENT = Event("ev_1", "Kharkiv: strike <i>", None, None, ("r1", "u1"), ("russia", "ukraine"))
PAIR = ClaimPair("pr_1", "ev_1", "r1", "u1", "russia", "ukraine", "contradicts", 0.5, 0.9, "denied & disputed")


def page():
    articles = [analysis("ua", [HOSTILE]).article, analysis("ru", [STRIKE]).article]
    return render_report(articles, [STRIKE, HOSTILE], [EVENT], [PAIR])


def test_report_escapes_markup_and_neutralises_bidi_overrides():
    html = page()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Eve &lt;b&gt;" in html and "strike &lt;i&gt;" in html
    assert "\u202e" not in html
    assert "<bdi>&lt;script&gt;" in html
    assert "denied &amp; disputed" in html


def test_report_has_a_column_per_side_and_highlights_contradicting_pairs():
    html = page()
    assert 'class="side side-russia"' in html and 'class="side side-ukraine"' in html
    assert html.index("side-russia") < html.index("side-ukraine")
    assert 'class="pair contradicts"' in html
    assert html.count("claim disputed") == 2


def test_report_is_self_contained():
    html = page()
    assert "<link" not in html and "src=" not in html and "http" not in html
