from __future__ import annotations

import pytest

from narratives.ingest.boilerplate import caption_spans, wire_boilerplate

TEXT = (
    "The ministry said the strike hit a depot.\n\n"
    "(Also read: Ten dead in overnight shelling)\n\n"
    "(Keep reading: Another story)\n\n"
    "Photo: a damaged building in Odesa.\n\n"
    "The governor said 12 people were injured.\n\n"
    "REUTERS\n"
)


def test_wire_lines_are_marked_without_moving_offsets():
    spans = wire_boilerplate(TEXT)
    texts = [s.text(TEXT) for s in spans]
    assert "(Also read: Ten dead in overnight shelling)" in texts
    assert "(Keep reading: Another story)" in texts
    assert "Photo: a damaged building in Odesa." in texts
    assert "REUTERS" in texts
    assert not any("governor" in t or "ministry" in t for t in texts)


def test_parenthetical_inside_a_sentence_is_not_boilerplate():
    text = "The army (according to the statement: at dawn) advanced."
    assert wire_boilerplate(text) == ()


@pytest.mark.models
def test_captions_are_verbless_standalone_paragraphs(nlp):
    text = (
        "Russian forces shelled the city overnight, officials said.\n\n"
        "Damage to an apartment building after the night attack by drones in Kharkiv.\n\n"
        "The mayor said three people died."
    )
    spans = caption_spans(nlp(text))
    assert [s.text(text) for s in spans] == [
        "Damage to an apartment building after the night attack by drones in Kharkiv."
    ]


@pytest.mark.models
def test_a_verbless_headline_is_not_taken_for_a_photo_caption(nlp):
    from narratives.pipeline import with_captions
    from narratives.types import Article

    title = "Trial of Azovstal’s Ukranazis inevitable – Pushylin"
    caption = "Damage to an apartment building after the night attack by drones in Kharkiv."
    text = f"{title}\n\nThe mayor said three people died.\n\n{caption}"
    article = with_captions(Article(id="h", text=text, title=title), nlp(text))
    assert [s.text(text) for s in article.boilerplate] == [caption]
    untitled = with_captions(Article(id="u", text=text), nlp(text))
    assert [s.text(text) for s in untitled.boilerplate] == [title, caption]
