"""Error kinds of predicted contents against gold (`narratives eval attribution --errors`)."""
from __future__ import annotations

from narratives.evaluation.span_errors import count_errors
from narratives.types import Attribution, Span

TEXT = (
    "“We will rebuild,” the mayor said, “and every family will get a new home.” "
    "The minister said that the bridge held. Engineers agreed."
)


def _span(part: str, start: int = 0) -> Span:
    at = TEXT.index(part, start)
    return Span(at, at + len(part))


def _said(*contents: str, cue_from: int = 0) -> Attribution:
    return Attribution(_span("said", cue_from), (), tuple(_span(c) for c in contents), "direct")


MAYOR = _said("“We will rebuild,”", "“and every family will get a new home.”")
MINISTER = _said("that the bridge held", cue_from=TEXT.index("minister"))


def _kinds(gold: Attribution, predicted: Attribution | None) -> set[str]:
    counts = count_errors([(TEXT, [gold], [predicted] if predicted else [])])
    return {kind for kind, n in counts.items() if n}


def test_an_exact_match_and_a_missed_cue():
    assert _kinds(MAYOR, MAYOR) == {"exact"}
    assert _kinds(MAYOR, None) == {"no cue"}


def test_quote_marks_and_a_continued_quote_left_out():
    predicted = _said("We will rebuild")
    assert _kinds(MAYOR, predicted) == {"quote marks", "continued quote"}


def test_complementiser_and_next_sentence():
    cue_from = TEXT.index("minister")
    assert _kinds(MINISTER, _said("the bridge held", cue_from=cue_from)) == {"that-complementiser"}
    assert _kinds(MINISTER, _said("that the bridge held. Engineers agreed", cue_from=cue_from)) == {"next sentence"}


def test_split_and_stray_pieces():
    cue_from = TEXT.index("minister")
    split = _said("that the bridge", "held", cue_from=cue_from)
    assert _kinds(MINISTER, split) == {"split content"}
    stray = _said("Engineers", "that the bridge held", cue_from=cue_from)
    assert _kinds(MINISTER, stray) == {"stray piece"}
