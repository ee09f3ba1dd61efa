import dataclasses
import datetime as dt

from index_fakes import TableContradiction
from index_fakes import claim as _claim

from narratives.pairing.score import PairingTuning, may_pair, pair_id, polarity_clash, score_candidates, score_pair

TUNING = PairingTuning()


def claim(cid: str, text: str, side: str, **fields):
    """A claim of its own article unless told (another outlet's report, as most pairs are)."""
    return _claim(cid, text, side, **{"article": f"art-{cid}", **fields})


STRIKE = claim("r1", "the armed forces attacked military facilities in the city", "russia")
CIVILIAN = claim("u2", "the aggressor again attacked civilian and non-military targets", "ukraine")
DENIAL = claim("u1", "the attack had hit military targets", "ukraine", cue="denied")


def test_same_side_unknown_side_and_neutral_narrators_are_never_paired():
    assert not may_pair(STRIKE, claim("r2", "other russian claim", "russia"), TUNING)
    assert not may_pair(STRIKE, claim("x", "someone said", "unknown"), TUNING)
    wire = claim("n", "Russia attacked the city", "other", kind="narrator", cue=None, decided_by="outlet")
    assert not may_pair(STRIKE, wire, TUNING)
    partisan = claim("p", "Kyiv regime shells the city", "russia", kind="narrator", cue=None, decided_by="outlet")
    assert may_pair(CIVILIAN, partisan, TUNING)
    assert may_pair(STRIKE, CIVILIAN, TUNING)


STATION = claim("r3", "Ukrainian forces fired the Tochka-U missile at the Kramatorsk railway station", "russia")
BLAME = claim("u5", "a Russian Iskander missile hit the railway station in Kramatorsk", "ukraine")


def test_model_contradiction_in_either_direction_makes_a_counter_claim():
    model = TableContradiction({(BLAME.text, STATION.text): (0.9, 0.05, 0.05)})
    (pair,) = score_candidates(model, [(STATION, BLAME, 0.65, "ev")], tuning=TUNING)
    assert pair.relation == "contradicts"
    assert pair.contradiction >= 0.7
    assert (pair.a, pair.b, pair.side_a, pair.side_b, pair.event_id) == ("r3", "u5", "russia", "ukraine", "ev")
    assert len(model.seen) == 2  # both directions, one call


def test_model_alone_does_not_set_loosely_similar_claims_against_each_other():
    tochka = claim("r4", "the Tochka-U missile hit the Kramatorsk railway station at noon", "russia")
    iskander = claim("u6", "the missile that hit the railway station in Kramatorsk was an Iskander, not a Tochka-U", "ukraine")
    kwargs = dict(entailment=(0.05, 0.05), contradiction=(0.9, 0.9), tuning=TUNING)
    assert score_pair(tochka, iskander, similarity=0.45, **kwargs)[0] == "related"
    assert score_pair(tochka, iskander, similarity=0.65, **kwargs)[0] == "contradicts"


def test_claims_blaming_different_parties_for_one_attack_contradict_without_the_model():
    relation, _, why = score_pair(STATION, BLAME, similarity=0.45, entailment=(0.05, 0.05),
                                  contradiction=(0.0, 0.0), tuning=TUNING)
    assert relation == "contradicts" and "who did it" in why
    # The same place struck again months later is another incident.
    later = claim("u7", "a Russian missile hit the railway station in Kramatorsk", "ukraine", published=dt.date(2022, 7, 7))
    earlier = claim("r5", "Ukrainian forces fired the Tochka-U missile at the Kramatorsk railway station", "russia",
                    published=dt.date(2022, 4, 8))
    assert score_pair(earlier, later, similarity=0.45, entailment=(0.05, 0.05), contradiction=(0.0, 0.0),
                      tuning=TUNING)[0] != "contradicts"


def test_model_alone_needs_claims_about_one_incident_not_one_region():
    # RUWA: close headlines about the same region, different incidents.
    occupied = claim("r", "the AFU actually occupied Sviatohorsk, the Donetsk region", "russia")
    strike = claim("u", "Russians strike Donetsk region communities, killing one person", "ukraine")
    kwargs = dict(entailment=(0.04, 0.04), contradiction=(0.9, 0.9), tuning=TUNING)
    assert score_pair(occupied, strike, similarity=0.64, **kwargs)[0] == "related"


def test_denial_turns_the_models_entailment_into_contradiction():
    entailed = TableContradiction({(DENIAL.text, STRIKE.text): (0.02, 0.9, 0.08)})
    (pair,) = score_candidates(entailed, [(STRIKE, DENIAL, 0.3, "ev")], tuning=TUNING)
    assert pair.relation == "contradicts"
    assert "denied" in pair.rationale


def test_rebuttal_of_the_other_sides_statements_contradicts_close_claims():
    liquidated = claim("r2", "intelligence officers who planned the attack were liquidated", "russia")
    fantasies = claim("u3", "all of Moscow's statements about casualties among intelligence officers are sick fantasies", "ukraine")
    relation, score, why = score_pair(liquidated, fantasies, similarity=0.55, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert relation == "contradicts" and "false" in why
    far, _, _ = score_pair(liquidated, fantasies, similarity=0.2, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert far == "related"


def test_a_falsity_word_aimed_at_nothing_named_needs_closer_claims():
    # RUWA: "propaganda" and "provocation" are mostly topics, and "fake" aimed at nothing
    # named was set against every loosely related headline of the event.
    strike = claim("u", "Russian missile hits Kramatorsk railway station, killing dozens", "ukraine")
    topic = claim("r", "Western propaganda war over Ukraine escalates", "russia")
    fake = claim("f", "Putin calls the Kramatorsk station strike 'fake'", "russia")
    named = claim("n", "Kyiv's reports about the station strike are fake", "russia")
    at = dict(entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert score_pair(strike, topic, similarity=0.7, **at)[0] == "related"
    assert score_pair(strike, fake, similarity=0.5, **at)[0] == "related"
    assert score_pair(strike, fake, similarity=0.65, **at)[0] == "contradicts"
    assert score_pair(strike, named, similarity=0.4, **at)[0] == "contradicts"


def test_a_denial_disputes_only_claims_it_shares_a_word_with():
    dismissal = claim("u", "Russian attempt to annex more of their country", "ukraine", cue="dismiss")
    unrelated = claim("r", "Putin stepped on a sore thumb of Western elites", "russia")
    annex = claim("r2", "the regions will join Russia after the votes on annexation of their country", "russia")
    at = dict(entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert score_pair(dismissal, unrelated, similarity=0.45, **at)[0] == "related"
    # nor does the model's contradiction count as denied content (RUWA: "Scholz rejected
    # accusations of Germany reducing support" against a shelling report)
    confident = dict(at, contradiction=(0.98, 0.98))
    assert score_pair(dismissal, unrelated, similarity=0.4, **confident)[0] == "related"
    assert score_pair(dismissal, annex, similarity=0.45, **at)[0] == "contradicts"
    # a first name is not a denial cue
    named = claim("d", "the attacks on government buildings", "russia", cue="Denys")
    assert score_pair(named, unrelated, similarity=0.45, **at)[0] == "related"


def test_a_bare_denial_answers_only_what_was_said_around_its_day():
    denial = claim("r", "attack", "russia", cue="denies", published=dt.date(2022, 3, 17), speaker="Moscow")
    later = claim("u", "Russian invaders are shelling the roads out of Severodonetsk and Lysychansk to stop the evacuation "
                  "after the attack", "ukraine", published=dt.date(2022, 3, 20))
    next_day = claim("u2", "the Russian attack on the theatre killed hundreds", "ukraine", published=dt.date(2022, 3, 18))
    at = dict(entailment=(0, 0), contradiction=(0.95, 0.95), tuning=TUNING)
    assert score_pair(denial, later, similarity=0.15, **at)[0] == "related"
    assert score_pair(denial, next_day, similarity=0.3, **at)[0] == "contradicts"


def test_a_bare_denial_answers_no_days_tally_of_fire():
    # RUWA, 8 April 2022: Russia's denial about the Kramatorsk station was set against
    # Ukrinform's daily round-up of Russian air raids.
    day = dt.date(2022, 4, 8)
    denial = claim("r", "responsibility", "russia", cue="denies", published=day, speaker="Russia")
    tally = claim("u", "Three Russian Su-24 bombers shelled Ukraine over the past day", "ukraine", published=day)
    station = claim("u2", "two Russian rockets hit a railway station in Kramatorsk", "ukraine", published=day)
    at = dict(entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert score_pair(denial, tally, similarity=0.1, **at)[0] == "related"
    assert score_pair(denial, station, similarity=0.1, **at)[0] == "contradicts"


def test_a_bare_denial_answers_claims_about_its_own_town_only():
    # Whole RUWA in date order, 2026-12-04: RT's untitled "Russia denies responsibility"
    # (url ".../mariupol-theater-ukraine/") was set against strikes on Dnipro, Shostka and
    # Kharkiv of the same days; its scene says which town it is about.
    from narratives.pairing.scene import with_scenes

    day = dt.date(2022, 3, 16)
    (denial,) = with_scenes([claim("r", "responsibility", "russia", cue="denies", published=day, speaker="Russia")],
                            "mariupol theater ukraine", None)
    assert denial.scene == "mariupol theater ukraine"
    dnipro = claim("u", "Russians hit airport in Dnipro", "ukraine", published=day)
    theatre = claim("u2", "Russian invaders destroyed the Drama Theater in the center of Mariupol", "ukraine", published=day)
    unplaced = claim("u3", "survivors rescued from basement of building bombed by Russian forces", "ukraine", published=day)
    at = dict(similarity=0.1, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert score_pair(denial, dnipro, **at)[0] != "contradicts"
    assert score_pair(denial, theatre, **at)[0] == "contradicts"
    assert score_pair(denial, unplaced, **at)[0] == "contradicts"  # no town of its own: the day decides

def test_a_city_centre_names_no_city_to_dispute_an_attack_elsewhere():
    # RUWA, 14-15 March 2022: Russia's account of the Donetsk missile was set against
    # every Russian strike of those days reported elsewhere (Dnipro, Shostka, Mykolaiv).
    fragments = claim("r", "Fragments from Ukrainian missile that was shot down fall in rebel-held city centre, "
                      "killing 20 civilians", "russia", published=dt.date(2022, 3, 14))
    dnipro = claim("u", "Russians hit airport in Dnipro", "ukraine", published=dt.date(2022, 3, 15))
    donetsk = claim("u2", "the Tochka-U that fell in Donetsk city centre was Russia's own missile", "ukraine",
                    published=dt.date(2022, 3, 15))
    at = dict(entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert score_pair(fragments, dnipro, similarity=0.45, **at)[0] == "related"
    assert score_pair(fragments, donetsk, similarity=0.45, **at)[0] == "contradicts"


def test_a_count_not_including_a_place_is_not_a_polarity_clash():
    assert polarity_clash("1,417 civilians killed in Ukraine, not including Mariupol",
                          "3,766 civilian casualties in Ukraine, including 1,564 killed") is None


def test_two_claims_cut_from_one_sentence_contradict_only_through_the_rebuttal_link():
    ministry = claim("r", "the Ukrainian side is creating fakes about the strike on the station", "russia", cue="claims")
    ukraine = claim("u", "Russian forces struck the station", "ukraine")
    one = dataclasses.replace(ukraine, article_id=ministry.article_id, sentence=ministry.sentence)
    at = dict(similarity=0.7, entailment=(0, 0), contradiction=(0.95, 0.95), tuning=TUNING)
    assert score_pair(ministry, ukraine, **at)[0] == "contradicts"
    assert score_pair(ministry, one, **at)[0] != "contradicts"
    linked = dataclasses.replace(ministry, answers="u", answered_text=one.text)
    assert score_pair(linked, one, **at)[0] == "contradicts"


def test_the_model_alone_sets_no_forecast_or_condition_against_a_claim():
    unlikely = claim("r", "Moscow unlikely to use nuclear weapons in Ukraine", "russia")
    retaliate = claim("u", "America will retaliate harshly if Russia uses nuclear weapons in Ukraine", "ukraine")
    used = claim("u2", "Russia used nuclear weapons in Ukraine", "ukraine")
    at = dict(similarity=0.7, entailment=(0.05, 0.05), contradiction=(0.93, 0.93), tuning=TUNING)
    assert score_pair(unlikely, retaliate, **at)[0] != "contradicts"
    stated = claim("r2", "Moscow did not use nuclear weapons in Ukraine", "russia")
    assert score_pair(stated, used, **at)[0] == "contradicts"


def test_same_day_blame_without_a_word_in_common_needs_no_two_different_places():
    mykolaiv = claim("u", "In Mykolaiv region, 25 people have been wounded as a result of Russian attacks over the past day",
                     "ukraine", kind="narrator", cue=None, decided_by="outlet")
    tochka = claim("r", "the Russian army does not use Tochka-U missile systems", "russia", cue="claims")
    kramatorsk = claim("r2", "Ukrainian Armed Forces strike on Kramatorsk provided Kyiv with a pretext for sanctions", "russia",
                       kind="narrator", cue=None, decided_by="outlet")
    station = claim("o", "Russia used short-range ballistic missile in railway station strike", "other", cue="believes")
    at = dict(entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert score_pair(mykolaiv, tochka, similarity=0.37, **at)[0] != "contradicts"
    assert score_pair(kramatorsk, station, similarity=0.39, **at)[0] == "contradicts"


def test_a_negated_particle_is_not_a_polarity_clash():
    # "not over" negates no content word of "talks over the corridor".
    assert polarity_clash("The war is not over, it is only beginning",
                          "Talks over the Mariupol corridor went on all day") is None
    assert polarity_clash("strikes on military facilities", "strikes on non-military targets and facilities") is not None


def test_a_word_both_texts_negate_is_no_polarity_clash():
    # The IAEA as two outlets quote it: both say the danger is not critical.
    assert polarity_clash("While Ukraine claims a power loss could spell nuclear disaster there's no critical danger",
                          'The loss of power supply at the plant does not have a "critical" impact on safety') is None
    assert polarity_clash("the shelter was not damaged", "the shelter was damaged") == "damaged"


def test_a_negated_name_is_not_a_polarity_clash():
    white = claim("o", "Mariupol white flags", "russia")
    gone = claim("u", "There is no Mariupol, there is territory soaked with blood", "ukraine")
    assert score_pair(white, gone, similarity=0.5, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)[0] == "related"


def test_counts_reported_on_different_days_are_updates_not_disputes():
    import datetime as dt

    april = claim("a", "1,430 civilians have been killed since February 24", "ukraine", published=dt.date(2022, 4, 1))
    july = claim("b", "4,452 civilians have been killed since February 24", "un", published=dt.date(2022, 7, 1))
    same_day = claim("c", "4,452 civilians have been killed since February 24", "russia", published=dt.date(2022, 4, 1))
    at = dict(similarity=0.95, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert "numbers differ" not in score_pair(april, july, **at)[2]
    assert "numbers differ" in score_pair(april, same_day, **at)[2]


def test_counts_of_different_populations_do_not_disagree():
    civilians = claim("a", "the strike killed 12 civilians", "ukraine")
    children = claim("b", "the strike killed 5 children", "russia")
    relation, _, why = score_pair(civilians, children, similarity=0.9, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert relation == "related" and "numbers differ" not in why


def test_numeric_disagreement_about_the_same_quantity():
    a = claim("a", "the strike on the Kharkiv station killed 24 people", "russia")
    b = claim("b", "the strike on the station killed 12 people", "ukraine")
    relation, _, why = score_pair(a, b, similarity=0.9, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert relation == "contradicts" and "24 dead vs 12 dead" in why
    c = claim("c", "the strike on the station injured 12 people", "ukraine")
    assert score_pair(a, c, similarity=0.9, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)[0] == "related"
    # counts of two incidents (no place or target in common) do not disagree
    d = claim("d", "Six emergency workers injured in air strike on Dnipro Airport", "ukraine")
    e = claim("e", "11 more were injured in the shelling of Kharkiv region", "russia")
    assert score_pair(d, e, similarity=0.9, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)[0] == "related"


def test_entailment_corroborates_and_weak_related_pairs_are_dropped():
    a = claim("a", "the ship sank", "russia")
    b = claim("b", "Russia confirms the ship sank", "ukraine")
    model = TableContradiction({(b.text, a.text): (0.01, 0.95, 0.04)})
    (pair,) = score_candidates(model, [(a, b, 0.8, "ev")], tuning=TUNING)
    assert pair.relation == "corroborates"
    assert score_candidates(TableContradiction(), [(a, b, 0.4, "ev")], tuning=TUNING) == []


def test_pair_ids_do_not_depend_on_order():
    assert pair_id("x", "y") == pair_id("y", "x") != pair_id("x", "z")


def test_a_word_asserted_by_one_side_and_negated_by_the_other_contradicts_close_claims():
    relation, _, why = score_pair(STRIKE, CIVILIAN, similarity=0.5, entailment=(0.1, 0.1), contradiction=(0.0, 0.0), tuning=TUNING)
    assert relation == "contradicts" and "'military'" in why
    _, _, far = score_pair(STRIKE, CIVILIAN, similarity=0.3, entailment=(0.1, 0.1), contradiction=(0.0, 0.0), tuning=TUNING)
    assert "'military'" not in far  # the polarity rule needs close claims ...
    assert "what was hit" in far  # ... what was hit (military or civilian) does not


def test_moderate_model_contradiction_alone_is_not_a_counter_claim():
    a = claim("a", "the death toll from the strike on the Kremenchuk mall rose to 16", "ukraine")
    b = claim("b", "nobody was killed in the attack on the Kremenchuk mall", "russia")
    assert score_pair(a, b, similarity=0.6, entailment=(0.05, 0.05), contradiction=(0.6, 0.55), tuning=TUNING)[0] == "related"
    assert score_pair(a, b, similarity=0.6, entailment=(0.05, 0.05), contradiction=(0.9, 0.55), tuning=TUNING)[0] == "contradicts"


def test_a_neutral_side_needs_a_more_confident_model_than_two_parties():
    a = claim("a", "a deplorable attack on the mall", "other")
    b = claim("b", "the fire in the shopping centre is not out yet", "ukraine")
    c = claim("c", "the fire in the shopping centre is not out yet", "russia")
    probs = dict(similarity=0.65, entailment=(0.02, 0.02), contradiction=(0.8, 0.7), tuning=TUNING)
    assert score_pair(a, b, **probs)[0] == "related"
    assert score_pair(c, b, **probs)[0] == "contradicts"


def test_the_model_alone_needs_one_claim_to_negate_or_call_something_false():
    # RUWA: reports that differ only in detail, which the model calls contradiction.
    demolished = claim("r", "the Azovstal plant will be demolished", "russia")
    evacuated = claim("u", "all defenders will be evacuated from the Azovstal plant", "ukraine")
    at = dict(similarity=0.73, entailment=(0.1, 0.1), contradiction=(0.8, 0.8), tuning=TUNING)
    assert score_pair(demolished, evacuated, **at)[0] == "related"
    fake = claim("u2", "the message about the exit of the Azovstal defenders with a white flag is fake", "ukraine")
    surrendered = claim("r2", "959 Azovstal defenders surrendered", "russia")
    assert score_pair(fake, surrendered, **dict(at, contradiction=(0.89, 0.76)))[0] == "contradicts"


def test_claims_blaming_the_same_party_are_not_set_against_each_other_by_the_model():
    condemned = claim("o", "the Russian missile strike on the Kremenchuk shopping mall", "other", cue="condemned")
    rubble = claim("u8", "no survivors under the rubble of the Kremenchuk mall hit by a Russian missile", "ukraine")
    relation, _, _ = score_pair(condemned, rubble, similarity=0.65, entailment=(0.03, 0.03),
                                contradiction=(0.95, 0.95), tuning=TUNING)
    assert relation != "contradicts"


def test_rejecting_a_proposal_is_not_a_denial():
    from narratives.pairing.rebuttals import is_denial

    assert not is_denial(claim("r", "UN Secretary-General's proposal for Easter humanitarian ceasefire", "russia",
                               cue="rejects"))
    assert is_denial(claim("r", "the claim that Ukraine was involved", "russia", cue="rejects"))


def test_denying_what_the_other_side_negates_is_agreement_not_a_dispute():
    palamar = claim("u", "the information that he left the steelworks and surrendered to the invaders", "ukraine", cue="denies")
    rebel = claim("r", "Top Ukrainian commanders not surrendered from the steelworks", "russia", cue="says")
    model = TableContradiction({(palamar.text, rebel.text): (0.6, 0.05, 0.35), (rebel.text, palamar.text): (0.6, 0.05, 0.35)})
    assert score_candidates(model, [(rebel, palamar, 0.58, "ev")], tuning=TUNING) == []
    # denying what the other side asserts stays a dispute
    asserted = claim("a", "Top Ukrainian commanders surrendered from the steelworks", "russia", cue="says")
    (pair,) = score_candidates(model, [(asserted, palamar, 0.7, "ev")], tuning=TUNING)
    assert pair.relation == "contradicts"


def test_the_model_is_not_run_on_pairs_its_verdict_cannot_weigh_on():
    a = claim("a", "the strike hit an ammunition depot near the city", "russia")
    b = claim("b", "rescuers pulled survivors from the rubble of the school", "ukraine")
    model = TableContradiction({(a.text, b.text): (0.95, 0.0, 0.05), (b.text, a.text): (0.95, 0.0, 0.05)})
    (far,) = score_candidates(model, [(a, b, 0.3, "ev")], tuning=TUNING) or [None]
    assert model.seen == []  # far apart and no denial: the model is not asked
    assert far is None or "too far apart for the model" in far.rationale
    score_candidates(model, [(a, b, 0.7, "ev")], tuning=TUNING)
    assert len(model.seen) == 2  # close claims: both directions


def test_a_same_day_who_did_it_dispute_needs_claims_about_the_same_thing():
    # rw3 / rw25 of the RUWA pairs gold: no word in common, but each says where.
    news_front = claim("r", "Ukrainian Armed Forces strike on Kramatorsk provided Kyiv with a pretext", "russia", cue=None)
    us = claim("o", "Russia used short-range ballistic missile in railway station strike", "other", cue="believes")
    far = score_pair(news_front, us, similarity=0.26, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    near = score_pair(news_front, us, similarity=0.39, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert "who did it" not in far[2] and "who did it" in near[2]
    # Whole-RUWA sample: "Lukashenko accuses Kyiv of provoking his country" says nowhere.
    minsk = claim("b", "Kyiv is provoking his country with a missile attack", "other", cue="accuses")
    shelling = claim("u", "Six killed, 15 injured in Russian shelling of Sloviansk", "ukraine")
    assert "who did it" not in score_pair(minsk, shelling, similarity=0.5, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)[2]


def test_who_did_it_is_disputed_about_one_attack_not_the_same_place_days_apart():
    station = claim("r", "Ukrainians hit railway station in Kramatorsk with Tochka-U missile", "russia",
                    published=dt.date(2022, 4, 8))
    school = claim("u", "Russians launch missile strike on Kramatorsk, destroying school", "ukraine",
                   published=dt.date(2022, 4, 5))
    _, _, why = score_pair(station, school, similarity=0.64, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert "who did it" not in why
    same_day = dataclasses.replace(school, published=dt.date(2022, 4, 8))
    _, _, why = score_pair(station, same_day, similarity=0.64, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert "who did it" in why


def test_one_word_per_thing_whoever_spells_it():
    from narratives.pairing.score import shared_terms

    assert shared_terms("Russian strike on shopping centre a war crime", "claims about 'Russian strike' on Kremenchug mall") == {"mall"}
    assert {"theater", "drama"} <= shared_terms("the Drama Theater in Mariupol", "Russians bombard Mariupol Drama Theatre")
    assert not shared_terms("the city centre was shelled", "a mall was hit")


def test_a_days_tally_of_fire_disputes_no_single_attack():
    # Whole-RUWA sample, 2026-12-02: each side's tally of one region's shelling was set
    # against the other's as "who did it".
    tally = claim("u", "Last night, the Russian occupiers fired on 8 settlements in the Donetsk region", "ukraine")
    kiev = claim("r", "Kiev's forces have attacked civilian areas across Donetsk with heavy artillery", "russia", cue="claim")
    strikes = claim("k", "Ukrainian strikes targeting the city have intensified in recent days", "russia", cue="says")
    one = claim("o", "A Russian missile strike on the Donetsk region damaged 29 houses", "ukraine")
    at = dict(similarity=0.5, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert "who did it" not in score_pair(tally, kiev, **at)[2]
    assert "who did it" not in score_pair(strikes, one, **at)[2]
    # A target both name is still one attack, tally or not.
    plant = claim("p", "Russian strikes hit the nuclear plant again", "ukraine")
    kiev_plant = claim("q", "Kiev shelling Europe's largest nuclear power plant", "russia", cue="accused")
    assert "who did it" in score_pair(plant, kiev_plant, **at)[2]


def test_counts_of_a_region_and_of_the_country_do_not_disagree():
    country = claim("a", "4,452 civilians killed in Ukraine since Russian invasion started", "un")
    region = claim("b", "Since the full-scale Russian invasion of Ukraine, 478 civilians have been killed in Chernihiv region", "ukraine")
    april = claim("c", "Nearly 100 children killed in Ukraine in April", "un")
    toll = claim("d", "As of May 13, 226 children were killed in Ukraine", "ukraine")
    at = dict(similarity=0.8, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert "numbers differ" not in score_pair(country, region, **at)[2]
    assert "numbers differ" not in score_pair(april, toll, **at)[2]
    # A month's count is not the war's, nor another month's (whole RUWA, 2026-12-04).
    war = claim("w", "In Ukraine, 226 children were killed in a full-scale invasion unleashed by Russia", "ukraine")
    march = claim("m", "Nearly 100 children killed in Ukraine in March", "un")
    also_april = claim("x", "In April, 250 children were killed in Ukraine", "russia")
    assert "numbers differ" not in score_pair(war, april, **at)[2]
    assert "numbers differ" not in score_pair(march, also_april, **at)[2]
    assert "numbers differ" in score_pair(april, also_april, **at)[2]
    # A region written with a capital is a region too (whole RUWA, 2026-12-03).
    mykolaiv = claim("e", "Russian troops have killed 134 civilians in Mykolaiv Region, including six children, since "
                          "Russia’s full-scale invasion of Ukraine started", "ukraine")
    un = claim("f", "1,232 civilians killed in Ukraine since Russian invasion began", "un")
    assert "numbers differ" not in score_pair(un, mykolaiv, **at)[2]


def test_who_did_it_sharing_only_the_weapon_is_disputed_only_about_one_place():
    # Whole-RUWA sample, 2026-12-03: two strikes of one day, each naming its own place.
    donetsk = claim("r", "Kiev's forces fired a Tochka-U missile targeting a town in the Donetsk People's Republic", "russia",
                    published=dt.date(2022, 6, 18))
    kryvyi_rih = claim("u", "The Russian forces launched a missile strike on the industrial hub of Kryvyi Rih", "ukraine",
                       published=dt.date(2022, 6, 18))
    at = dict(similarity=0.73, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert score_pair(donetsk, kryvyi_rih, **at)[0] != "contradicts"
    station = claim("s", "A Russian missile strike hit the town's railway station in the Donetsk People's Republic", "ukraine",
                    published=dt.date(2022, 6, 18))
    assert "who did it" in score_pair(donetsk, station, **at)[2]
    # Nor does the weapon tie a strike naming its town to one naming none, nor a city's
    # centre to a sports centre (whole RUWA, 2026-12-03: this Donetsk claim was set against
    # 15 strikes of its days).
    donetsk_centre = claim("c", "Fragments from Ukrainian missile that was shot down fall in rebel-held city centre, "
                                "killing 20 civilians", "russia", published=dt.date(2022, 3, 14))
    kramatorsk = claim("k", "The Russian military have launched a missile strike on the city of Kramatorsk, Donetsk Region, "
                            "killing at least two people", "ukraine", published=dt.date(2022, 3, 14))
    neptun = claim("n", "Russian terrorists launched an air strike on the Neptun sports center, which was used as a shelter",
                   "ukraine", published=dt.date(2022, 3, 16))
    for other in (kramatorsk, neptun):
        assert "who did it" not in score_pair(donetsk_centre, other, **{**at, "similarity": 0.45})[2]


def test_two_places_sharing_only_a_common_noun_are_two_incidents():
    # Whole RUWA, 2026-12-04: the same day's shelling of Kharkiv and of Donetsk ("areas").
    kharkiv = claim("u", "Russian troops have killed hundreds of civilians in the Ukrainian city of Kharkiv, shelling "
                         "residential areas with banned cluster munitions", "ukraine", published=dt.date(2022, 6, 13))
    donetsk = claim("r", "Kiev's forces have attacked civilian areas across Donetsk with heavy artillery", "russia",
                    published=dt.date(2022, 6, 13))
    at = dict(similarity=0.62, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert score_pair(kharkiv, donetsk, **at)[0] != "contradicts"
    # One text naming no place but the site may still be about the other's.
    plant = claim("r2", "Kiev shelling Europe's largest nuclear power plant", "russia", published=dt.date(2022, 8, 6))
    npp = claim("u2", "Russian shelling and mining of Zaporizhzhia nuclear plant have all signs of nuclear terrorism",
                "ukraine", published=dt.date(2022, 8, 8))
    assert "who did it" in score_pair(plant, npp, **{**at, "similarity": 0.46})[2]

def test_a_request_or_an_intention_is_no_claim_to_dispute():
    from narratives.attribution.cues import names_reported_speech

    assert not names_reported_speech("called on") and not names_reported_speech("urged")
    assert not names_reported_speech("will consider")
    assert names_reported_speech("called") and names_reported_speech("said") and names_reported_speech(None)
    denial = claim("r", "killing civilians in Ukraine's Bucha", "russia", cue="denies")
    request = claim("u", "the missions of the International Criminal Court to arrive in Bucha as soon as possible", "ukraine",
                    cue="called on")
    assert not may_pair(denial, request, TUNING)


def test_failing_to_do_a_thing_negates_it_and_a_negated_cue_turns_its_content():
    stoltenberg = claim("a", "Russia in war does not achieve its strategic goals", "other")
    censor = claim("b", "Russia has failed to achieve any strategic goal of seizing Ukrainian territories", "ukraine")
    at = dict(similarity=0.6, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert "one side says" not in score_pair(stoltenberg, censor, **at)[2]
    sees_no = claim("c", "U.S. intelligence sees no withdrawal of Russian forces", "ukraine")
    unconfirmed = claim("d", "the withdrawal of Russian troops from the Ukrainian border", "other", cue="cannot confirm")
    assert "one side says" not in score_pair(sees_no, unconfirmed, **at)[2]
    macron = claim("e", "At some point, Ukraine and Russia will have to start negotiations", "other")
    kyiv = claim("f", "There will be no negotiations with Russia", "ukraine")
    assert "one side says 'negotiations'" in score_pair(macron, kyiv, **at)[2]


def test_the_model_alone_sets_no_neutral_claim_against_a_party():
    iaea = claim("a", "no critical impact on safety after power loss at the Chernobyl nuclear plant", "un", cue="says")
    ukraine = claim("b", "power cut at the Chernobyl nuclear plant", "ukraine", cue="reports")
    russia = claim("c", "power was never cut at the Chernobyl nuclear plant", "russia", cue="says")
    at = dict(similarity=0.76, entailment=(0.0, 0.0), contradiction=(0.95, 0.95), tuning=TUNING)
    assert score_pair(iaea, ukraine, **at)[0] != "contradicts"
    assert score_pair(russia, ukraine, **at)[0] == "contradicts"


def test_an_outlets_headline_and_the_version_it_reports_are_no_model_dispute():
    headline = claim("u", "Captive Azovs: shelling of colony in Olenivka", "ukraine", article="censor", kind="narrator", cue=None, decided_by="outlet")
    occupiers = claim("r", "during the shelling of the colony in Olenivka none of the guards was injured", "russia", article="censor")
    elsewhere = dataclasses.replace(occupiers, article_id="rt")
    at = dict(similarity=0.63, entailment=(0.1, 0.1), contradiction=(0.95, 0.95), tuning=TUNING)
    assert score_pair(headline, occupiers, **at)[0] != "contradicts"
    assert score_pair(headline, elsewhere, **at)[0] == "contradicts"


def test_what_may_be_hit_disputes_no_report_of_a_strike():
    warning = claim("w", "Putin may launch chemical weapons attack", "other", cue="warns")
    school = claim("s", "Russian missile hit school stadium in Dnipropetrovsk region", "ukraine")
    assert "what was hit" not in score_pair(warning, school, similarity=0.34, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)[2]


def test_a_denial_names_what_it_denies_or_answers_nothing_else():
    kremlin = claim("k", "Ukrainian allegations its forces killed civilians near Kyiv", "russia", cue="denies")
    curfew = claim("c", "Intensified curfew has been imposed in the districts of the Kyiv region liberated from occupiers", "ukraine")
    bucha = claim("b", "The killings of civilians in Bucha and near Kyiv were a deliberate campaign by Russian forces", "ukraine")
    at = dict(similarity=0.4, entailment=(0.6, 0.6), contradiction=(0, 0), tuning=TUNING)
    assert "denies what" not in score_pair(kremlin, curfew, **at)[2]
    assert "denies what" in score_pair(kremlin, bucha, **at)[2]


def test_a_word_negated_at_the_end_of_a_claim_or_a_preposition_is_no_clash():
    assert polarity_clash("the war against Ukraine is not going according to plan", "his war against Ukraine is not going") is None
    assert polarity_clash("the US is not against Ukraine using Western weapons", "Russia employing nuclear weapons against Ukraine") is None


def test_two_texts_that_both_negate_do_not_clash():
    intel = "No bonuses, veteran status for Russian soldiers fighting in Ukraine"
    division = "Soldiers of the 47th Guards Tank Division have not received the promised bonuses for their combat"
    psaki = "no one should have any illusions that the Kremlin's goals have changed"
    censor = "Russia's goals have not changed despite the withdrawal of Russian troops"
    assert polarity_clash(intel, division) is None and polarity_clash(psaki, censor) is None


def test_a_rebuttal_sharing_only_the_act_is_about_another_incident_when_each_says_where():
    # RUWA: Zakharova on the Kremenchuk mall against other strikes of those days.
    castigates = claim("z", "claims about ‘Russian strike’ on Kremenchug mall", "russia", cue="castigates")
    at = dict(entailment=(0.0, 0.0), contradiction=(0.1, 0.1), tuning=TUNING)
    for other in ("Civilian injured in Russian strikes at Derhachi, Kharkiv region",
                  "Ukrainian aviation strikes enemy ammo and weapons depots"):
        assert score_pair(castigates, claim("u", other, "ukraine"), similarity=0.55, **at)[0] == "related", other
    # The same place in another spelling is the same incident.
    toll = claim("t", "Death toll from Russian missile strike on Kremenchuk grows to 11", "ukraine")
    assert score_pair(castigates, toll, similarity=0.55, **at)[0] == "contradicts"
    # So is a name and its adjective: "plotting to attack Belarus" / "an attack on Belarusian territory".
    denies = claim("d", "plotting to attack Belarus", "ukraine", cue="denies")
    plan = claim("p", "Ukraine is allegedly planning an attack on Belarusian territory", "russia", cue="claiming")
    assert score_pair(denies, plan, similarity=0.62, entailment=(0.39, 0.0), contradiction=(0.0, 0.0), tuning=TUNING)[0] == "contradicts"
    # Sharing only the weapon is no more: the MoD on Kramatorsk against other missile strikes.
    untrue = claim("m", "Ukrainian claims that a Russian missile hit Kramatorsk are not true", "russia", cue="said")
    for other in ("At night, two missiles with cluster mines flew into the Dnipropetrovsk region",
                  "At least one person has been killed as a missile hit an apartment block"):
        assert score_pair(untrue, claim("u", other, "ukraine"), similarity=0.45, **at)[0] == "related", other
    station = claim("s", "a Russian missile hit the railway station in Kramatorsk", "ukraine")
    assert score_pair(untrue, station, similarity=0.6, **at)[0] == "contradicts"


def test_a_shared_hedge_is_no_shared_topic():
    # RUWA: the SBU on a toxic-substance "fake" against RT's Donetsk missile report.
    missile = claim("r", "Shrapnel litters the streets after an alleged Ukrainian ballistic missile assault killed more than 20", "russia")
    decries = claim("u", "Russian military’s fake report on alleged Ukrainian provocation involving toxic substances", "ukraine", cue="decries")
    at = dict(entailment=(0.2, 0.2), contradiction=(0.0, 0.0), tuning=TUNING)
    assert score_pair(missile, decries, similarity=0.47, **at)[0] == "related"


def test_a_negated_verb_answers_a_request_not_a_report():
    # RUWA: the requests "to close the sky" against "NATO will not close sky over Ukraine",
    # and agreement in other words ("unable to seize Odesa" / "impossible to seize Odesa").
    assert polarity_clash("to close the sky over Ukraine to Russian aircraft",
                          "NATO will not close sky over Ukraine as it is responsible for lives of Europeans") is None
    assert polarity_clash("it makes it impossible to implement Moscow's plan to seize Odesa from the sea",
                          "Russia unable to seize Odesa from sea due to Ukraine's anti-ship missiles") is None
    # A negated thing still clashes with the thing asserted.
    assert polarity_clash("civilian killings in Bucha constitute genocide",
                          "the atrocities in Bucha are a war crime, but not genocide") == "genocide"


def test_a_claim_naming_its_site_only_as_the_building_is_read_with_its_articles_headline():
    from narratives.pairing.scene import names_site_by_anaphor, with_scenes
    from narratives.types import Span

    # RUWA, 16/17 March 2022: an untitled RT lede (url ".../mariupol-theater-ukraine/")
    # and Ukrinform's headline the next day dispute who destroyed the theatre.
    azov = claim("r", "neo-Nazi Azov militants blew up the building, in which it says they had been held hostage",
                 "russia", cue="claiming", published=dt.date(2022, 3, 16))
    bombed = claim("u", "Russians bombard Mariupol Drama Theatre despite word 'children' in large letters", "ukraine",
                   kind="narrator", cue=None, decided_by="outlet", published=dt.date(2022, 3, 17))
    kwargs = dict(similarity=0.22, entailment=(0.05, 0.05), contradiction=(0.0, 0.0), tuning=TUNING)
    assert score_pair(azov, bombed, **kwargs)[0] != "contradicts"
    (situated,) = with_scenes([azov], "mariupol theater ukraine", None)
    relation, _, why = score_pair(situated, bombed, **kwargs)
    assert relation == "contradicts" and "who did it" in why
    # The scene stands for the site, not for the city's other news.
    city = claim("o", "Russia aiming to destroy Mariupol", "other", cue="accuses", published=dt.date(2022, 3, 17))
    assert score_pair(situated, city, **kwargs)[0] != "contradicts"
    # A site that says where it is, or a claim of the headline itself, keeps no scene.
    assert not names_site_by_anaphor("a Russian air strike on the building of the regional administration in Mykolaiv")
    assert not names_site_by_anaphor("a building was hit")
    (headline,) = with_scenes([azov], "Russia denies it", Span(0, 40))
    assert headline.scene is None


def test_a_denial_sharing_only_the_parties_forces_denies_nothing_the_other_says():
    # RUWA, April 2022.
    denial = claim("r", "military forces killed Bucha civilians in Ukraine", "russia", cue="denies",
                   published=dt.date(2022, 4, 4))
    aid = claim("u", "Barcelona continues to provide humanitarian aid to Ukrainians who left their country due to "
                "the Russian military invasion", "ukraine", kind="narrator", cue=None, decided_by="outlet",
                published=dt.date(2022, 4, 6))
    shot = claim("u2", "Russian military shot residents of Bucha", "ukraine", kind="narrator", cue=None,
                 decided_by="outlet", published=dt.date(2022, 4, 2))
    kwargs = dict(similarity=0.4, entailment=(0.3, 0.3), contradiction=(0.1, 0.1), tuning=TUNING)
    assert score_pair(denial, aid, **kwargs)[0] != "contradicts"
    assert score_pair(denial, shot, **kwargs)[0] == "contradicts"


def test_a_polarity_clash_needs_something_in_common_besides_the_negated_word():
    # RUWA, 18/19 September 2022: two strikes' reports.
    casualties = claim("o", "Casualties among civilians and serious destructions in the city", "other",
                       published=dt.date(2022, 9, 18))
    none = claim("u", "No casualties have been reported", "ukraine", published=dt.date(2022, 9, 19))
    kwargs = dict(similarity=0.53, entailment=(0.0, 0.0), contradiction=(0.0, 0.0), tuning=TUNING)
    assert score_pair(casualties, none, **kwargs)[0] != "contradicts"
    # One place in common, the same clash disputes: "genocide in Bucha" / "in Bucha a war crime, but not genocide".
    genocide = claim("u2", "civilian killings in Bucha constitute genocide", "ukraine")
    not_genocide = claim("o2", "the atrocities committed by the Russian occupiers in Bucha a war crime, but not genocide", "other")
    relation, _, why = score_pair(genocide, not_genocide, **{**kwargs, "similarity": 0.6})
    assert relation == "contradicts" and "genocide" in why


def test_a_bare_denial_answers_no_claim_about_a_site_its_scene_does_not_name():
    import dataclasses
    import datetime as dt

    denial = dataclasses.replace(claim("d", "responsibility", "russia", cue="denies", published=dt.date(2022, 4, 8)),
                                 scene="Kramatorsk railway station strike kills 50")
    hospitals = claim("h", "Russian forces destroyed more than 300 hospitals", "ukraine", published=dt.date(2022, 4, 9))
    station = claim("s", "Russian missiles hit the railway station", "ukraine", published=dt.date(2022, 4, 9))
    building = claim("b", "a building bombed by Russian forces", "ukraine", published=dt.date(2022, 4, 9))
    at = dict(similarity=0.3, entailment=(0, 0), contradiction=(0, 0), tuning=TUNING)
    assert score_pair(denial, hospitals, **at)[0] != "contradicts"
    assert score_pair(denial, station, **at)[0] == "contradicts"
    assert score_pair(denial, building, **at)[0] == "contradicts"  # "a building" names no site of its own
