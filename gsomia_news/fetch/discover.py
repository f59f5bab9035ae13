"""Discovery: article URLs of one outlet, from the endpoints its profile lists in `[discovery]`.

Endpoints, fetched in this order through the polite fetcher (robots.txt applies to them too):
  1. `search_url` once per search term (`{query}`), paginated by `{page}`;
  2. `listing_urls` (section or tag pages), paginated by `{page}` when the URL has it;
  3. `rss` feeds (RSS 2.0, RDF or Atom): item links and their dates;
  4. `sitemaps` (urlset or sitemap index, gzip or not): `<loc>` with `<lastmod>`.
Pagination stops at `discovery_pages` or at the first page that adds no new article URL.

Whatever the endpoint kind, the body is parsed by what it is (feed, sitemap or HTML page).
Links are resolved against the page, kept when they are on the outlet's hosts and match its
`article_url_patterns`, and deduplicated by `identity_key` (one article, one entry). A link is
requested as the site wrote it, less its fragment and tracking parameters: its query is never
re-ordered, so robots.txt
rules written in the site's own URL form apply (the corpus still knows it by `canonical_url`).
`--since` drops URLs dated before it, by the URL's date, the sitemap `lastmod` or the feed
date; undated URLs are kept, because they cannot be shown to be old.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, quote_plus, unquote_plus, urljoin, urlsplit, urlunsplit
from xml.etree import ElementTree

from courlan import normalize_url
from dateutil import parser as dateparser
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ..errors import FetchError, RobotsDenied
from ..profiles import Profile
from ..textcodec import decode_body
from ..urls import canonical_url, identity_key
from ..urls import url_date as urls_url_date
from .http import FEED_ACCEPT, HTML_ACCEPT, Fetcher
from .policy import CrawlOptions


@dataclass(frozen=True)
class Candidate:
    """An article URL found on a discovery endpoint."""

    url: str  # the URL to request: as the site links it, without fragment
    key: str  # identity_key: one per article
    date: date | None  # from the URL, sitemap lastmod or feed date, if any
    source: str  # endpoint it was found on


@dataclass
class DiscoveryResult:
    """What discovery of one outlet found, and which endpoints failed or were skipped."""

    candidates: list[Candidate] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    endpoints_ok: int = 0
    older_than_since: int = 0


@dataclass(frozen=True)
class Link:
    """A link found on an endpoint, with the date the endpoint gives it (if any)."""

    url: str
    date: date | None = None


@dataclass(frozen=True)
class Parsed:
    """Links of one endpoint body, and the child sitemaps of a sitemap index."""

    links: list[Link]
    sitemaps: list[Link]


# ---------------------------------------------------------------- parsing (pure functions)


def parse_date(text: str | None) -> date | None:
    """The calendar date of an ISO 8601 or RFC 822 timestamp (None when unparsable)."""
    if not text or not text.strip():
        return None
    text = text.strip()
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dateparser.isoparse(text).date()
    except (ValueError, OverflowError):
        pass
    try:
        return dateparser.parse(text, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def url_date(url: str, profile: Profile) -> date | None:
    """Date a URL states (gsomia_news.urls.url_date: the profile's patterns, agency ids, htmldate)."""
    value = urls_url_date(url, profile)
    return date.fromisoformat(value) if value else None


def url_month_end(url: str, profile: Profile) -> date | None:
    """Last day of the month a URL states by the profile's `discovery.url_months` (y, m groups)."""
    for pattern in profile.discovery.url_months:
        match = re.search(pattern, url)
        if match:
            y, m = int(match.group("y")), int(match.group("m"))
            if not 1 <= m <= 12:
                return None
            return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(elem: ElementTree.Element, *names: str) -> str | None:
    for child in elem:
        if _local(child.tag) in names and child.text and child.text.strip():
            return child.text.strip()
    return None


def _feed_link(item: ElementTree.Element) -> str | None:
    # Atom: <link rel="alternate" href=...>; RSS: <link>url</link>; else a permalink <guid>.
    for child in item:
        if _local(child.tag) == "link":
            href = child.get("href")
            if href and child.get("rel", "alternate") == "alternate":
                return href.strip()
            if child.text and child.text.strip():
                return child.text.strip()
    guid = next((c for c in item if _local(c.tag) == "guid"), None)
    if guid is not None and guid.text and guid.get("isPermaLink", "true").lower() != "false":
        return guid.text.strip()
    return None


def parse_xml(raw: bytes) -> Parsed | None:
    """Links of an RSS/RDF/Atom feed or a sitemap (None when `raw` is not XML we understand)."""
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError:
        return _parse_xml_loosely(raw)
    kind = _local(root.tag)
    links: list[Link] = []
    sitemaps: list[Link] = []
    if kind in ("urlset", "sitemapindex"):
        for entry in root:
            loc = _child_text(entry, "loc")
            if not loc:
                continue
            # A Google News sitemap dates the story itself; lastmod dates the last edit.
            published = None
            for sub in entry.iter():
                if _local(sub.tag) == "publication_date" and sub.text:
                    published = parse_date(sub.text)
            when = published or parse_date(_child_text(entry, "lastmod"))
            (sitemaps if kind == "sitemapindex" else links).append(Link(loc, when))
        return Parsed(links, sitemaps)
    if kind in ("rss", "rdf", "feed"):
        for item in root.iter():
            if _local(item.tag) not in ("item", "entry"):
                continue
            url = _feed_link(item)
            if url:
                when = parse_date(_child_text(item, "pubdate", "published", "date", "updated", "issued"))
                links.append(Link(url, when))
        return Parsed(links, sitemaps)
    return None


_LOC = re.compile(rb"<loc>\s*(?:<!\[CDATA\[)?\s*(.*?)\s*(?:\]\]>)?\s*</loc>", re.S | re.I)
_ITEM = re.compile(rb"<(item|entry)\b.*?</\1>", re.S | re.I)
_ITEM_LINK = re.compile(
    rb"<link>\s*(?:<!\[CDATA\[)?\s*(.*?)\s*(?:\]\]>)?\s*</link>|<link\b[^>]*href=[\"']([^\"']+)", re.S | re.I)
_ITEM_DATE = re.compile(rb"<(?:pubDate|published|updated|dc:date)>\s*(.*?)\s*</", re.S | re.I)


def _loose_items(raw: bytes) -> list[Link]:
    links: list[Link] = []
    for item in _ITEM.finditer(raw):
        link = _ITEM_LINK.search(item.group(0))
        if not link:
            continue
        url = (link.group(1) or link.group(2) or b"").decode("utf-8", "replace").replace("&amp;", "&")
        when = _ITEM_DATE.search(item.group(0))
        links.append(Link(url, parse_date(when.group(1).decode("utf-8", "replace")) if when else None))
    return links


def _parse_xml_loosely(raw: bytes) -> Parsed | None:
    """Broken XML (an unescaped & is common in feeds): take <loc> / item <link> by pattern."""
    head = raw[:2048].lower()
    if b"<sitemapindex" in head:
        return Parsed([], [Link(m.decode("utf-8", "replace")) for m in _LOC.findall(raw)])
    if b"<urlset" in head:
        return Parsed([Link(m.decode("utf-8", "replace")) for m in _LOC.findall(raw)], [])
    if b"<rss" in head or b"<rdf" in head or b"<feed" in head:
        return Parsed(_loose_items(raw), [])
    return None


def parse_html_links(text: str, base_url: str) -> list[Link]:
    """Absolute URLs of every <a href> in an HTML page (resolved against <base href> or the page)."""
    tree = HTMLParser(text)
    base = base_url
    base_node = tree.css_first("base[href]")
    if base_node is not None and base_node.attributes.get("href"):
        base = urljoin(base_url, base_node.attributes["href"] or "")
    links: list[Link] = []
    for node in tree.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        links.append(Link(urljoin(base, href)))
    return links


def _gunzip(raw: bytes, cap: int) -> bytes:
    """Decompress a gzip sitemap without letting it grow past `cap` bytes (a gzip bomb)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(raw, cap + 1)
    if len(out) > cap:
        raise FetchError(f"gzip body expands past {cap} bytes")
    return out


def parse_endpoint(raw: bytes, declared_charset: str | None, base_url: str, cap: int) -> Parsed:
    """Links on one endpoint body, whatever it turns out to be (feed, sitemap or HTML page)."""
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = _gunzip(raw, cap)
        except (zlib.error, EOFError, gzip.BadGzipFile) as exc:
            raise FetchError(f"corrupt gzip body: {exc}") from exc
    stripped = raw.lstrip()[:512].lower()
    if stripped.startswith(b"<?xml") or any(t in stripped for t in (b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"<rdf")):
        parsed = parse_xml(raw)
        if parsed is not None:
            return parsed
    try:
        text, _ = decode_body(raw, declared_charset)
    except UnicodeDecodeError as exc:
        raise FetchError("endpoint body cannot be decoded as text") from exc
    return Parsed(parse_html_links(text, base_url), [])


def request_url(link: str) -> str:
    """The URL to request for a link: as the site wrote it, less its fragment and its tracking
    parameters (those courlan's `normalize_url` drops); the query keeps the site's order."""
    parts = urlsplit(link.strip())
    if parts.query:
        kept = {key for key, _ in parse_qsl(urlsplit(normalize_url(link.strip())).query, keep_blank_values=True)}
        pairs = [pair for pair in parts.query.split("&") if unquote_plus(pair.partition("=")[0]) in kept]
        parts = parts._replace(query="&".join(pairs))
    return urlunsplit(parts._replace(fragment=""))


def is_article_url(profile: Profile, url: str) -> bool:
    """True when `url` is on the outlet's hosts and matches one of its article URL patterns."""
    if not profile.matches_host(urlsplit(url).hostname or ""):
        return False
    try:
        forms = (url, canonical_url(url))
    except Exception:  # noqa: BLE001 - a malformed link is just not an article
        return False
    return any(re.search(p, form) for p in profile.article_url_patterns for form in forms)


# ---------------------------------------------------------------- endpoints


@dataclass(frozen=True)
class Endpoint:
    """One discovery URL template of a profile and how to paginate it."""

    kind: str  # search, listing, rss, sitemap
    template: str
    term: str | None = None

    def url(self, page: int) -> str:
        """The endpoint URL for result page `page` (1-based)."""
        url = self.template.replace("{page}", str(page))
        if self.term is not None:
            url = url.replace("{query}", quote_plus(self.term))
        return url

    @property
    def paginated(self) -> bool:
        """True when the template has a `{page}` slot."""
        return "{page}" in self.template


def endpoints(profile: Profile, options: CrawlOptions) -> list[Endpoint]:
    """Every discovery endpoint of an outlet, in the order they are fetched."""
    d = profile.discovery
    out: list[Endpoint] = []
    if d.search_url:
        for term in d.search_terms or list(options.search_terms):
            out.append(Endpoint("search", d.search_url, term))
    out += [Endpoint("listing", u) for u in d.listing_urls]
    out += [Endpoint("rss", u) for u in d.rss]
    out += [Endpoint("sitemap", u) for u in d.sitemaps]
    return out


def has_discovery(profile: Profile) -> bool:
    """True when a profile lists at least one discovery endpoint."""
    d = profile.discovery
    return bool(d.search_url or d.listing_urls or d.rss or d.sitemaps)


# ---------------------------------------------------------------- discovery of one outlet


class _Collector:
    """Candidates of one outlet, deduplicated by identity key, filtered by --since."""

    def __init__(self, profile: Profile, since: date | None, result: DiscoveryResult) -> None:
        self.profile = profile
        self.since = since
        self.result = result
        self.by_key: dict[str, Candidate] = {}
        self.order: list[str] = []
        self.old: set[str] = set()

    def _too_old(self, key: str, when: date | None, month_end: date | None = None) -> bool:
        if self.since is None:
            return False
        if (when is None or when >= self.since) and (month_end is None or month_end >= self.since):
            return False
        if key not in self.old:
            self.old.add(key)
            self.result.older_than_since += 1
        return True

    def add(self, links: list[Link], source: str) -> int:
        """Add article links; return how many were new to this run."""
        added = 0
        for link in links:
            if not is_article_url(self.profile, link.url):
                continue
            url = request_url(link.url)
            key = identity_key(url)
            when = url_date(canonical_url(url), self.profile) or link.date
            known = self.by_key.get(key)
            if known is not None:
                # Another endpoint may date an article the first one left undated.
                if known.date is None and when is not None:
                    self.by_key[key] = Candidate(known.url, key, when, known.source)
                    if self._too_old(key, when):
                        del self.by_key[key]
                continue
            if key in self.old or self._too_old(key, when, url_month_end(canonical_url(url), self.profile)):
                continue
            self.by_key[key] = Candidate(url, key, when, source)
            self.order.append(key)
            added += 1
        self.result.candidates = [self.by_key[k] for k in self.order if k in self.by_key]
        return added


def _fetch_endpoint(fetcher: Fetcher, profile: Profile, url: str, kind: str, result: DiscoveryResult,
                    log: Callable[[str], None]) -> Parsed | None:
    """The parsed endpoint, or None when robots.txt forbids it or the fetch fails (recorded, logged)."""
    accept = HTML_ACCEPT if kind in ("search", "listing") else FEED_ACCEPT
    try:
        got = fetcher.get(url, hosts=profile.hosts, accept=accept)
        parsed = parse_endpoint(got.body, got.declared_charset, got.final_url, fetcher.options.max_body_bytes)
    except RobotsDenied as exc:
        result.skipped.append((url, exc.message))
        log(f"skipped {url}: {exc.message}")
        return None
    except FetchError as exc:
        result.failures.append((url, exc.message))
        log(f"failed {url}: {exc.message}")
        return None
    result.endpoints_ok += 1
    return parsed


def _pages(endpoint: Endpoint, limit: int) -> Iterator[tuple[int, str]]:
    for page in range(1, (limit if endpoint.paginated else 1) + 1):
        yield page, endpoint.url(page)


def discover(profile: Profile, fetcher: Fetcher, options: CrawlOptions,
             log: Callable[[str], None] = lambda _line: None) -> DiscoveryResult:
    """Article URLs of one outlet from its discovery endpoints (failures recorded, not raised)."""
    result = DiscoveryResult()
    collector = _Collector(profile, options.since, result)
    for endpoint in endpoints(profile, options):
        for page, url in _pages(endpoint, max(1, options.discovery_pages)):
            parsed = _fetch_endpoint(fetcher, profile, url, endpoint.kind, result, log)
            if parsed is None:
                break
            added = collector.add(parsed.links, url)
            if parsed.sitemaps:
                added += _follow_sitemaps(parsed.sitemaps, fetcher, profile, options, collector, result, log)
            log(f"{endpoint.kind} {url}: {added} new article URL(s)")
            if added == 0:
                break  # past the last page of results (or nothing new on this one)
    return result


def _follow_sitemaps(children: list[Link], fetcher: Fetcher, profile: Profile, options: CrawlOptions,
                     collector: _Collector, result: DiscoveryResult, log: Callable[[str], None]) -> int:
    """Fetch the child sitemaps of an index: with --since, those not older than it; otherwise the
    newest `discovery_pages` (an index can list years of monthly sitemaps)."""
    if options.since is not None:
        chosen = [c for c in children if c.date is None or c.date >= options.since]
    else:
        ordered = sorted(children, key=lambda c: (c.date is not None, c.date or date.min), reverse=True)
        chosen = ordered[: max(1, options.discovery_pages)]
    added = 0
    for child in chosen:
        parsed = _fetch_endpoint(fetcher, profile, child.url, "sitemap", result, log)
        if parsed is not None:
            added += collector.add(parsed.links, child.url)
    return added
