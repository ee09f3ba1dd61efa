"""The composition root: the one module that builds the real models from `Settings`.

`models/` implements the Protocols in `narratives.protocols`; everything else in
`narratives/` takes those Protocols as arguments. The CLI, the service, the bench, the
evaluations and the tests get the real components here, and nowhere else imports
`models`. Imports of `models` stay inside the functions, so `narratives --help` and the
domain library never load torch.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from narratives.attribution.grouping import TaggedAttributions
from narratives.config import Settings, load_settings
from narratives.index.narrative_index import NarrativeIndex
from narratives.pipeline import Analyzer
from narratives.protocols import ContradictionModel, Embedder, SideClassifier
from narratives.sides.registry import Registry, load_registry

_embedders: dict[int, Embedder] = {}
_embedders_lock = threading.Lock()


def load_embedder(settings: Settings | None = None) -> Embedder:
    """The process's one MiniLM embedder: the side classifier and the index embed the same
    claim texts, so sharing its cache embeds each claim once."""
    settings = settings or load_settings()
    with _embedders_lock:
        if settings.threads not in _embedders:
            _embedders[settings.threads] = new_embedder(threads=settings.threads)
        return _embedders[settings.threads]


def new_embedder(*, threads: int | None = None, cache_size: int | None = None) -> Embedder:
    """A MiniLM embedder of its own (its own cache; `cache_size=0`: none), for measurements
    and training that must not share the process's cache."""
    from models.embedder import MiniLMEmbedder

    if cache_size is None:
        return MiniLMEmbedder(threads=threads)
    return MiniLMEmbedder(threads=threads, cache_size=cache_size)


def set_threads(threads: int) -> None:
    """torch's CPU threads for the models built here."""
    from models.embedder import set_torch_threads

    set_torch_threads(threads)


def load_contradiction_model(settings: Settings | None = None, *, artifact_dir: Path | None = None) -> ContradictionModel:
    """The shipped NLI cross-encoder (or the one in `artifact_dir`); `ModelUnavailableError`
    names what is missing and how to build it."""
    from models.contradiction import load_contradiction_model as load

    settings = settings or load_settings()
    return load(artifact_dir or settings.artifacts / "contradiction")


def load_side_classifier(settings: Settings, *, embedder: Embedder | None = None) -> SideClassifier | None:
    """The shipped side classifier over `embedder` (default: the shared one), or None when
    its artifact is not built."""
    from models.stance import load_stance_model

    return load_stance_model(settings.artifacts / "stance", embedder=embedder or load_embedder(settings))


def load_attribution_tagger(settings: Settings) -> TaggedAttributions | None:
    """The shipped span tagger with its spans grouped into attributions, or None when its
    artifact is not built."""
    from models.attribution_tagger import load_tagger

    tagger = load_tagger(settings.artifacts / "attribution", dtype=settings.tagger_dtype)
    return TaggedAttributions(tagger) if tagger is not None else None


def load_analyzer(settings: Settings | None = None) -> Analyzer:
    """The analyzer with the real spaCy pipeline, registry and (if shipped) learned models."""
    from narratives.ingest.nlp import load_nlp

    settings = settings or load_settings()
    return Analyzer(
        nlp=load_nlp(),
        registry=load_registry(settings.registry),
        side_classifier=load_side_classifier(settings),
        tagger=load_attribution_tagger(settings),
        embedder=load_embedder(settings),
        max_claims_per_article=settings.max_claims_per_article,
    )


def load_index(settings: Settings | None = None) -> NarrativeIndex:
    """An empty index wired to the shared embedder and the shipped contradiction model."""
    settings = settings or load_settings()
    return NarrativeIndex(
        embedder=load_embedder(settings),
        contradiction=load_contradiction_model(settings),
        settings=settings,
    )


# Training: the `train` commands and `eval stance` read the corpora (`narratives.corpora`)
# and hand the records to `models/training` through these.


def side_examples(rows: Iterable, *, registry: Registry | None = None) -> list:
    """RUWA rows (`narratives.corpora.ruwa.read_ruwa`) -> the side classifier's labelled
    examples (`text`, `speaker`, `side`, `outlet`, `event`, `parts`); unlabelled rows dropped.
    With `registry`, headline speakers it links to the UN make `un` examples."""
    from models.training.stance_data import registry_speaker_side, ruwa_examples, speaker_side

    return ruwa_examples(rows, side_of=registry_speaker_side(registry) if registry is not None else speaker_side)


def fit_side_classifier(examples: Sequence, embedder: Embedder):
    """A calibrated side classifier fitted on `side_examples`; `.save(dir)` writes its artifact."""
    from models.training.stance import fit_stance

    return fit_stance(examples, embedder)


def example_side_probabilities(classifier, examples: Sequence) -> np.ndarray:
    """(n) `side_examples` -> (n, len(classifier.sides)): headline and lede vote equally."""
    from models.training.stance import predict_examples

    return predict_examples(classifier, examples)


def train_attribution_tagger(texts: Sequence, out_dir: Path, **options) -> dict:
    """Fine-tune (or, with `teacher_dir`, distil) the span tagger on PolNeAR `texts`; the
    artifact's config as written to `out_dir`."""
    from models.training.attribution import train_tagger

    return train_tagger(list(texts), out_dir, **options)


def train_contradiction_model(out_dir: Path, *, train_examples: list, validation: Sequence,
                              datasets: Sequence, **options) -> dict:
    """Fine-tune the NLI cross-encoder; `options` are `TrainingConfig` fields. The training
    record as written to `out_dir/training.json`."""
    from models.training.contradiction import TrainingConfig, train_cross_encoder

    config = TrainingConfig(datasets=tuple(d.name for d in datasets), **options)
    return train_cross_encoder(config, out_dir, train_examples=train_examples, validation=validation,
                               datasets=datasets)
