"""`gsomia-news crawl` and `gsomia-news update`: discover, fetch politely, save raw pages.

Order of one crawl:
  for each selected outlet, in profile-key order (an outlet that fails is reported and the
  next one is crawled all the same):
    1. discover: article URLs from the outlet's search/listing/RSS/sitemap endpoints
       (`discover.py`), canonical, one per article, --since applied;
    2. order them: URLs not yet in the corpus first, newest first; keep --max-pages of them;
    3. for each URL:
       a. robots.txt check (inside the fetcher; a disallowed URL is *skipped*);
       b. conditional GET with the stored version's ETag / Last-Modified (or, for a page found
          irrelevant before, the validators remembered in the crawl state file);
       c. 304 -> *unchanged*: nothing is stored;
       d. 200 -> decode (charset detection), relevance filter over title and text: a page that
          does not name the pact is *skipped* (its validators are remembered so the next run
          asks for it conditionally too);
       e. corpus.add(how="crawl", http=HttpInfo(...)): a *new* page, a *changed* page (a new
          version), or *unchanged* when the bytes equal any stored version;
       f. any fetch error (timeout, HTTP error after retries, redirect off-host or looping,
          truncated or oversized body, undecodable bytes) -> *failed*, with its reason.
Progress goes to stderr, one line per endpoint and page; `report()` prints the closing summary
(`CrawlSummary.line()`) on stdout and every failure on stderr.

`update` = crawl then build under the update lock (`lock.py`).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from ..store.corpus import add, page_dir, sweep, utc_now, versions
from ..errors import FetchError, GsomiaError, InputError, RobotsDenied
from ..models import CorpusEntry, HttpInfo
from ..profiles import GENERIC_KEY, Profile, all_profiles
from .. import relevance
from ..textcodec import decode_body, sniff_content_type
from .discover import Candidate, discover, has_discovery
from .http import Fetcher, FetchResult
from .lock import UpdateLock
from .policy import DEFAULT_CONTACT, CrawlOptions, describe, load_config, parse_since
from .robots import RobotsCache

EXIT_OK, EXIT_FAILED, EXIT_PARTIAL = 0, 1, 3

_HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass
class CrawlSummary:
    """What one crawl did: counts, and every failure and skip with its reason."""

    outlets: list[str] = field(default_factory=list)
    discovered: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0  # 304, or the same bytes as a stored version
    skipped: int = 0  # not about GSOMIA, or disallowed by robots.txt
    deferred: int = 0  # beyond --max-pages, left for a later run
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    skips: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    outlets_failed: list[str] = field(default_factory=list)  # no discovery endpoint answered

    def line(self) -> str:
        """The one-line closing summary."""
        text = (f"crawled {len(self.outlets)} outlet(s): {self.discovered} discovered, {self.new} new, "
                f"{self.changed} changed, {self.unchanged} unchanged, {self.skipped} skipped, "
                f"{len(self.failed)} failed")
        if self.deferred:
            text += f", {self.deferred} left for a later run (--max-pages)"
        if self.outlets_failed:
            text += f"; outlet(s) unreachable: {', '.join(self.outlets_failed)}"
        return text

    @property
    def exit_code(self) -> int:
        """0 all fine; 3 some pages or endpoints failed (the rest were saved); 1 no outlet reachable."""
        if self.outlets and len(self.outlets_failed) == len(self.outlets):
            return EXIT_FAILED
        return EXIT_PARTIAL if self.failed else EXIT_OK


# ---------------------------------------------------------------- crawl state


class CrawlState:
    """Validators of pages found irrelevant, so re-crawls ask for them with a conditional GET.

    Kept in a small JSON file (default `<corpus>/.crawl-state.json`, outside the corpus's
    `<outlet>/<page>/` layout, so builds never see it). Losing it costs one full GET per page."""

    def __init__(self, path: Path, data: dict[str, dict[str, str | None]] | None = None) -> None:
        self.path = path
        self.irrelevant: dict[str, dict[str, str | None]] = data or {}
        self.dirty = False

    @classmethod
    def load(cls, path: Path) -> CrawlState:
        """Read the state file; a missing or unreadable one is an empty state."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            irrelevant = data.get("irrelevant", {}) if isinstance(data, dict) else {}
            return cls(path, {k: v for k, v in irrelevant.items() if isinstance(v, dict)})
        except (OSError, ValueError):
            return cls(path)

    def validators(self, key: str) -> HttpInfo | None:
        """Stored validators of a page found irrelevant (None if unknown)."""
        row = self.irrelevant.get(key)
        if not row or not (row.get("etag") or row.get("last_modified")):
            return None
        return HttpInfo(status=200, final_url=str(row.get("url") or ""), etag=row.get("etag"),
                        last_modified=row.get("last_modified"))

    def remember(self, key: str, result: FetchResult) -> None:
        """Record a page found irrelevant."""
        self.irrelevant[key] = {"url": result.url, "etag": result.etag,
                                "last_modified": result.last_modified, "checked_at": utc_now()}
        self.dirty = True

    def forget(self, key: str) -> None:
        """A page that is (now) relevant is no longer remembered as irrelevant."""
        if self.irrelevant.pop(key, None) is not None:
            self.dirty = True

    def save(self) -> None:
        """Write the state atomically (a crash leaves the previous file)."""
        if not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".crawl-state-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"version": 1, "irrelevant": self.irrelevant}, fh, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, self.path)
        self.dirty = False


# ---------------------------------------------------------------- selecting outlets


def select_outlets(options: CrawlOptions) -> list[Profile]:
    """Profiles to crawl: those named (InputError for unknown ones), else every one with endpoints."""
    profiles = all_profiles()
    if not options.outlets:
        return [p for key, p in sorted(profiles.items()) if key != GENERIC_KEY and has_discovery(p)]
    chosen: list[Profile] = []
    for name in options.outlets:
        profile = profiles.get(name) or next((p for p in profiles.values() if p.name.lower() == name.lower()), None)
        if profile is None or profile.key == GENERIC_KEY:
            known = ", ".join(k for k in sorted(profiles) if k != GENERIC_KEY)
            raise InputError(f"unknown outlet {name!r} (known: {known})")
        if not has_discovery(profile):
            raise InputError(f"outlet {profile.key!r} has no discovery endpoints in its profile")
        if profile not in chosen:
            chosen.append(profile)
    return chosen


# ---------------------------------------------------------------- one page


def _corpus_type(media_type: str | None, text: str) -> str | None:
    """text/html or text/plain for the corpus, or None for a response that is not a page."""
    if media_type in _HTML_TYPES:
        return "text/html"
    if media_type is None or media_type.startswith("text/") or media_type == "application/octet-stream":
        return sniff_content_type(text)
    return None


class _Crawler:
    """One crawl run's page loop: fetch, classify, store, count."""

    def __init__(self, options: CrawlOptions, fetcher: Fetcher, state: CrawlState,
                 summary: CrawlSummary, err: TextIO) -> None:
        self.options = options
        self.fetcher = fetcher
        self.state = state
        self.summary = summary
        self.err = err

    def log(self, line: str) -> None:
        if self.options.progress:
            print(f"crawl: {line}", file=self.err, flush=True)

    def outlet(self, profile: Profile) -> None:
        self.log(f"[{profile.key}] discovering")
        found = discover(profile, self.fetcher, self.options, lambda line: self.log(f"[{profile.key}] {line}"))
        for url, reason in found.failures:
            self.summary.failed.append((url, reason))
        for url, reason in found.skipped:
            self.summary.skipped += 1
            self.summary.skips.append((url, reason))
        if found.endpoints_ok == 0:
            if found.failures:
                self.summary.outlets_failed.append(profile.key)
                self.log(f"[{profile.key}] no discovery endpoint answered; outlet skipped for this run")
            else:  # every endpoint disallowed by robots.txt: a polite skip, not a failure
                self.log(f"[{profile.key}] robots.txt disallows every discovery endpoint; outlet skipped")
            return
        candidates = self.order(self.storable(found.candidates))
        self.summary.discovered += len(candidates)
        if self.options.max_pages is not None and len(candidates) > self.options.max_pages:
            self.summary.deferred += len(candidates) - self.options.max_pages
            candidates = candidates[: self.options.max_pages]
        self.log(f"[{profile.key}] {len(found.candidates)} article URL(s)"
                 + (f", {found.older_than_since} older than --since" if found.older_than_since else ""))
        for i, candidate in enumerate(candidates, 1):
            try:
                state = self.page(profile, candidate)
            except GsomiaError as exc:  # the corpus refused this page (e.g. disk full): it alone fails
                self.summary.failed.append((candidate.url, exc.message))
                state = f"failed ({exc.message})"
            self.log(f"[{profile.key}] {i}/{len(candidates)} {state}: {candidate.url}")

    def storable(self, candidates: list[Candidate]) -> list[Candidate]:
        """Candidates the corpus can hold; any other (an absurd article number, a huge URL)
        is one failed page, and the outlet's other pages are crawled all the same."""
        kept = []
        for candidate in candidates:
            try:
                page_dir(self.options.corpus, candidate.url)
            except InputError as exc:
                self.summary.discovered += 1
                self.summary.failed.append((candidate.url[:200], exc.message))
                continue
            kept.append(candidate)
        return kept

    def order(self, candidates: list[Candidate]) -> list[Candidate]:
        """New articles first (so --max-pages fetches them), newest first, else discovery order."""
        root = self.options.corpus

        def known(c: Candidate) -> bool:
            folder = page_dir(root, c.url)
            return c.key in self.state.irrelevant or (folder.is_dir() and bool(versions(folder)))

        indexed = list(enumerate(candidates))
        indexed.sort(key=lambda ic: (known(ic[1]), -(ic[1].date.toordinal() if ic[1].date else 0), ic[0]))
        return [c for _, c in indexed]

    def page(self, profile: Profile, candidate: Candidate) -> str:
        """Fetch and store one article URL; return the outcome word for the progress line."""
        url = candidate.url
        folder = page_dir(self.options.corpus, url)
        existing = versions(folder) if folder.is_dir() else []
        validators = existing[-1].http if existing and existing[-1].http else None
        if validators is None and not existing:
            validators = self.state.validators(candidate.key)
        try:
            result = self.fetcher.get(url, hosts=profile.hosts, validators=validators)
        except RobotsDenied as exc:
            self.summary.skipped += 1
            self.summary.skips.append((url, exc.message))
            return "skipped (robots.txt)"
        except FetchError as exc:
            self.summary.failed.append((url, exc.message))
            return f"failed ({exc.message})"
        if result.not_modified:
            if existing:
                self.summary.unchanged += 1
                return "unchanged (304)"
            if candidate.key in self.state.irrelevant:
                self.summary.skipped += 1
                self.summary.skips.append((url, "not about GSOMIA (unchanged, 304)"))
                return "skipped (not about GSOMIA, 304)"
            self.summary.failed.append((url, "304 Not Modified although nothing is stored"))
            return "failed (unexpected 304)"
        return self.store(profile, candidate, result, existing)

    def store(self, profile: Profile, candidate: Candidate, result: FetchResult, existing: list[CorpusEntry]) -> str:
        url = candidate.url
        raw = result.body
        if not raw.strip():
            self.summary.failed.append((url, "empty body"))
            return "failed (empty body)"
        if b"\x00" in raw:  # anywhere, not only in the first 8 KB: no web page's text holds a NUL
            self.summary.failed.append((url, f"not a text page (Content-Type {result.media_type})"))
            return "failed (binary)"
        try:
            text, charset = decode_body(raw, result.declared_charset)
        except UnicodeDecodeError:
            self.summary.failed.append((url, "body cannot be decoded in any known charset"))
            return "failed (undecodable)"
        content_type = _corpus_type(result.media_type, text)
        if content_type is None:
            self.summary.failed.append((url, f"not an HTML or text page (Content-Type {result.media_type})"))
            return "failed (not a page)"
        if not relevance.about_pact(text, content_type, profile):
            self.state.remember(candidate.key, result)
            self.summary.skipped += 1
            self.summary.skips.append((url, "not about GSOMIA"))
            return "skipped (not about GSOMIA)"
        self.state.forget(candidate.key)
        added = add(self.options.corpus, url, raw, content_type, how="crawl", obtained_at=utc_now(),
                    http=result.http_info(charset))
        if not added.created:
            self.summary.unchanged += 1
            return "unchanged (same bytes)"
        if existing:
            self.summary.changed += 1
            return f"changed (version {added.entry.version})"
        self.summary.new += 1
        return "new"


# ---------------------------------------------------------------- entry points


def crawl(options: CrawlOptions, *, fetcher: Fetcher | None = None, err: TextIO | None = None) -> CrawlSummary:
    """Discover and fetch every selected outlet into the corpus; never raises for a page or outlet."""
    err = err or sys.stderr
    profiles = select_outlets(options)
    own = fetcher is None
    fetcher = fetcher or Fetcher(options.fetch)
    if fetcher.robots is None:
        fetcher.robots = RobotsCache(fetcher)
    summary = CrawlSummary(outlets=[p.key for p in profiles])
    state = CrawlState.load(options.state_path)
    crawler = _Crawler(options, fetcher, state, summary, err)
    if options.fetch.user_agent is None and options.fetch.contact == DEFAULT_CONTACT:
        # Printed even with --quiet: it concerns the people whose sites we crawl.
        print("crawl: warning: no contact configured; set [fetch] contact in the crawl config "
              "so site operators can reach you", file=err, flush=True)
    try:
        options.corpus.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot use corpus folder {options.corpus}: {exc.strerror or exc}") from exc
    if not options.corpus.is_dir():
        raise InputError(f"corpus is not a folder: {options.corpus}")
    sweep(options.corpus)  # leftovers of killed runs
    try:
        for profile in profiles:
            try:
                crawler.outlet(profile)
            except Exception as exc:  # noqa: BLE001 - one outlet's bug must not stop the others
                summary.outlets_failed.append(profile.key)
                summary.failed.append((profile.key, f"outlet crawl aborted: {type(exc).__name__}: {exc}"))
                crawler.log(f"[{profile.key}] aborted: {type(exc).__name__}: {exc}")
            finally:
                state.save()
    finally:
        if own:
            fetcher.close()
    return summary


def report(summary: CrawlSummary, out: TextIO | None = None, err: TextIO | None = None) -> None:
    """Print the summary line (stdout) and every failure (stderr), as the CLI does."""
    print(summary.line(), file=out or sys.stdout)
    for url, reason in summary.failed:
        print(f"  failed {url}: {reason}", file=err or sys.stderr)


def crawl_command(options: CrawlOptions) -> int:
    """`gsomia-news crawl`: crawl, print the summary and failures, return the exit code."""
    summary = crawl(options)
    report(summary)
    return summary.exit_code


def options_from_cli(config: Path | None = None, corpus: Path | None = None, outlets: list[str] | None = None,
                     since: str | None = None, max_pages: int | None = None, quiet: bool = False) -> CrawlOptions:
    """CrawlOptions from CLI arguments over an optional config file (arguments win).

    `outlets` may be given flag by flag, as comma lists, or both (`--outlet a,b --outlet c`)."""
    options = load_config(config) if config is not None else CrawlOptions()
    if max_pages is not None and max_pages < 1:
        raise InputError("--max-pages must be at least 1")
    changes: dict[str, object] = {"progress": not quiet}
    if corpus is not None:
        changes["corpus"] = corpus
    names = [name.strip() for value in outlets or [] for name in value.split(",") if name.strip()]
    if outlets and not names:
        raise InputError("--outlet needs an outlet name (e.g. --outlet kbs-world,donga)")
    if names:
        changes["outlets"] = tuple(dict.fromkeys(names))
    if since is not None:
        changes["since"] = parse_since(since)
    if max_pages is not None:
        changes["max_pages"] = max_pages
    try:
        return replace(options, **changes)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise InputError(describe(exc, "crawl option ")) from None


def update(crawl_options: CrawlOptions, build_callable: Callable[[], int], *,
           fetcher: Fetcher | None = None, out: TextIO | None = None, err: TextIO | None = None,
           on_summary: Callable[[CrawlSummary], None] | None = None) -> int:
    """`gsomia-news update`: crawl then build under the update lock; return the exit code.

    0 both fine; 3 crawl or build partly failed (the dataset was still built); 1 the crawl
    reached no outlet or the build returned 1. Raises LockError while another update runs.
    `on_summary` receives the crawl summary before the build starts (the CLI's --json)."""
    err = err or sys.stderr
    with UpdateLock(crawl_options.lock_path) as lock:
        if lock.took_over is not None:
            print(f"update: took over the stale lock of pid {lock.took_over.pid} on {lock.took_over.host} "
                  f"(started {lock.took_over.since}; no run holds it any more)", file=err)
        summary = crawl(crawl_options, fetcher=fetcher, err=err)
        report(summary, out, err)
        if on_summary is not None:
            on_summary(summary)
        build_code = build_callable()
    if summary.exit_code == EXIT_FAILED:
        print("update: the crawl reached no outlet; the dataset was rebuilt from the existing corpus", file=err)
        return EXIT_FAILED
    if build_code not in (EXIT_OK, EXIT_PARTIAL):
        return EXIT_FAILED
    return EXIT_PARTIAL if EXIT_PARTIAL in (summary.exit_code, build_code) else EXIT_OK
