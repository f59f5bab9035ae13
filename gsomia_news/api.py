"""The Python API for notebooks: `extract` one page, `read_dataset` into tidy pandas tables.

    import gsomia_news
    article = gsomia_news.extract(html, "https://www.koreatimes.co.kr/www/nation/2019/11/103_278906.html")
    tables = gsomia_news.read_dataset("build/latest")

`extract` runs the build's own code (store -> clean -> extract, no corpus folder needed);
`read_dataset` needs pandas, from the `[notebook]` extra.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, MissingDependency
from .models import Article, CorpusEntry
from .store.corpus import Page, sha256_bytes, utc_now
from .textcodec import decode, looks_binary, sniff_content_type
from .urls import canonical_url, check_http_url

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Dataset", "extract", "read_dataset"]


def _iso_published(value: str | date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise InputError(f"published={value!r} has no time zone: give an aware datetime or a date")
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"published={value!r} is not ISO 8601 (YYYY-MM-DD or a datetime with offset)") from None
    if "T" not in text and len(text) == 10:
        return parsed.date().isoformat()
    return _iso_published(parsed)


def _iso_obtained(value: str | datetime | None) -> str:
    if value is None:
        return utc_now()
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"obtained_at={value!r} is not an ISO 8601 datetime") from None
    if value.tzinfo is None:
        raise InputError(f"obtained_at={value!r} has no time zone")
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _page(page: str | bytes, url: str, obtained_at: str | datetime | None) -> Page:
    """The in-memory corpus page a build would make of these bytes (no corpus folder)."""
    from .profiles import profile_for_url

    if isinstance(page, str):
        raw = page.encode("utf-8")
        # The BOM makes the cleaner decode the text as the UTF-8 it now is, whatever charset
        # its <meta> declares; the recorded sha256 is that of the plain UTF-8 bytes.
        cleaner_bytes = codecs.BOM_UTF8 + raw
    elif isinstance(page, (bytes, bytearray, memoryview)):
        raw = cleaner_bytes = bytes(page)
    else:
        raise InputError(f"page must be str or bytes (the page itself, not a path), not {type(page).__name__}")
    if not raw.strip():
        raise InputError("empty page")
    if looks_binary(raw):
        raise InputError("binary data, not an HTML page or text capture")
    try:
        text, _ = decode(cleaner_bytes)
    except UnicodeDecodeError:
        raise InputError("page bytes cannot be decoded as text in any known charset") from None
    url = check_http_url(url)
    entry = CorpusEntry(
        url=url, canonical_url=canonical_url(url), outlet=profile_for_url(url).key,
        obtained_at=_iso_obtained(obtained_at), how="ingest",
        content_type=sniff_content_type(text),  # type: ignore[arg-type]
        sha256=sha256_bytes(raw), size=len(raw),
        path="",  # no corpus: the page lives only in memory
        version=1,
    )
    return Page(entry, cleaner_bytes)


def extract(page: str | bytes, url: str, *, published: str | date | datetime | None = None,
            obtained_at: str | datetime | None = None) -> Article:
    """Clean and extract one page (HTML or text capture, str or bytes) exactly as a build does.

    `url` is where the page was published (it picks the outlet profile and can state the
    date). `published` is used only when neither the page, its metadata nor its URL states a
    publication date (recorded with `published_source="given"`); relative dates are anchored
    to it. `obtained_at` (aware datetime or ISO 8601, default now) goes to `raw.obtained_at`.
    `raw.path` is empty: the page is in no corpus. Raises InputError for bad input and
    CleanError when no article comes out; `ModelError` when no spaCy model is installed.
    """
    from .clean import clean_page
    from .extract.article import extract_article
    from .extract.nlp import load_nlp

    given = _iso_published(published)
    corpus_page = _page(page, url, obtained_at)
    clean = clean_page(corpus_page.entry, corpus_page.raw)
    if clean.published is None and given is not None:
        clean = clean.model_copy(update={"published": given, "published_source": "given"})
    doc = load_nlp()(clean.body)
    return extract_article(corpus_page, clean, doc)


@dataclass(frozen=True)
class Dataset:
    """The tidy tables of one dataset (see README, Reading the dataset), and its manifest."""

    path: Path
    manifest: dict[str, Any]
    articles: pd.DataFrame
    dates: pd.DataFrame
    officials: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    people: pd.DataFrame
    roles: pd.DataFrame
    failures: pd.DataFrame

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name."""
        return {name: getattr(self, name) for name in _table_names()}


def _table_names() -> tuple[str, ...]:
    from .load.tables import TABLES

    return tuple(TABLES)


def read_dataset(path: str | Path = "build/latest") -> Dataset:
    """Tidy pandas tables of a dataset: articles, dates, officials, mentions, quotes, people, roles.

    Day columns (`published_date`, `range_start`, `first_date`, ...) are datetime64 at the
    local day as printed, never shifted to UTC; `*_utc` columns are UTC instants (NaT when only a
    day is known). Needs pandas (`pip install 'gsomia-news[notebook]'`).
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise MissingDependency("read_dataset needs pandas: pip install 'gsomia-news[notebook]'") from exc
    from .load.tables import TABLES, all_rows, dataset_folder, read_json

    folder = dataset_folder(path)
    rows = all_rows(folder)
    text = pd.Series(["text"]).dtype  # pandas' own text dtype: `str` on pandas 3, object on pandas 2
    frames: dict[str, pd.DataFrame] = {}
    for name, columns in TABLES.items():
        data: dict[str, Any] = {}
        for column in columns:
            values = [row[column.name] for row in rows[name]]
            if column.kind == "date":
                data[column.name] = pd.to_datetime(pd.Series(values, dtype=object))
            elif column.kind == "timestamp":
                data[column.name] = pd.to_datetime(pd.Series(values, dtype=object), utc=True)
            elif column.kind == "int":
                data[column.name] = pd.Series(values, dtype="int64")
            elif column.kind == "list":
                data[column.name] = pd.Series(values, dtype=object)
            else:
                data[column.name] = pd.Series(values, dtype=text)
        frames[name] = pd.DataFrame(data)
    return Dataset(path=folder, manifest=read_json(folder / "manifest.json"), **frames)
