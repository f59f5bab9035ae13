"""Crawl and fetch settings: pydantic dataclasses, checked when made, and the TOML file that sets them.

Config file (all keys optional; `gsomia-news crawl --config FILE`; every setting, with its
default, is in `scripts/crawl.example.toml`)::

    [fetch]
    contact = "mailto:you@university.edu"   # goes into the User-Agent
    min_delay = 1.0                          # seconds between two requests to one host
    retries = 3
    [crawl]
    corpus = "corpus"
    discovery_pages = 3
    [base_urls]                              # send an outlet's requests to another server
    kbs-world = "http://127.0.0.1:8001"      # (a local test server); URL paths are kept

Values are strict: a number must be a TOML number (`total_timeout = "10"` is refused), a flag
true or false, a list a list. A wrong key, type or range is an InputError (exit 2) whose one
line names the key, e.g. `crawl config crawl.toml: [fetch] total_timeout: Input should be a
valid number, not '10'`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from pydantic.dataclasses import dataclass

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

# Strict: no "10" for 10, no 1 for true. Paths, lists and dates come from TOML as str, list
# and str (or a TOML date), so those few fields are converted (`strict=False` on them).
_STRICT = ConfigDict(strict=True, extra="forbid")


def _since(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()) if value.strip() else None
        except ValueError:
            raise ValueError(f"must be a date like 2019-08-01, not {value!r}") from None
    if value is None or isinstance(value, date):
        return value
    raise ValueError(f"must be a date like 2019-08-01, not {value!r}")


Since = Annotated[date | None, BeforeValidator(_since)]


@dataclass(frozen=True, config=_STRICT)
class FetchOptions:
    """How politely and defensively one HTTP request is made (shared by discovery and pages)."""

    contact: str = Field(DEFAULT_CONTACT, min_length=1,
                         description="your e-mail or web address, sent in the User-Agent")
    user_agent: str | None = Field(None, description="full User-Agent override (default: built from the version and contact)")
    connect_timeout: float = Field(10.0, gt=0, description="seconds to wait for a connection")
    read_timeout: float = Field(30.0, gt=0, description="seconds to wait for each read from the server")
    total_timeout: float = Field(120.0, gt=0, description=(
        "seconds one response may take from request to last byte, however the server trickles it"))
    retries: int = Field(3, ge=0, description="retries on connection errors, timeouts, 429 and 5xx")
    backoff_factor: float = Field(1.0, ge=0, description="waits between retries grow as backoff_factor * 2**(n-1)")
    backoff_max: float = Field(60.0, ge=0, description="longest wait between two retries (before Retry-After)")
    max_retry_after: float = Field(300.0, ge=0, description=(
        "a longer Retry-After is not waited for: the page fails and the host is left alone this run"))
    min_delay: float = Field(1.0, ge=0, description="seconds between two requests to one host (Crawl-delay wins if longer)")
    max_crawl_delay: float = Field(120.0, ge=0, description="a longer robots.txt Crawl-delay skips the host for the run")
    max_body_bytes: int = Field(MAX_PAGE_BYTES, gt=0, description="bodies longer than this fail")
    max_robots_bytes: int = Field(512 * 1024, gt=0, description="robots.txt is read up to this size (RFC 9309: 500 KiB at least)")
    max_redirects: int = Field(5, ge=0, description="redirects followed per URL (never to another host)")
    allowed_hosts: tuple[str, ...] = Field((), strict=False, description="hosts a redirect may lead to besides the outlet's own")
    # outlet key -> base URL that replaces scheme and host (and prefixes the path) of every
    # request to that outlet: how tests point an outlet at 127.0.0.1 and keep its URL patterns.
    base_urls: Mapping[str, str] = Field(default_factory=lambda: MappingProxyType({}), description=(
        "outlet key -> server its requests go to instead (the [base_urls] table)"))
    use_env_proxies: bool = Field(True, description="use HTTP(S)_PROXY from the environment")

    @field_validator("base_urls")
    @classmethod
    def _http_bases(cls, value: Mapping[str, str]) -> Mapping[str, str]:
        for key, base in value.items():
            parts = urlsplit(base)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"base URL for outlet {key!r} is not an http(s) URL: {base!r}")
        return MappingProxyType(dict(value))

    @property
    def agent(self) -> str:
        """The User-Agent header: identifies the crawler and how to reach whoever runs it."""
        if self.user_agent:
            return self.user_agent
        return f"{ROBOTS_TOKEN}/{__version__} (GSOMIA news research crawler; +{self.contact})"


@dataclass(frozen=True, config=_STRICT)
class CrawlOptions:
    """Options of one `gsomia-news crawl` (and of the crawl half of `update`)."""

    corpus: Path = Field(Path("corpus"), strict=False, description="corpus folder pages are saved to")
    outlets: tuple[str, ...] = Field((), strict=False, description=(
        "outlet profile keys to crawl (default: every outlet with discovery endpoints)"))
    since: Since = Field(None, description="skip articles dated (by URL, sitemap or feed) before this day")
    max_pages: int | None = Field(None, ge=1, description="article pages fetched per outlet and run, new ones first")
    discovery_pages: int = Field(3, ge=1, description="result/listing pages followed per paginated endpoint")
    search_terms: tuple[str, ...] = Field(("GSOMIA",), strict=False, description=(
        "search terms for {query}, when a profile has none of its own"))
    progress: bool = Field(True, description="progress lines on stderr (--quiet sets false)")
    fetch: FetchOptions = Field(default_factory=FetchOptions, description="the [fetch] table")
    state_file: Path | None = Field(None, strict=False, description=(
        "validators of pages found irrelevant (default: <corpus>/.crawl-state.json)"))
    lock_file: Path | None = Field(None, strict=False, description="the update lock (default: <corpus>/.update.lock)")

    @property
    def state_path(self) -> Path:
        """Where crawl state is kept (default: `<corpus>/.crawl-state.json`)."""
        return self.state_file or self.corpus / ".crawl-state.json"

    @property
    def lock_path(self) -> Path:
        """The update lock file (default: `<corpus>/.update.lock`)."""
        return self.lock_file or self.corpus / ".update.lock"


def settings_of(cls: type) -> dict[str, Any]:
    """Every setting a config file may give for `cls` (name -> default), in declaration order."""
    out: dict[str, Any] = {}
    for f in fields(cls):
        if f.name in ("fetch", "base_urls"):
            continue  # tables of their own
        info = cls.__pydantic_fields__[f.name]  # type: ignore[attr-defined]
        out[f.name] = info.get_default(call_default_factory=True)
    return out


def describe(exc: ValidationError, where: str = "") -> str:
    """One line naming the first bad key of a ValidationError, e.g. `[fetch] retries: ...`."""
    error = exc.errors()[0]
    loc = ".".join(str(part) for part in error["loc"]) or "value"
    msg = error["msg"].removeprefix("Value error, ")
    # In the config file's words: TOML has arrays and strings, not tuples and Path objects.
    msg = msg.replace("a valid tuple", "a list").replace("Input is not a valid path for <class 'pathlib.Path'>",
                                                          "Input should be a path (a string)")
    value = error.get("input")
    shown = "" if error["type"] in ("missing", "value_error") or isinstance(value, dict) else f", not {value!r}"
    more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
    return f"{where}{loc}: {msg}{shown}{more}"


def parse_since(text: str | None) -> date | None:
    """`--since` value (YYYY-MM-DD) as a date; InputError with a one-line reason if malformed."""
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(f"--since must be a date like 2019-08-01, not {text!r}") from exc


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
    tables: dict[str, dict[str, Any]] = {}
    for table, cls in (("fetch", FetchOptions), ("crawl", CrawlOptions)):
        values = data.get(table, {})
        if not isinstance(values, dict):
            raise InputError(f"crawl config {path}: [{table}] must be a table")
        known = settings_of(cls)
        for key in values:
            if key not in known:
                raise InputError(f"crawl config {path}: unknown setting [{table}] {key} (known: {', '.join(sorted(known))})")
        tables[table] = dict(values)
    if "base_urls" in data:
        if not isinstance(data["base_urls"], dict):
            raise InputError(f"crawl config {path}: [base_urls] must be a table of outlet = \"URL\"")
        tables["fetch"]["base_urls"] = data["base_urls"]
    try:
        fetch = replace(base.fetch, **tables["fetch"])
    except ValidationError as exc:
        raise InputError(describe(exc, f"crawl config {path}: [fetch] ")) from None
    try:
        return replace(base, fetch=fetch, **tables["crawl"])
    except ValidationError as exc:
        raise InputError(describe(exc, f"crawl config {path}: [crawl] ")) from None
