"""One polite, defensive HTTP GET: the only place the crawler touches the network.

Order of one `Fetcher.get(url)`:
  1. the host must be one of the outlet's hosts (or `allowed_hosts`), and not held back for the
     run (it asked for a Retry-After longer than we wait, or kept answering 429);
  2. robots.txt must allow the URL (`robots.RobotsCache`, which also sets the host's Crawl-delay);
  3. the politeness clock waits until the host's delay has passed;
  4. requests + urllib3 `PoliteRetry`: timeouts, retries with exponential backoff on connection
     and read errors, 429 and 5xx, honouring Retry-After, never sooner than the host's delay;
  5. conditional headers (If-None-Match / If-Modified-Since) from the stored version;
  6. redirects are followed here, one hop at a time, each hop going through 1-5 again:
     a hop to another host, a loop, or more than `max_redirects` hops is refused;
  7. the body is streamed under a byte cap, and a body shorter than its Content-Length (a
     dropped connection) is an error, never a page.
One deadline, `total_timeout`, covers 4-7 for each hop, from the request to the last byte:
every read from the socket waits at most until the deadline (see `_DeadlineSocket`), so a
server that trickles its headers or body a byte at a time (slowloris) is cut off on time.
Waits between retries that we choose to make move the deadline on by their length.

`FetchOptions.base_urls` maps an outlet's requests to another server (a local test server):
the crawler keeps working with the outlet's real URLs ("logical" URLs, which are what the
corpus stores), and only the request on the wire goes elsewhere.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import Message
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import MaxRetryError, ResponseError
from urllib3.util.retry import Retry

from ..errors import FetchError
from ..models import HttpInfo
from ..profiles import profile_for_url
from .policy import RETRY_STATUSES, FetchOptions
from .politeness import HostClock, host_key

if TYPE_CHECKING:
    from .robots import RobotsCache

HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml,text/xml;q=0.9,text/html;q=0.8,*/*;q=0.1"
_REDIRECTS = (301, 302, 303, 307, 308)


class HttpStatusError(FetchError):
    """The server answered with a status that is not a page (4xx, 5xx after retries)."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


# ---------------------------------------------------------------- the total deadline

# The deadline of the exchange this thread is in (monotonic seconds), and its read timeout.
_deadline = threading.local()


def _arm(sock: socket.socket) -> None:
    """Before each read: wait no longer than the read timeout, nor past the deadline."""
    at = getattr(_deadline, "at", None)
    if at is None:
        return
    remaining = at - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("total deadline passed")
    sock.settimeout(min(_deadline.read_timeout, remaining))


class _DeadlineSocket(socket.socket):
    """A plain socket whose every read is bounded by the current exchange's deadline."""

    __slots__ = ()

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        _arm(self)
        return super().recv(bufsize, flags)

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        _arm(self)
        return super().recv_into(buffer, nbytes, flags)


class _DeadlineSSLSocket(ssl.SSLSocket):
    """The TLS form of `_DeadlineSocket`."""

    def recv(self, buflen: int = 1024, flags: int = 0) -> bytes:
        _arm(self)
        return super().recv(buflen, flags)

    def recv_into(self, buffer: Any, nbytes: int | None = None, flags: int = 0) -> int:
        _arm(self)
        return super().recv_into(buffer, nbytes, flags)


def _adopt(sock: Any) -> None:
    # Same memory layout, so the class can be swapped on the connected socket urllib3 made.
    if type(sock) is ssl.SSLSocket:
        sock.__class__ = _DeadlineSSLSocket
    elif type(sock) is socket.socket:
        sock.__class__ = _DeadlineSocket


class _HTTPConnection(HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _adopt(self.sock)


class _HTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _adopt(self.sock)


def _watched(conn: Any) -> Any:
    # Only urllib3's own connection classes: a test double (vcrpy) or another library's
    # subclass is left exactly as it is.
    if type(conn) is HTTPConnection:
        conn.__class__ = _HTTPConnection
    elif type(conn) is HTTPSConnection:
        conn.__class__ = _HTTPSConnection
    return conn


class _HTTPPool(HTTPConnectionPool):
    def _new_conn(self) -> Any:
        return _watched(super()._new_conn())


class _HTTPSPool(HTTPSConnectionPool):
    def _new_conn(self) -> Any:
        return _watched(super()._new_conn())


class _DeadlineAdapter(HTTPAdapter):
    """requests' adapter, with connections whose reads keep the total deadline."""

    _POOLS = {"http": _HTTPPool, "https": _HTTPSPool}

    def init_poolmanager(self, *args: Any, **kw: Any) -> None:
        """Pool manager whose pools make deadline-keeping connections."""
        super().init_poolmanager(*args, **kw)
        self.poolmanager.pool_classes_by_scheme = dict(self._POOLS)

    def proxy_manager_for(self, proxy: str, **kw: Any) -> Any:
        """The same for connections through a proxy."""
        manager = super().proxy_manager_for(proxy, **kw)
        manager.pool_classes_by_scheme = dict(self._POOLS)
        return manager


# ---------------------------------------------------------------- retry policy


class PoliteRetry(Retry):
    """urllib3 Retry whose waits are never shorter than the host's politeness delay.

    Also refuses to wait for a Retry-After longer than `max_retry_after` (the response is then
    returned as is, and the fetcher holds the host back for the run), and sleeps through an
    injectable function so tests can record the waits."""

    def __init__(
        self,
        *args: Any,
        delay_for: Callable[[str], float] | None = None,
        sleeper: Callable[[float], None] | None = None,
        max_retry_after: float = 300.0,
        host: str | None = None,
        **kw: Any,
    ) -> None:
        # urllib3 would silently shorten a long Retry-After to retry_after_max; we want the
        # real value so that a long one can be refused instead of cut short.
        kw.setdefault("retry_after_max", 10**9)
        super().__init__(*args, **kw)
        self.delay_for = delay_for
        self.sleeper = sleeper
        self.max_retry_after = max_retry_after
        self.host = host

    def new(self, **kw: Any) -> PoliteRetry:
        """A copy with some counters changed (urllib3 calls this on every increment)."""
        kw.setdefault("delay_for", self.delay_for)
        kw.setdefault("sleeper", self.sleeper)
        kw.setdefault("max_retry_after", self.max_retry_after)
        kw.setdefault("host", self.host)
        return super().new(**kw)

    def increment(self, method: str | None = None, url: str | None = None, response: Any = None,
                  error: Exception | None = None, _pool: Any = None, _stacktrace: Any = None) -> PoliteRetry:
        """Count one more attempt; refuse when the server asks us to wait too long."""
        if response is not None:
            retry_after = self.retry_after_of(response)
            if retry_after is not None and retry_after > self.max_retry_after:
                raise MaxRetryError(_pool, url or "", ResponseError(
                    f"Retry-After {retry_after:.0f} s exceeds the {self.max_retry_after:.0f} s we wait"))
        new = super().increment(method, url, response, error, _pool, _stacktrace)
        if _pool is not None:
            new.host = f"{_pool.host}:{_pool.port}"
        return new

    def retry_after_of(self, response: Any) -> float | None:
        """Seconds a response's Retry-After asks for (None when absent or unparsable)."""
        value = response.headers.get("Retry-After") if response is not None else None
        if value is None:
            return None
        try:
            return self.parse_retry_after(value)
        except Exception:  # noqa: BLE001 - a malformed header means "no instruction"
            return None

    def wait_before_retry(self, response: Any = None) -> float:
        """Seconds to wait before the next attempt: Retry-After, else backoff; at least the host delay."""
        wait = self.get_backoff_time()
        if self.respect_retry_after_header and response is not None:
            retry_after = self.retry_after_of(response)
            if retry_after is not None:
                wait = max(wait, retry_after)
        if self.delay_for is not None and self.host is not None:
            wait = max(wait, self.delay_for(self.host))
        return wait

    def sleep(self, response: Any = None) -> None:
        """Sleep before the next attempt (urllib3 calls this between attempts)."""
        wait = self.wait_before_retry(response)
        if wait > 0:
            (self.sleeper or time.sleep)(wait)
            if getattr(_deadline, "at", None) is not None:
                _deadline.at += wait  # our own wait is not the server's time

    def get_backoff_time(self) -> float:
        """Exponential backoff: backoff_factor * 2**(n-1) for the n-th consecutive error.

        urllib3 waits nothing before the first retry; we wait backoff_factor, so that the
        first retry after a 500 is not immediate."""
        errors = 0
        for item in reversed(self.history):
            if item.redirect_location is not None:
                break
            errors += 1
        if errors == 0:
            return 0.0
        return float(min(self.backoff_max, self.backoff_factor * (2 ** (errors - 1))))


# ---------------------------------------------------------------- URL mapping


class UrlMap:
    """Maps an outlet's real ("logical") URLs to the server actually contacted, and back."""

    def __init__(self, base_urls: Mapping[str, str]) -> None:
        self.base_urls = dict(base_urls)

    def _base(self, logical: str) -> str | None:
        if not self.base_urls:
            return None
        return self.base_urls.get(profile_for_url(logical).key)

    def to_wire(self, logical: str) -> str:
        """The URL to request for the outlet URL `logical`."""
        base = self._base(logical)
        if base is None:
            return logical
        b, u = urlsplit(base), urlsplit(logical)
        return urlunsplit((b.scheme, b.netloc, b.path.rstrip("/") + (u.path or "/"), u.query, ""))

    def to_logical(self, wire: str, context: str) -> str:
        """A URL seen on the wire (e.g. a redirect target) while fetching `context`, as an outlet URL."""
        base = self._base(context)
        if base is None:
            return wire
        b, w = urlsplit(base), urlsplit(wire)
        prefix = b.path.rstrip("/")
        if (w.scheme, w.netloc.lower()) == (b.scheme, b.netloc.lower()) and w.path.startswith(prefix):
            c = urlsplit(context)
            return urlunsplit((c.scheme, c.netloc, w.path[len(prefix):] or "/", w.query, w.fragment))
        return wire


# ---------------------------------------------------------------- results and decoding


@dataclass(frozen=True)
class FetchResult:
    """A 200 page (or a 304 answer to a conditional GET), with logical URLs."""

    url: str
    final_url: str
    status: int
    body: bytes = b""
    media_type: str | None = None
    declared_charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        """True for a 304: the stored version is still current."""
        return self.status == 304

    def http_info(self, charset: str | None) -> HttpInfo:
        """What to record in the corpus sidecar (used for the next conditional GET)."""
        return HttpInfo(status=self.status, final_url=self.final_url, etag=self.etag,
                        last_modified=self.last_modified, charset=charset)


def _content_type(headers: Mapping[str, str]) -> tuple[str | None, str | None]:
    value = headers.get("Content-Type")
    if not value:
        return None, None
    msg = Message()
    msg["content-type"] = value
    charset = msg.get_param("charset")
    return msg.get_content_type().lower(), (str(charset).strip() if charset else None)


def _host_allowed(url: str, hosts: Sequence[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in (x.lower().lstrip(".") for x in hosts))


def _reason(exc: BaseException, options: FetchOptions) -> str:
    """One line saying why a request failed, without a stack of wrapped exceptions."""
    inner: BaseException = exc
    for _ in range(4):  # requests wraps urllib3's MaxRetryError, which wraps the cause
        nxt = getattr(inner, "reason", None)
        if isinstance(nxt, BaseException):
            inner = nxt
            continue
        if inner.args and isinstance(inner.args[0], BaseException):
            inner = inner.args[0]
            continue
        break
    text = str(inner)
    attempts = f" after {options.retries + 1} attempt(s)" if options.retries else ""
    if isinstance(exc, requests.exceptions.ConnectTimeout) or "ConnectTimeout" in type(inner).__name__:
        return f"connection timed out ({options.connect_timeout:g} s){attempts}"
    if isinstance(exc, requests.exceptions.ReadTimeout) or "ReadTimeout" in type(inner).__name__ or "timed out" in text.lower():
        return f"no response within the read timeout ({options.read_timeout:g} s){attempts}"
    if "refused" in text.lower():
        return f"connection refused{attempts}"
    if "Name or service not known" in text or "getaddrinfo" in text or "NameResolution" in type(inner).__name__:
        return "host name does not resolve"
    if "Retry-After" in text:
        return text
    first = text.strip().splitlines()[0] if text.strip() else type(inner).__name__
    return f"{type(inner).__name__}: {first[:200]}"


# ---------------------------------------------------------------- the fetcher


class Fetcher:
    """Polite HTTP client shared by discovery, robots.txt and page fetching for one crawl run."""

    def __init__(self, options: FetchOptions, clock: HostClock | None = None,
                 session: requests.Session | None = None) -> None:
        self.options = options
        self.clock = clock or HostClock(options.min_delay)
        self.map = UrlMap(options.base_urls)
        self.session = session or self._session()
        self.robots: RobotsCache | None = None
        # Hosts that told us to stay away for this run, with the reason.
        self.held_back: dict[str, str] = {}
        self.requests_made = 0

    def _session(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = self.options.use_env_proxies
        session.headers.update({
            "User-Agent": self.options.agent,
            "Accept-Language": "en,ko;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        })
        retry = PoliteRetry(
            total=self.options.retries,
            connect=self.options.retries,
            read=self.options.retries,
            status=self.options.retries,
            other=0,
            redirect=0,
            allowed_methods=frozenset({"GET", "HEAD"}),
            status_forcelist=RETRY_STATUSES,
            backoff_factor=self.options.backoff_factor,
            backoff_max=self.options.backoff_max,
            respect_retry_after_header=True,
            raise_on_status=False,
            raise_on_redirect=False,
            delay_for=self.clock.delay_for,
            sleeper=self.clock.sleep,
            max_retry_after=self.options.max_retry_after,
        )
        adapter = _DeadlineAdapter(max_retries=retry)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def close(self) -> None:
        """Close pooled connections."""
        self.session.close()

    def get(
        self,
        url: str,
        *,
        hosts: Sequence[str] = (),
        validators: HttpInfo | None = None,
        accept: str = HTML_ACCEPT,
        max_bytes: int | None = None,
        truncate: bool = False,
        check_robots: bool = True,
    ) -> FetchResult:
        """GET a logical URL politely; return a 200 or 304 result or raise FetchError/RobotsDenied.

        `hosts` are the hosts redirects may go to (the outlet's; the URL's own host is always
        allowed); `validators` the stored ETag/Last-Modified; `truncate` keeps the first
        `max_bytes` instead of failing (robots.txt)."""
        allowed = tuple(hosts) + tuple(self.options.allowed_hosts) + ((urlsplit(url).hostname or ""),)
        headers = {"Accept": accept}
        if validators is not None:
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
        seen = [url]
        current = url
        for _hop in range(self.options.max_redirects + 1):
            if not _host_allowed(current, allowed):
                raise FetchError(f"redirect to another host refused: {current}")
            if check_robots and self.robots is not None:
                self.robots.check(current)
            response, wire = self._request(current, headers)
            try:
                if response.status_code in _REDIRECTS and response.headers.get("Location"):
                    target = self.map.to_logical(urljoin(wire, response.headers["Location"]), current)
                    target = urlunsplit(urlsplit(target)._replace(fragment=""))
                    if urlsplit(target).scheme not in ("http", "https"):
                        raise FetchError(f"redirect to a non-http URL refused: {target}")
                    if target in seen:
                        raise FetchError(f"redirect loop: {' -> '.join(seen + [target])}")
                    seen.append(target)
                    current = target
                    continue
                return self._result(url, current, response, max_bytes, truncate)
            finally:
                _deadline.at = None
                response.close()
                self.clock.done(host_key(wire))
        raise FetchError(f"more than {self.options.max_redirects} redirects: {' -> '.join(seen)}")

    def _request(self, logical: str, headers: dict[str, str]) -> tuple[requests.Response, str]:
        wire = self.map.to_wire(logical)
        host = host_key(wire)
        if host in self.held_back:
            raise FetchError(self.held_back[host])
        self.clock.wait(host)
        self.requests_made += 1
        _deadline.at = time.monotonic() + self.options.total_timeout
        _deadline.read_timeout = self.options.read_timeout
        try:
            response = self.session.get(
                wire, headers=headers, stream=True, allow_redirects=False,
                timeout=(self.options.connect_timeout, self.options.read_timeout),
            )
        except requests.RequestException as exc:
            self.clock.done(host)
            late = self._late()
            raise FetchError(late or _reason(exc, self.options)) from exc
        except Exception as exc:
            # Anything else urllib3 raises (a malformed URL, a broken header) is this page's
            # failure, not the crawl's: report it and go on.
            self.clock.done(host)
            _deadline.at = None
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc
        return response, wire

    def _late(self, what: str = "no complete response") -> str | None:
        """The reason when the total deadline has passed (and disarm it), else None."""
        at, _deadline.at = getattr(_deadline, "at", None), None
        if at is not None and time.monotonic() >= at - 0.001:
            return f"{what} within the total timeout ({self.options.total_timeout:g} s)"
        return None

    def _result(self, url: str, final: str, response: requests.Response,
                max_bytes: int | None, truncate: bool) -> FetchResult:
        status = response.status_code
        wire_host = host_key(response.url or self.map.to_wire(final))
        if status == 304:
            return FetchResult(url=url, final_url=final, status=304,
                               etag=response.headers.get("ETag"),
                               last_modified=response.headers.get("Last-Modified"),
                               headers=dict(response.headers))
        if status != 200:
            retry_after = PoliteRetry(max_retry_after=self.options.max_retry_after).retry_after_of(response)
            message = f"HTTP {status} {response.reason or ''}".strip()
            if status in RETRY_STATUSES and self.options.retries:
                message += f" after {self.options.retries + 1} attempt(s)"
            if retry_after is not None and retry_after > self.options.max_retry_after:
                message += f"; server asks to wait {retry_after:.0f} s"
                self.held_back[wire_host] = f"host held back for this run: it asked to wait {retry_after:.0f} s"
            elif status == 429:
                # Still rate-limited after every retry: leave the host alone for this run.
                self.held_back[wire_host] = "host held back for this run: it kept answering 429 Too Many Requests"
            if retry_after is not None:
                self.clock.defer(wire_host, min(retry_after, self.options.max_retry_after))
            raise HttpStatusError(message, status, retry_after)
        body = self._read(response, max_bytes or self.options.max_body_bytes, truncate)
        media_type, charset = _content_type(response.headers)
        return FetchResult(
            url=url, final_url=final, status=200, body=body, media_type=media_type,
            declared_charset=charset, etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"), headers=dict(response.headers),
        )

    def _read(self, response: requests.Response, cap: int, truncate: bool) -> bytes:
        length = response.headers.get("Content-Length")
        encoded = bool(response.headers.get("Content-Encoding", "").strip().lower() not in ("", "identity"))
        expected = int(length) if length and length.strip().isdigit() else None
        if expected is not None and expected > cap and not truncate and not encoded:
            raise FetchError(f"body too large: Content-Length {expected} > {cap} bytes")
        deadline = getattr(_deadline, "at", None) or time.monotonic() + self.options.total_timeout
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(chunk_size=64 * 1024):
                chunks.append(chunk)
                size += len(chunk)
                if size > cap:
                    if truncate:
                        return b"".join(chunks)[:cap]
                    raise FetchError(f"body too large: more than {cap} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(f"body not complete within the total timeout ({self.options.total_timeout:g} s)")
        except requests.RequestException as exc:
            late = self._late("body not complete")
            if late:
                raise FetchError(late) from exc
            if isinstance(exc, requests.exceptions.ChunkedEncodingError):
                announced = f"the {expected} bytes announced" if expected is not None else "the whole body"
                raise FetchError(f"truncated body: connection closed before {announced} arrived") from exc
            if isinstance(exc, requests.exceptions.ContentDecodingError):
                raise FetchError(f"body cannot be decompressed: {_reason(exc, self.options)}") from exc
            raise FetchError(f"body not received: {_reason(exc, self.options)}") from exc
        # Belt and braces: a body shorter than its Content-Length is a dropped connection even
        # if the transport did not say so.
        if expected is not None and not encoded and size < expected:
            raise FetchError(f"truncated body: {size} of {expected} byte(s)")
        return b"".join(chunks)
