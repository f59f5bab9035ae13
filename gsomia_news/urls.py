"""URL checks and canonical forms: one article is one corpus entry whatever link led to it."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

from .errors import InputError
from .profiles import Profile, generic, profile_for_url

# Earliest day a URL date is believed: htmldate's own lower bound (no news site dates before it).
_EARLIEST = datetime(1995, 1, 1)


def check_http_url(url: str) -> str:
    """Return `url` stripped, or raise InputError unless it is an absolute http(s) URL."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"not an http(s) URL: {url!r}")
    return url


def canonical_url(url: str) -> str:
    """Canonical form: lower-case host, no tracking parameters, no fragment, sorted query.

    Hosts are not rewritten (m. -> www.): the other host's URL form may not exist. One article
    reached by several URLs is recognised by `identity_key` instead."""
    url = check_http_url(url)
    # courlan (non-strict) drops tracking parameters (utm_*, fbclid ...) and sorts the query;
    # strict mode would also drop article ids such as Seq_Code, so it is not used.
    normalized = normalize_url(url)
    parts = urlsplit(normalized)
    host = (parts.hostname or "").lower()
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def _numbered(url: str) -> tuple[str, str, str | None]:
    """(canonical URL, outlet key, the outlet's article number or None)."""
    canonical = canonical_url(url)  # tracking parameters gone, so "\.html$" patterns still match
    profile = profile_for_url(canonical)
    return canonical, profile.key, profile.article_number(canonical)


# Host prefixes under which sites serve the same page as on the bare host (desktop/mobile).
_MIRROR_HOST = re.compile(r"^(?:www\d?|m|mobile)\.(?=[^.]+\.)", re.I)


def _identity(canonical: str, outlet: str, number: str | None) -> str:
    if number:
        return f"{outlet}:{number}"
    # Scheme-less, and without a www./m. host prefix: the same page on the same site.
    return _MIRROR_HOST.sub("", canonical.split("://", 1)[1])


def identity_key(url: str) -> str:
    """What makes two URLs one article: the outlet's article number, else the canonical URL
    without scheme and www./m. host prefix (so http/https, www./m. and tracking variants --
    courlan's list of tracking parameters -- coincide)."""
    return _identity(*_numbered(url))


def article_id(url: str) -> str:
    """Stable article id: `<outlet>:<article number>`, or `<outlet>:<hash>` for other sites."""
    canonical, outlet, number = _numbered(url)
    if number:
        return f"{outlet}:{number}"
    digest = hashlib.sha256(_identity(canonical, outlet, number).encode("utf-8")).hexdigest()[:12]
    return f"{outlet}:{digest}"


_SLUG_DROP = re.compile(r"\.(?:html?|aspx?|php|jsp|htm)$", re.I)


def slug_for(url: str, limit: int = 60) -> str:
    """Folder name for a page: the outlet's article number, else path words plus a short hash."""
    canonical, outlet, number = _numbered(url)
    if number:
        return number
    parts = urlsplit(canonical)
    words = [_SLUG_DROP.sub("", p) for p in parts.path.split("/") if p]
    words += [v for kv in parts.query.split("&") for v in kv.split("=")[1:] if len(v) > 2]
    text = "-".join(words[-3:]).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:limit].strip("-") or "page"
    digest = hashlib.sha256(_identity(canonical, outlet, number).encode("utf-8")).hexdigest()[:8]
    return f"{text}-{digest}"


def url_date(url: str, profile: Profile, latest: date | None = None) -> str | None:
    """Publication day (YYYY-MM-DD) a URL states, or None.

    Tried in order: the outlet profile's `url_dates` patterns, the generic profile's (agency ids
    that encode the date on any host: Yonhap AEN..., Jiji yjj...), then htmldate's URL extractor
    (/2019/08/24/, /2019-11/22/). A day that does not exist, or is after `latest` (the day the page
    was obtained), is no date."""
    from htmldate.extractors import Extractor, extract_url_date  # only URL dates need it

    latest_dt = datetime.combine(latest, datetime.max.time()) if latest else datetime(2100, 1, 1)
    layers = [profile] if profile.key == generic().key else [profile, generic()]
    for pattern in (p for layer in layers for p in layer.url_dates):
        match = re.search(pattern, url)
        if match:
            try:
                day = datetime(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            except ValueError:
                continue
            if _EARLIEST <= day <= latest_dt:
                return day.date().isoformat()
    options = Extractor(extensive=False, max=latest_dt, min=_EARLIEST, original=True, format="%Y-%m-%d")
    return extract_url_date(url, options)
