"""Typed records passed between stages; `schema/` in every build is generated from these."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# ISO 8601 date, or datetime with an explicit offset (never a naive time).
IsoDateOrDateTime = Annotated[
    str,
    StringConstraints(
        pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$"
    ),
]
# Value of a date mention: a day, a month, a year or an ISO week.
DateValue = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]

ContentType = Literal["text/html", "text/plain"]
DateSource = Literal["text", "html-meta", "url", "http-header"]


class Record(BaseModel):
    """Base of all records: unknown fields are errors, so typos surface early."""

    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- corpus


class HttpInfo(Record):
    """What the server said when a page was crawled (used for conditional GET)."""

    status: int
    final_url: str
    etag: str | None = None
    last_modified: str | None = None
    charset: str | None = None


class CorpusEntry(Record):
    """One saved version of one page: the sidecar `<version>.json` next to the raw bytes."""

    url: str = Field(description="URL as given to ingest or as fetched")
    canonical_url: str = Field(description="URL used to recognise the same article")
    outlet: str = Field(description="outlet profile key")
    obtained_at: str = Field(description="UTC time the bytes were obtained, ISO 8601")
    how: Literal["ingest", "crawl"]
    content_type: ContentType
    sha256: Sha256
    size: int
    path: str = Field(description="raw file, relative to the corpus folder")
    version: int = Field(ge=1)
    source_file: str | None = Field(default=None, description="file name given to ingest")
    http: HttpInfo | None = None


# ---------------------------------------------------------------- clean


class RemovedLine(Record):
    """A line the cleaner removed, with the class of furniture it belongs to."""

    text: str
    cls: str


class CleanArticle(Record):
    """What the cleaner makes of a raw page."""

    title: str
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


class DateMention(Record):
    """A temporal expression in the body; `body[start:end] == text`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: DateValue | None
    kind: Literal["absolute", "relative", "anaphoric"]


class Mention(Record):
    """One place in the body where an official is named; `body[start:end] == text`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Quote(Record):
    """A direct quotation and the official who said it; `body[start:end] == text`."""

    speaker: str = Field(description="official id (officials[].id)")
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class ArticleOfficial(Record):
    """A named official in one article."""

    id: str = Field(description="person id, shared with officials.json")
    name: str
    title: str | None
    org: str | None
    country: Country | None
    mentions: list[Mention]


class RawRef(Record):
    """Where an article's raw page is in the corpus."""

    @classmethod
    def of(cls, entry: CorpusEntry) -> RawRef:
        """The reference to one corpus version."""
        return cls(sha256=entry.sha256, path=entry.path, obtained_at=entry.obtained_at,
                   content_type=entry.content_type, url=entry.url, how=entry.how)

    sha256: Sha256
    path: str = Field(description="raw file, relative to the corpus folder")
    obtained_at: str
    content_type: ContentType
    url: str = Field(description="URL as given to ingest or as fetched")
    how: Literal["ingest", "crawl"]


class Article(Record):
    """One line of articles.jsonl."""

    id: str
    url: str
    outlet: str
    title: str
    subtitle: str | None
    authors: list[str]
    published: IsoDateOrDateTime | None
    published_source: DateSource | None
    updated: IsoDateOrDateTime | None
    updated_source: DateSource | None
    section: str | None
    body: str
    captions: list[str]
    dates: list[DateMention]
    officials: list[ArticleOfficial]
    quotes: list[Quote] = Field(default=[], description="direct quotations of officials")
    raw: RawRef


# ---------------------------------------------------------------- load


class Role(Record):
    """One role a person was seen in, with the articles and dates it was seen."""

    title: str | None
    org: str | None
    country: Country | None
    first_date: str | None
    last_date: str | None
    article_ids: list[str]


class NameMerge(Record):
    """Why a name variant was merged into a person."""

    variant: str
    reason: str


class Person(Record):
    """One entry of officials.json: a person across all articles."""

    id: str
    name: str
    variants: list[str]
    country: Country | None
    roles: list[Role]
    article_ids: list[str]
    merges: list[NameMerge]


class Failure(Record):
    """A page (or corpus entry) that did not make it into the dataset, and why."""

    stage: Literal["corpus", "clean", "extract", "load"]
    reason: str
    url: str | None = None
    path: str | None = None


class ModelInfo(Record):
    """NLP model used for the run."""

    name: str
    version: str


class CorpusInfo(Record):
    """Which corpus the run read."""

    path: str
    digest: Sha256 = Field(description="sha256 over the (url, sha256) of every page version built")
    entries: int
    pages: int


class Counts(Record):
    """Totals of a run."""

    articles: int
    failed: int
    dates: int
    dates_resolved: int
    official_mentions: int
    officials: int


class Manifest(Record):
    """manifest.json: what a run read, wrote and failed on."""

    run_id: str
    started_at: str
    finished_at: str
    package_version: str
    pipeline_version: str
    model: ModelInfo
    corpus: CorpusInfo
    counts: Counts
    failures: list[Failure]
