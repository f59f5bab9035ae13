"""`gsomia-news build`: corpus -> clean -> extract -> load, one dataset per run.

A page that fails in any stage is recorded in manifest.json (stage, reason) and the others
are still built. Exit status: 0 all pages built, 3 dataset written but some pages failed;
any error that prevents writing the dataset raises (the CLI turns it into exit 1).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import PIPELINE_VERSION, __version__
from .clean import clean_page
from .corpus import Page, digest, scan, utc_now
from .errors import GsomiaError
from .extract.article import extract_article
from .extract.nlp import load_nlp, model_info
from .load import DatasetWriter
from .models import Article, CleanArticle, Counts, CorpusInfo, Failure, Manifest
from .registry import Sighting, build_registry_with_remap
from .settings import BuildOptions

EXIT_OK = 0
EXIT_PARTIAL = 3


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote."""

    path: Path
    manifest: Manifest

    @property
    def exit_code(self) -> int:
        """0 when every page was built, 3 when some failed."""
        return EXIT_PARTIAL if self.manifest.failures else EXIT_OK


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text if isinstance(exc, GsomiaError) else f"{type(exc).__name__}: {text}"


class _Progress:
    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.done, self.last = total, enabled, 0, 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self.last > 1.0 or self.done == self.total):
            self.last = now
            print(f"\r  extracting {self.done}/{self.total}", end="", file=sys.stderr, flush=True)
            if self.done == self.total:
                print(file=sys.stderr)


def build(options: BuildOptions) -> BuildResult:
    """Rebuild the dataset from the corpus (see module docstring)."""
    started = utc_now()
    found = scan(options.corpus)
    failures: list[Failure] = list(found.failures)
    nlp = load_nlp()
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    writer = DatasetWriter(options.out, run_id)
    writer.start()
    try:
        cleaned: list[tuple[Page, CleanArticle]] = []
        for page in found.pages:
            try:
                cleaned.append((page, clean_page(page.entry, page.raw)))
            except Exception as exc:  # noqa: BLE001 - one bad page never aborts a build
                failures.append(Failure(stage="clean", url=page.entry.url, path=page.entry.path, reason=_reason(exc)))
        progress = _Progress(len(cleaned), options.progress)
        sightings: list[Sighting] = []
        counts = {"dates": 0, "resolved": 0, "mentions": 0}
        docs = nlp.pipe((c.body for _, c in cleaned), batch_size=options.batch_size)
        for (page, clean), doc in zip(cleaned, docs):
            progress.step()
            try:
                caption_docs = list(nlp.pipe(clean.captions)) if clean.captions else []
                article: Article = extract_article(page, clean, doc, caption_docs)
            except Exception as exc:  # noqa: BLE001
                failures.append(Failure(stage="extract", url=page.entry.url, path=page.entry.path, reason=_reason(exc)))
                continue
            writer.write(article)
            sightings.append(Sighting(article.id, (article.published or "")[:10] or None, tuple(article.officials)))
            counts["dates"] += len(article.dates)
            counts["resolved"] += sum(1 for d in article.dates if d.value)
            counts["mentions"] += sum(len(o.mentions) for o in article.officials)
        people, remap = build_registry_with_remap(sightings)
        manifest = Manifest(
            run_id=run_id,
            started_at=started,
            finished_at=utc_now(),
            package_version=__version__,
            pipeline_version=PIPELINE_VERSION,
            model=model_info(nlp),
            corpus=CorpusInfo(path=str(options.corpus), digest=digest(found.pages),
                              entries=found.entries, pages=len(found.pages)),
            counts=Counts(articles=writer.count, failed=len(failures), dates=counts["dates"],
                          dates_resolved=counts["resolved"], official_mentions=counts["mentions"],
                          officials=len(people)),
            failures=sorted(failures, key=lambda f: (f.stage, f.url or "", f.path or "", f.reason)),
        )
        path = writer.finish(people, manifest, remap)
    except BaseException:
        writer.abort()
        raise
    return BuildResult(path=path, manifest=manifest)
