"""robots.txt, fetched once per origin per run and obeyed, Crawl-delay included.

Rules are parsed by protego, which follows RFC 9309: the longest matching rule wins, `Allow`
wins a tie, `*` and `$` are wildcards, and a query is part of the path rules match. The URL
checked is exactly the one requested, query parameters in the site's own order (the crawler
never re-orders them before requesting), so `Disallow: /view?lang=e&id=1` holds.

What a robots.txt fetch means (RFC 9309, section 2.3.1):
  - 200: its rules apply (first 512 KiB); Crawl-delay / Request-rate raise the host's delay;
  - 4xx except 429: there are no rules, everything is allowed;
  - 429, 5xx or no answer at all: the site is treated as fully disallowed for this run (a
    server in trouble is not crawled), and every URL of that origin fails with the reason.
A Crawl-delay above `max_crawl_delay` skips the origin for the run rather than stall the crawl.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

from ..errors import FetchError, RobotsDenied
from ..profiles import profile_for_url
from .politeness import host_key

if TYPE_CHECKING:
    from .http import Fetcher


@dataclass(frozen=True)
class RobotsRules:
    """The outcome of fetching one origin's robots.txt."""

    parser: Protego | None  # None: no rules (allow all) or unreachable
    crawl_delay: float | None = None
    unreachable: str | None = None  # reason when the origin is off limits for the run


def robots_url(url: str) -> str:
    """The robots.txt URL that governs `url`."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))


def parse_robots(text: str, agent: str) -> RobotsRules:
    """Rules and the delay (max of Crawl-delay and Request-rate) that robots.txt sets for `agent`."""
    parser = Protego.parse(text)
    delays: list[float] = []
    delay = parser.crawl_delay(agent)
    if delay is not None and delay >= 0:
        delays.append(float(delay))
    rate = parser.request_rate(agent)
    if rate is not None and rate.requests > 0:
        delays.append(rate.seconds / rate.requests)
    return RobotsRules(parser=parser, crawl_delay=max(delays) if delays else None)


class RobotsCache:
    """robots.txt per origin (scheme, host, port) for one run, fetched through the polite fetcher."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.agent = fetcher.options.agent
        self._rules: dict[str, RobotsRules] = {}

    def rules(self, url: str) -> RobotsRules:
        """The (cached) rules for the origin of `url`."""
        key = robots_url(url)
        if key not in self._rules:
            self._rules[key] = self._fetch(key)
            delay = self._rules[key].crawl_delay
            if delay is not None:
                # The delay applies to the server actually contacted for this origin.
                self.fetcher.clock.set_crawl_delay(host_key(self.fetcher.map.to_wire(key)), delay)
        return self._rules[key]

    def _fetch(self, url: str) -> RobotsRules:
        from .http import HttpStatusError  # late: http imports this module for typing only

        options = self.fetcher.options
        try:
            result = self.fetcher.get(
                url, hosts=profile_for_url(url).hosts, accept="text/plain,*/*;q=0.1",
                max_bytes=options.max_robots_bytes, truncate=True, check_robots=False,
            )
        except HttpStatusError as exc:
            if 400 <= exc.status < 500 and exc.status != 429:
                return RobotsRules(parser=None)
            return RobotsRules(parser=None, unreachable=f"robots.txt unavailable ({exc.message}); site skipped for this run")
        except FetchError as exc:
            return RobotsRules(parser=None, unreachable=f"robots.txt unreachable ({exc.message}); site skipped for this run")
        return parse_robots(result.body.decode("utf-8", errors="replace"), self.agent)

    def check(self, url: str) -> None:
        """Return if robots.txt lets us fetch `url`; raise RobotsDenied (skip) or FetchError."""
        rules = self.rules(url)
        if rules.unreachable:
            raise FetchError(rules.unreachable)
        if rules.crawl_delay is not None and rules.crawl_delay > self.fetcher.options.max_crawl_delay:
            raise RobotsDenied(f"robots.txt Crawl-delay {rules.crawl_delay:g} s exceeds the "
                               f"{self.fetcher.options.max_crawl_delay:g} s we keep; site skipped for this run")
        if rules.parser is not None and not rules.parser.can_fetch(url, self.agent):
            raise RobotsDenied(f"disallowed by robots.txt: {url}")
