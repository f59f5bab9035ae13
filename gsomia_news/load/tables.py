"""Tidy tables of a dataset: one row per thing, typed columns, keys that join.

The one definition of the tables that `gsomia_news.read_dataset` (pandas), `build --export
parquet` and `build --export csv` give. Rows are made from the dataset's JSON (the source of
truth) as plain Python values: `date` columns hold `datetime.date` (the local calendar day as
printed, never shifted to UTC), `timestamp` columns an aware UTC `datetime` (null when only a
day is known), `list` columns a list of strings.

Tables and keys: `articles.id` = `article_id` of dates, officials, mentions and quotes;
`person_id` of officials, mentions, quotes and roles = `people.person_id` (= officials.json ids).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError

Kind = Literal["str", "int", "date", "timestamp", "list"]


@dataclass(frozen=True)
class Column:
    """One typed column of a tidy table."""

    name: str
    kind: Kind
    description: str


def _cols(*spec: tuple[str, Kind, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


_SPAN = (("start", "int", "character offset in the article's body"),
         ("end", "int", "character offset after the text in the article's body"))

TABLES: dict[str, tuple[Column, ...]] = {
    "articles": _cols(
        ("id", "str", "article id (<outlet>:<number> or <outlet>:<hash>)"),
        ("url", "str", "canonical URL"),
        ("outlet", "str", "outlet profile key"),
        ("title", "str", "headline as printed (null when the page prints none)"),
        ("subtitle", "str", "deck as printed"),
        ("authors", "list", "bylined authors"),
        ("section", "str", "section as printed"),
        ("published", "str", "publication date or datetime with offset, as printed (ISO 8601)"),
        ("published_date", "date", "the local calendar day of `published`, as printed"),
        ("published_utc", "timestamp", "`published` as a UTC instant; null when only a day is known"),
        ("published_source", "str", "where `published` came from"),
        ("updated", "str", "last update as printed (ISO 8601)"),
        ("updated_date", "date", "the local calendar day of `updated`, as printed"),
        ("updated_utc", "timestamp", "`updated` as a UTC instant; null when only a day is known"),
        ("updated_source", "str", "where `updated` came from"),
        ("body", "str", "the story, paragraphs separated by a blank line"),
        ("captions", "list", "photo captions"),
        ("n_words", "int", "words in body"),
        ("n_dates", "int", "date mentions (rows in dates)"),
        ("n_officials", "int", "officials named (rows in officials)"),
        ("n_quotes", "int", "quotes of officials (rows in quotes)"),
        ("raw_sha256", "str", "sha256 of the raw page"),
        ("raw_path", "str", "raw file, relative to the corpus folder"),
        ("raw_obtained_at", "timestamp", "when the raw page was obtained (UTC)"),
        ("raw_content_type", "str", "text/html or text/plain"),
        ("raw_url", "str", "URL as ingested or fetched"),
        ("raw_how", "str", "ingest, crawl or warc"),
    ),
    "dates": _cols(
        ("article_id", "str", "articles.id"),
        ("n", "int", "position of the mention in the article, from 0"),
        ("text", "str", "the expression as printed"),
        *_SPAN,
        ("value", "str", "TimeML DATE value (YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, ...); null when not anchored"),
        ("kind", "str", "absolute, relative or anaphoric"),
        ("mod", "str", "TimeML modifier (START, MID, END, APPROX, ...)"),
        ("range_start", "date", "first day the value covers"),
        ("range_end", "date", "last day the value covers (inclusive)"),
    ),
    "officials": _cols(
        ("article_id", "str", "articles.id"),
        ("person_id", "str", "people.person_id"),
        ("name", "str", "name as the article gives it"),
        ("title", "str", "role as the article gives it"),
        ("org", "str", "organization of the role"),
        ("country", "str", "ISO 3166-1 alpha-2 code of the government served"),
        ("kb_id", "str", "officials knowledge base id"),
        ("wikidata", "str", "Wikidata QID"),
        ("n_mentions", "int", "times the article names the person (rows in mentions)"),
        ("outlet", "str", "the article's outlet (repeated from articles)"),
        ("published_date", "date", "the article's publication day (repeated from articles)"),
    ),
    "mentions": _cols(
        ("article_id", "str", "articles.id"),
        ("person_id", "str", "people.person_id"),
        ("n", "int", "position of the mention among the person's mentions in the article, from 0"),
        ("text", "str", "the name as printed"),
        *_SPAN,
    ),
    "quotes": _cols(
        ("article_id", "str", "articles.id"),
        ("person_id", "str", "people.person_id of the speaker"),
        ("n", "int", "position of the quote in the article, from 0"),
        ("text", "str", "the quotation without its quote marks"),
        *_SPAN,
    ),
    "people": _cols(
        ("person_id", "str", "person id (officials.json id)"),
        ("name", "str", "the name form used most often"),
        ("variants", "list", "every name form seen"),
        ("country", "str", "the country most often served"),
        ("kb_id", "str", "officials knowledge base id"),
        ("wikidata", "str", "Wikidata QID"),
        ("n_articles", "int", "articles that name the person"),
        ("n_roles", "int", "roles seen (rows in roles)"),
        ("first_date", "date", "publication day of the first dated article naming the person"),
        ("last_date", "date", "publication day of the last dated article naming the person"),
    ),
    "roles": _cols(
        ("person_id", "str", "people.person_id"),
        ("name", "str", "the person's name (repeated from people)"),
        ("title", "str", "role title as the articles give it"),
        ("org", "str", "organization of the role"),
        ("country", "str", "ISO 3166-1 alpha-2 code of the government served"),
        ("first_date", "date", "publication day of the first article with this role"),
        ("last_date", "date", "publication day of the last article with this role"),
        ("n_articles", "int", "articles that give this role"),
        ("article_ids", "list", "those articles (articles.id)"),
    ),
    "failures": _cols(
        ("stage", "str", "stage that failed: corpus, clean, extract or load"),
        ("reason", "str", "one-line reason, starting with its error code"),
        ("url", "str", "URL of the page"),
        ("path", "str", "raw file or sidecar, relative to the corpus folder"),
    ),
}

Rows = dict[str, list[dict[str, Any]]]


def day(value: str | None) -> date | None:
    """The calendar day an ISO date or datetime states (its local date part, never UTC-shifted)."""
    return date.fromisoformat(value[:10]) if value else None


def instant(value: str | None) -> datetime | None:
    """An ISO datetime with offset as a UTC datetime; None for a bare date or nothing."""
    if not value or "T" not in value:
        return None
    stamp = datetime.fromisoformat(value)
    return stamp.astimezone(UTC) if stamp.tzinfo else None


def _empty() -> Rows:
    return {name: [] for name in TABLES}


def article_rows(article: dict[str, Any], rows: Rows | None = None) -> Rows:
    """Add the rows one article gives (articles, dates, officials, mentions, quotes) to `rows`."""
    rows = rows if rows is not None else _empty()
    aid = article["id"]
    raw = article.get("raw") or {}
    officials = article.get("officials") or []
    published_date = day(article.get("published_date") or article.get("published"))
    rows["articles"].append({
        "id": aid, "url": article.get("url"), "outlet": article.get("outlet"),
        "title": article.get("title"), "subtitle": article.get("subtitle"),
        "authors": list(article.get("authors") or []), "section": article.get("section"),
        "published": article.get("published"), "published_date": published_date,
        "published_utc": instant(article.get("published")), "published_source": article.get("published_source"),
        "updated": article.get("updated"), "updated_date": day(article.get("updated")),
        "updated_utc": instant(article.get("updated")), "updated_source": article.get("updated_source"),
        "body": article.get("body"), "captions": list(article.get("captions") or []),
        "n_words": len((article.get("body") or "").split()),
        "n_dates": len(article.get("dates") or []), "n_officials": len(officials),
        "n_quotes": len(article.get("quotes") or []),
        "raw_sha256": raw.get("sha256"), "raw_path": raw.get("path"),
        "raw_obtained_at": instant(raw.get("obtained_at")), "raw_content_type": raw.get("content_type"),
        "raw_url": raw.get("url"), "raw_how": raw.get("how"),
    })
    for n, mention in enumerate(article.get("dates") or []):
        span = mention.get("range") or {}
        rows["dates"].append({
            "article_id": aid, "n": n, "text": mention.get("text"), "start": mention.get("start"),
            "end": mention.get("end"), "value": mention.get("value"), "kind": mention.get("kind"),
            "mod": mention.get("mod"), "range_start": day(span.get("start")), "range_end": day(span.get("end")),
        })
    for official in officials:
        mentions = official.get("mentions") or []
        rows["officials"].append({
            "article_id": aid, "person_id": official.get("id"), "name": official.get("name"),
            "title": official.get("title"), "org": official.get("org"), "country": official.get("country"),
            "kb_id": official.get("kb_id"), "wikidata": official.get("wikidata"), "n_mentions": len(mentions),
            "outlet": article.get("outlet"), "published_date": published_date,
        })
        for n, mention in enumerate(mentions):
            rows["mentions"].append({"article_id": aid, "person_id": official.get("id"), "n": n,
                                     "text": mention.get("text"), "start": mention.get("start"),
                                     "end": mention.get("end")})
    for n, quote in enumerate(article.get("quotes") or []):
        rows["quotes"].append({"article_id": aid, "person_id": quote.get("speaker"), "n": n,
                               "text": quote.get("text"), "start": quote.get("start"), "end": quote.get("end")})
    return rows


def person_rows(person: dict[str, Any], rows: Rows | None = None) -> Rows:
    """Add the rows one registry person gives (people, roles) to `rows`."""
    rows = rows if rows is not None else _empty()
    roles = person.get("roles") or []
    firsts = sorted(r["first_date"] for r in roles if r.get("first_date"))
    lasts = sorted(r["last_date"] for r in roles if r.get("last_date"))
    rows["people"].append({
        "person_id": person["id"], "name": person.get("name"), "variants": list(person.get("variants") or []),
        "country": person.get("country"), "kb_id": person.get("kb_id"), "wikidata": person.get("wikidata"),
        "n_articles": len(person.get("article_ids") or []), "n_roles": len(roles),
        "first_date": day(firsts[0]) if firsts else None, "last_date": day(lasts[-1]) if lasts else None,
    })
    for role in roles:
        ids = list(role.get("article_ids") or [])
        rows["roles"].append({
            "person_id": person["id"], "name": person.get("name"), "title": role.get("title"),
            "org": role.get("org"), "country": role.get("country"), "first_date": day(role.get("first_date")),
            "last_date": day(role.get("last_date")), "n_articles": len(ids), "article_ids": ids,
        })
    return rows


def failure_rows(manifest: dict[str, Any], rows: Rows | None = None) -> Rows:
    """Add the failures a manifest lists to `rows`."""
    rows = rows if rows is not None else _empty()
    for failure in manifest.get("failures") or []:
        rows["failures"].append({k: failure.get(k) for k in ("stage", "reason", "url", "path")})
    return rows


def dataset_folder(path: str | Path) -> Path:
    """The dataset folder `path` names: a dataset, or a build folder holding `latest`."""
    folder = Path(path).expanduser()
    if not (folder / "articles.jsonl").is_file() and (folder / "latest" / "articles.jsonl").is_file():
        folder = folder / "latest"
    for name in ("articles.jsonl", "officials.json", "manifest.json"):
        if not (folder / name).is_file():
            raise InputError(f"no dataset at {path}: {name} missing")
    return folder


def iter_articles(folder: Path) -> Iterator[dict[str, Any]]:
    """The articles of a dataset, one dict per line, streamed."""
    with open(folder / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def read_json(path: Path) -> Any:
    """A JSON file of a dataset."""
    return json.loads(path.read_text(encoding="utf-8"))


def article_batches(folder: Path, size: int = 2000) -> Iterator[Rows]:
    """Rows of the article tables in batches of `size` articles (memory stays bounded)."""
    rows = _empty()
    count = 0
    for article in iter_articles(folder):
        article_rows(article, rows)
        count += 1
        if count % size == 0:
            yield rows
            rows = _empty()
    yield rows


def registry_rows(folder: Path) -> Rows:
    """Rows of the people, roles and failures tables."""
    rows = _empty()
    for person in read_json(folder / "officials.json"):
        person_rows(person, rows)
    failure_rows(read_json(folder / "manifest.json"), rows)
    return rows


def all_rows(folder: Path) -> Rows:
    """Every table of a dataset at once (what a notebook loads)."""
    rows = registry_rows(folder)
    for batch in article_batches(folder):
        for name, values in batch.items():
            rows[name].extend(values)
    return rows


def column_names(table: str) -> list[str]:
    """The column names of a table, in order."""
    return [c.name for c in TABLES[table]]

