"""The NLI cross-encoder network: MiniLM (BERT, 6 layers, 384 hidden) + mean pooling + linear head.

The word-embedding matrix (30522 x 384, over half of MiniLM's weights) stays frozen during
fine-tuning, so an artifact stores only the other weights (fp16) and is rebuilt at load time
from the packaged MiniLM config and embeddings plus those weights.
"""
from __future__ import annotations

from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn
from transformers import AutoTokenizer, BertConfig, BertModel, PreTrainedTokenizerBase

from narratives.errors import ModelUnavailableError

LABELS: tuple[str, ...] = ("entailment", "neutral", "contradiction")
WEIGHTS_FILE = "model.fp16.safetensors"
CONFIG_FILE = "config.json"
FROZEN_PREFIX = "bert.embeddings.word_embeddings."


class NLICrossEncoder(nn.Module):
    """`(input_ids, attention_mask, token_type_ids)` each (batch, seq) -> logits (batch, 3).

    Mean pooling over the real tokens, because the MiniLM init was trained for mean-pooled
    sentence embeddings (its CLS pooler never was).
    """

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.config = config
        self.bert = BertModel(config, add_pooling_layer=False)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        hidden = self.bert(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        return self.classifier(self.dropout(pooled))

    def freeze_word_embeddings(self) -> None:
        self.bert.embeddings.word_embeddings.weight.requires_grad_(False)


def nli_config(base_dir: Path) -> BertConfig:
    """The MiniLM config with the three NLI labels (ids in `label2id` / `id2label`)."""
    config = BertConfig.from_pretrained(str(base_dir))
    config.num_labels = len(LABELS)
    config.id2label = dict(enumerate(LABELS))
    config.label2id = {label: i for i, label in enumerate(LABELS)}
    config.architectures = ["NLICrossEncoder"]
    return config


def init_from_minilm(base_dir: Path) -> NLICrossEncoder:
    """A fresh cross-encoder whose encoder weights are MiniLM's (the head is random)."""
    model = NLICrossEncoder(nli_config(base_dir))
    base = BertModel.from_pretrained(str(base_dir), add_pooling_layer=False)
    model.bert.load_state_dict(base.state_dict())
    return model


def save_artifact(
    model: NLICrossEncoder, tokenizer: PreTrainedTokenizerBase, out_dir: Path
) -> Path:
    """Write config, tokenizer and every weight except the frozen word embeddings (fp16)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    state = {
        name: tensor.detach().to(torch.float16).contiguous()
        for name, tensor in model.state_dict().items()
        if not name.startswith(FROZEN_PREFIX) and tensor.is_floating_point()
    }
    weights = out_dir / WEIGHTS_FILE
    save_file(state, str(weights), metadata={"format": "pt"})
    model.config.save_pretrained(str(out_dir))
    tokenizer.save_pretrained(str(out_dir))
    return weights


def load_artifact(artifact_dir: Path, base_dir: Path) -> tuple[NLICrossEncoder, PreTrainedTokenizerBase]:
    """Rebuild the trained model: MiniLM's word embeddings + the artifact's other weights."""
    for name in (WEIGHTS_FILE, CONFIG_FILE):
        if not (artifact_dir / name).exists():
            raise ModelUnavailableError(
                f"contradiction model artifact incomplete: {artifact_dir / name} is missing; "
                "train it with `narratives train contradiction --out models/artifacts/contradiction`"
            )
    config = BertConfig.from_pretrained(str(artifact_dir))
    model = NLICrossEncoder(config)
    base_embeddings = load_file(str(base_dir / "model.safetensors"))
    word_key = "embeddings.word_embeddings.weight"
    state = {name: t.to(torch.float32) for name, t in load_file(str(artifact_dir / WEIGHTS_FILE)).items()}
    state[FROZEN_PREFIX + "weight"] = base_embeddings[word_key].to(torch.float32)
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise ModelUnavailableError(
            f"contradiction model artifact {artifact_dir} does not match the network "
            f"(missing {missing[:3]}, unexpected {unexpected[:3]}); retrain it"
        )
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(str(artifact_dir))
    return model, tokenizer

