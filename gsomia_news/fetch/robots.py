"""robots.txt, fetched once per origin per run and obeyed, Crawl-delay included.

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
from urllib.robotparser import RobotFileParser

from ..errors import FetchError, RobotsDenied
from ..profiles import profile_for_url
from .politeness import host_key

if TYPE_CHECKING:
    from .http import Fetcher


@dataclass(frozen=True)
class RobotsRules:
    """The outcome of fetching one origin's robots.txt."""

    parser: RobotFileParser | None  # None: no rules (allow all) or unreachable
    crawl_delay: float | None = None
    unreachable: str | None = None  # reason when the origin is off limits for the run


def robots_url(url: str) -> str:
    """The robots.txt URL that governs `url`."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))


def crawl_delay(text: str, agent: str) -> float | None:
    """Crawl-delay for `agent`: its own group's, else the `*` group's (None when not set).

    Parsed here because urllib.robotparser ignores non-integer values ("Crawl-delay: 0.5"),
    which sites do use."""
    token = agent.split("/")[0].strip().lower()
    groups: list[tuple[list[str], float | None]] = []
    agents: list[str] = []
    delay: float | None = None
    in_rules = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        field, value = (part.strip() for part in line.split(":", 1))
        field = field.lower()
        if field == "user-agent":
            if in_rules:  # a User-agent after rules starts a new group
                groups.append((agents, delay))
                agents, delay, in_rules = [], None, False
            agents.append(value.lower())
        elif agents:
            in_rules = True
            if field == "crawl-delay":
                try:
                    delay = float(value)
                except ValueError:
                    pass
    if agents:
        groups.append((agents, delay))
    for wanted in (lambda a: a != "*" and a in token, lambda a: a == "*"):
        for names, value in groups:
            if any(wanted(name) for name in names):
                return value
    return None


def parse_robots(text: str, agent: str) -> RobotsRules:
    """Rules and the delay (max of Crawl-delay and Request-rate) that robots.txt sets for `agent`."""
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    delays: list[float] = []
    delay = crawl_delay(text, agent)
    if delay is not None and delay >= 0:
        delays.append(delay)
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
        if rules.parser is not None and not rules.parser.can_fetch(self.agent, url):
            raise RobotsDenied(f"disallowed by robots.txt: {url}")
