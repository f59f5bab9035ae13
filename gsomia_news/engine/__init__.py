"""Execution engines: how the heavy stages' units of work run.

Two units of work: a chunk of pages for `build` (chunk.py `process_chunk`) and one WARC file
for `ingest-warc` (store/warc.py `scan_file`). Both only read their inputs and return plain
results, so an engine may run them anywhere and again after a crash; the caller consumes the
results in submission order, which keeps every output byte-identical whatever the engine.

  local  this process, or a pool of forked processes (`--workers N`): local.py
  dask   dask.distributed: a LocalCluster of `--workers` processes, or the scheduler at
         `--scheduler ADDRESS` (e.g. one started by dask-jobqueue on Slurm): dask.py
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any, TypeVar

from ..errors import EngineError, InputError
from ..store.corpus import PageRef
from .chunk import Outcome, WorkerConfig
from .local import chunks, map_ordered, run_chunks

ENGINES = ("local", "dask")

T = TypeVar("T")


def dask_module() -> ModuleType:
    """engine/dask.py, or EngineError when dask.distributed is not installed."""
    try:
        from . import dask as module
    except ImportError as exc:
        raise EngineError("the dask engine needs dask.distributed: pip install 'gsomia-news[dask]'") from exc
    return module


def check_engine(engine: str, scheduler: str | None, workers: int) -> None:
    """InputError for an unknown engine, a scheduler without dask, or fewer than one worker."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if scheduler and engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    if workers < 1:
        raise InputError("--workers must be at least 1")


def run_build_chunks(config: WorkerConfig, pages: list[PageRef], chunk_size: int, workers: int,
                     engine: str = "local", scheduler: str | None = None) -> Iterator[list[Outcome]]:
    """Outcomes of a build's chunks of pages, in page order, from the chosen engine."""
    if engine == "dask":
        yield from dask_module().run_chunks(config, pages, chunk_size, workers, scheduler)
        return
    yield from run_chunks(config, chunks(pages, chunk_size, workers), workers)


def map_files(fn: Callable[[Any], T], items: list[Any], workers: int,
              engine: str = "local", scheduler: str | None = None) -> Iterator[T]:
    """fn(item) for every item (one task each), results in item order, from the chosen engine."""
    if engine == "dask":
        yield from dask_module().map_ordered(fn, items, workers, scheduler)
        return
    yield from map_ordered(fn, items, workers)
