import dataclasses
import datetime as dt

from index_fakes import claim

from narratives.pairing.captives import captives_fate, fate_dispute
from narratives.pairing.score import PairingTuning, score_pair


def test_trial_court_and_refused_exchange_hold_the_captives_and_an_exchange_frees_them():
    assert captives_fate("Trial of Azovstal's Ukranazis inevitable") == "held"
    assert captives_fate("court to decide fate of Azovstal fighters who surrendered") == "held"
    assert captives_fate("there will be no exchange for the Azov fighters") == "held"
    assert captives_fate("Azovstal defenders should be released according to the prisoner exchange procedure") == "exchanged"
    assert captives_fate("Kyiv pursuing a prisoner exchange") == "exchanged"


def test_texts_about_no_captives_or_both_fates_take_no_side():
    assert captives_fate("the two sides exchanged fire near Avdiivka") is None
    assert captives_fate("Russian troops shelled the steel plant") is None
    assert captives_fate("whether they face trial or an exchange is not yet decided") is None
    assert captives_fate("life imprisonment or exchange for Azovstal soldiers") is None  # a widow on a Russian soldier
    assert captives_fate("the captured fighters will be jailed") == "held"
    assert fate_dispute("held", None) is None
    assert fate_dispute("held", "held") is None


def test_trial_against_exchange_is_a_counter_claim_of_the_same_days():
    trial = claim("r", "Trial of Azovstal's Ukranazis inevitable", "russia", published=dt.date(2022, 5, 21), kind="narrator",
                  decided_by="outlet", cue=None)
    exchange = claim("u", "They were evacuated with further exchange and delivery to the territory controlled by Ukraine",
                     "ukraine", published=dt.date(2022, 5, 20))
    at = dict(similarity=0.2, entailment=(0, 0), contradiction=(0, 0), tuning=PairingTuning())
    relation, _, rationale = score_pair(trial, exchange, **at)
    assert relation == "contradicts"
    assert "trial vs exchange" in rationale
    weeks_later = dataclasses.replace(exchange, published=dt.date(2022, 6, 20))
    assert score_pair(trial, weeks_later, **at)[0] != "contradicts"


def test_the_fate_of_named_captives_stays_disputed_for_days():
    court = claim("r", "court to decide fate of Azovstal fighters who surrendered", "russia", published=dt.date(2022, 5, 18))
    exchange = claim("u", "Azovstal defenders should be released according to the prisoner exchange procedure", "ukraine",
                     published=dt.date(2022, 5, 21))
    at = dict(similarity=0.69, entailment=(0, 0.2), contradiction=(0, 0), tuning=PairingTuning())
    assert score_pair(court, exchange, **at)[0] == "contradicts"
    unnamed = dataclasses.replace(exchange, text="Kyiv pursuing a prisoner exchange")
    assert score_pair(court, unnamed, **at)[0] != "contradicts"
