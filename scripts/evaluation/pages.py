"""Run the project's own cleaning on a benchmark page as if it had been ingested with its URL."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable, Iterable
from typing import TypeVar

from gsomia_news.clean import clean_page
from gsomia_news.models import CleanArticle, CorpusEntry
from gsomia_news.store.corpus import sha256_bytes, utc_now
from gsomia_news.textcodec import decode, sniff_content_type
from gsomia_news.urls import canonical_url, profile_for_url

T = TypeVar("T")
R = TypeVar("R")


def ingested_entry(url: str, raw: bytes, obtained_at: str | None = None) -> CorpusEntry:
    """The corpus entry `gsomia-news ingest FILE --url URL` would record for these bytes."""
    text, _ = decode(raw)
    return CorpusEntry(
        url=url, canonical_url=canonical_url(url), outlet=profile_for_url(url).key,
        obtained_at=obtained_at or utc_now(), how="ingest", content_type=sniff_content_type(text),
        sha256=sha256_bytes(raw), size=len(raw), path="benchmark/001.html", version=1,
    )


def clean_or_reason(url: str, raw: bytes) -> tuple[CleanArticle | None, str | None]:
    """The cleaned article, or None and a one-line reason: a failing page never stops a suite."""
    try:
        return clean_page(ingested_entry(url, raw), raw), None
    except Exception as exc:  # noqa: BLE001 - every failure is counted, none is fatal
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"


def pool_map(fn: Callable[[T], R], items: Iterable[T], workers: int | None = None) -> list[R]:
    """`map` over a process pool (one process per core, at most 4), in order."""
    items = list(items)
    workers = workers or min(4, os.cpu_count() or 1)
    if workers <= 1 or len(items) < 8:
        return [fn(x) for x in items]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, items, chunksize=max(1, len(items) // (workers * 8))))
