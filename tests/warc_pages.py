"""WARC files for the tests, written here with warcio (a second WARC implementation, not the one
ingest-warc reads with).

Every page below is HAND-MADE: short HTML imitating the usual news article template (<title> and
og:title, a <nav> menu, an <article> with <h1> and paragraphs, an <aside> "most read" box, a
<footer>), in English, Korean (UTF-8 and EUC-KR) and Japanese (Shift_JIS), some naming the pact
and some not. The records imitate what CC-NEWS files hold (warcinfo, request/response pairs)
plus the damage ingest-warc must survive: a truncated record, a non-HTML record, a revisit
record, a duplicate, a 404, a gzip-encoded payload.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page(title: str, paragraphs: list[str], aside: str = "Markets close higher", charset: str = "utf-8") -> str:
    """A hand-made article page in the common news template (see the module docstring)."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!doctype html><html><head><meta charset="{charset}"><title>{title} | Example News</title>'
            f'<meta property="og:title" content="{title}"></head><body>'
            f'<nav><a href="/politics">Politics</a> <a href="/economy">Economy</a></nav>'
            f'<article><h1>{title}</h1>{body}</article>'
            f'<aside class="most-read"><h2>Most read</h2><a href="/x">{aside}</a></aside>'
            f'<footer>Copyright Example News</footer></body></html>')


ENGLISH = page("Seoul to end GSOMIA with Tokyo", [
    "SEOUL, Aug. 22 -- South Korea said on Thursday it would end GSOMIA, its military "
    "intelligence-sharing pact with Japan, amid a trade dispute.",
    "Kim You-geun, deputy director of the presidential National Security Office, announced the decision."])
ENGLISH_V2 = ENGLISH.replace("announced the decision.", "announced the decision at a briefing.")
KOREAN = page("정부, 지소미아 종료 결정", [
    "정부는 22일 한일 군사정보보호협정(지소미아)을 종료하기로 결정했다고 밝혔다.",
    "김유근 국가안보실 1차장이 브리핑에서 발표했다."])
KOREAN_EUCKR = page("지소미아 연장 여부 촉각", [
    "한일 군사정보보호협정 연장 시한이 다가오고 있다.", "정부는 아직 결정하지 않았다."], charset="euc-kr")
JAPANESE = page("韓国、協定破棄を通告", [
    "韓国政府は日韓秘密軍事情報保護協定を破棄すると日本政府に通告した。", "防衛省は遺憾の意を示した。"],
    charset="shift_jis")
UNRELATED = page("Chip exports rise for third month", [
    "Exports of memory chips rose 4 percent in October, the trade ministry said.",
    "Shipments to China led the gain."])
FURNITURE_ONLY = page("Baseball league opens new season", [
    "The league opened its season on Saturday before a crowd of 20,000."],
    aside="GSOMIA: what happens next")
NOT_FOUND = page("Page not found", ["The GSOMIA story you asked for has moved."])
GZIPPED = page("US urges Seoul to keep GSOMIA", [
    "Washington urged Seoul on Friday to stay in the General Security of Military Information "
    "Agreement, a senior official said."])


@dataclass
class Rec:
    """One record to write: a response (default), or `kind` request, revisit, warcinfo."""

    url: str
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    kind: str = "response"
    status: str = "200 OK"
    date: str = "2019-08-22T09:30:00Z"
    http_headers: list[tuple[str, str]] = field(default_factory=list)
    warc_headers: dict[str, str] = field(default_factory=dict)


def standard_records() -> list[Rec]:
    """The records of the main test file, in order (see the module docstring)."""
    return [
        Rec("", kind="warcinfo"),
        Rec("https://news.example.com/politics/seoul-ends-gsomia", kind="request"),
        Rec("https://news.example.com/politics/seoul-ends-gsomia", ENGLISH.encode(), date="2019-08-22T09:30:00Z",
            http_headers=[("ETag", '"abc"'), ("Last-Modified", "Thu, 22 Aug 2019 09:00:00 GMT")]),
        Rec("https://news.example.com/economy/chips", UNRELATED.encode()),
        Rec("https://news.example.com/sports/baseball", FURNITURE_ONLY.encode()),
        Rec("https://kr.example.com/article/1001", KOREAN.encode("utf-8")),
        Rec("https://kr.example.com/article/1002", KOREAN_EUCKR.encode("euc-kr"), content_type="text/html; charset=EUC-KR"),
        Rec("https://jp.example.com/news/2001", JAPANESE.encode("shift_jis"), content_type="text/html; charset=Shift_JIS"),
        Rec("https://news.example.com/files/gsomia-text.pdf", b"%PDF-1.4 GSOMIA full text \x00\x01", content_type="application/pdf"),
        Rec("https://news.example.com/politics/long-read", ENGLISH.encode()[:300], warc_headers={"WARC-Truncated": "length"}),
        Rec("https://news.example.com/politics/seoul-ends-gsomia", kind="revisit"),
        Rec("https://news.example.com/old/gsomia", NOT_FOUND.encode(), status="404 Not Found"),
        Rec("https://news.example.com/politics/us-urges", gzip.compress(GZIPPED.encode(), mtime=0),
            http_headers=[("Content-Encoding", "gzip")]),
        # the same page again, same bytes (a duplicate), then a second capture with new bytes
        Rec("https://news.example.com/politics/seoul-ends-gsomia", ENGLISH.encode(), date="2019-08-22T10:00:00Z"),
        Rec("https://news.example.com/politics/seoul-ends-gsomia", ENGLISH_V2.encode(), date="2019-08-22T12:00:00Z"),
    ]


def write_warc(path: Path, records: list[Rec], gz: bool = True) -> list[int]:
    """Write `records` to `path` with warcio; returns each record's offset, as warcio reports it."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for rec in records:
            if rec.kind == "warcinfo":
                record = writer.create_warcinfo_record(path.name, {"software": "tests/warc_pages.py"})
            elif rec.kind == "request":
                host = rec.url.split("/")[2]
                headers = StatusAndHeaders(f"GET /{rec.url.split('/', 3)[3]} HTTP/1.1", [("Host", host)], is_http_request=True)
                record = writer.create_warc_record(rec.url, "request", payload=io.BytesIO(b""), http_headers=headers)
            elif rec.kind == "revisit":
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                record = writer.create_revisit_record(rec.url, digest="sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ",
                                                      refers_to_uri=rec.url, refers_to_date="2019-08-21T00:00:00Z",
                                                      http_headers=headers)
            else:
                headers = StatusAndHeaders(rec.status, [("Content-Type", rec.content_type),
                                                        ("Content-Length", str(len(rec.body))), *rec.http_headers],
                                           protocol="HTTP/1.1")
                record = writer.create_warc_record(rec.url, "response", payload=io.BytesIO(rec.body),
                                                   http_headers=headers, warc_headers_dict=rec.warc_headers)
            if rec.kind != "warcinfo":
                record.rec_headers.replace_header("WARC-Date", rec.date)
            writer.write_record(record)
    with path.open("rb") as fh:
        iterator = ArchiveIterator(fh)
        return [iterator.get_record_offset() for _ in iterator]


def record_ids(path: Path) -> list[str]:
    """WARC-Record-ID of every record, as warcio reads them."""
    with path.open("rb") as fh:
        return [r.rec_headers.get_header("WARC-Record-ID") for r in ArchiveIterator(fh)]


def corpus_files(root: Path) -> dict[str, bytes]:
    """Every file under a corpus folder by its relative path, but the folders' .lock files
    (made by whichever run first locks a folder, empty): what two runs must agree on."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".lock"}
