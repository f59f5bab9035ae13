"""Crawl and fetch settings as frozen options, and the optional TOML config file that sets them.

Config file (all keys optional; `gsomia-news crawl --config FILE`)::

    [fetch]
    contact = "mailto:you@university.edu"   # goes into the User-Agent
    min_delay = 1.0                          # seconds between two requests to one host
    retries = 3
    [crawl]
    corpus = "corpus"
    discovery_pages = 3
    [base_urls]                              # send an outlet's requests to another server
    kbs-world = "http://127.0.0.1:8001"      # (a local test server); URL paths are kept
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from .. import __version__
from ..errors import InputError
from ..settings import MAX_PAGE_BYTES

# A placeholder: whoever runs a crawl should put their own address in the config, so that a
# site operator who sees our requests can reach a person (see README, "Crawling").
DEFAULT_CONTACT = "mailto:gsomia-news@example.invalid"

# Product token robots.txt groups are matched against ("User-agent: gsomia-news").
ROBOTS_TOKEN = "gsomia-news"

# Transient failures worth retrying: rate limiting and server/gateway errors (not 501/505,
# which will not change on a retry).
RETRY_STATUSES: tuple[int, ...] = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class FetchOptions:
    """How politely and defensively one HTTP request is made (shared by discovery and pages)."""

    contact: str = DEFAULT_CONTACT
    # Full User-Agent override; by default it is built from the package version and `contact`.
    user_agent: str | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    # Whole-response budget: a server trickling bytes under the read timeout is still cut off.
    total_timeout: float = 120.0
    retries: int = 3
    # Waits between retries grow as backoff_factor * 2**(n-1), never below the host's delay.
    backoff_factor: float = 1.0
    backoff_max: float = 60.0
    # A Retry-After longer than this is not waited for: the page fails for this run instead.
    max_retry_after: float = 300.0
    # Minimum seconds between two requests to one host (robots.txt Crawl-delay may raise it).
    min_delay: float = 1.0
    # A Crawl-delay above this makes us skip the host for the run rather than stall the crawl.
    max_crawl_delay: float = 120.0
    max_body_bytes: int = MAX_PAGE_BYTES
    # RFC 9309 asks crawlers to parse at least 500 KiB of robots.txt.
    max_robots_bytes: int = 512 * 1024
    max_redirects: int = 5
    # Hosts a redirect may lead to besides the outlet's own `hosts`.
    allowed_hosts: tuple[str, ...] = ()
    # outlet key -> base URL that replaces scheme and host (and prefixes the path) of every
    # request to that outlet: how tests point an outlet at 127.0.0.1 and keep its URL patterns.
    base_urls: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Use HTTP(S)_PROXY from the environment (off in tests, so 127.0.0.1 is reached directly).
    use_env_proxies: bool = True

    def __post_init__(self) -> None:
        # Freeze the mapping too, and reject a base URL we could not send requests to.
        object.__setattr__(self, "base_urls", MappingProxyType(dict(self.base_urls)))
        for key, base in self.base_urls.items():
            parts = urlsplit(base)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise InputError(f"base URL for outlet {key!r} is not an http(s) URL: {base!r}")
        if self.min_delay < 0 or self.retries < 0 or self.max_redirects < 0:
            raise InputError("min_delay, retries and max_redirects must not be negative")

    @property
    def agent(self) -> str:
        """The User-Agent header: identifies the crawler and how to reach whoever runs it."""
        if self.user_agent:
            return self.user_agent
        return f"{ROBOTS_TOKEN}/{__version__} (GSOMIA news research crawler; +{self.contact})"


@dataclass(frozen=True)
class CrawlOptions:
    """Options of one `gsomia-news crawl` (and of the crawl half of `update`)."""

    corpus: Path = Path("corpus")
    # Outlet profile keys; empty = every outlet whose profile has discovery endpoints.
    outlets: tuple[str, ...] = ()
    # Skip discovered articles dated (by URL, sitemap lastmod or feed date) before this day.
    since: date | None = None
    # At most this many article pages fetched per outlet (new articles first).
    max_pages: int | None = None
    # Result/listing pages followed per paginated endpoint (`{page}` in its URL).
    discovery_pages: int = 3
    # Search terms substituted for `{query}` when a profile has none of its own.
    search_terms: tuple[str, ...] = ("GSOMIA",)
    progress: bool = True
    fetch: FetchOptions = FetchOptions()
    # Validators of pages found irrelevant, so a re-crawl asks for them conditionally too.
    state_file: Path | None = None
    lock_file: Path | None = None

    @property
    def state_path(self) -> Path:
        """Where crawl state is kept (default: `<corpus>/.crawl-state.json`)."""
        return self.state_file or self.corpus / ".crawl-state.json"

    @property
    def lock_path(self) -> Path:
        """The update lock file (default: `<corpus>/.update.lock`)."""
        return self.lock_file or self.corpus / ".update.lock"


def parse_since(text: str | None) -> date | None:
    """`--since` value (YYYY-MM-DD) as a date; InputError with a one-line reason if malformed."""
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(f"--since must be a date like 2019-08-01, not {text!r}") from exc


def _coerce(cls: type, table: Mapping[str, Any], where: str) -> dict[str, Any]:
    known = {f.name: f for f in fields(cls)}
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise InputError(f"unknown setting {where}.{key} (known: {', '.join(sorted(known))})")
        if key in ("allowed_hosts", "outlets", "search_terms"):
            value = tuple(value)
        elif key in ("corpus", "state_file", "lock_file"):
            value = Path(value)
        elif key == "since":
            value = parse_since(str(value))
        out[key] = value
    return out


def load_config(path: Path, base: CrawlOptions | None = None) -> CrawlOptions:
    """CrawlOptions from a TOML config file ([crawl], [fetch], [base_urls]) over `base`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"cannot read crawl config {path}: {exc}") from exc
    unknown = set(data) - {"crawl", "fetch", "base_urls"}
    if unknown:
        raise InputError(f"unknown table(s) in {path}: {', '.join(sorted(unknown))}")
    base = base or CrawlOptions()
    fetch_kw = _coerce(FetchOptions, data.get("fetch", {}), "fetch")
    if "base_urls" in data:
        fetch_kw["base_urls"] = {str(k): str(v) for k, v in data["base_urls"].items()}
    try:
        fetch = replace(base.fetch, **fetch_kw)
        crawl_kw = _coerce(CrawlOptions, data.get("crawl", {}), "crawl")
        crawl_kw.pop("fetch", None)
        return replace(base, fetch=fetch, **crawl_kw)
    except TypeError as exc:
        raise InputError(f"bad value in crawl config {path}: {exc}") from exc
