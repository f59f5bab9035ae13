"""Outlet profiles: site knowledge as data (one TOML file per outlet), registered in one place.

`profile_for_url(url)` picks the profile whose hosts match the URL's host, else `generic`.
Every profile's rules are applied *after* the generic ones, so a profile only adds what is
specific to its site's template.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regex(value: str) -> str:
    re.compile(value)
    return value


class LineRule(_Rule):
    """A whole line of page furniture: `pattern` is searched in the stripped line."""

    cls: str = Field(description="furniture class, e.g. menu, share, font, comment, cookie")
    pattern: str
    # Optional named group captured from the line, e.g. the section from a breadcrumb.
    section_group: str | None = None
    _check = field_validator("pattern")(_check_regex)


class StampRule(_Rule):
    """A published/updated stamp; group `when` is parsed with python-dateutil.

    A pattern may use `{WHEN}` for the common date-time forms (gsomia_news.clean.stamps.WHEN,
    group `when`) and `{AGENCY}` for the generic vocabulary's agency names."""

    field: Literal["published", "updated"]
    pattern: str
    _check = field_validator("pattern")(_check_regex)


class BylineRule(_Rule):
    """A byline; group `names` holds one or more author names."""

    pattern: str
    # `line`: the whole line is the byline and is removed; `tail`: the match is cut from
    # the end of a content line (e.g. a radio script's "Kim Bum-soo has more.").
    scope: Literal["line", "tail"] = "line"
    _check = field_validator("pattern")(_check_regex)


class Vocabulary(_Rule):
    """Words of news furniture, as data. The generic profile's lists apply to every page; an
    outlet's lists are added to them. Agencies are names (matched as printed and in capitals);
    widgets, markers and end marks are regex fragments (widgets and markers in any case)."""

    # News and photo agencies: a name here is a credit ("By Yonhap", "(AP)"), never an author.
    agencies: list[str] = []
    # Words of share / print / comment / font / app widgets: a line made of nothing else (and
    # counts, separators) is a widget line.
    widgets: list[str] = []
    # Broadcast script markers printed on a line of their own ("[Anchor Lead]", "Reporter :").
    markers: list[str] = []
    # Agency end marks that may close the last paragraph ("... dispute. Enditem").
    end_marks: list[str] = []
    # Headings of a list of other stories ("Related Articles", "MOST POPULAR"), in any case: the
    # whole line. One ends the story; above the headline, the lines under one are list items.
    list_headings: list[str] = []
    # Labels of a one-line teaser of another story ("Read more: HEADLINE"), in any case.
    teaser_labels: list[str] = []
    # Labels of a site's news ticker ("BREAKING NEWS: ..."): such a line is never the headline.
    ticker_labels: list[str] = []
    source: str = ""


class HtmlRules(_Rule):
    """CSS selectors for the HTML form of a page (selectolax). Unverified unless a fixture shows them."""

    title: list[str] = []
    subtitle: list[str] = []
    body: list[str] = []
    byline: list[str] = []
    stamp: list[str] = []
    caption: list[str] = ["figcaption"]
    # Text never shown (screen-reader labels and skip links): removed before anything is read.
    hidden: list[str] = []
    remove: list[str] = []
    verified: bool = False
    source: str = ""


class Discovery(_Rule):
    """How to find article URLs on the live site (read by `gsomia_news.fetch.discover`).

    URLs are absolute. `{query}` in `search_url` takes each search term (URL-encoded); `{page}`
    in `search_url` or a listing URL takes 1, 2, ... up to the crawl's `discovery_pages`.
    Unless `verified` is true these are guesses, and `source` says where they came from."""

    search_url: str | None = None
    # Terms substituted for {query}; empty = the crawl's default terms ("GSOMIA").
    search_terms: list[str] = []
    listing_urls: list[str] = []
    sitemaps: list[str] = []
    rss: list[str] = []
    # Regexes with groups y and m for URLs that carry only a year and month: not a publication
    # date, but enough for `crawl --since` to drop a URL whose whole month is before it.
    url_months: list[str] = []
    verified: bool = False
    source: str = ""

    @field_validator("url_months")
    @classmethod
    def _month_regexes(cls, values: list[str]) -> list[str]:
        for value in values:
            re.compile(value)
        return values

    @field_validator("search_url", "listing_urls", "sitemaps", "rss")
    @classmethod
    def _absolute(cls, value: str | list[str] | None) -> str | list[str] | None:
        for url in [value] if isinstance(value, str) else value or []:
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
                raise ValueError(f"discovery URL must be absolute http(s): {url!r}")
        return value


class Fact(_Rule):
    """Where one fact of a profile comes from (hosts, URL shapes, zone, home country, a template
    rule). `verified` is true only when it was checked against the live site; nothing here was."""

    about: str
    source: str
    verified: bool = False


class Profile(_Rule):
    """Everything site-specific about one outlet."""

    key: str
    name: str
    hosts: list[str] = []
    # Offset of stamps the outlet prints without a zone ("+09:00" for Korean outlets, which print
    # KST). None (the generic profile): a stamp's time is used only with the zone it states.
    timezone: str | None = None
    # Government an unqualified title refers to ("Defense Minister Jeong" in a Korean paper).
    home_country: str | None = None
    article_url_patterns: list[str] = []
    # Regexes with a group `id`: the outlet's own article number, so that every URL form of
    # one article (http/https, www./m., old and new URL generations) is one corpus page.
    id_patterns: list[str] = []
    url_dates: list[str] = Field(default=[], description="regexes with groups y, m, d")
    furniture: list[LineRule] = []
    end_markers: list[str] = Field(default=[], description="a line matching one ends the story")
    stamps: list[StampRule] = []
    bylines: list[BylineRule] = []
    captions: list[str] = Field(default=[], description="a line matching one is a photo caption")
    credit_tails: list[str] = Field(default=[], description=(
        "regexes with a group `credit`: an agency credit closing a line ('... next month. (Yonhap)'); the line "
        "is a caption only where placed or shaped as one, else the credit is cut from the paragraph"))
    datelines: list[str] = Field(default=[], description=(
        "regexes with groups month and day: an agency dateline opening the lead ('SEOUL, Nov. 15 (Yonhap) --')"))
    vocabulary: Vocabulary = Vocabulary()
    facts: list[Fact] = Field(default=[], description="where the profile's facts come from")
    html: HtmlRules = HtmlRules()
    discovery: Discovery = Discovery()

    @field_validator("article_url_patterns", "id_patterns", "url_dates", "end_markers", "captions", "datelines",
                     "credit_tails")
    @classmethod
    def _regexes(cls, values: list[str]) -> list[str]:
        for value in values:
            re.compile(value)
        return values

    def article_number(self, url: str) -> str | None:
        """The outlet's own article id in `url`, if one of `id_patterns` finds it."""
        for pattern in self.id_patterns:
            match = re.search(pattern, url)
            if match:
                return match.group("id")
        return None

    def matches_host(self, host: str) -> bool:
        """True when `host` is one of this outlet's hosts (or a subdomain of one)."""
        host = host.lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.hosts)


GENERIC_KEY = "generic"


@cache
def all_profiles() -> dict[str, Profile]:
    """Load and validate every bundled profile, keyed by profile key."""
    profiles: dict[str, Profile] = {}
    for item in sorted(resources.files(__package__).iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            data = tomllib.loads(item.read_text(encoding="utf-8"))
            profile = Profile.model_validate(data)
            if profile.key in profiles:
                raise ValueError(f"duplicate profile key {profile.key!r} in {item.name}")
            profiles[profile.key] = profile
    return profiles


def generic() -> Profile:
    """The generic profile: rules that hold for any news site."""
    return all_profiles()[GENERIC_KEY]


def get(key: str) -> Profile:
    """The profile with this key (KeyError if unknown)."""
    return all_profiles()[key]


def profile_for_url(url: str) -> Profile:
    """The outlet profile for a URL, or the generic profile for hosts we have none for."""
    host = (urlsplit(url).hostname or "").lower()
    for profile in all_profiles().values():
        if profile.key != GENERIC_KEY and profile.matches_host(host):
            return profile
    return generic()
