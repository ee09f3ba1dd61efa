from __future__ import annotations

import datetime as dt

import pytest

from narratives.errors import DecodeError, EmptyTextError, InputError, TextTooLongError
from narratives.ingest.articles import build_article, content_id, normalise_for_hash


def test_article_keeps_text_and_metadata():
    article = build_article(
        {"text": "Kyiv said the drones were shot down.", "title": "T", "outlet": "ukrinform.net",
         "published": "2024-01-02", "id": "ext-1"}
    )
    assert article.text == "Kyiv said the drones were shot down."
    assert article.published == dt.date(2024, 1, 2)
    assert article.outlet == "ukrinform.net"
    assert article.external_id == "ext-1"


def test_id_ignores_invisible_controls_and_rewrapping():
    plain = build_article({"text": "Moscow denied the strike.\nIt said nothing more."})
    noisy = build_article({"text": "Moscow\u200b denied the\u202e strike.\r\n  It said nothing more.  "})
    assert plain.id == noisy.id
    assert normalise_for_hash("a\u200d b\n\nc") == "a b c"


def test_nfc_normalisation_gives_same_id():
    composed = "Zelensky visited Odesa caf\u00e9."
    decomposed = "Zelensky visited Odesa cafe\u0301."
    assert content_id(composed) == content_id(decomposed)
    assert build_article({"text": decomposed}).text == composed


@pytest.mark.parametrize("text", ["", "   \n\t ", "\u200b\u200b"])
def test_empty_text_is_rejected(text):
    with pytest.raises(EmptyTextError):
        build_article({"text": text})


def test_oversize_text_is_rejected_with_the_limit():
    with pytest.raises(TextTooLongError, match="limit is 100"):
        build_article({"text": "word " * 50}, max_chars=100)


@pytest.mark.parametrize("text", ["bad\x00byte", "lone \ud800 surrogate"])
def test_binary_or_surrogates_are_decode_errors(text):
    with pytest.raises(DecodeError):
        build_article({"text": text})


def test_bad_fields_name_the_field():
    with pytest.raises(InputError) as info:
        build_article({"text": "x said y", "published": "yesterday"})
    assert info.value.field == "published"
    with pytest.raises(InputError, match="either 'text' or 'html'"):
        build_article({"text": "a", "html": "<p>a</p>"})
    with pytest.raises(InputError, match="unknown field"):
        build_article({"text": "a", "body": "b"})


def test_html_main_text_is_extracted():
    html = (
        "<html><head><title>x</title></head><body><nav>Home | World | Sport</nav><article>"
        "<h1>Strike on Kharkiv</h1>"
        + "".join(f"<p>The governor said paragraph {i} of the report was confirmed by officials on Sunday.</p>" for i in range(6))
        + "</article><footer>Copyright 2024</footer></body></html>"
    )
    article = build_article({"html": html})
    assert "The governor said paragraph 3" in article.text
    assert "<p>" not in article.text


def test_cyrillic_text_is_accepted():
    article = build_article({"text": "Минобороны России заявило об ударе по Харькову."})
    assert article.text.startswith("Минобороны")


def test_a_date_off_the_calendar_of_news_is_refused_not_a_server_error():
    # found by the OpenAPI fuzz: a story's date window reaches 14 days before publication
    with pytest.raises(InputError, match="between 1800-01-01 and 2999-12-31") as info:
        build_article({"text": "x said y", "published": "0001-01-01"})
    assert info.value.field == "published"
    assert build_article({"text": "x said y", "published": "1914-07-28"}).published == dt.date(1914, 7, 28)
