"""The learned attribution tagger: windows, BIO decoding, grouping, and the shipped artifact."""
from __future__ import annotations

import re

import numpy as np
import pytest

from models.attribution_tagger import (
    Encoded,
    consistent_tags,
    decode_spans,
    inference_dtype,
    load_tagger,
    native_bf16,
    window_starts,
)
from narratives.attribution.grouping import TaggedAttributions, group_spans
from narratives.config import load_settings
from narratives.errors import ModelUnavailableError
from narratives.types import RoleSpans, Span


def test_windows_cover_every_piece():
    for n in (1, 256, 257, 1000):
        covered = set()
        for s in window_starts(n, 256, 128):
            covered.update(range(s, min(n, s + 256)))
        assert covered == set(range(n))


def test_decode_spans_takes_whole_words_and_splits_on_b():
    # words: "Mal" "##ley" | "said" | "the" | "plan"   (tags on first piece only matter)
    enc = Encoded(
        ids=np.zeros(5, dtype=np.int64),
        offsets=np.array([[0, 3], [3, 7], [8, 12], [13, 16], [17, 21]]),
        words=np.array([0, 0, 1, 2, 3]),
    )
    assert decode_spans(np.array([1, 0, 0, 1, 1]), enc) == [Span(0, 7), Span(13, 16), Span(17, 21)]
    assert decode_spans(np.array([0, 0, 2, 2, 0]), enc) == [Span(8, 16)]


LABELS = {"O": 0, "B": 1, "I": 2}
# words: "He" | "said" | "the" | "bridge" | "held"
WORDS = Encoded(np.zeros(5, dtype=np.int64), np.array([[0, 2], [3, 7], [8, 11], [12, 18], [19, 23]]), np.arange(5))


def _log_probs(*rows: tuple[float, float, float]) -> np.ndarray:
    return np.log(np.array(rows))


def test_consistent_tags_do_not_split_a_span_on_one_doubtful_word():
    # argmax: O O B O I -> "the" and "held" as two spans; Viterbi keeps "the bridge held"
    scores = _log_probs((0.9, 0.05, 0.05), (0.9, 0.05, 0.05), (0.1, 0.85, 0.05), (0.5, 0.05, 0.45), (0.05, 0.05, 0.9))
    assert decode_spans(scores.argmax(-1), WORDS) == [Span(8, 11), Span(19, 23)]
    assert decode_spans(consistent_tags(scores, WORDS, LABELS), WORDS) == [Span(8, 23)]


def test_consistent_tags_open_no_span_on_a_lone_i():
    # argmax: O O O I O -> a span "bridge" opened by I; B is unlikely there, so no span
    scores = _log_probs((0.9, 0.05, 0.05), (0.9, 0.05, 0.05), (0.9, 0.05, 0.05), (0.4, 0.02, 0.58), (0.9, 0.05, 0.05))
    assert decode_spans(scores.argmax(-1), WORDS) == [Span(12, 18)]
    assert decode_spans(consistent_tags(scores, WORDS, LABELS), WORDS) == []


def test_nested_spans_of_one_role_keep_the_outer_span():
    from models.training.attribution import role_tags

    enc = Encoded(np.zeros(4, dtype=np.int64), np.array([[0, 1], [2, 3], [4, 5], [6, 7]]), np.arange(4))
    tags = role_tags(enc, [[Span(0, 7), Span(4, 7)]])
    assert tags[:, 0].tolist() == [1, 2, 2, 2]


@pytest.mark.models
def test_grouping_ties_content_to_nearest_cue_and_source(nlp):
    text = "The senator said that the bill would fail. “It is dead,” he told reporters."
    doc = nlp(text)

    def at(s: str) -> Span:
        match = re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)
        return Span(match.start(), match.end())

    spans = RoleSpans(
        cues=[at("said"), at("told")],
        sources=[at("The senator"), at("he")],
        contents=[at("the bill would fail"), at("“It is dead,”")],
    )
    first, second = group_spans(doc, spans)
    assert (first.cue, first.sources, first.contents) == (at("said"), (at("The senator"),), (at("the bill would fail"),))
    assert (second.cue, second.sources, second.kind) == (at("told"), (at("he"),), "direct")


@pytest.mark.models
def test_grouping_leaves_a_neighbouring_sentence_its_own_content(nlp):
    text = "He said the town had fallen. The army retreated. “We held,” she said. “They ran.”"
    doc = nlp(text)

    def at(s: str, after: int = 0) -> Span:
        start = text.index(s, after)
        return Span(start, start + len(s))

    spans = RoleSpans(
        cues=[at("said"), at("said", text.index("she"))],
        sources=[at("He"), at("she")],
        contents=[at("the town had fallen"), at("The army retreated"), at("“We held,”"), at("“They ran.”")],
    )
    first, second = group_spans(doc, spans)
    assert first.contents == (at("the town had fallen"),)  # not "The army retreated"
    assert second.contents == (at("“We held,”"), at("“They ran.”"))  # a quote continued over the cue


def test_missing_artifact_gives_none(tmp_path):
    assert load_tagger(tmp_path) is None


@pytest.mark.models
def test_shipped_tagger_finds_an_attribution(nlp):
    tagger = load_tagger(load_settings().artifacts / "attribution")
    assert tagger is not None, "build it with `narratives train attribution`"
    text = "The senator said on Tuesday that the bill would fail in the House."
    (found,) = [a for a in TaggedAttributions(tagger).extract(nlp(text)) if "said" in a.cue.text(text)]
    assert [s.text(text) for s in found.sources] == ["The senator"]
    assert "the bill would fail" in " ".join(c.text(text) for c in found.contents)


def test_auto_precision_follows_the_cpu_flags(tmp_path):
    with_bf16 = tmp_path / "with"
    with_bf16.write_text("flags\t: fpu sse avx2 avx512f avx512_bf16 avx512_vnni\n", encoding="utf-8")
    without = tmp_path / "without"
    without.write_text("flags\t: fpu sse avx2 avx512f\n", encoding="utf-8")
    assert native_bf16(with_bf16) and not native_bf16(without)
    assert not native_bf16(tmp_path / "missing")


def test_unknown_precision_is_a_clear_error():
    with pytest.raises(ModelUnavailableError, match="float16x"):
        inference_dtype("float16x")


@pytest.mark.models
def test_bfloat16_tagger_finds_what_float32_finds(nlp):
    text = (
        "The Russian defence ministry said on Sunday that its forces had shot down four drones "
        "over the Belgorod region. Ukraine's air force spokesman Yuriy Ihnat told reporters "
        "that no Ukrainian drones had flown there, calling the claim \"a fabrication\"."
    )
    doc = nlp(text)
    artifact = load_settings().artifacts / "attribution"

    def found(dtype):
        attributions = TaggedAttributions(load_tagger(artifact, dtype=dtype)).extract(doc)
        content = {i for a in attributions for c in a.contents for i in range(c.start, c.end)}
        return {(a.cue, a.sources) for a in attributions}, content

    (bf16_roles, bf16_content), (fp32_roles, fp32_content) = found("bfloat16"), found("float32")
    assert bf16_roles == fp32_roles
    # A word may tip between two tags, nothing more.
    assert len(bf16_content ^ fp32_content) <= 0.05 * len(fp32_content)


def test_student_layers_spread_over_the_teacher_and_keep_its_last():
    from click import UsageError

    from models.training.attribution import teacher_layers

    assert teacher_layers(6, 3) == [1, 3, 5]
    assert teacher_layers(6, 6) == [0, 1, 2, 3, 4, 5]
    with pytest.raises(UsageError):
        teacher_layers(6, 7)


def test_layers_without_a_teacher_is_refused():
    from click.testing import CliRunner

    from narratives.cli.train_attribution import command

    result = CliRunner().invoke(command, ["--layers", "3"])
    assert result.exit_code != 0 and "--teacher" in result.output


@pytest.mark.models
def test_a_distilled_tagger_saves_and_loads_with_its_layers(tmp_path, nlp):
    import copy

    from models.attribution_tagger import keep_layers, save_tagger

    teacher = load_tagger(load_settings().artifacts / "attribution")
    depth = len(teacher.net.encoder.encoder.layer)
    student = keep_layers(copy.deepcopy(teacher.net), [0, depth - 1])
    save_tagger(student, {**teacher.config, "layers": 2}, tmp_path)
    loaded = load_tagger(tmp_path)
    assert len(loaded.net.encoder.encoder.layer) == 2
    text = "The senator said on Tuesday that the bill would fail in the House."
    teacher.net = student
    assert loaded.role_spans([text]) == teacher.role_spans([text])
