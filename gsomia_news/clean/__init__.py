"""Clean stage: raw page (HTML or text capture) -> CleanArticle.

Publication date, first source that states it wins (recorded in `published_source`):
  1. a stamp printed on the page ("Written: ...", "Posted ...", "입력 ...")   -> "text"
  2. HTML pages: the article header's printed date, metadata, htmldate, each checked against
     the others and the URL (`htmldates.choose_published` gives that chain) -> "text", "html-meta", "url"
  3. the URL, by the outlet's URL date patterns (/2020/02/19/, /20191104/)   -> "url"
  4. HTTP Last-Modified of a crawled page, as a last resort                   -> "http-header"
  otherwise null: a date is never guessed.
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime

from ..errors import CleanError
from ..models import CleanArticle, CorpusEntry
from ..profiles import Profile, get
from ..textcodec import decode
from .html import clean_html
from .htmldates import choose_published, url_path_day
from .lines import LineResult, norm
from .rules import rules_for
from .text import clean_text


def url_date(url: str, profile: Profile) -> str | None:
    """Publication date stated by the URL, per the outlet's URL date patterns."""
    for pattern in profile.url_dates:
        match = re.search(pattern, url)
        if match:
            y, m, d = (int(match.group(g)) for g in ("y", "m", "d"))
            if 1 <= m <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _http_date(entry: CorpusEntry) -> str | None:
    if entry.http is None or not entry.http.last_modified:
        return None
    try:
        return parsedate_to_datetime(entry.http.last_modified).replace(microsecond=0).isoformat()
    except (TypeError, ValueError):
        return None


def clean_page(entry: CorpusEntry, raw: bytes) -> CleanArticle:
    """Clean one raw page; raises CleanError with a one-line reason when no article comes out."""
    profile = get(entry.outlet)
    rules = rules_for(profile.key)
    try:
        text, _ = decode(raw, entry.http.charset if entry.http else None)
    except UnicodeDecodeError as exc:
        raise CleanError("page bytes cannot be decoded as text") from exc
    subtitle = None
    meta_updated = None
    url_day = url_date(entry.canonical_url, profile) or url_date(entry.url, profile)
    stamp: tuple[str | None, str | None] = (None, None)
    if entry.content_type == "text/html":
        result = clean_html(text, profile, rules, url=entry.url, obtained_at=entry.obtained_at)
        lines: LineResult = result.lines
        subtitle = result.subtitle
        # Any site's /YYYY/MM/DD/ path, for HTML pages, where the outlet profile has no pattern.
        html_url_day = url_day or url_path_day(entry.canonical_url, result.meta.dates.latest)
        stamp = choose_published(lines.published, result.meta.dates, html_url_day)
        meta_updated = result.meta.dates.updated
    else:
        lines = clean_text(text, rules)
        stamp = (lines.published, "text")
    if not lines.title:
        raise CleanError("no headline found")
    if subtitle:
        # The deck printed again at the top of the story is not story text.
        lines.paragraphs = [p for p in lines.paragraphs if norm(p) != norm(subtitle)]
    if not lines.paragraphs:
        raise CleanError("no article body found")
    published, published_source = _chain([stamp, (url_day, "url"), (_http_date(entry), "http-header")])
    updated, updated_source = _chain([(lines.updated, "text"), (meta_updated, "html-meta")])
    return CleanArticle(
        title=lines.title.strip(),
        subtitle=subtitle,
        authors=lines.authors,
        published=published,
        published_source=published_source,
        updated=updated,
        updated_source=updated_source,
        section=lines.section,
        captions=lines.captions,
        body="\n\n".join(lines.paragraphs),
        removed=lines.removed,
    )


def _chain(options: list[tuple[str | None, str]]) -> tuple[str | None, str | None]:
    for value, source in options:
        if value:
            return value, source
    return None, None
