"""Clean stage: raw page (HTML or text capture) -> CleanArticle.

Publication date, first source that states it wins (recorded in `published_source`):
  1. a stamp printed on the page ("Written: ...", "Posted ...", "입력 ...",
     "Xinhua, November 22, 2019", a date line under the headline)             -> "text"
  2. HTML pages: the article header's printed date, metadata, htmldate, each checked against
     the others and the URL (`htmldates.choose_published` gives that chain); a stamp that gave
     its day alone yields to a metadata datetime on that same day            -> "text", "html-meta", "url"
  3. the agency dateline opening the story ("SEOUL, Nov. 15 (Yonhap) --") where its day differs
     from the URL's: its day, in the year that puts it nearest the URL's date (within a month;
     Yonhap AEN ids carry the date of the first version)                     -> "text"
  4. the URL: the outlet's URL date patterns, agency ids (AEN20191114..., yjj20220614...),
     then htmldate's URL extractor (/2019/08/24/)                             -> "url"
  5. HTTP Last-Modified of a crawled page, as a last resort                   -> "http-header"
  otherwise null: a date is never guessed. An "Updated" stamp alone states no publication day.
A stamp's time keeps the zone it states, else the outlet profile's; with neither (the generic
profile) it gives the date alone.
"""

from __future__ import annotations

from datetime import date
from email.utils import parsedate_to_datetime

from ..errors import CleanError
from ..models import CleanArticle, CorpusEntry
from ..profiles import Profile, get
from ..textcodec import decode
from ..urls import url_date as _url_date
from .html import clean_html
from .htmldates import choose_published
from .lines import LineResult, norm
from .rules import rules_for
from .text import clean_text


def url_date(url: str, profile: Profile, latest: date | None = None) -> str | None:
    """Publication date stated by the URL (see gsomia_news.urls.url_date)."""
    return _url_date(url, profile, latest)


def dateline_date(dateline: tuple[int, int] | None, anchor: str | None) -> str | None:
    """The dateline's day in the year that puts it nearest the URL's date `anchor`, if within a
    month of it; None without an anchor (a dateline prints no year, and none is guessed)."""
    if dateline is None or anchor is None:
        return None
    month, day = dateline
    near = date.fromisoformat(anchor[:10])
    options = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    best = min(options, key=lambda d: abs((d - near).days), default=None)
    return best.isoformat() if best and abs((best - near).days) <= 31 else None


def _obtained_day(entry: CorpusEntry) -> date | None:
    try:
        return date.fromisoformat(entry.obtained_at[:10])
    except ValueError:
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
    obtained = _obtained_day(entry)
    from_url = url_date(entry.canonical_url, profile, obtained) or url_date(entry.url, profile, obtained)
    if entry.content_type == "text/html":
        result = clean_html(text, profile, rules, url=entry.url, obtained_at=entry.obtained_at)
        lines: LineResult = result.lines
        subtitle = result.subtitle
        meta = result.meta.dates
        stamp = choose_published(lines.published, meta, from_url)
        if lines.published and stamp == (lines.published, "text"):
            stamp = _same_day_with_zone(lines.published, meta.published)[0]
        meta_updated = meta.updated
    else:
        lines = clean_text(text, rules, url=entry.url)
        stamp = (lines.published, "text") if lines.published else (None, None)
    subtitle = subtitle or lines.subtitle
    if subtitle:
        # The deck printed again at the top of the story is not story text.
        lines.paragraphs = [p for p in lines.paragraphs if norm(p) != norm(subtitle)]
    if not lines.paragraphs:
        raise CleanError("no article body found")
    from_dateline = dateline_date(lines.dateline, from_url)
    if from_dateline and from_dateline != from_url and stamp[1] in (None, "url"):
        # The dateline's day where it differs from the URL's (a URL id dated by a first version);
        # a stamp or metadata date still comes first.
        stamp = (from_dateline, "text")
    published, published_source = _chain([stamp, (from_url, "url"), (_http_date(entry), "http-header")])
    updated, updated_source = _chain([*_same_day_with_zone(lines.updated, meta_updated), (meta_updated, "html-meta")])
    return CleanArticle(
        title=lines.title.strip() if lines.title else None,
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


def _same_day_with_zone(printed: str | None, meta: str | None) -> list[tuple[str | None, str]]:
    """The printed stamp's chain entry; when it gave its day alone (its time stated no zone) and
    the metadata has a datetime with offset on that same day, the metadata's value instead."""
    if printed and len(printed) == 10 and meta and len(meta) > 10 and meta[:10] == printed:
        return [(meta, "html-meta")]
    return [(printed, "text")]


def _chain(options: list[tuple[str | None, str]]) -> tuple[str | None, str | None]:
    for value, source in options:
        if value:
            return value, source
    return None, None
