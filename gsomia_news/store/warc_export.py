"""`gsomia-news export-warc`: the raw pages behind a dataset, as one WARC.gz file.

So that others can re-run the build from exactly the same bytes: `ingest-warc` of the file into
an empty corpus gives back every page at the same corpus path, URL, content type, sha256 and
`obtained_at` (the WARC-Date), so `build` writes an articles.jsonl that differs only in
`raw.how` ("warc" instead of "ingest" or "crawl"). The new corpus sidecars also carry `warc`
(this file, record offsets) and `http` (status, headers) where the old ones had other or none.

The file: a warcinfo record, then per article (in articles.jsonl order) a request record and a
response record. The response's HTTP headers are the ones stored with the page (from an earlier
WARC) or, for pages ingested or crawled, the ones the corpus knows (Content-Type with the
charset used, ETag, Last-Modified); nothing is invented. Because the corpus keeps payloads
decoded, Content-Encoding and Transfer-Encoding are renamed X-Crawler-* (as Common Crawl does)
and Content-Length is the stored size. Each record is its own gzip member. Record ids are
derived from the page (or kept from the WARC it came from) and dates from the corpus, so the
same dataset always exports to the same bytes.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import io
import json
import os
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from .. import __version__
from ..errors import CorpusError, InputError
from ..models import CorpusEntry
from .corpus import read_inside, sha256_bytes
from .warc import require_fastwarc

_RENAMED = {"content-encoding": "X-Crawler-Content-Encoding", "transfer-encoding": "X-Crawler-Transfer-Encoding"}


@dataclass
class ExportResult:
    """What an export wrote, or the pages that kept it from being written."""

    path: Path
    pages: int = 0
    size: int = 0
    problems: list[str] = field(default_factory=list)


def _record_id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'gsomia-news:' + ':'.join(parts))}>"


def warc_date(iso: str) -> str:
    """An ISO 8601 time as a WARC-Date (UTC, `Z`); kept as is when it already is one."""
    if iso.endswith("Z"):
        return iso
    moment = datetime.fromisoformat(iso)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def response_headers(entry: CorpusEntry, size: int) -> tuple[int, list[tuple[str, str]]]:
    """Status and HTTP headers for a stored page (see the module docstring)."""
    h = entry.http
    if h is not None and h.headers:
        headers = [(_RENAMED.get(k.lower(), k), v) for k, v in h.headers if k.lower() != "content-length"]
        return h.status, headers + [("Content-Length", str(size))]
    content_type = entry.content_type + (f"; charset={h.charset}" if h is not None and h.charset else "")
    headers = [("Content-Type", content_type), ("Content-Length", str(size))]
    if h is not None and h.etag:
        headers.append(("ETag", h.etag))
    if h is not None and h.last_modified:
        headers.append(("Last-Modified", h.last_modified))
    return (h.status if h is not None else 200), headers


def _record(kind: str, record_id: str, date: str, body: bytes, extra: list[tuple[str, str]]) -> bytes:
    warc = require_fastwarc()
    record = warc.WarcRecord()
    record.init_headers(getattr(warc.WarcRecordType, kind))
    record.headers.set("WARC-Record-ID", record_id)  # as given: kept from the source WARC or derived
    record.headers.set("WARC-Date", date)
    for key, value in extra:
        record.headers.append(key, value)
    record.set_bytes_content(body)
    out = io.BytesIO()
    record.write(out, checksum_data=True)
    return gzip.compress(out.getvalue(), compresslevel=6, mtime=0)


def _page_records(entry: CorpusEntry, raw: bytes, warcinfo_id: str) -> bytes:
    date = warc_date(entry.obtained_at)
    response_id = entry.warc.record_id if entry.warc and entry.warc.record_id else _record_id("response", entry.url, entry.sha256)
    request_id = _record_id("request", entry.url, entry.sha256)
    parts = urlsplit(entry.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode("latin-1", "replace")
    status, headers = response_headers(entry, len(raw))
    head = f"HTTP/1.1 {status} {http.client.responses.get(status, '')}\r\n".encode("latin-1", "replace")
    head += b"".join(f"{k}: {v}\r\n".encode("latin-1", "replace") for k, v in headers) + b"\r\n"
    payload_digest = "sha1:" + base64.b32encode(hashlib.sha1(raw).digest()).decode("ascii")
    common = [("WARC-Target-URI", entry.url), ("WARC-Warcinfo-ID", warcinfo_id)]
    return (
        _record("request", request_id, date, request,
                common + [("Content-Type", "application/http; msgtype=request"), ("WARC-Concurrent-To", response_id)])
        + _record("response", response_id, date, head + raw,
                  common + [("Content-Type", "application/http; msgtype=response"), ("WARC-Payload-Digest", payload_digest)])
    )


def _read_page(corpus: Path, raw_ref: dict) -> tuple[CorpusEntry, bytes]:
    path = str(raw_ref.get("path", ""))
    sidecar = Path(path).with_suffix(".json").as_posix()
    try:
        # read_inside: a dataset's path (or a link in the corpus) never leads out of the corpus
        entry = CorpusEntry.model_validate_json(read_inside(corpus, sidecar))
        raw = read_inside(corpus, path)
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{path}: page or sidecar unreadable ({str(exc).strip().splitlines()[0]})") from exc
    if sha256_bytes(raw) != raw_ref.get("sha256") or entry.sha256 != raw_ref.get("sha256"):
        raise CorpusError(f"{path}: bytes no longer match the dataset's sha256")
    return entry, raw


def export_warc(dataset: Path, out: Path, corpus: Path | None = None) -> ExportResult:
    """Write the raw pages behind `dataset` to `out` (created, never replaced).

    Every page is checked against its sha256 first; if any is missing or changed, nothing is
    written and the result lists the problems."""
    articles, manifest_path = dataset / "articles.jsonl", dataset / "manifest.json"
    if not articles.is_file() or not manifest_path.is_file():
        raise InputError(f"no dataset at {dataset} (articles.jsonl and manifest.json expected)")
    if out.exists() or out.is_symlink():
        raise InputError(f"{out} exists: choose another name (nothing is overwritten)")
    if not out.parent.is_dir():
        raise InputError(f"folder {out.parent} does not exist")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    corpus = corpus if corpus is not None else Path(manifest.get("corpus", {}).get("path", "corpus"))
    if not corpus.is_dir():
        raise InputError(f"corpus folder {corpus} not found (give --corpus)")
    result = ExportResult(path=out)
    run_id = str(manifest.get("run_id", ""))
    warcinfo_id = _record_id("warcinfo", run_id)
    info = (f"software: gsomia-news/{__version__}\r\nformat: WARC File Format 1.1\r\n"
            f"description: raw pages of gsomia-news dataset {run_id}\r\n"
            f"corpus-digest: {manifest.get('corpus', {}).get('digest', '')}\r\n").encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_record("warcinfo", warcinfo_id, warc_date(str(manifest.get("finished_at") or "1970-01-01T00:00:00Z")),
                             info, [("WARC-Filename", out.name), ("Content-Type", "application/warc-fields")]))
            with articles.open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, 1):
                    try:
                        entry, raw = _read_page(corpus, json.loads(line).get("raw", {}))
                    except (CorpusError, ValueError) as exc:
                        result.problems.append(f"articles.jsonl line {number}: {exc}")
                        continue
                    fh.write(_page_records(entry, raw, warcinfo_id))
                    result.pages += 1
            fh.flush()
            os.fsync(fh.fileno())
        if not result.problems:
            os.link(tmp, out)  # refuses to replace a file created meanwhile
            result.size = out.stat().st_size
    finally:
        os.unlink(tmp)
    return result
