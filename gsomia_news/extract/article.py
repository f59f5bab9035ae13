"""Assemble one Article record from a corpus page, its cleaned form and its parsed body."""

from __future__ import annotations

from typing import Any

from ..store.corpus import Page
from ..models import Article, CleanArticle, RawRef
from ..profiles import get
from ..urls import article_id
from .dates import PROFILES, find_dates
from .officials import find_officials
from .quotes import find_quotes


def extract_article(page: Page, clean: CleanArticle, doc: Any, dates: str = "dataset") -> Article:
    """Dates (of the named profile) and officials for one cleaned page, with provenance back to the raw file."""
    entry = page.entry
    profile = get(entry.outlet)
    officials = find_officials(clean.body, doc, clean.captions, clean.authors, profile.home_country,
                               clean.published)
    return Article(
        id=article_id(entry.canonical_url),
        url=entry.canonical_url,
        outlet=entry.outlet,
        title=clean.title,
        subtitle=clean.subtitle,
        authors=clean.authors,
        published=clean.published,
        # The day as printed: the local date part, never shifted to UTC.
        published_date=clean.published[:10] if clean.published else None,
        published_source=clean.published_source,
        updated=clean.updated,
        updated_source=clean.updated_source,
        section=clean.section,
        body=clean.body,
        captions=clean.captions,
        dates=find_dates(clean.body, clean.published, doc, PROFILES[dates]),
        officials=officials,
        quotes=find_quotes(clean.body, officials),
        raw=RawRef.of(entry),
    )
