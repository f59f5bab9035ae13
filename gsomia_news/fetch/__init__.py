"""Fetch stage: discover article URLs per outlet, fetch them politely, save raw pages.

Entry points (wired into the CLI): `crawl(options) -> CrawlSummary`, `crawl_command(options)
-> exit code`, `update(options, build_callable) -> exit code`, and `options_from_cli(...)`.
"""

from __future__ import annotations

from .crawl import CrawlSummary, crawl, crawl_command, options_from_cli, report, update
from .http import Fetcher
from .policy import CrawlOptions, FetchOptions, load_config, parse_since

__all__ = [
    "CrawlOptions",
    "CrawlSummary",
    "FetchOptions",
    "Fetcher",
    "crawl",
    "crawl_command",
    "load_config",
    "options_from_cli",
    "parse_since",
    "report",
    "update",
]
