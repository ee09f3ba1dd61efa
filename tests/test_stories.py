import dataclasses
import datetime as dt

import numpy as np
from index_fakes import BagOfWordsEmbedder

from narratives.events.stories import (
    SameEventModel,
    StoryTuning,
    headline,
    is_short,
    lede_text,
    story_profile,
    term_counts,
)
from narratives.events.story_index import StoryIndex
from narratives.ingest.headlines import slug_headline
from narratives.types import Article

DAY = dt.date(2022, 4, 8)
EMBED = BagOfWordsEmbedder()


def article(aid, title, text, published=DAY, outlet=None):
    return Article(id=aid, title=title, text=text, published=published, outlet=outlet)


def profile(a):
    return story_profile(a, EMBED.embed([lede_text(a)])[0])


STATION = article("a1", "Missile strike on Kramatorsk railway station", "A missile hit the Kramatorsk railway station, killing 50 civilians waiting to leave.")
STATION_RU = article("a2", "Kramatorsk railway station strike a Ukrainian provocation", "The Tochka-U missile that hit the Kramatorsk railway station was Ukrainian, the ministry said.")
THEATRE = article("a3", "Mariupol drama theatre bombed", "An air strike destroyed the drama theatre in Mariupol where hundreds of civilians sheltered.")


def test_reports_of_one_incident_share_a_story_and_another_incident_does_not():
    index = StoryIndex(EMBED.dim)
    first = index.assign(profile(STATION))
    assert first.probability == 0.0  # opened it
    second = index.assign(profile(STATION_RU))
    third = index.assign(profile(THEATRE))
    assert second.story_id == first.story_id and second.probability >= SameEventModel().join_probability
    assert third.story_id != first.story_id
    assert index.stories[first.story_id].article_ids == ["a1", "a2"]


def test_candidates_come_from_the_date_window_only():
    index = StoryIndex(EMBED.dim)
    index.assign(profile(STATION))
    late = dataclasses.replace(STATION_RU, id="late", published=DAY + dt.timedelta(days=30))
    undated = dataclasses.replace(STATION_RU, id="undated", published=None)
    assert index.candidates(profile(late)) == [] and index.candidates(profile(undated)) == []
    assert [s.id for s in index.candidates(profile(STATION_RU))] == [index.story_of["a1"]]


def test_an_article_bridging_two_stories_merges_them_under_the_older_id():
    by_cosine = SameEventModel(weights=(20.0, 0.0, 0.0, 0.0, 0.0), bias=-10.0, join_probability=0.5, merge_probability=0.5)
    index = StoryIndex(EMBED.dim, StoryTuning(model=by_cosine, headline_model=by_cosine))
    older = index.assign(profile(article("s", "Kramatorsk station", "Missile killed civilians"))).story_id
    younger = index.assign(profile(article("t", "Mariupol theatre", "Bombs killed civilians"))).story_id
    assert younger != older
    bridge = index.assign(profile(article("b", "Kramatorsk station Mariupol theatre", "Missile bombs killed civilians")))
    assert bridge.story_id == older and bridge.merged == (younger,)
    assert index.resolve(younger) == older and set(index.stories) == {older}
    assert index.story_of["t"] == older


def test_removing_the_last_article_deletes_the_story_and_restore_rebuilds_it():
    index = StoryIndex(EMBED.dim)
    sid = index.assign(profile(STATION)).story_id
    index.assign(profile(STATION_RU))
    assert index.remove("a1") == sid and index.stories[sid].article_ids == ["a2"]
    np.testing.assert_allclose(index.stories[sid].centroid(), profile(STATION_RU).vector, atol=1e-6)
    index.remove("a2")
    assert sid not in index.stories and index.candidates(profile(STATION)) == []
    index.restore(profile(STATION), sid)
    assert index.story_of["a1"] == sid and index.central_headline(sid) == STATION.title


def test_headline_is_the_title_else_the_first_line():
    assert headline(article("h", None, "Cnn: Dr. Gupta named surgeon general\nMore.")) == "Cnn: Dr. Gupta named surgeon general"
    assert headline(article("t", "The title", "Text.")) == "The title"


def test_lede_is_the_headline_and_first_sentences():
    a = article("x", "Headline", "One. Two! Three? Four.")
    assert lede_text(a) == "Headline. One. Two! Three?"
    assert lede_text(article("y", None, "First line.\nSecond. Still second.\nThird.\nFourth.")) == "First line. Second. Still second. Third."


def test_daily_reports_do_not_chain_into_an_event_of_months():
    index = StoryIndex(EMBED.dim)
    text = "Shelling of Donetsk region: the occupiers shelled Avdiivka and Marinka overnight."
    stories = [index.assign(profile(article(f"d{n}", "Shelling of Donetsk region", text, published=DAY + dt.timedelta(days=2 * n)))).story_id
               for n in range(15)]
    assert stories[1] == stories[0]  # two days on: the same story
    span = StoryTuning().max_span_days
    assert stories[span // 2 + 1] != stories[0]  # past its span, a story takes no more articles
    assert len(set(stories)) >= 2


def test_daily_reports_arriving_newest_first_do_not_chain_backwards_either():
    # A batch file is in no date order: a story must not grow into the past without end.
    index = StoryIndex(EMBED.dim)
    text = "Shelling of Donetsk region: the occupiers shelled Avdiivka and Marinka overnight."
    for n in range(15):
        index.assign(profile(article(f"d{n}", "Shelling of Donetsk region", text, published=DAY - dt.timedelta(days=2 * n))))
    spans = [story.date_range() for story in index.stories.values()]
    assert len(spans) >= 2
    assert max((last - first).days for first, last in spans) <= StoryTuning().max_span_days


def test_stories_bridged_by_an_article_merge_only_within_a_story_span():
    index = StoryIndex(EMBED.dim)
    day = lambda n: DAY + dt.timedelta(days=n)  # noqa: E731
    # Whole articles (the headline model merges only stories a day apart).
    report = ("Kramatorsk station", " ".join(f"A missile hit the Kramatorsk railway station at {hour} killing civilians "
                                             "waiting for evacuation trains." for hour in ("ten", "noon", "one", "two", "three")))
    for n in range(0, 13, 3):  # one story from day 0 to day 12
        index.assign(profile(article(f"s{n}", *report, published=day(n))))
    index.assign(profile(article("t", *report, published=day(15))))  # past the first story's span: a story of its own
    assert len(index.stories) == 2
    bridge = index.assign(profile(article("b", *report, published=day(13))))
    assert bridge.merged == ()  # together they would run 15 days
    assert len(index.stories) == 2


def test_headline_feed_articles_are_judged_by_the_headline_model():
    tuning = StoryTuning()
    short, whole = profile(STATION), profile(article("w", "Kramatorsk station", " ".join([STATION.text] * 8)))
    assert is_short(short) and not is_short(whole)
    assert tuning.model_for(short) is tuning.headline_model and tuning.model_for(whole) is tuning.model


def test_headline_stories_merge_on_weaker_evidence_only_within_a_day():
    weak = SameEventModel(weights=(20.0, 0.0, 0.0, 0.0, 0.0), bias=-10.0, join_probability=0.5,
                          bridge_probability=0.5, merge_probability=0.5, merge_within_days=1)

    def stream(second_day, follow_up=None):
        index = StoryIndex(EMBED.dim, StoryTuning(model=weak, headline_model=weak))
        older = index.assign(profile(article("s", "Kramatorsk station", "Missile killed civilians"))).story_id
        if follow_up is not None:
            assert index.assign(profile(article("f", "Kramatorsk station", "Missile killed civilians", published=follow_up))).story_id == older
        index.assign(profile(article("t", "Mariupol theatre", "Bombs killed civilians", published=second_day)))
        return older, index.assign(profile(article("b", "Kramatorsk station Mariupol theatre", "Missile bombs killed civilians",
                                                   published=second_day)))

    older, same_day = stream(DAY + dt.timedelta(days=1))
    assert same_day.story_id == older and len(same_day.merged) == 1
    _, days_apart = stream(DAY + dt.timedelta(days=3))
    assert days_apart.merged == ()
    # A story reported over days overlaps one that began a week after its first report: a
    # long-running incident's reports (the Mariupol theatre, 9-20 March) merge with the
    # story the next outlet opened; the bridging report's own day does not count.
    _, still_reported = stream(DAY + dt.timedelta(days=3), follow_up=DAY + dt.timedelta(days=2))
    assert len(still_reported.merged) == 1


def test_an_untitled_article_is_aligned_by_its_url_slug():
    assert slug_headline("https://www.rt.com//russia/552101-mariupol-theater-ukraine/") == "mariupol theater ukraine"
    assert slug_headline("https://www.ukrinform.net/rubric-ato/3459265-kramatorsk-station-attack.html") == "kramatorsk station attack"
    # ids and section names are no headline
    assert slug_headline("tass.com/politics/1473195") is None
    assert slug_headline("https://www.bbc.co.uk/news/world-europe-60387486") is None
    assert slug_headline(None) is None
    lede = "Russia denies responsibility, claiming militants blew up the building."
    untitled = Article(id="rt", text=lede, url="https://www.rt.com/russia/552101-mariupol-theater-ukraine/")
    assert "mariupol" in profile(untitled).terms and "mariupol" in lede_text(untitled)
    # a title wins over the slug
    titled = dataclasses.replace(untitled, title="Moscow denies theatre strike", text=f"Moscow denies theatre strike. {lede}")
    assert "mariupol" not in profile(titled).terms


def test_a_possessive_counts_as_its_noun_in_the_word_bag():
    # "Trial of Azovstal’s Ukranazis inevitable" and "Defenders from Azovstal ..." share a word.
    words = term_counts("Trial of Azovstal’s Ukranazis inevitable – Pushylin, Russia's envoy")
    assert words["azovstal"] == 1 and "azovstal’s" not in words and words["russia"] == 1


def _long(aid, title, text, published):
    """A whole article (not a headline feed): its text repeated past `SHORT_ARTICLE_WORDS`."""
    a = article(aid, title, " ".join([text] * 6), published=published)
    assert not is_short(profile(a))
    return a


def test_a_follow_up_days_after_the_window_joins_only_a_story_it_matches_strongly():
    index = StoryIndex(EMBED.dim)
    station = _long("s", STATION.title, STATION.text + " Evacuees waited on the platform.", DAY)
    sid = index.assign(profile(station)).story_id
    eight_days_on = DAY + dt.timedelta(days=8)  # past the 3-day window, inside the 10-day span
    follow_up = _long("f", "Kramatorsk railway station strike: evidence of the missile", STATION.text, eight_days_on)
    other = _long("o", THEATRE.title, THEATRE.text, eight_days_on)
    assert index.is_late(profile(follow_up), index.stories[sid])
    assert index.assign(profile(follow_up)).story_id == sid
    assert index.assign(profile(other)).story_id != sid
    # nor does a whole article beyond the story's span
    too_late = _long("l", follow_up.title, STATION.text, DAY + dt.timedelta(days=11))
    assert index.assign(profile(too_late)).story_id != sid


def test_a_headline_feed_item_days_after_the_window_opens_its_own_story():
    """A new strike in the same town reads like the old one in a headline and a lede."""
    index = StoryIndex(EMBED.dim)
    sid = index.assign(profile(_long("s", STATION.title, STATION.text, DAY))).story_id
    short = article("h", STATION.title, STATION.text, published=DAY + dt.timedelta(days=8))
    assert is_short(profile(short)) and index.candidates(profile(short)) == []
    assert index.assign(profile(short)).story_id != sid
