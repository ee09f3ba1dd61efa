"""What a reader gets of a content: PolNeAR's quote marks and complementiser dropped."""
from __future__ import annotations

from narratives.attribution.link import marked_pieces
from narratives.attribution.quotes import find_quotes
from narratives.attribution.reading import reader_text
from narratives.types import Span


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def test_a_quote_keeps_its_marks_and_inner_comma():
    text = "“We will rebuild,” the mayor said, “and every family will get a new home.”"
    assert [p.text(text) for q in find_quotes(text) for p in marked_pieces(q, text)] == [
        "“We will rebuild,”", "“and every family will get a new home.”",
    ]


def test_a_quote_continued_in_a_new_paragraph_keeps_each_opening_mark():
    text = "He said: “We held the line.\n\n“Nobody expected it.”"
    (quote,) = find_quotes(text)
    assert [p.text(text) for p in marked_pieces(quote, text)] == ["“We held the line.", "“Nobody expected it.”"]


def test_reader_text_unwraps_quotes_and_drops_the_comma_inside():
    text = "“We will rebuild,” the mayor said, “and every family will get a new home.”"
    pieces = [p for q in find_quotes(text) for p in marked_pieces(q, text)]
    assert reader_text(text, pieces) == "We will rebuild and every family will get a new home."


def test_reader_text_keeps_scare_quotes_inside_a_content():
    text = "She added that the claims were “pure invention.”"
    content = _span(text, "that the claims were “pure invention.”")
    assert reader_text(text, [content]) == "the claims were “pure invention.”"


def test_reader_text_drops_the_complementiser_but_not_a_pronoun_that():
    text = "He said that the bridge held. She said that was a lie."
    assert reader_text(text, [_span(text, "that the bridge held")]) == "the bridge held"
    assert reader_text(text, [_span(text, "that was a lie")]) == "that was a lie"


def test_doubled_apostrophe_quotes_keep_and_lose_their_marks_the_same_way():
    text = "''We must not overreact,'' he told reporters."
    (quote,) = find_quotes(text)
    pieces = marked_pieces(quote, text)
    assert [p.text(text) for p in pieces] == ["''We must not overreact,''"]
    assert reader_text(text, pieces) == "We must not overreact"
