"""Per-chunk work of a build: read raw -> (cache | clean -> parse -> extract) -> article JSON.

Runs in the build process (1 worker) or in pool workers; each worker loads the spaCy model
once, and only when a page misses the cache, so an unchanged corpus never loads it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..store.cache import ExtractCache
from ..store.corpus import Page, PageRef, read_latest
from ..errors import ExtractError, GsomiaError
from ..models import Article, Failure, RawRef
from ..load.registry import SeenOfficial


@dataclass(frozen=True)
class WorkerConfig:
    """What every worker needs to know (picklable)."""

    corpus: Path
    cache_dir: Path | None
    read_cache: bool  # False: extract every page again (and refresh the cache)
    fingerprint: str
    batch_size: int
    dates: str = "dataset"  # date profile (settings.DATE_PROFILES)


@dataclass
class Outcome:
    """The result of one page: an article line (or none) and what went wrong on the way."""

    article_json: str | None = None
    article_id: str | None = None
    date: str | None = None
    officials: tuple[SeenOfficial, ...] = ()
    used: tuple[str, str] | None = None  # (canonical URL, sha256) of the version built
    failures: list[Failure] = field(default_factory=list)
    dates: int = 0
    resolved: int = 0
    mentions: int = 0
    cached: bool = False


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text if isinstance(exc, GsomiaError) else f"{type(exc).__name__}: {text}"


def _finish(outcome: Outcome, article: Article, page: Page) -> None:
    outcome.article_json = article.model_dump_json()
    outcome.article_id = article.id
    outcome.date = (article.published or "")[:10] or None
    # The registry needs who and in what role, not where: mentions stay out (memory).
    outcome.officials = tuple(SeenOfficial.of(o) for o in article.officials)
    outcome.used = (page.entry.canonical_url, page.entry.sha256)
    outcome.dates = len(article.dates)
    outcome.resolved = sum(1 for d in article.dates if d.value)
    outcome.mentions = sum(len(o.mentions) for o in article.officials)


def process_chunk(config: WorkerConfig, refs: list[PageRef]) -> list[Outcome]:
    """Build the articles of some pages, in order; a failing page yields failures, not an exception."""
    cache = ExtractCache(config.cache_dir, config.fingerprint)
    outcomes = [Outcome() for _ in refs]
    misses: list[tuple[int, Page]] = []
    for i, ref in enumerate(refs):
        page, failures = read_latest(config.corpus, ref)
        outcomes[i].failures.extend(failures)
        if page is None:
            continue
        hit = cache.get(page.entry) if config.read_cache else None
        if hit is not None:
            try:
                data = json.loads(hit)
                article = Article.model_validate({**data, "raw": RawRef.of(page.entry).model_dump()})
            except ValueError:
                misses.append((i, page))  # unreadable cache file: rebuild it
                continue
            _finish(outcomes[i], article, page)
            outcomes[i].cached = True
        else:
            misses.append((i, page))
    if misses:
        _extract(config, cache, misses, outcomes)
    return outcomes


def _extract(config: WorkerConfig, cache: ExtractCache, misses: list[tuple[int, Page]], outcomes: list[Outcome]) -> None:
    # Imported here: a fully cached build never pays for trafilatura or spaCy.
    from ..clean import clean_page
    from ..extract.article import extract_article
    from ..extract.nlp import load_nlp

    cleaned = []
    for i, page in misses:
        try:
            cleaned.append((i, page, clean_page(page.entry, page.raw)))
        except Exception as exc:  # noqa: BLE001 - one bad page never aborts a build
            outcomes[i].failures.append(Failure(stage="clean", url=page.entry.url, path=page.entry.path, reason=_reason(exc)))
    if not cleaned:
        return
    nlp = load_nlp()
    # spaCy refuses texts over nlp.max_length (1,000,000 characters) with an exception that
    # would end the whole batch: such a page is no news article, and is listed, not built.
    parseable = []
    for i, page, clean in cleaned:
        if len(clean.body) > nlp.max_length:
            reason = ExtractError(f"body has {len(clean.body):,} characters, more than the NLP model's limit "
                                  f"of {nlp.max_length:,}: not built")
            outcomes[i].failures.append(Failure(stage="extract", url=page.entry.url, path=page.entry.path,
                                                reason=str(reason)))
        else:
            parseable.append((i, page, clean))
    for (i, page, clean), doc in zip(parseable, _parse(nlp, [clean.body for _, _, clean in parseable], config.batch_size)):
        if isinstance(doc, BaseException):
            outcomes[i].failures.append(Failure(stage="extract", url=page.entry.url, path=page.entry.path, reason=_reason(doc)))
            continue
        try:
            article = extract_article(page, clean, doc, config.dates)
        except Exception as exc:  # noqa: BLE001
            outcomes[i].failures.append(Failure(stage="extract", url=page.entry.url, path=page.entry.path, reason=_reason(exc)))
            continue
        _finish(outcomes[i], article, page)
        cache.put(page.entry, json.dumps(article.model_dump(mode="json", exclude={"raw"}), ensure_ascii=False))


def _parse(nlp: Any, texts: list[str], batch_size: int) -> Iterator[Any]:
    """Parsed docs in order: `nlp.pipe` in batches; if a batch fails, its texts one by one, where
    a text that still fails yields its exception instead of a doc."""
    for start in range(0, len(texts), batch_size):
        batch = texts[start:start + batch_size]
        try:
            docs = list(nlp.pipe(batch, batch_size=batch_size))
        except Exception:  # noqa: BLE001 - find the text at fault, keep the others
            docs = []
            for text in batch:
                try:
                    docs.append(nlp(text))
                except Exception as exc:  # noqa: BLE001
                    docs.append(exc)
        yield from docs
