"""Speaker mentions: trimming dates and clauses, name / title / affiliation, the core."""
from __future__ import annotations

import pytest

from narratives.attribution.mentions import affiliation_of, core_of, parse_mention, trim


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("2025-04-06 UN High Commissioner for Human Rights Volker Turk on Sunday",
         "UN High Commissioner for Human Rights Volker Turk"),
        ("UN monitoring mission, which recorded the consequences of the shelling", "UN monitoring mission"),
        ("Yusov, who spoke to reporters", "Yusov"),
        ("On Sunday, Kremlin spokesman Dmitry Peskov", "Kremlin spokesman Dmitry Peskov"),
        ("the ministry in a statement on Telegram", "the ministry"),
        ("Peskov late on Monday", "Peskov"),
        ("the U.N.", "the U.N."),
        ("Volker Turk", "Volker Turk"),
        ("the Sunday Times", "the Sunday Times"),
    ],
)
def test_trim_keeps_the_speaker_proper(text, speaker):
    start, end = trim(text)
    assert text[start:end] == speaker


@pytest.mark.parametrize(
    "text, name, title, affiliation",
    [
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "Kremlin spokesman", "Kremlin"),
        ("Vassily Nebenzia, Russia's ambassador to the United Nations", "Vassily Nebenzia",
         "Russia's ambassador to the United Nations", "Russia"),
        ("spokeswoman for the UN human rights office", None, "spokeswoman for the UN human rights office",
         "UN human rights office"),
        ("UN High Commissioner for Human Rights Volker Türk", "Volker Türk", "UN High Commissioner for Human Rights", "UN"),
        ("Kirill Dmitriev, head of the Russian Direct Investment Fund", "Kirill Dmitriev",
         "head of the Russian Direct Investment Fund", "Russian Direct Investment Fund"),
        ("the International Committee of the Red Cross", "International Committee of the Red Cross", None, None),
        ("Peskov", "Peskov", None, None),
    ],
)
def test_parse_mention_into_name_title_affiliation(text, name, title, affiliation):
    parts = parse_mention(text)
    assert (parts.name, parts.title, parts.affiliation) == (name, title, affiliation)


def test_affiliation_of_a_bare_role_is_none():
    assert affiliation_of("spokesman") is None
    assert affiliation_of("Ukraine's foreign minister") == "Ukraine"


@pytest.mark.parametrize(
    "text, core",
    [
        ("Osnat Lubrani, UN resident coordinator in Ukraine", "Osnat Lubrani, UN resident coordinator"),
        ("Britain's UN ambassador Barbara Woodward", "Britain's ambassador Barbara Woodward"),
        ("Russia's envoy to the IAEA", "Russia's envoy"),
        ("UN special rapporteur on Russia", "UN special rapporteur"),
        # an adviser *to* someone works for them: the phrase stays
        ("Renat Karchaa, an adviser to the head of Rosenergoatom", "Renat Karchaa, an adviser to the head of Rosenergoatom"),
    ],
)
def test_core_drops_places_topics_and_postings(text, core):
    assert core_of(text) == core
