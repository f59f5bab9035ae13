"""Typed records passed between stages; `schema/` in every build is generated from these.

SCHEMA_VERSION names the shape of the build output (articles.jsonl, officials.json,
manifest.json); it is recorded in every manifest. Bump the major number when a field changes
meaning or is removed, the minor number when fields are added.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# 2.0: TimeML date values (quarters, halves, seasons, decades, centuries, *_REF), `mod` and
# `range` on dates; `title` may be null; `published_date`; knowledge-base ids on officials;
# WARC provenance in the corpus.
SCHEMA_VERSION = "2.0"

# ISO 8601 date, or datetime with an explicit offset (never a naive time).
IsoDateOrDateTime = Annotated[
    str,
    StringConstraints(
        pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$"
    ),
]
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
# Value of a date mention, as a TimeML DATE value: a day, a month, a year, an ISO week (and
# its weekend, -WE), a quarter (-Q1..Q4), a half (-H1, -H2), a season (-SP, -SU, -FA, -WI),
# a decade (197 = the 1970s), a century (19 = 1900-1999), or PRESENT_REF / PAST_REF / FUTURE_REF.
DATE_VALUE_PATTERN = (
    r"^(\d{4}(-\d{2}(-\d{2})?|-W\d{2}(-WE)?|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?"
    r"|\d{2,3}|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)
DateValue = Annotated[str, StringConstraints(pattern=DATE_VALUE_PATTERN)]
# TimeML's modifiers of a date value ("late May": END, "early 2019": START, "mid-November": MID).
DateMod = Literal["BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
                  "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"]
WikidataId = Annotated[str, StringConstraints(pattern=r"^Q[1-9]\d*$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]

ContentType = Literal["text/html", "text/plain"]
# "given": the date a caller passed to `gsomia_news.extract(..., published=)` for a page that
# states none; a build never writes it (its last resort is HTTP Last-Modified).
DateSource = Literal["text", "html-meta", "url", "http-header", "given"]
How = Literal["ingest", "crawl", "warc"]


class Record(BaseModel):
    """Base of all records: unknown fields are errors, so typos surface early."""

    # Serialization schemas list every field as required: the output always has them all
    # (fields with a default are written too), so a schema reader can rely on their presence.
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


# ---------------------------------------------------------------- corpus


class HttpInfo(Record):
    """What the server said when a page was crawled (used for conditional GET) or archived."""

    status: int = Field(description="HTTP status code of the response")
    final_url: str = Field(description="URL the response came from, after redirects")
    etag: str | None = Field(default=None, description="ETag header, for conditional GET")
    last_modified: str | None = Field(default=None, description="Last-Modified header, as sent")
    charset: str | None = Field(default=None, description="charset the server declared (Content-Type)")
    headers: list[tuple[str, str]] | None = Field(
        default=None, description="every response header in order, as archived (WARC records)")


class WarcInfo(Record):
    """Where a page was read from when it came out of a WARC file."""

    file: str = Field(description="WARC file name (or URL) the record was read from")
    offset: int = Field(ge=0, description="byte offset of the record in that file")
    record_id: str = Field(description="WARC-Record-ID of the response record")
    date: str = Field(description="WARC-Date of the record, ISO 8601")


class CorpusEntry(Record):
    """One saved version of one page: the sidecar `<version>.json` next to the raw bytes."""

    url: str = Field(description="URL as given to ingest or as fetched")
    canonical_url: str = Field(description="URL used to recognise the same article")
    outlet: str = Field(description="outlet profile key")
    obtained_at: str = Field(description="UTC time the bytes were obtained, ISO 8601")
    how: How = Field(description="how the bytes were obtained: ingest (saved elsewhere), crawl, warc")
    content_type: ContentType = Field(description="text/html, or text/plain for a text capture")
    sha256: Sha256 = Field(description="sha256 of the raw bytes")
    size: int = Field(description="size of the raw bytes")
    path: str = Field(description="raw file, relative to the corpus folder")
    version: int = Field(ge=1, description="version number of this page, 1 = first obtained")
    source_file: str | None = Field(default=None, description="file name given to ingest")
    http: HttpInfo | None = Field(default=None, description="the HTTP response (crawl and warc)")
    warc: WarcInfo | None = Field(default=None, description="the WARC record (warc only)")


# ---------------------------------------------------------------- clean


class RemovedLine(Record):
    """A line the cleaner removed, with the class of furniture it belongs to."""

    text: str
    cls: str


class CleanArticle(Record):
    """What the cleaner makes of a raw page."""

    title: str | None  # null when the page prints no headline (an excerpt)
    subtitle: str | None = None
    authors: list[str] = []
    published: IsoDateOrDateTime | None = None
    published_source: DateSource | None = None
    updated: IsoDateOrDateTime | None = None
    updated_source: DateSource | None = None
    section: str | None = None
    captions: list[str] = []
    body: str
    removed: list[RemovedLine] = []


# ---------------------------------------------------------------- extract


_TEXT = "the expression as printed: body[start:end] == text"
_START = "character offset of the first character in body"
_END = "character offset after the last character in body"


class DateRange(Record):
    """The calendar days a date value covers, first and last inclusive."""

    start: IsoDate = Field(description="first day covered, YYYY-MM-DD")
    end: IsoDate = Field(description="last day covered, YYYY-MM-DD (inclusive)")


class DateMention(Record):
    """A temporal expression in the body; `body[start:end] == text`."""

    text: str = Field(description=_TEXT)
    start: int = Field(ge=0, description=_START)
    end: int = Field(ge=0, description=_END)
    value: DateValue | None = Field(description=(
        "TimeML DATE value: YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www(-WE), YYYY-Qn, YYYY-Hn, "
        "YYYY-SP/SU/FA/WI, decade (197), century (19), PRESENT_REF/PAST_REF/FUTURE_REF; "
        "null when it cannot be anchored"))
    kind: Literal["absolute", "relative", "anaphoric"] = Field(description=(
        "absolute (the text gives the date), relative (anchored to the publication date), "
        "anaphoric (anchored to the previous date in the text)"))
    mod: DateMod | None = Field(default=None, description=(
        "TimeML modifier: START (early ...), MID (mid-...), END (late ...), APPROX (around ...), ..."))
    range: DateRange | None = Field(default=None, description=(
        "the calendar days the value covers (before `mod` narrows it); null for *_REF values "
        "and unresolved mentions"))


class Mention(Record):
    """One place in the body where an official is named; `body[start:end] == text`."""

    text: str = Field(description=_TEXT)
    start: int = Field(ge=0, description=_START)
    end: int = Field(ge=0, description=_END)


class Quote(Record):
    """A direct quotation and the official who said it; `body[start:end] == text`."""

    speaker: str = Field(description="official id (officials[].id)")
    text: str = Field(description="the quotation without its quote marks: body[start:end] == text")
    start: int = Field(ge=0, description=_START)
    end: int = Field(ge=0, description=_END)


class ArticleOfficial(Record):
    """A named official in one article."""

    id: str = Field(description="person id, shared with officials.json")
    name: str = Field(description="full name as the article gives it")
    title: str | None = Field(description="role as the article gives it (e.g. 'Defense Minister'), null if none")
    org: str | None = Field(description="organization of the role (e.g. 'Ministry of National Defense')")
    country: Country | None = Field(description="ISO 3166-1 alpha-2 code of the government served")
    kb_id: str | None = Field(default=None, description="id in the project's officials knowledge base, when it knows the person")
    wikidata: WikidataId | None = Field(default=None, description="Wikidata QID, only where the knowledge base records it")
    mentions: list[Mention] = Field(description="every place in body where the person is named")


class RawRef(Record):
    """Where an article's raw page is in the corpus."""

    @classmethod
    def of(cls, entry: CorpusEntry) -> RawRef:
        """The reference to one corpus version."""
        return cls(sha256=entry.sha256, path=entry.path, obtained_at=entry.obtained_at,
                   content_type=entry.content_type, url=entry.url, how=entry.how)

    sha256: Sha256 = Field(description="sha256 of the raw page bytes")
    path: str = Field(description="raw file, relative to the corpus folder")
    obtained_at: str = Field(description="UTC time the raw page was obtained, ISO 8601")
    content_type: ContentType = Field(description="text/html, or text/plain for a text capture")
    url: str = Field(description="URL as given to ingest or as fetched")
    how: How = Field(description="how the raw page was obtained: ingest, crawl or warc")


class Article(Record):
    """One article of the dataset: one line of articles.jsonl."""

    id: str = Field(description="<outlet>:<outlet's article number>, or <outlet>:<hash of URL>")
    url: str = Field(description="canonical URL of the article")
    outlet: str = Field(description="outlet profile key (generic for sites without a profile)")
    title: str | None = Field(description="headline as printed; null when the page prints none")
    subtitle: str | None = Field(description="deck or subheadline as printed")
    authors: list[str] = Field(description="bylined authors, clean names (no 'By', no e-mail, no agency credit)")
    published: IsoDateOrDateTime | None = Field(description=(
        "publication date or datetime with offset, as the page or URL states it; null, never a guess"))
    published_date: IsoDate | None = Field(description="the local calendar day of `published`, as printed")
    published_source: DateSource | None = Field(description=(
        "where `published` came from: text (a stamp printed on the page), html-meta, url, "
        "http-header (HTTP Last-Modified), given (passed to gsomia_news.extract)"))
    updated: IsoDateOrDateTime | None = Field(description="last update as the page states it")
    updated_source: DateSource | None = Field(description="where `updated` came from")
    section: str | None = Field(description="section as printed (e.g. 'Politics')")
    body: str = Field(description="the story, paragraphs separated by a blank line")
    captions: list[str] = Field(description="photo captions, kept out of the body")
    dates: list[DateMention] = Field(description="every date expression in body")
    officials: list[ArticleOfficial] = Field(description="every named official in body")
    quotes: list[Quote] = Field(description="direct quotations of officials")
    raw: RawRef = Field(description="the raw page this record was built from")


# ---------------------------------------------------------------- load


class Role(Record):
    """One role a person was seen in, with the articles and dates it was seen."""

    title: str | None = Field(description="role title as the articles give it")
    org: str | None = Field(description="organization of the role")
    country: Country | None = Field(description="ISO 3166-1 alpha-2 code of the government served")
    first_date: str | None = Field(description="publication day of the first article with this role")
    last_date: str | None = Field(description="publication day of the last article with this role")
    article_ids: list[str] = Field(description="articles that give this role")


class NameMerge(Record):
    """Why a name variant was merged into a person."""

    variant: str = Field(description="the name form that was merged")
    reason: str = Field(description="the evidence for the merge")


class Person(Record):
    """One entry of officials.json: a person across all articles."""

    id: str = Field(description="person id, as in articles' officials[].id")
    name: str = Field(description="the name form used most often")
    variants: list[str] = Field(description="every other name form seen")
    country: Country | None = Field(description="the country most often served")
    kb_id: str | None = Field(default=None, description="id in the project's officials knowledge base")
    wikidata: WikidataId | None = Field(default=None, description="Wikidata QID, only where the knowledge base records it")
    roles: list[Role] = Field(description="roles seen, with dates and articles")
    article_ids: list[str] = Field(description="every article that names the person")
    merges: list[NameMerge] = Field(description="name variants merged into this person, and why")


class Failure(Record):
    """A page (or corpus entry) that did not make it into the dataset, and why."""

    stage: Literal["corpus", "clean", "extract", "load"] = Field(description="stage that failed")
    reason: str = Field(description="one-line reason, starting with its error code [E...]")
    url: str | None = Field(default=None, description="URL of the page")
    path: str | None = Field(default=None, description="raw file or sidecar, relative to the corpus")


class ModelInfo(Record):
    """NLP model used for the run."""

    name: str = Field(description="spaCy package name")
    version: str = Field(description="its version")


class CorpusInfo(Record):
    """Which corpus the run read."""

    path: str = Field(description="corpus folder the run read")
    digest: Sha256 = Field(description="sha256 over the (url, sha256) of every page version built")
    entries: int = Field(description="corpus versions found")
    pages: int = Field(description="distinct pages (articles) found")


class Counts(Record):
    """Totals of a run."""

    articles: int = Field(description="lines in articles.jsonl")
    failed: int = Field(description="pages or corpus entries that failed")
    dates: int = Field(description="date mentions")
    dates_resolved: int = Field(description="date mentions with a value")
    official_mentions: int = Field(description="official mentions")
    officials: int = Field(description="people in officials.json")


class Manifest(Record):
    """manifest.json: what a run read, wrote and failed on."""

    run_id: str = Field(description="run id, also the dataset folder name")
    schema_version: str = Field(description="version of the output files' shape (see README)")
    started_at: str = Field(description="UTC start time, ISO 8601")
    finished_at: str = Field(description="UTC finish time, ISO 8601")
    package_version: str = Field(description="gsomia-news version")
    pipeline_version: str = Field(description="version of the cleaning and extraction rules")
    model: ModelInfo = Field(description="NLP model used")
    corpus: CorpusInfo = Field(description="corpus read")
    counts: Counts = Field(description="totals")
    failures: list[Failure] = Field(description="every page or corpus entry that failed, with stage and reason")
