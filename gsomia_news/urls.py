"""URL checks and canonical forms: one article is one corpus entry whatever link led to it."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url

from .errors import InputError
from .profiles import profile_for_url


def check_http_url(url: str) -> str:
    """Return `url` stripped, or raise InputError unless it is an absolute http(s) URL."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"not an http(s) URL: {url!r}")
    return url


def canonical_url(url: str) -> str:
    """Canonical form: lower-case host, outlet's canonical host (m./www.), no tracking or fragment."""
    url = check_http_url(url)
    # courlan (non-strict) drops tracking parameters (utm_*, fbclid ...) and sorts the query;
    # strict mode would also drop article ids such as Seq_Code, so it is not used.
    normalized = normalize_url(url)
    parts = urlsplit(normalized)
    host = (parts.hostname or "").lower()
    profile = profile_for_url(normalized)
    if profile.canonical_host and profile.matches_host(host):
        host = profile.canonical_host
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def identity_key(url: str) -> str:
    """Scheme-less canonical URL: http and https links to one article are one page."""
    canonical = canonical_url(url)
    return canonical.split("://", 1)[1]


def article_id(url: str) -> str:
    """Stable article id: outlet key and a short hash of the identity key."""
    profile = profile_for_url(url)
    digest = hashlib.sha256(identity_key(url).encode("utf-8")).hexdigest()[:12]
    return f"{profile.key}:{digest}"


_SLUG_DROP = re.compile(r"\.(?:html?|aspx?|php|jsp|htm)$", re.I)


def slug_for(url: str, limit: int = 60) -> str:
    """Human-readable folder name for a page: path words and query ids, plus a short hash."""
    parts = urlsplit(canonical_url(url))
    words = [_SLUG_DROP.sub("", p) for p in parts.path.split("/") if p]
    words += [v for kv in parts.query.split("&") for v in kv.split("=")[1:] if v]
    text = "-".join(words[-3:]).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:limit].strip("-") or "page"
    digest = hashlib.sha256(identity_key(url).encode("utf-8")).hexdigest()[:8]
    return f"{text}-{digest}"
