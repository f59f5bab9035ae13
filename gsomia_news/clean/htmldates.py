"""Publication date of an HTML page: what its metadata, its article header and htmldate say,
and which of them to believe.

Sources read here (the stamp the line rules find in the article header is read by
`lines.classify` through `stamps.parse_stamp`, like any text capture's stamp):
  - structured metadata: `article:published_time` and its kin, `itemprop=datePublished`, JSON-LD
    `datePublished` (also inside `@graph`): a timestamp with the offset the page states, or a
    day when it states none;
  - the date printed alone on a line of the article header, between headline and story
    ("21.01.2022 - 13:30", "18. März 2020", "Dec 9, 2019 · 6 min read"), in any language
    htmldate's parser reads;
  - htmldate 1.11.0: fast mode (meta names, JSON, <time>, <abbr>, date classes), and extensive
    mode (free text) only as a last resort, both on the page without scripts and keyword lists;
  - the URL's day (given by the caller);
  - days the page shows not to be its publication day: the masthead's "today" and days printed
    only as an update; htmldate's answer is dropped when it is one of them.

Every value is checked: a placeholder (before 1995, e.g. 0001-01-01 or 1970-01-01) or a date after
the page was obtained is dropped, and nothing here raises on a bad value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from dateutil import parser as dateparser

# htmldate's own floor: no web page is older. Earlier values are placeholders (0001-01-01,
# 1970-01-01 = Unix epoch zero).
EARLIEST = date(1995, 1, 1)

_META_PUBLISHED = (
    "meta[property='article:published_time']",
    "meta[name='article:published_time']",
    "meta[itemprop='datePublished']",
    "meta[property='og:published_time']",
    "meta[name='pubdate']",
    "meta[name='publish-date']",
    "meta[name='publishdate']",
    "meta[property='datePublished']",
    "time[itemprop='datePublished']",
)
_META_UPDATED = (
    "meta[property='article:modified_time']",
    "meta[name='article:modified_time']",
    "meta[itemprop='dateModified']",
    "meta[property='og:updated_time']",
    "time[itemprop='dateModified']",
)

# Labels of a last-update date, and of dates that are no publication date at all (a member's
# join date, a citation's retrieval date, a birth date). Matched as words, any case.
_UPDATED = re.compile(
    r"(?i)\b(?:updated?|last modified|modified|edited|aktualisiert|geändert|(?:letzte )?änderung|mis à jour|"
    r"actualizado|actualización|aggiornato|aggiornamento|bijgewerkt|atualizado|güncellen\w*|обновлено|수정)\b"
)
_NOT_PUBLISHED = re.compile(
    _UPDATED.pattern + r"|(?i:\b(?:registered|registriert|joined|member since|mitglied seit|beigetreten|inscrit|"
    r"retrieved|accessed|abgerufen|consulté|born|geboren|né le|née le|nato|nacido)\b)"
)
_PUBLISHED_LABEL = re.compile(
    r"(?i)^\W*(?:published|posted|date|veröffentlicht(?: am)?|erschienen(?: am)?|datum|stand|"
    r"publié(?: le)?|publicado(?: el| em)?|pubblicato(?: il)?|gepubliceerd(?: op)?|opublikowano|"
    r"yayınlanma(?: tarihi)?|опубликовано|입력|게재)\b\W*"
)
# Among the story's own lines only these labels count: "Posted by NAME on ..." there is an
# embedded social post or a comment.
_REGION_LABEL = re.compile(
    r"(?i)^\W*(?:published|veröffentlicht(?: am)?|erschienen(?: am)?|datum|stand|publié(?: le)?|publicado(?: el| em)?|"
    r"pubblicato(?: il)?|gepubliceerd(?: op)?|opublikowano|yayınlanma(?: tarihi)?|опубликовано)\b\W*"
)
# A full date (day, month and year) as pages print it: 2020-06-03, 2020.06.03, 2020년 6월 3일,
# 03.02.2022, 11/8/2023, 28.09.19 glued to its time (28.09.1912:44), 18. März 2020,
# 17 de Febrero 2020, 24 نيسان / أبريل 2020 (Arabic pages print two names of the month), Dec 9,
# 2019. Month words are checked by the parser (htmldate, then dateparser for other languages).
_FULL_DATE = re.compile(
    r"(?<!\d)(?:19|20)\d{2}\s*[-./년年]\s*\d{1,2}\s*[-./월月]\s*\d{1,2}(?!\d)"
    r"|(?<![\d.])\d{1,2}[./-]\d{1,2}[./-](?:\d{2}(?=\d{1,2}:\d{2})|(?:\d{4}|\d{2})(?!\d))"
    r"|(?<!\d)\d{1,2}(?:st|nd|rd|th|\.|º)?\s+(?:de\s+)?[^\W\d_]{3,}(?:\s*/\s*[^\W\d_]{3,})?\.?,?\s+(?:de\s+)?(?:19|20)\d{2}(?!\d)"
    r"|(?<![^\W\d_])[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}(?!\d)"
)
_DAY_RANGE = re.compile(r"\d{1,2}\.(?:\d{1,2}\.)?\s*[-–—]\s*\d{1,2}\.")
# Day and month can be swapped only in slashed or dashed dates (06/01/2020): dotted dates are
# day-first wherever they are printed (03.02.2022).
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})([/-])(\d{1,2})\2(\d{2}|\d{4})(?![\d])")
_MAX_LINE = 60


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def latest_day(obtained_at: str | None) -> date:
    """The last plausible publication day: the day the page was obtained (+1 for zones ahead of UTC)."""
    try:
        when = datetime.fromisoformat((obtained_at or "").replace("Z", "+00:00"))
        return when.date() + timedelta(days=1)
    except ValueError:
        return datetime.now(timezone.utc).date() + timedelta(days=1)


def plausible(value: str | None, latest: date) -> str | None:
    """`value` if its day is neither a placeholder nor after `latest`, else None."""
    day = _day(value)
    return value if day is not None and EARLIEST <= day <= latest else None


def metadata_value(raw: str) -> str | None:
    """ISO 8601 for a metadata date: a datetime with the offset it states, or the day alone when it
    states no offset (no zone is invented). None for what does not parse."""
    text = (raw or "").strip()
    if not text or not text[:4].isdigit():
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = dateparser.isoparse(text)
        except (ValueError, OverflowError):
            return None
    try:
        if parsed.tzinfo is None or parsed.utcoffset() is None:
            return parsed.date().isoformat()
        return parsed.replace(microsecond=0).isoformat()
    except (ValueError, OverflowError):
        return None


def _ld_items(data: Any) -> list[dict]:
    """Every object of a JSON-LD document, `@graph` members included."""
    found: list[dict] = []
    stack = [data]
    while stack and len(found) < 200:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            found.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list | dict):
                stack.append(graph)
    return found


def json_ld(tree: Any) -> list[dict]:
    """The JSON-LD objects of a page (unreadable blocks skipped)."""
    items: list[dict] = []
    for node in tree.css("script[type='application/ld+json']"):
        try:
            items.extend(_ld_items(json.loads(node.text() or "")))
        except (json.JSONDecodeError, RecursionError, ValueError):
            continue
    return items


def _attr_value(node: Any) -> str:
    attrs = node.attributes
    return (attrs.get("content") or attrs.get("datetime") or "").strip()


def structured(tree: Any, ld: list[dict], latest: date) -> tuple[str | None, str | None]:
    """(published, updated) from meta tags, microdata and JSON-LD, plausible values only."""
    def first(selectors: tuple[str, ...], key: str) -> str | None:
        for selector in selectors:
            for node in tree.css(selector):
                value = plausible(metadata_value(_attr_value(node)), latest)
                if value:
                    return value
        for item in ld:
            value = plausible(metadata_value(str(item.get(key) or "")), latest)
            if value:
                return value
        return None

    return first(_META_PUBLISHED, "datePublished"), first(_META_UPDATED, "dateModified")


# Scripts (JSON-LD excepted) and free-text meta fields: a timestamp there is program data or a
# keyword, not a date the page states; htmldate's last-resort regex over the markup would take it.
_SCRIPT = re.compile(r"<script\b(?![^>]*application/ld\+json)[^>]*>.*?</script\s*>", re.I | re.S)
_FREE_TEXT_META = re.compile(r"<meta\b[^>]*\bname\s*=\s*[\"']?(?:keywords|news_keywords|description)\b[^>]*>", re.I)


def for_htmldate(html: str) -> str:
    """The page as htmldate should read it: without scripts (but JSON-LD) and free-text metas."""
    return _FREE_TEXT_META.sub("", _SCRIPT.sub("", html))


def htmldate_day(html: str, url: str | None, latest: date, extensive: bool) -> str | None:
    """htmldate's publication day (original date, not the last edit), never after `latest`;
    `html` as `for_htmldate` gives it."""
    from htmldate import find_date  # imported here: only HTML pages need it

    try:
        found = find_date(html, url=url, original_date=True, extensive_search=extensive,
                          max_date=datetime.combine(latest, datetime.min.time()), outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a library failure on odd markup means "no date", not a lost page
        return None
    return plausible(found, latest)


@dataclass(frozen=True)
class Printed:
    """A date printed alone on a line of the article header, and the other reading when its day and
    month could be swapped (06/01/2020)."""

    day: str
    other: str | None = None
    line: str = ""


_TWO_MONTHS = re.compile(r"([^\W\d_]{3,})\s*/\s*([^\W\d_]{3,})")


def parse_day(text: str, latest: date) -> str | None:
    """The day a full date expression states (htmldate's parser, dateparser for other
    languages), between 1995 and `latest`; with two month names ("نيسان / أبريل"), either."""
    from htmldate.extractors import try_date_expr

    earliest = datetime.combine(EARLIEST, datetime.min.time())
    last = datetime.combine(latest, datetime.min.time())
    pair = _TWO_MONTHS.search(text)
    forms = [text] if pair is None else [_TWO_MONTHS.sub(pair.group(1), text, 1), _TWO_MONTHS.sub(pair.group(2), text, 1)]
    for form in forms:
        try:
            found = try_date_expr(form, "%Y-%m-%d", True, earliest, last)
        except Exception:  # noqa: BLE001 - an unparseable line is not a date line
            found = None
        if found:
            return found
    return None


def _joined(lines: list[str]) -> list[str]:
    """Lines with a bare label line ("Erschienen am:", "Datum:") joined to the line after it."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        label = _PUBLISHED_LABEL.match(lines[i])
        if label and label.end() == len(lines[i]) and i + 1 < len(lines):
            out.append(f"{lines[i]} {lines[i + 1]}")
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return out


def printed_date(header: list[str], region: list[str], latest: date) -> Printed | None:
    """The publication date printed on the page: the first date line of the article header
    (a label such as "Published" or "Stand:" optional), else the first labelled date line in
    the article's own lines (metadata boxes printed after the lead)."""
    return _scan(_joined(header), latest, labelled=False) or _scan(_joined(region), latest, labelled=True)


def _scan(lines: list[str], latest: date, labelled: bool) -> Printed | None:
    """The first line that is a publication date: short, one full date (not a range), and not
    labelled as an update, a join or a retrieval date."""
    for line in lines:
        if len(line) > _MAX_LINE:
            continue
        label = (_REGION_LABEL if labelled else _PUBLISHED_LABEL).match(line)
        if labelled and not label:
            continue
        text = line[label.end():] if label else line
        if _NOT_PUBLISHED.search(text if label else line):
            if not label:
                continue
            text = _NOT_PUBLISHED.split(text, maxsplit=1)[0]  # "Published X | Updated Y": X
        found_dates = _FULL_DATE.findall(text)
        if not found_dates or len(set(found_dates)) > 1 and not label or _DAY_RANGE.search(text):
            continue
        found = parse_day(found_dates[0], latest)
        if found:
            return Printed(found, _swapped(found_dates[0], found), line)
    return None


def _days(lines: list[str], latest: date) -> set[str]:
    """The full dates printed on short lines."""
    days: set[str] = set()
    for line in lines:
        if len(line) <= _MAX_LINE:
            for text in _FULL_DATE.findall(line)[:2]:
                found = parse_day(text, latest)
                if found:
                    days.add(found)
    return days


def not_published_days(masthead: list[str], page: list[str], latest: date) -> frozenset[str]:
    """Days the page shows not to be its publication day: those of the site's masthead (its
    "today" date) and those printed only with an update label ("last edited: 17 Jun 2018")."""
    updated: list[str] = []  # what follows an update label ("January 13, 2020 / Updated 2 minutes ago": none)
    published: list[str] = []  # what precedes it, on lines with a publication label
    for line in page:
        if len(line) > _MAX_LINE:
            continue
        label = _UPDATED.search(line)
        if label:
            updated.append(line[label.end():])
        if _PUBLISHED_LABEL.match(line):
            published.append(line[:label.start()] if label else line)
    return frozenset(_days(masthead, latest) | (_days(updated, latest) - _days(published, latest)))


def _swapped(text: str, found: str) -> str | None:
    """The month-first reading of an all-numeric date whose first two numbers are both <= 12."""
    match = _NUMERIC.search(text)
    if not match:
        return None
    a, b = int(match.group(1)), int(match.group(3))
    if a == b or a > 12 or b > 12:
        return None
    day = _day(found)
    if day is None:
        return None
    try:
        return day.replace(month=day.day, day=day.month).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class HtmlDates:
    """What one HTML page says about its dates (see the module docstring)."""

    published: str | None = None  # structured metadata
    updated: str | None = None
    htmldate: str | None = None  # htmldate fast mode's day when already known, else asked of `html`
    printed: Printed | None = None
    not_published: frozenset[str] = frozenset()  # days shown not to be the publication day
    html: str = ""  # the page as `for_htmldate` gives it
    latest: date = date.max
    month_first: bool = False  # the page says it is US English (en-US): 06/01/2020 is 1 June
    _asked: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def fast(self) -> str | None:
        """htmldate's fast-mode day, asked once and only when the chain gets that far."""
        if self.htmldate is not None or not self.html:
            return self.htmldate
        if "fast" not in self._asked:
            self._asked["fast"] = htmldate_day(self.html, None, self.latest, extensive=False)
        return self._asked["fast"]

    def extensive(self) -> str | None:
        """htmldate's extensive search (slow; asked only when nothing else gave a date). A
        1 January answer is a year (or "January 2022") read as a day; it and a day the page
        shows not to be its publication day (`not_published_days`) are dropped."""
        found = htmldate_day(self.html, None, self.latest, extensive=True) if self.html else None
        return None if found is None or found[5:10] == "01-01" or found in self.not_published else found


def says_month_first(tree: Any) -> bool:
    """True when the page declares US English (`<html lang="en-US">`, og:locale en_US), where a
    numeric date is month first."""
    root = tree.css_first("html")
    lang = (root.attributes.get("lang") or "") if root is not None else ""
    locale = tree.css_first("meta[property='og:locale']")
    values = [lang, (locale.attributes.get("content") or "") if locale is not None else ""]
    return any(v.strip().replace("_", "-").casefold() == "en-us" for v in values)


def _is_utc(value: str) -> bool:
    return value.endswith("+00:00")


def choose_published(stamp: str | None, dates: HtmlDates, url_day: str | None) -> tuple[str | None, str | None]:
    """Publication date of an HTML page and its source; the first of these that applies:
      1. a stamp the line rules read in the article header                      -> text
      2. the date printed in the article header; when the metadata timestamp falls on that day,
         the timestamp (it has the time and the page's own offset)             -> text / html-meta
         (a day/month-ambiguous date takes the reading another source confirms; unconfirmed,
         it waits until no other source has a date)
      3. the metadata timestamp, except that a UTC timestamp one day off the URL's day yields the
         URL's day: the URL, like the printed date, carries the outlet's local day -> html-meta / url
      4. htmldate fast mode, unless its day is the masthead's "today" or an update's day
                                                                                 -> html-meta
      5. the URL's day                                                           -> url
      6. the ambiguous printed date, month first on a US-English page, else day first -> text
      7. htmldate extensive search                                               -> html-meta
    """
    if stamp:
        return stamp, "text"
    meta_day = _day(dates.published)
    printed = dates.printed
    pending: str | None = None
    if printed is not None:
        day = printed.day
        if printed.other is not None:
            others = {d for d in (meta_day.isoformat() if meta_day else None, dates.fast(), url_day) if d}
            if printed.other in others and day not in others:
                day = printed.other
            elif day not in others:
                pending, day = (printed.other if dates.month_first else day), ""
        if day:
            if dates.published and meta_day and meta_day.isoformat() == day:
                return dates.published, "html-meta"
            return day, "text"
    if dates.published:
        url = _day(url_day)
        if url is not None and meta_day is not None and _is_utc(dates.published) and abs((meta_day - url).days) == 1:
            return url_day, "url"
        return dates.published, "html-meta"
    fast = dates.fast()
    if fast and fast not in dates.not_published:
        return fast, "html-meta"
    if url_day:
        return url_day, "url"
    if pending:
        return pending, "text"
    extensive = dates.extensive()
    if extensive:
        return extensive, "html-meta"
    return None, None
