"""The side classifier: lexicon, fitting, calibrated probabilities, artifact round trip."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from models.stance import claim_input, load_stance_model, normalize_text
from models.stance_lexicon import lexicon_features, speaker_side
from models.training.stance_data import StanceExample
from narratives.errors import ModelUnavailableError
from narratives.protocols import SideClassifier

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "models" / "artifacts" / "stance"


class HashEmbedder:
    """A tiny deterministic stand-in for MiniLM: bag of hashed words, L2-normalised."""

    dim = 16

    def embed(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, hashlib.md5(word.encode()).digest()[0] % self.dim] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def _examples() -> list[StanceExample]:
    rows = []
    for i, place in enumerate(["Donetsk", "Gorlovka", "Makeyevka", "Yasinovataya", "Lugansk", "Alchevsk"]):
        rows.append(StanceExample(f"Kiev regime shells {place}, militants kill civilians", None, "russia", "rt.com", f"e{i % 3}"))
        rows.append(StanceExample(f"Russian occupiers shell {place}, invaders kill civilians", None, "ukraine", "censor.net", f"e{i % 3}"))
        rows.append(StanceExample(f"Shelling reported near {place} as talks stall, officials say", None, "other", "reuters.com", f"e{i % 3}"))
        # Wire rows that quote a party: the speaker, not the text, carries the side.
        rows.append(StanceExample(f"shelling near {place}", "Russia's defence ministry", "russia", "reuters.com", f"e{i % 3}"))
        rows.append(StanceExample(f"shelling near {place}", "Ukraine's general staff", "ukraine", "reuters.com", f"e{i % 3}"))
    return rows


@pytest.fixture(scope="module")
def small_model():
    from models.training.stance import fit_stance

    return fit_stance(_examples(), HashEmbedder())


def test_speaker_side_reads_affiliation_words() -> None:
    assert speaker_side("the Russian Defence Ministry") == "russia"
    assert speaker_side("a spokesman for Ukraine's General Staff") == "ukraine"
    assert speaker_side("UN Secretary-General Antonio Guterres") == "other"
    assert speaker_side("local authorities") is None
    assert speaker_side(None) is None


def test_lexicon_counts_framing_terms_per_side() -> None:
    features = lexicon_features(
        ["The Kiev regime staged a provocation", "Ruscists and occupiers shelled Kharkiv"], ["Peskov", None]
    )
    assert features.shape == (2, 7)
    assert features[0, 0] > 0 and features[0, 1] == 0  # russia framing only
    assert features[1, 1] > 0 and features[1, 0] == 0  # ukraine framing only
    assert features[0, 3] == 1.0 and features[1, 3:].sum() == 0  # Peskov is a Russian speaker


def test_normalisation_hides_outlet_names_and_numbers() -> None:
    assert normalize_text("Ukrinform: 50 killed, TASS reports") == " : 0 killed,   reports"
    assert claim_input("Russia says it hit depots", "Russia") == "Russia says it hit depots"
    assert claim_input("it hit depots", "the ministry") == "the ministry: it hit depots"


def test_fitted_model_is_a_calibrated_side_classifier(small_model) -> None:
    assert isinstance(small_model, SideClassifier)
    assert small_model.sides == ("russia", "ukraine", "other")
    probabilities = small_model.predict_proba(
        ["Kiev regime militants shell Donetsk", "Russian occupiers shell Kherson"], [None, None]
    )
    assert probabilities.shape == (2, 3)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert probabilities[0].argmax() == 0 and probabilities[1].argmax() == 1
    assert small_model.predict_proba([], []).shape == (0, 3)
    assert small_model.weights.temperature > 0


def test_speaker_mention_moves_the_decision(small_model) -> None:
    plain, said = small_model.predict_proba(["shelling near the plant"] * 2, [None, "Russia's defence ministry"])
    assert said[0] > plain[0]


def test_artifact_round_trip_and_missing_artifact(small_model, tmp_path: Path) -> None:
    paths = small_model.save(tmp_path / "stance")
    assert all(p.stat().st_size > 0 for p in paths)
    loaded = load_stance_model(tmp_path / "stance", embedder=HashEmbedder())
    texts, speakers = ["Kiev regime shells Donetsk", "talks stall"], [None, "UN envoy"]
    np.testing.assert_allclose(
        loaded.predict_proba(texts, speakers), small_model.predict_proba(texts, speakers), atol=1e-5
    )
    assert load_stance_model(tmp_path / "absent") is None
    (tmp_path / "stance" / "stance.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelUnavailableError, match="narratives train stance"):
        load_stance_model(tmp_path / "stance")


@pytest.mark.models
@pytest.mark.skipif(not (SHIPPED / "stance.npz").is_file(), reason="stance artifact not built")
def test_shipped_model_reads_framing_and_speakers(embedder) -> None:
    model = load_stance_model(SHIPPED, embedder=embedder)
    probabilities = model.predict_proba(
        [
            "The Kiev regime shelled residential areas of Donetsk with Western-supplied artillery",
            "Russian occupiers shelled Kherson again; the ruscists hit a hospital",
            "it hit only military targets",
        ],
        [None, None, "the Russian Defence Ministry"],
    )
    assert [model.sides[i] for i in probabilities.argmax(axis=1)] == ["russia", "ukraine", "russia"]


def test_side_classifier_and_index_embed_claims_with_one_shared_embedder(embedder) -> None:
    # The classifier embeds the claim text the index embeds next: one model, one cache.
    from narratives.composition import load_index, load_side_classifier
    from narratives.config import load_settings

    settings = load_settings()
    classifier, index = load_side_classifier(settings), load_index(settings)
    assert classifier.embedder is index.embedder is embedder
