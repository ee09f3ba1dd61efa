import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from index_fakes import BagOfWordsEmbedder, TableContradiction, analysis, claim

from narratives.errors import InputError
from narratives.index.narrative_index import NarrativeIndex

STRIKE = claim("r1", "the armed forces struck military facilities and command centres in Kharkiv", "russia", article="ru")
ALSO_RU = claim("r2", "the armed forces struck military facilities in Kharkiv with precision weapons", "russia", article="ru")
DENIAL = claim("u1", "the strike on Kharkiv hit military facilities", "ukraine", article="ua", cue="denied")
DRONES = claim("u2", "air defence shot down Shahed drones over Odesa overnight", "ukraine", article="od")
DRONES_RU = claim("d1", "air defence shot down Shahed drones over Odesa overnight", "russia", article="ru")
LATER = claim("u3", "the armed forces struck military facilities in Kharkiv", "ukraine", article="late",
              published=dt.date(2024, 2, 20))


SEED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "efe-afp-2023-12-31-kharkiv-belgorod.json"


def new_index(model=None):
    return NarrativeIndex(embedder=BagOfWordsEmbedder(), contradiction=model or TableContradiction())


def test_articles_about_one_incident_share_an_event_and_counter_claims_are_paired():
    index = new_index()
    first = index.add([analysis("ru", [STRIKE, ALSO_RU], title="Strike on Kharkiv", outlet="tass.com")])
    assert len(first.events) == 1 and first.pairs == ()  # same side: never paired
    second = index.add([analysis("ua", [DENIAL], title="Kharkiv strike", outlet="ukrinform.net")])
    (denial,) = second.claims
    (ru,) = first.articles
    (ua,) = second.articles
    assert ua.event_id == ru.event_id == denial.event_id == first.claims[0].event_id
    assert ua.event_ids == (ua.event_id,)
    assert second.embeddings.shape == (1, BagOfWordsEmbedder.dim)
    assert {(p.a, p.b, p.relation) for p in second.pairs} == {("r1", "u1", "contradicts"), ("r2", "u1", "contradicts")}
    event = index.events[denial.event_id]
    assert event.sides == ("russia", "ukraine") and set(event.claim_ids) == {"r1", "r2", "u1"}
    assert event.article_ids == ("ru", "ua") and event.outlets == ("tass.com", "ukrinform.net")
    np.testing.assert_allclose(index.embedding("u1"), second.embeddings[0])


def test_a_claim_about_another_incident_leaves_its_articles_event():
    index = new_index()
    filler = [claim(f"f{i}", "the armed forces struck military facilities in Kharkiv again", "russia", article="ru") for i in range(3)]
    (result) = index.add([analysis("ru", [*filler, DRONES_RU], title="Strike on Kharkiv")])
    by_id = {c.id: c for c in result.claims}
    (article,) = result.articles
    assert by_id["f0"].event_id == article.event_id
    assert by_id["d1"].event_id != article.event_id
    assert article.event_ids == (article.event_id, by_id["d1"].event_id)


def test_a_claim_too_short_to_name_an_incident_stays_with_its_article():
    index = new_index()
    lede = claim("k1", "two missiles hit the railway station in Kramatorsk killing dozens", "ukraine", article="uk", speaker="Ukrinform")
    denial = claim("k2", "responsibility", "russia", article="uk", speaker="the Kremlin", cue="denied")
    result = index.add([analysis("uk", [lede, denial], title="Missiles hit Kramatorsk railway station")])
    (article,) = result.articles
    assert {c.id: c.event_id for c in result.claims} == {"k1": article.event_id, "k2": article.event_id}


def test_a_claim_is_paired_with_counter_claims_of_many_other_articles():
    index = new_index()
    index.add([analysis(f"ua{i}", [claim(f"u{i}", f"russian missiles struck the Kharkiv station report {i}", "ukraine", article=f"ua{i}")],
                        title="Russian missiles struck the Kharkiv station") for i in range(6)])
    result = index.add([analysis("ru", [claim("r", "ukrainian missiles struck the Kharkiv station", "russia", article="ru", cue="denied")],
                                 title="Ukrainian missiles struck the Kharkiv station")])
    assert len({p.a for p in result.pairs} | {p.b for p in result.pairs}) - 1 == 6


def test_a_denial_is_scored_against_the_claims_that_blame_its_side_however_worded():
    index = new_index()
    title = "Missiles hit the Kramatorsk railway station"
    reports = [analysis(f"ua{i}", [claim(f"a{i}", f"dozens were killed at the Kramatorsk railway station report {i}", "ukraine",
                                         article=f"ua{i}")], title=title) for i in range(14)]
    blames = analysis("zz", [claim("zz", "Russian missiles hit the Kramatorsk railway station", "ukraine", article="zz")], title=title)
    index.add([*reports, blames])
    denial = claim("r", "responsibility", "russia", article="ru", cue="denied", speaker="the Kremlin")
    result = index.add([analysis("ru", [denial], title=title)])
    assert ("zz", "r", "contradicts") in {(p.a, p.b, p.relation) for p in result.pairs}


def test_claims_outside_the_date_window_open_a_new_event():
    index = new_index()
    index.add([analysis("ru", [STRIKE])])
    (late,) = index.add([analysis("late", [LATER], published=LATER.published)]).claims
    assert late.event_id != index.claims["r1"].event_id


def test_removing_an_article_drops_its_claims_pairs_and_empty_events():
    index = new_index()
    index.add([analysis("ru", [STRIKE, ALSO_RU]), analysis("ua", [DENIAL]), analysis("od", [DRONES], title="Odesa drones")])
    drone_event = index.claims["u2"].event_id
    strike_event = index.claims["r1"].event_id
    assert index.claims["u1"].event_id == strike_event != drone_event
    result = index.remove_article("ua")
    assert set(index.claims) == {"r1", "r2", "u2"}
    assert index.pairs == {} and len(result.removed_pair_ids) == 2
    assert [e.id for e in result.events] == [strike_event]
    assert index.events[strike_event].claim_ids == ("r1", "r2")
    assert index.events[strike_event].article_ids == ("ru",)
    assert index.remove_article("od").removed_event_ids == (drone_event,)
    with pytest.raises(Exception):
        index.embedding("u1")


def test_adding_is_idempotent_and_ids_are_deterministic():
    one, two = new_index(), new_index()
    batch = [analysis("ru", [STRIKE, ALSO_RU]), analysis("ua", [DENIAL]), analysis("od", [DRONES])]
    one.add(batch)
    two.add(batch)
    assert set(one.events) == set(two.events) and set(one.pairs) == set(two.pairs)
    again = one.add(batch)
    assert again.claims == () and again.pairs == ()


def test_load_restores_state_without_model_calls_and_keeps_linking():
    index = new_index()
    result = index.add([analysis("ru", [STRIKE, ALSO_RU], title="Strike on Kharkiv")])
    embedder = BagOfWordsEmbedder()
    model = TableContradiction()
    restored = NarrativeIndex(embedder=embedder, contradiction=model)
    (article,) = result.articles
    restored.load(
        list(index.claims.values()), result.embeddings, list(index.events.values()), list(index.pairs.values()),
        stories=[(article, article.event_id, result.story_vectors[0])],
    )
    assert embedder.calls == 0 and model.seen == []
    assert dict(restored.events) == dict(index.events)
    second = restored.add([analysis("ua", [DENIAL], title="Kharkiv strike")])
    assert second.claims[0].event_id == second.articles[0].event_id == index.claims["r1"].event_id


def test_load_rejects_misaligned_embeddings():
    with pytest.raises(InputError):
        new_index().load([STRIKE], np.zeros((2, BagOfWordsEmbedder.dim), np.float32), [], [])


def test_pairing_reads_probabilities_by_label_name():
    civilian = claim("u4", "the armed forces struck civilian targets in Kharkiv, not military facilities", "ukraine", article="ua")
    model = TableContradiction({(civilian.text, STRIKE.text): (0.9, 0.05, 0.05)})
    index = new_index(model)
    index.add([analysis("ru", [STRIKE])])
    (pair,) = index.add([analysis("ua", [civilian])]).pairs
    assert pair.relation == "contradicts" and pair.contradiction >= 0.85


@pytest.mark.models
def test_seed_gold_counter_claims_and_events_with_the_real_models(embedder, contradiction_model):
    from narratives.evaluation.gold import evaluate_gold_files, gold_paths
    from narratives.evaluation.gold_pairs import pair_report

    runs = evaluate_gold_files(gold_paths(SEED_GOLD))
    report = pair_report(runs, lambda: NarrativeIndex(embedder=embedder, contradiction=contradiction_model))
    assert report["pairs"]["required_found"] == report["pairs"]["required_total"] == 3
    assert report["pairs"]["forbidden_reported"] == 0
    assert report["events"]["purity"] >= 0.9
    together = {k.split(":")[1]: v for k, v in report["events"]["together"].items()}
    # The strike claims share one event (the governor's casualty detail may stand apart);
    # Putin's New Year speech is one event of its own.
    assert together["kharkiv-strike"]["together"] >= together["kharkiv-strike"]["claims"] - 1
    assert together["new-year-speech"]["together"] == together["new-year-speech"]["claims"]
