"""`gsomia-news build`: corpus -> clean -> extract -> load, one dataset per run.

Streaming: the corpus scan reads sidecars only; pages are processed in ordered chunks (in this
process, in a pool of `workers` processes, or as Dask tasks: see engine/) and each article is
written as soon as its chunk is done, so memory does not grow with the corpus. Unchanged pages
come from the extraction cache (`<out>/.cache/`, see store/cache.py); output is byte-identical
with or without it, for any number of workers and for either engine.

A page that fails in any stage is recorded in manifest.json (stage, reason) and the others
are still built. Exit status: 0 all pages built, 3 dataset written but some pages failed;
any error that prevents writing the dataset raises (the CLI turns InputError, e.g. a missing
corpus folder, into exit 2 and the others into exit 1). So does a build that would publish
no article at all (an empty or wrongly mounted corpus, or every page failing), unless
`allow_empty` is set: an empty dataset never silently replaces `latest`. `options.export`
adds the tidy tables (load/export.py) to the dataset before it is published.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import PIPELINE_VERSION, __version__
from .store.cache import fingerprint
from .store.corpus import digest_of, scan, utc_now
from .extract.nlp import installed_model
from .load.writer import DatasetWriter
from .models import SCHEMA_VERSION, Counts, CorpusInfo, Failure, Manifest
from .engine import run_build_chunks
from .engine.chunk import WorkerConfig
from .load.registry import SeenOfficial, Sighting, build_registry_with_remap
from .errors import BuildError, InputError
from .settings import BuildOptions
from .load.export import exporter
from .progress import Progress

EXIT_OK = 0
EXIT_PARTIAL = 3


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote."""

    path: Path
    manifest: Manifest
    cached: int = 0
    pruned: tuple[str, ...] = ()  # old run folders removed (--keep)

    @property
    def exit_code(self) -> int:
        """0 when every page was built, 3 when some failed."""
        return EXIT_PARTIAL if self.manifest.failures else EXIT_OK


def build(options: BuildOptions) -> BuildResult:
    """Rebuild the dataset from the corpus (see module docstring)."""
    started = utc_now()
    if options.keep < 1:
        raise InputError("--keep must be at least 1")
    if not options.corpus.is_dir():
        raise InputError(f"corpus folder not found: {options.corpus}")
    export = exporter(options.export)  # a missing pyarrow fails here, before any work
    found = scan(options.corpus)
    failures: list[Failure] = list(found.failures)
    if not found.pages and not options.allow_empty:
        unreadable = f" ({len(failures)} unreadable entries, e.g. {failures[0].path}: {failures[0].reason})" if failures else ""
        raise BuildError(f"the corpus {options.corpus} has no readable page{unreadable}; nothing published and "
                         f"{options.out / 'latest'} left as it was (--allow-empty publishes an empty dataset)")
    model = installed_model()
    config = WorkerConfig(
        corpus=options.corpus,
        cache_dir=options.out / ".cache" / "extract",
        read_cache=options.use_cache,
        fingerprint=fingerprint(model, options.dates),
        batch_size=options.batch_size,
        dates=options.dates,
    )
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    writer = DatasetWriter(options.out, run_id, keep=options.keep)
    writer.start()
    try:
        progress = Progress(len(found.pages), "build", enabled=options.progress)
        sightings: list[Sighting] = []
        used: list[tuple[str, str]] = []
        totals = {"dates": 0, "resolved": 0, "mentions": 0, "cached": 0}
        for outcomes in run_build_chunks(config, found.pages, options.chunk_size, options.workers,
                                         options.engine, options.scheduler):
            progress.update(len(outcomes))
            for outcome in outcomes:
                failures.extend(outcome.failures)
                if outcome.article_json is None:
                    continue
                writer.write_line(outcome.article_json)
                # Re-interned here: strings unpickled from workers are fresh copies.
                officials = tuple(SeenOfficial(*(sys.intern(v) if v else v for v in o)) for o in outcome.officials)
                sightings.append(Sighting(outcome.article_id or "", outcome.date, officials))
                if outcome.used:
                    used.append(outcome.used)
                totals["dates"] += outcome.dates
                totals["resolved"] += outcome.resolved
                totals["mentions"] += outcome.mentions
                totals["cached"] += outcome.cached
        progress.close()
        if writer.count == 0 and not options.allow_empty:
            first = f"; first: {failures[0].url or failures[0].path}: {failures[0].reason}" if failures else ""
            raise BuildError(f"no page could be built ({len(failures)} failed{first}); nothing published and "
                             f"{options.out / 'latest'} left as it was (--allow-empty publishes an empty dataset)")
        people, remap = build_registry_with_remap(sightings)
        manifest = Manifest(
            run_id=run_id,
            schema_version=SCHEMA_VERSION,
            date_profile=options.dates,
            started_at=started,
            finished_at=utc_now(),
            package_version=__version__,
            pipeline_version=PIPELINE_VERSION,
            model=model,
            # Absolute, so `validate` finds the corpus from any folder.
            corpus=CorpusInfo(path=str(options.corpus.resolve()), digest=digest_of(used),
                              entries=found.entries, pages=len(found.pages)),
            counts=Counts(articles=writer.count, failed=len(failures), dates=totals["dates"],
                          dates_resolved=totals["resolved"], official_mentions=totals["mentions"],
                          officials=len(people)),
            failures=sorted(failures, key=lambda f: (f.stage, f.url or "", f.path or "", f.reason)),
        )
        path = writer.finish(people, manifest, remap, before_publish=export)
    except BaseException:
        writer.abort()
        raise
    return BuildResult(path=path, manifest=manifest, cached=totals["cached"], pruned=tuple(writer.pruned))
