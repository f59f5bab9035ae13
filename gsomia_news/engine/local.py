"""Local engine: a build's chunks run in this process or in a pool of forked workers.

Output order is chunk order whatever the number of workers, so datasets are byte-identical.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, TypeVar

from ..extract.nlp import load_nlp
from ..store.cache import ExtractCache
from ..store.corpus import PageRef
from .chunk import Outcome, WorkerConfig, process_chunk

T = TypeVar("T")


def chunks(pages: list[PageRef], size: int, workers: int) -> list[list[PageRef]]:
    """Ordered chunks of `size` pages; with several workers the last ones are smaller.

    A worker that gets the last full chunk would leave the others idle for up to a chunk's
    time; quarter-size chunks over the last `workers` chunks' worth of pages cut that tail."""
    tail = len(pages) - workers * size if workers > 1 else len(pages)
    tail = max(0, tail)
    head = [pages[i:min(i + size, tail)] for i in range(0, tail, size)]
    small = max(1, size // 4)
    return head + [pages[i:i + small] for i in range(tail, len(pages), small)]


def needs_model(config: WorkerConfig, work: list[list[PageRef]]) -> bool:
    """True when some page of `work` will be extracted (not all come from the cache)."""
    cache = ExtractCache(config.cache_dir, config.fingerprint)
    return not config.read_cache or any(not cache.has(ref.versions[0]) for chunk in work for ref in chunk)


def run_chunks(config: WorkerConfig, work: list[list[PageRef]], workers: int) -> Iterator[list[Outcome]]:
    """Outcomes of every chunk, in chunk order, from this process or a pool of `workers`."""
    if workers <= 1 or len(work) <= 1:
        for chunk in work:
            yield process_chunk(config, chunk)
        return
    if needs_model(config, work):
        # Some page will be extracted: load the model once here, before forking, so workers
        # inherit it (copy-on-write) instead of each loading its own. A fully cached build
        # never gets here with a reason to load it.
        load_nlp()
    # fork: workers start instantly and load the model themselves, once, on their first miss.
    # maxtasksperchild: a worker is replaced after 50 chunks (~1,600 pages), so whatever a
    # long-lived spaCy process accumulates cannot grow with the corpus; a reload costs ~1 s.
    with multiprocessing.get_context("fork").Pool(min(workers, len(work)), maxtasksperchild=50) as pool:
        yield from pool.imap(partial(process_chunk, config), work)  # ordered: deterministic output


def map_ordered(fn: Callable[[Any], T], items: list[Any], workers: int) -> Iterator[T]:
    """fn(item) for every item, in item order, in this process or a pool of forked workers."""
    if workers <= 1 or len(items) <= 1:
        for item in items:
            yield fn(item)
        return
    with multiprocessing.get_context("fork").Pool(min(workers, len(items))) as pool:
        yield from pool.imap(fn, items)  # ordered, one item per task
