import datetime as dt
from collections import Counter

from index_fakes import claim

from narratives.events.alignment import (
    AlignmentTuning,
    build_event,
    distinctive,
    event_id,
    extract_entities,
    link_score,
)
from narratives.types import Article


def test_entities_are_capitalised_names_with_multiword_names_kept_together():
    text = "The Armed Forces of the Russian Federation attacked Kharkiv on Sunday, Moscow's statement said."
    assert extract_entities(text) == {"armed forces", "russian federation", "kharkiv", "moscow"}


def test_places_have_one_spelling_and_a_possessive_ends_a_name():
    russian = extract_entities("Strike on Kremenchug mall: Zaporozhye's governor and Kiev react")
    ukrainian = extract_entities("Kremenchuk mall strike, Zaporizhzhia governor, Kyiv reacts")
    assert {"kremenchuk", "kyiv"} <= russian & ukrainian
    assert "zaporizhzhia" in russian and "zaporizhzhia" in ukrainian
    assert "azovstal" in extract_entities("Trial of Azovstal’s Ukranazis inevitable")


def test_common_names_are_not_distinctive():
    frequency = Counter({"russia": 40, "kharkiv": 3})
    assert distinctive(frozenset({"russia", "kharkiv"}), frequency, 100, max_share=0.15) == {"kharkiv"}


def test_link_score_rewards_shared_names_and_disputes():
    tuning = AlignmentTuning()
    plain = link_score(0.45, shared_entities=False, dispute=False, tuning=tuning)
    assert plain < tuning.join_threshold
    assert link_score(0.45, shared_entities=False, dispute=True, tuning=tuning) > plain
    assert link_score(0.45, shared_entities=True, dispute=False, tuning=tuning) > plain


def test_event_ids_are_stable_hashes():
    assert event_id("cl_1") == event_id("cl_1")
    assert event_id("cl_1") != event_id("cl_2")
    assert event_id("cl_1").startswith("ev_")


def test_event_label_names_place_what_and_dates():
    members = [
        claim("a", "Russian forces attacked decision-making centres in Kharkiv", "russia"),
        claim("b", "The aggressor again attacked civilian targets in Kharkiv", "ukraine"),
    ]
    articles = [Article(id="x", text="...", outlet="tass.com"), Article(id="y", text="...", outlet="ukrinform.net")]
    event = build_event("ev_x", members, [dt.date(2023, 12, 30), dt.date(2023, 12, 31)], Counter({"kharkiv": 2, "russian": 1}),
                        articles=articles, headline="Russia strikes a hotel")
    assert event.label == "Kharkiv: Russia strikes a hotel (30 Dec 2023 to 31 Dec 2023)"
    assert event.article_ids == ("x", "y") and event.outlets == ("tass.com", "ukrinform.net")
    unnamed = build_event("ev_y", members, [dt.date(2022, 4, 8)], Counter({"kharkiv": 2}))
    assert unnamed.label == "Russian forces attacked decision-making centres in Kharkiv (8 Apr 2022)"
    assert (event.start_date, event.end_date) == (dt.date(2023, 12, 30), dt.date(2023, 12, 31))
    assert event.sides == ("russia", "ukraine")
    assert event.claim_ids == ("a", "b")


def test_event_label_leads_with_a_town_or_a_name_its_headlines_repeat():
    members = [claim("a", "about 300 people were killed in the theatre", "ukraine")]
    day = [dt.date(2022, 3, 25)]
    # A word one headline capitalises ("Estimated") is no place; the town is.
    estimated = build_event("ev_a", members, day, Counter({"estimated": 5.0, "mariupol": 1.0}),
                            headline="300 were killed in theatre bombing")
    assert estimated.label == "Mariupol: 300 were killed in theatre bombing (25 Mar 2022)"
    # A site the story's headlines keep naming leads, though it is no town.
    site = build_event("ev_b", members, day, Counter({"azovstal": 5.0, "mariupol": 1.0}),
                       headline="Fighters leave the plant", recurring=frozenset({"azovstal"}))
    assert site.label == "Azovstal: Fighters leave the plant (25 Mar 2022)"
    # A capital that stands for its government does not ("Moscow says ...").
    seat = build_event("ev_c", members, day, Counter({"moscow": 5.0}), headline="265 fighters surrendered, officials say")
    assert seat.label == "265 fighters surrendered, officials say (25 Mar 2022)"
