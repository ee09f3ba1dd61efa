import datetime as dt

import numpy as np
import pytest
from index_fakes import BagOfWordsEmbedder, TableContradiction, analysis, claim

from narratives.errors import InputError
from narratives.index import NarrativeIndex

STRIKE = claim("r1", "the armed forces struck military facilities and command centres in Kharkiv", "russia", article="ru")
ALSO_RU = claim("r2", "the armed forces struck military facilities in Kharkiv with precision weapons", "russia", article="ru")
DENIAL = claim("u1", "the strike on Kharkiv hit military facilities", "ukraine", article="ua", cue="denied")
DRONES = claim("u2", "air defence shot down Shahed drones over Odesa overnight", "ukraine", article="ua")
LATER = claim("u3", "the armed forces struck military facilities in Kharkiv", "ukraine", article="late",
              published=dt.date(2024, 2, 20))


def new_index(model=None):
    return NarrativeIndex(embedder=BagOfWordsEmbedder(), contradiction=model or TableContradiction())


def test_claims_about_one_event_join_it_and_counter_claims_are_paired():
    index = new_index()
    first = index.add([analysis("ru", [STRIKE, ALSO_RU])])
    assert len(first.events) == 1 and first.pairs == ()  # same side: never paired
    second = index.add([analysis("ua", [DENIAL, DRONES])])
    by_id = {c.id: c for c in second.claims}
    assert by_id["u1"].event_id == first.claims[0].event_id
    assert by_id["u2"].event_id != by_id["u1"].event_id
    assert second.embeddings.shape == (2, BagOfWordsEmbedder.dim)
    assert {(p.a, p.b, p.relation) for p in second.pairs} == {("r1", "u1", "contradicts"), ("r2", "u1", "contradicts")}
    event = index.events[by_id["u1"].event_id]
    assert event.sides == ("russia", "ukraine") and set(event.claim_ids) == {"r1", "r2", "u1"}
    np.testing.assert_allclose(index.embedding("u1"), second.embeddings[0])


def test_claims_outside_the_date_window_open_a_new_event():
    index = new_index()
    index.add([analysis("ru", [STRIKE])])
    (late,) = index.add([analysis("late", [LATER], published=LATER.published)]).claims
    assert late.event_id != index.claims["r1"].event_id


def test_removing_an_article_drops_its_claims_pairs_and_empty_events():
    index = new_index()
    index.add([analysis("ru", [STRIKE, ALSO_RU]), analysis("ua", [DENIAL, DRONES])])
    drone_event = index.claims["u2"].event_id
    strike_event = index.claims["r1"].event_id
    result = index.remove_article("ua")
    assert set(index.claims) == {"r1", "r2"}
    assert index.pairs == {} and len(result.removed_pair_ids) == 2
    assert result.removed_event_ids == (drone_event,)
    assert [e.id for e in result.events] == [strike_event]
    assert index.events[strike_event].claim_ids == ("r1", "r2")
    with pytest.raises(Exception):
        index.embedding("u1")


def test_adding_is_idempotent_and_ids_are_deterministic():
    one, two = new_index(), new_index()
    batch = [analysis("ru", [STRIKE, ALSO_RU]), analysis("ua", [DENIAL, DRONES])]
    one.add(batch)
    two.add(batch)
    assert set(one.events) == set(two.events) and set(one.pairs) == set(two.pairs)
    again = one.add(batch)
    assert again.claims == () and again.pairs == ()


def test_load_restores_state_without_model_calls_and_keeps_linking():
    index = new_index()
    result = index.add([analysis("ru", [STRIKE, ALSO_RU])])
    embedder = BagOfWordsEmbedder()
    model = TableContradiction()
    restored = NarrativeIndex(embedder=embedder, contradiction=model)
    restored.load(list(index.claims.values()), result.embeddings, list(index.events.values()), list(index.pairs.values()))
    assert embedder.calls == 0 and model.seen == []
    assert dict(restored.events) == dict(index.events)
    (denial,) = restored.add([analysis("ua", [DENIAL])]).claims
    assert denial.event_id == index.claims["r1"].event_id


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

    runs = evaluate_gold_files(gold_paths(None))
    report = pair_report(runs, lambda: NarrativeIndex(embedder=embedder, contradiction=contradiction_model))
    assert report["pairs"]["required_found"] == report["pairs"]["required_total"] == 3
    assert report["pairs"]["forbidden_reported"] == 0
    assert report["events"]["purity"] >= 0.9
