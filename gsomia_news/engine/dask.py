"""Dask engine: the same units of work as the local engine, as tasks on dask.distributed.

Without a scheduler address a LocalCluster of `workers` single-threaded worker processes is
started for the run and shut down after it; with one (`tcp://host:8786`, e.g. a cluster that
dask-jobqueue started on Slurm, see scripts/slurm_dask.py) the client connects to it and uses
every worker it has.

- One task per chunk of pages (build) or per WARC file (ingest-warc), a few per worker thread
  in flight at a time, and results handed on in submission order, so the output is
  byte-identical to the local engine's and memory stays bounded.
- The spaCy model is loaded once per worker process by a worker plugin (also on workers that
  join later or are restarted), never once per task; tasks find it in `load_nlp`'s cache.
- A worker that dies mid-task (killed, out of memory, node lost) has its tasks rescheduled by
  Dask on the other workers; the tasks only read their inputs, so running one again is safe.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, TypeVar

import dask.config
from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import EngineError
from ..store.corpus import PageRef
from .chunk import Outcome, WorkerConfig, process_chunk
from .local import chunks, needs_model

T = TypeVar("T")

# Tasks in flight (or finished, waiting for an earlier one) per worker thread: enough that no
# worker waits for work, few enough that results waiting for a slower task do not pile up.
WINDOW_PER_THREAD = 4

# Dask settings for the workers of a build, two defaults undone (scripts/bench.py --dask):
# - the nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, so glibc hands freed memory back
#   to the system at once and faults it in again on the next article: 8x the page faults and
#   2-3x the system time of a forked pool worker. Unset, glibc keeps its own adaptive threshold,
#   as in the local engine;
# - the statistical profiler (for the dashboard's profile page, which a build never shows)
#   takes the GIL from the task 100 times a second to sample its stack: 300 articles built in
#   30.9 s with it, 26.2 s without (means of three alternated runs).
WORKER_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}

# No dashboard, and the scheduler's small HTTP server (health, metrics) on a free port of the
# loopback interface: the default, port 8787, warns on stderr when two builds run at once.
SCHEDULER_HTTP = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}


def worker_config() -> str:
    """WORKER_CONFIG as a Dask YAML config file, for workers started elsewhere (Slurm jobs)."""
    nested: dict[str, Any] = {}
    for key, value in WORKER_CONFIG.items():
        *parents, last = key.split(".")
        node = nested
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return json.dumps(nested, indent=2) + "\n"  # JSON is YAML; null unsets the variable


class LoadModel(WorkerPlugin):
    """Loads the spaCy model in each worker when it starts (or when the plugin is registered)."""

    name = "gsomia-news-load-model"

    def setup(self, worker: Any) -> None:
        """Load the model into this worker process's `load_nlp` cache."""
        from ..extract.nlp import load_nlp

        load_nlp()


class DaskEngine:
    """A client to a Dask cluster: the one at `scheduler`, or a LocalCluster started here."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        self.scheduler, self.workers = scheduler, workers
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None

    def __enter__(self) -> DaskEngine:
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="30s")
            else:
                with dask.config.set(WORKER_CONFIG):
                    self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                                dashboard_address=None, scheduler_kwargs=SCHEDULER_HTTP,
                                                silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
            self.client.wait_for_workers(1, timeout=120)
        except (OSError, TimeoutError) as exc:
            self.__exit__(None, None, None)
            where = f"the Dask scheduler at {self.scheduler}" if self.scheduler else "a local Dask cluster"
            raise EngineError(f"cannot reach {where}: {exc}") from exc
        return self

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    @property
    def threads(self) -> int:
        """Worker threads in the cluster now (at least 1)."""
        assert self.client is not None
        return max(1, sum(self.client.nthreads().values()))

    def load_model(self) -> None:
        """Load the spaCy model on every worker, present and future."""
        assert self.client is not None
        self.client.register_plugin(LoadModel())

    def map_ordered(self, fn: Callable[[Any], T], items: list[Any]) -> Iterator[T]:
        """fn(item) as one task per item; results in item order.

        A new task is submitted whenever any task finishes, not only the oldest, so a slow task
        (a big WARC file) does not leave the other workers idle; results that arrive early wait
        here for their turn. At most `WINDOW_PER_THREAD` x threads tasks are in flight or
        waiting, which bounds memory."""
        assert self.client is not None
        limit = WINDOW_PER_THREAD * self.threads
        index: dict[str, int] = {}
        early: dict[int, T] = {}
        running = as_completed()
        submitted = yielded = 0

        def fill() -> None:
            nonlocal submitted
            while submitted < len(items) and submitted - yielded < limit:
                future = self.client.submit(fn, items[submitted], pure=False)  # type: ignore[union-attr]
                index[future.key] = submitted
                running.add(future)
                submitted += 1

        fill()
        for future in running:
            early[index.pop(future.key)] = future.result()
            future.release()
            while yielded in early:
                result = early.pop(yielded)
                yielded += 1
                fill()
                yield result


def run_chunks(config: WorkerConfig, pages: list[PageRef], chunk_size: int, workers: int,
               scheduler: str | None) -> Iterator[list[Outcome]]:
    """A build's chunks of pages as Dask tasks; outcomes in page order."""
    with DaskEngine(scheduler, workers) as engine:
        work = chunks(pages, chunk_size, engine.threads)
        if needs_model(config, work):
            engine.load_model()
        yield from engine.map_ordered(partial(process_chunk, config), work)


def map_ordered(fn: Callable[[Any], T], items: list[Any], workers: int, scheduler: str | None) -> Iterator[T]:
    """fn(item) for every item as Dask tasks (one per item); results in item order."""
    with DaskEngine(scheduler, workers) as engine:
        yield from engine.map_ordered(fn, items)
