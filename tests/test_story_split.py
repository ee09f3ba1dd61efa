"""Events split when the article that held them together is deleted; ids stay stable."""
import datetime as dt

from index_fakes import DAY, BagOfWordsEmbedder, TableContradiction, analysis, claim
from test_stories import article, profile

from narratives.events.stories import SameEventModel, StoryTuning
from narratives.events.story_index import StoryIndex, story_id
from narratives.index.narrative_index import IndexTuning, NarrativeIndex

# Same incident when the centroid cosine reaches 0.5, so the texts decide.
BY_COSINE = SameEventModel(weights=(20.0, 0.0, 0.0, 0.0, 0.0), bias=-10.0, join_probability=0.5, merge_probability=0.5)
STATION = "missile killed civilians waiting at the Kramatorsk railway station"
THEATRE = "bombs destroyed the Mariupol drama theatre sheltering civilians"


def test_deleting_the_bridge_splits_the_story_and_the_younger_part_gets_its_old_id_back():
    index = StoryIndex(BagOfWordsEmbedder.dim, StoryTuning(model=BY_COSINE, headline_model=BY_COSINE))
    older = index.assign(profile(article("s", "Kramatorsk station", "Missile killed civilians"))).story_id
    younger = index.assign(profile(article("t", "Mariupol theatre", "Bombs killed civilians"))).story_id
    index.assign(profile(article("b", "Kramatorsk station Mariupol theatre", "Missile bombs killed civilians")))
    assert set(index.stories) == {older} and index.resolve(younger) == older
    bridge = index.profiles["b"]
    index.remove("b")
    split = index.split(older, ["s", "t", "b"], bridge)
    assert split.parts == ((younger, ("t",)),) and younger == story_id("t")
    assert set(index.stories) == {older, younger} and index.resolve(younger) == younger
    assert index.story_of == {"s": older, "t": younger}
    assert index.stories[older].article_ids == ["s"]


def test_a_story_that_still_holds_together_does_not_split():
    index = StoryIndex(BagOfWordsEmbedder.dim, StoryTuning(model=BY_COSINE, headline_model=BY_COSINE))
    sid = index.assign(profile(article("s", "Kramatorsk station", "Missile killed civilians"))).story_id
    index.assign(profile(article("s2", "Kramatorsk station", "Missile killed civilians waiting")))
    index.assign(profile(article("s3", "Kramatorsk station missile", "Civilians killed")))
    last = index.profiles["s3"]
    index.remove("s3")
    assert index.split(sid, ["s", "s2", "s3"], last).parts == () and index.stories[sid].article_ids == ["s", "s2"]


def _bridged_index():
    """A (station), B (both incidents), C (theatre): B joins A's story, C joins through B."""
    contradiction = TableContradiction({(f"the {THEATRE}", f"the {THEATRE} was not true"): (0.9, 0.05, 0.05)})
    index = NarrativeIndex(embedder=BagOfWordsEmbedder(), contradiction=contradiction, tuning=IndexTuning(stories=StoryTuning(model=BY_COSINE, headline_model=BY_COSINE)))
    index.add([analysis("A", [claim("a1", f"a {STATION}", "ukraine", article="A"), claim("a2", "no civilians were sheltering in the theatre", "russia", article="A")],
                        title="Kramatorsk railway station", outlet="ukrinform.net")])
    index.add([analysis("B", [claim("b1", f"a {STATION} and {THEATRE}", "other", article="B")],
                        title="Kramatorsk railway station and Mariupol drama theatre", outlet="bbc.com")])
    index.add([analysis("C", [claim("c1", f"the {THEATRE}", "ukraine", article="C"),
                              claim("c2", f"the {THEATRE} was not true", "russia", article="C")],
                        title="Mariupol drama theatre railway", outlet="tass.com")])
    return index


def test_deleting_the_bridging_article_splits_its_event_with_claims_and_pairs():
    index = _bridged_index()
    event = index.article("A").event_id
    assert index.article("C").event_id == event and index.events[event].outlets == ("bbc.com", "tass.com", "ukrinform.net")
    pairs = {frozenset((p.a, p.b)): p for p in index.pairs.values()}
    theatre, across = pairs[frozenset(("c1", "c2"))], pairs[frozenset(("a2", "c1"))]
    assert {p.event_id for p in pairs.values()} == {event}
    result = index.remove_article("B")
    new = story_id("C")
    assert index.article("A").event_id == event and index.article("C").event_id == new
    assert [a.id for a in result.articles] == ["C"] and result.articles[0].event_id == new
    assert {e.id for e in result.events} == {event, new}
    assert index.events[event].claim_ids == ("a1", "a2") and index.events[event].outlets == ("ukrinform.net",)
    assert set(index.events[new].claim_ids) == {"c1", "c2"} and index.events[new].outlets == ("tass.com",)
    assert {index.claims[c].event_id for c in ("c1", "c2")} == {new}
    # The theatre dispute moves with its claims; the pair the split tore apart is gone.
    assert list(index.pairs) == [theatre.id] and index.pairs[theatre.id].event_id == new
    assert [p.id for p in result.pairs] == [theatre.id]
    assert {theatre.id, across.id} <= set(result.removed_pair_ids)  # the store rewrites the moved one


def test_a_background_claim_of_another_article_follows_the_part_it_is_about():
    index = _bridged_index()
    drones = [claim(f"d{i}", "air defence shot down Shahed drones over Odesa overnight", "ukraine", article="D") for i in range(3)]
    background = claim("d9", f"last week {THEATRE}", "ukraine", article="D")
    index.add([analysis("D", [*drones, background], title="Odesa drones", outlet="ukrinform.net")])
    event = index.article("A").event_id
    assert index.claims["d9"].event_id == event != index.article("D").event_id
    index.remove_article("B")
    assert index.claims["d9"].event_id == story_id("C") and "d9" in index.events[story_id("C")].claim_ids
    assert index.article("D").event_ids == (index.article("D").event_id, story_id("C"))


def test_a_story_held_together_by_claim_links_is_not_split_by_an_unrelated_deletion():
    """D's headline matches no story, but its denial answers A's claim, so D joined A's
    event by claim links, not by the story decision: deleting A2 leaves D where it is."""
    index = NarrativeIndex(embedder=BagOfWordsEmbedder(), contradiction=TableContradiction(), tuning=IndexTuning(stories=StoryTuning(model=BY_COSINE, headline_model=BY_COSINE)))
    index.add([analysis("A", [claim("a1", f"a {STATION}", "ukraine", article="A")], title="Kramatorsk railway station")])
    index.add([analysis("A2", [claim("a3", f"again a {STATION}", "ukraine", article="A2")], title="Kramatorsk railway station strike")])
    briefing = claim("d0", "Moscow briefing on provocations staged by Kyiv today", "russia", article="D")
    denial = claim("d1", "Kyiv lies: the missile at Kramatorsk station was staged", "russia", article="D", cue="denied")
    index.add([analysis("D", [briefing, denial], title="Moscow briefing on provocations today")])
    event = index.article("A").event_id
    assert index.article("D").event_id == event
    index.remove_article("A2")
    assert index.article("D").event_id == event and set(index.events) == {event}


def test_claims_of_two_events_that_merge_are_paired_with_each_other():
    bridging = SameEventModel(weights=(20.0, 0.0, 0.0, 0.0, 0.0), bias=-10.0, join_probability=0.5, bridge_probability=0.5, merge_probability=0.5)
    index = NarrativeIndex(embedder=BagOfWordsEmbedder(), contradiction=TableContradiction(),
                           tuning=IndexTuning(stories=StoryTuning(model=bridging, headline_model=bridging)))
    index.add([analysis("S", [claim("s1", "Russian troops fired the missile at the Kramatorsk railway station", "ukraine", article="S")],
                        title="Kramatorsk railway station")])
    index.add([analysis("T", [claim("t1", "Ukrainian forces fired the missile killing civilians waiting at the station", "russia", article="T")],
                        title="Missile killing civilians waiting")])
    assert index.article("S").event_id != index.article("T").event_id and not index.pairs
    bridge = index.add([analysis("B", [claim("b1", "missile killing civilians waiting at the Kramatorsk railway station", "other", article="B")],
                                 title="Kramatorsk railway station missile killing civilians")])
    assert index.article("S").event_id == index.article("T").event_id == index.article("B").event_id
    (across,) = [p for p in bridge.pairs if {p.a, p.b} == {"s1", "t1"}]
    assert across.relation == "contradicts" and "who did it" in across.rationale
    assert across.id in index.pairs and across.event_id == index.article("S").event_id


def test_claim_links_do_not_stretch_a_story_past_its_span():
    """A story runs at most `max_span_days` however an article comes to it: D's denial
    answers the station claims of the day before, but the station story began ten days
    before that, so D keeps a story of its own."""
    def station_index():
        index = NarrativeIndex(embedder=BagOfWordsEmbedder(), contradiction=TableContradiction(),
                               tuning=IndexTuning(stories=StoryTuning(model=BY_COSINE, headline_model=BY_COSINE)))
        for k in range(4):  # one report every three days: days 0 to 9
            day = DAY + dt.timedelta(days=3 * k)
            index.add([analysis(f"A{k}", [claim(f"a{k}", f"a {STATION}", "ukraine", article=f"A{k}", published=day)], day,
                                title="Kramatorsk railway station")])
        return index

    def denial(day):
        d = claim("d1", "Kyiv lies: the missile at Kramatorsk station was staged", "russia", article="D", cue="denied", published=day)
        return analysis("D", [claim("d0", "Moscow briefing on provocations staged by Kyiv today", "russia", article="D", published=day), d],
                        day, title="Moscow briefing on provocations today")

    inside = station_index()
    inside.add([denial(DAY + dt.timedelta(days=10))])
    assert inside.article("D").event_id == inside.article("A0").event_id
    beyond = station_index()
    beyond.add([denial(DAY + dt.timedelta(days=11))])
    assert beyond.article("D").event_id != beyond.article("A0").event_id
    assert beyond.article("A0").event_id == beyond.article("A3").event_id
