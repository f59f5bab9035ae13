"""Per-host politeness clock: never two requests to one host closer than its delay.

A host's delay is max(min_delay, the Crawl-delay its robots.txt asks for). The gap is measured
from the *end* of the previous exchange with the host to the start of the next one, so a slow
server is not hit again the moment it finishes answering. Retries inside urllib3 ask the clock
for the same delay (see `http.PoliteRetry`), so a retry storm cannot break the rule either.

The clock and the sleep function are injectable so tests can check delays without sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def host_key(url: str) -> str:
    """`host:port` of a URL: the unit politeness is kept per (the server actually contacted)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 0)
    return f"{host}:{port}"


class HostClock:
    """Remembers when each host was last contacted and sleeps until its delay has passed."""

    def __init__(
        self,
        min_delay: float,
        now: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.min_delay = min_delay
        self.now = now
        self.sleep = sleep
        self._last: dict[str, float] = {}
        self._crawl_delay: dict[str, float] = {}
        self._not_before: dict[str, float] = {}

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        """Record the Crawl-delay robots.txt asks of `host` (None: it asks for none)."""
        if seconds is None:
            self._crawl_delay.pop(host, None)
        else:
            self._crawl_delay[host] = max(0.0, float(seconds))

    def delay_for(self, host: str) -> float:
        """Seconds that must separate two requests to `host`."""
        return max(self.min_delay, self._crawl_delay.get(host, 0.0))

    def defer(self, host: str, seconds: float) -> None:
        """Hold back the next request to `host` by `seconds` from now (e.g. a final Retry-After)."""
        self._not_before[host] = max(self._not_before.get(host, 0.0), self.now() + seconds)

    def wait(self, host: str) -> float:
        """Sleep until `host` may be contacted again; return the seconds slept."""
        due = self._not_before.get(host, 0.0)
        if host in self._last:
            due = max(due, self._last[host] + self.delay_for(host))
        pause = due - self.now()
        if pause > 0:
            self.sleep(pause)
            return pause
        return 0.0

    def done(self, host: str) -> None:
        """Mark the end of an exchange with `host` (the delay counts from here)."""
        self._last[host] = self.now()
