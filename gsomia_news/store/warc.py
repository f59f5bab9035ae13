"""`gsomia-news ingest-warc`: the GSOMIA pages of WARC files (CC-NEWS or any crawl) into the corpus.

One WARC file is one unit of work (`scan_file`). It only reads, so it can run anywhere (this
process, a pool worker, a Dask worker) and be run again after a crash; the pages it keeps are
stored by the caller (`store_scan`), in the order of the files given and of the records in each
file, so version numbers never depend on the engine or on which worker finished first.

Each record, in this order (the first rule that applies decides; cheap header tests first,
parsing last, so the common case costs one pass of the byte filter):
  1. not a response or revisit record (warcinfo, request, metadata): passed over
  2. revisit: skipped, it has no payload (it points at an earlier capture)
  3. not an HTTP 200 response: skipped (status)
  4. Content-Type not HTML or plain text (case ignored): skipped (non-html)
  5. fewer payload bytes than the record announces (the file ends inside it), or WARC-Truncated
     set: bad (truncated); the reason says whether the part archived names the pact
  6. Content- or Transfer-Encoding undone (most WARCs, CC-NEWS among them, store payloads
     already decoded); a payload that does not decode: bad (corrupt)
  7. the pact's names (`relevance.PACT_NAMES`, the crawler's own list) searched in the raw
     payload bytes, as UTF-8 and then as the legacy Korean and Japanese encodings (two English
     names by a part every match contains, `SCAN_KEYS`, then confirmed whole; a no-break space
     between words is whitespace, as it is to the crawler): no name, not kept
  8. WARC-Target-URI missing or not http(s): bad (bad-url)
  9. empty or binary payload: skipped (non-html)
 10. decoded as the crawler decodes, then the crawler's relevance check (title and text outside
     page furniture): a name only in menus or sidebars is skipped (furniture)
 11. kept, with its provenance: the WARC record (file, offset, id, date) and the HTTP response.
A stretch of a file whose gzip or WARC framing is corrupt is listed (corrupt) and reading goes
on at the next record that can be found (local files; a stream read over http cannot seek back).
"""

from __future__ import annotations

import io
import re
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import CorpusError, InputError, WarcError
from ..models import HttpInfo, WarcInfo
from .. import relevance
from ..profiles import profile_for_url
from ..textcodec import decode_body, looks_binary, sniff_content_type
from ..urls import check_http_url
from .corpus import add

# Encodings the pact's non-ASCII names are searched in, besides UTF-8: Korean and Japanese news
# sites that still serve EUC-KR (CP949 is its superset), EUC-JP or Shift_JIS.
LEGACY_ENCODINGS: tuple[str, ...] = ("cp949", "euc_jp", "shift_jis")

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
# Payloads whose type says nothing (or plain text): sniffed as HTML or a text capture.
_SNIFFED_TYPES = {None, "", "text/plain", "application/octet-stream"}

# Kinds of skipped record. "Bad" ones make the exit status 3: something was lost, look at it.
BAD_KINDS = ("truncated", "corrupt", "bad-url", "unreadable")
SKIP_KINDS = ("non-html", "revisit", "status", "furniture")

_WARC_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
_GZIP_MAGIC, _WARC_MAGIC = b"\x1f\x8b\x08", b"WARC/1."

# Longest run of whitespace the byte filter allows between the words of a name. An unbounded
# `\s+` makes hyperscan confirm every candidate word at length; bounded, the whole filter runs
# 0.103 -> 0.082 s over 245 MB of real pages (scripts/bench.py --warc). 64 covers a name whose
# words a hard-wrapped HTML source splits by a line break and deep indentation.
MAX_GAP = 64
# A no-break space between words is whitespace to the crawler (its regexes' `\s` matches U+00A0,
# which `&nbsp;` decodes to), so it is to the byte filter too: as an entity in any encoding, and
# as the character where the encoding has one (UTF-8; CP949, EUC-JP and Shift_JIS have none).
# One in a gap at most: `(?:\s|&nbsp;|...){1,64}` makes Hyperscan compile the filter in 0.49 s
# instead of 0.19 (0.11 with no no-break space; once per process and thread), and
# "intelligence-sharing&nbsp;&nbsp;pact" is not how a name is printed. Scanning costs the same
# (0.13 s for the UTF-8 names over the payloads of scripts/bench.py --warc, with or without).
_NBSP_ENTITIES = (rb"&nbsp;", rb"&#160;", rb"&#xa0;")
# the regex runs between words that byte_pattern bounds: (unbounded, may be empty, hyphens too)
_UNBOUNDED = ((rb"[-\s]+", False, True), (rb"\s+", False, False), (rb"\s*", True, False))


def _gap(encoding: str, empty: bool, dash: bool) -> bytes:
    """A gap between words as a bytes regex: a run of up to MAX_GAP whitespace characters (or
    hyphens), or two such runs around one no-break space; never empty unless `empty`."""
    space = rb"[-\s]" if dash else rb"\s"
    forms = list(_NBSP_ENTITIES)
    try:
        forms.append(b"".join(b"\\x%02x" % byte for byte in "\xa0".encode(encoding)))
    except UnicodeEncodeError:
        pass
    nbsp = b"(?:" + b"|".join(forms) + b")"
    run = space + b"{0,%d}" % MAX_GAP
    if empty:
        return b"(?:" + run + b"(?:" + nbsp + run + b")?)"
    return b"(?:" + space + b"{1,%d}" % MAX_GAP + b"(?:" + nbsp + run + b")?|" + nbsp + run + b")"


def require_fastwarc() -> Any:
    """fastwarc's `warc` module, or WarcError naming the extra to install."""
    try:
        from fastwarc import warc
    except ImportError as exc:
        raise WarcError("WARC support is not installed: pip install 'gsomia-news[warc]'") from exc
    return warc


# ---------------------------------------------------------------- the byte filter


def byte_pattern(pattern: str, encoding: str) -> bytes:
    """A PACT_NAMES regex for raw bytes in `encoding`: each non-ASCII character becomes the
    escaped bytes it is written with (grouped, so a quantifier applies to the whole character),
    and a whitespace run between words takes no-break spaces too and is bounded to MAX_GAP.

    Raises UnicodeEncodeError when the encoding cannot write the name, ValueError for a
    non-ASCII character inside a [...] class (bytes cannot express it)."""
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if ord(ch) >= 128:
            if in_class:
                raise ValueError(f"non-ASCII character inside a character class: {pattern!r}")
            out.append("(?:" + "".join(f"\\x{b:02x}" for b in ch.encode(encoding)) + ")")
            escaped = False
            continue
        if not escaped and ch == "[":
            in_class = True
        elif not escaped and ch == "]":
            in_class = False
        escaped = ch == "\\" and not escaped
        out.append(ch)
    compiled = "".join(out).encode("ascii")
    for unbounded, empty, dash in _UNBOUNDED:
        compiled = compiled.replace(unbounded, _gap(encoding, empty, dash))
    return compiled


# A part of a name that every match of the name contains (its pattern's source holds the key's
# at top level; a test checks it), searched in place of the whole name because hyperscan finds
# it faster: some word pairs make it confirm every candidate at length ("Information ...
# Agreement" alone costs as much as the whole filter should). A page with a key is confirmed
# by the name's full byte pattern in Python `re` (bytes: ASCII case, `\b` and `\s`, as in
# hyperscan). The keys are rare outside the pact's own pages: on the 681 benchmark pages,
# none has one; on the 40 devset and seed pages they occur with the name but for five
# ("military information-sharing pact", which is none of the names). Over the 980 MB bench
# file the filter takes 0.25 s with the keys against 0.36 s without (scripts/bench.py --warc).
SCAN_KEYS: dict[str, str] = {
    "full-name": r"Security\s+of\s+Military",
    "intelligence-sharing-pact": r"sharing\s+(?:pact|agreement|accord)\b",
}


class PactFilter:
    """The pact's names searched in raw bytes by Hyperscan (SIMD), in two databases: the names
    as UTF-8, then as the legacy encodings (`LEGACY_ENCODINGS`) unless a whole name was found.

    Each name is searched whole, or by its key (`SCAN_KEYS`) and then confirmed whole. Case is
    ignored for ASCII letters (the names' only letters with case), as the crawler's
    re.IGNORECASE does. `\\b` here is an ASCII word boundary, so the bytes match wherever the
    decoded text would; between words, ASCII whitespace and a no-break space (`byte_pattern`)
    are a gap, so a name split by markup ("intelligence-<b>sharing</b> pact") is not found.

    Hyperscan comes from pyperscan, whose wheels build vectorscan to pick AVX2 or AVX-512 code
    at run time; python-hyperscan's wheels have neither and run its multi-literal matcher at
    half the speed. Two databases because one over all 15 patterns is slower than both: over
    the 980 MB of payload of scripts/bench.py --warc, held in memory, the UTF-8 names take 0.13
    CPU-s and the legacy ones 0.07, all of them in one database 0.29 (README, Performance)."""

    def __init__(self, names: dict[str, str] | None = None, keys: dict[str, str] | None = None) -> None:
        try:
            import pyperscan
        except ImportError as exc:
            raise WarcError("WARC support is not installed: pip install 'gsomia-news[warc]'") from exc

        names = names if names is not None else relevance.PACT_NAMES
        keys = keys if keys is not None else SCAN_KEYS
        groups: tuple[list[Any], list[Any]] = ([], [])  # (UTF-8, legacy encodings)
        self.labels: list[str] = []
        self._confirm: list[re.Pattern[bytes] | None] = []  # None: the pattern is the whole name
        flags = (pyperscan.Flag.CASELESS, pyperscan.Flag.SINGLEMATCH)
        for name, pattern in names.items():
            seen: set[bytes] = set()
            # An ASCII name is the same bytes in every encoding: searched once, as UTF-8 (whose
            # no-break space it also takes; a superset in a legacy page, which the check confirms).
            for encoding in ("utf-8",) if pattern.isascii() else ("utf-8", *LEGACY_ENCODINGS):
                try:
                    whole = byte_pattern(pattern, encoding)
                    searched = byte_pattern(keys[name], encoding) if name in keys else whole
                except UnicodeEncodeError:
                    continue
                if whole not in seen:  # two encodings may write a name with the same bytes
                    seen.add(whole)
                    tag = len(self.labels)
                    groups[encoding != "utf-8"].append(pyperscan.Pattern(searched, *flags, tag=tag))
                    self.labels.append(name)
                    self._confirm.append(re.compile(whole, re.IGNORECASE) if searched != whole else None)
        self._hits: list[int] = []
        go_on, stop = pyperscan.Scan.Continue, pyperscan.Scan.Terminate

        def on_match(hits: list[int], tag: int, start: int, end: int) -> Any:
            hits.append(tag)
            return go_on if self._confirm[tag] is not None else stop  # a whole name: one is enough

        self._scanners = [pyperscan.BlockDatabase(*group).build(self._hits, on_match) for group in groups if group]

    def first(self, data: bytes) -> str | None:
        """Name (key of PACT_NAMES) of the first pact name found in `data`, or None."""
        hits, confirm = self._hits, self._confirm
        hits.clear()
        for scanner in self._scanners:
            scanner.scan(data)
            if hits and confirm[hits[-1]] is None:
                return self.labels[hits[-1]]
        for tag in hits:
            rx = confirm[tag]
            if rx is not None and rx.search(data):
                return self.labels[tag]
        return None


# A Hyperscan scanner holds scratch space of its own: one per thread (Dask workers may run several).
_FILTERS = threading.local()


def pact_filter() -> PactFilter:
    """This thread's compiled PactFilter (compiled once, on first use)."""
    current = getattr(_FILTERS, "value", None)
    if current is None:
        current = _FILTERS.value = PactFilter()
    return current


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class ScanOptions:
    """How a WARC file is scanned."""

    keep_all: bool = False  # every HTML/text response, no relevance filter (`--all`)


@dataclass(frozen=True)
class Found:
    """A page to store: its bytes and where they came from."""

    url: str
    raw: bytes
    content_type: str
    http: HttpInfo
    warc: WarcInfo


@dataclass(frozen=True)
class Skip:
    """A record not stored, and why (`kind` is one of BAD_KINDS or SKIP_KINDS)."""

    kind: str
    file: str
    offset: int | None
    reason: str
    url: str | None = None
    record_id: str | None = None

    def line(self) -> str:
        """One line for stderr: kind, file@offset, URL, reason."""
        where = f"{self.file}@{self.offset}" if self.offset is not None else self.file
        return f"[{self.kind}] {where}{' ' + self.url if self.url else ''}: {self.reason}"


@dataclass
class FileScan:
    """What one WARC file holds: counts, the pages to keep, the records skipped."""

    file: str
    records: int = 0
    responses: int = 0
    matched: int = 0
    size: int = 0  # bytes of the file read (compressed)
    found: list[Found] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)


def file_label(path: str) -> str:
    """How a WARC file is named in provenance: a URL as given, a local file by its name."""
    return path if "://" in path else Path(path).name


def _target(record: Any) -> str | None:
    value = record.headers.get("WARC-Target-URI")
    if not value:
        return None
    return value.strip().strip("<>").strip() or None  # WARC 1.0 writers sometimes add <>


def _warc_date(record: Any) -> str:
    value = (record.headers.get("WARC-Date") or "").strip()
    if _WARC_DATE.match(value):
        return value
    return record.record_date.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _inflate(raw: bytes, wbits: int) -> bytes:
    decompressor = zlib.decompressobj(wbits)
    out = decompressor.decompress(raw) + decompressor.flush()
    if not decompressor.eof:
        raise zlib.error("compressed data ends early")
    return out


def _deflate(raw: bytes) -> bytes:
    try:  # "deflate" is zlib-wrapped by the standard, raw deflate from some servers
        return _inflate(raw, zlib.MAX_WBITS)
    except zlib.error:
        return _inflate(raw, -zlib.MAX_WBITS)


def _fastwarc_reader(name: str) -> Callable[[bytes], bytes]:
    def run(raw: bytes) -> bytes:
        from fastwarc import stream_io

        return getattr(stream_io, name)(io.BytesIO(raw)).read()
    return run


# Coding -> function undoing it. gzip and deflate go through zlib, which refuses damaged data.
_DECODERS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": lambda raw: _inflate(raw, 16 + zlib.MAX_WBITS),
    "x-gzip": lambda raw: _inflate(raw, 16 + zlib.MAX_WBITS),
    "deflate": _deflate,
    "br": _fastwarc_reader("BrotliReader"),
    "zstd": _fastwarc_reader("ZstdReader"),
    "chunked": _fastwarc_reader("ChunkedReader"),
}


def undo_encodings(raw: bytes, transfer: str | None, content: str | None) -> bytes:
    """The payload with its Transfer-Encoding (chunked) and Content-Encoding undone, last
    applied first; ValueError for a coding not known or a payload that does not decode."""
    steps = ["chunked"] if "chunked" in (transfer or "").lower() else []
    for coding in reversed([c.strip().lower() for c in (content or "").split(",") if c.strip()]):
        if coding == "identity":
            continue
        if coding not in _DECODERS:
            raise ValueError(f"unsupported Content-Encoding {coding!r}")
        steps.append(coding)
    for coding in steps:
        try:
            out = _DECODERS[coding](raw)
        except (OSError, zlib.error) as exc:
            raise ValueError(f"{coding} payload does not decode: {exc}") from exc
        if raw and not out:
            raise ValueError(f"{coding} payload does not decode")
        raw = out
    return raw


def _names(headers: Any) -> bytes:
    """The names in a fastwarc header map, lower-cased, one a line: a cheap test that a header is
    there. fastwarc's get() ignores case at about 2 us a call; three on every response record
    were most of the scan's own time (0.04 s over the bench file), and the headers are most
    often absent. A name found here is read by get() (a longer name holding it is not it)."""
    return b"\n".join(headers.keys_bytes()).lower()


def _page_type(media: str | None, text: str) -> str:
    return "text/html" if media in _HTML_TYPES else sniff_content_type(text)


class _Scanner:
    """Reads one file's records into a FileScan (see the module docstring for the rules)."""

    def __init__(self, scan: FileScan, options: ScanOptions) -> None:
        self.scan, self.options = scan, options
        self.filter = pact_filter()
        self.types = require_fastwarc().WarcRecordType

    def skip(self, kind: str, offset: int | None, reason: str, url: str | None = None, record_id: str | None = None) -> None:
        self.scan.skips.append(Skip(kind, self.scan.file, offset, reason, url, record_id))

    def record(self, record: Any) -> None:
        scan = self.scan
        scan.records += 1
        kind = record.record_type
        if kind != self.types.response and kind != self.types.revisit:
            return
        scan.responses += 1
        if kind == self.types.revisit:
            refers = record.headers.get("WARC-Refers-To-Date") or record.headers.get("WARC-Refers-To") or "an earlier capture"
            self.skip("revisit", record.stream_pos, f"revisit record: no payload (refers to {refers})",
                      _target(record), record.record_id)
            return
        status = record.http_headers.status_code if record.is_http else None
        if status != 200:
            self.skip("status", record.stream_pos, "not an HTTP response" if status is None else f"HTTP {status}",
                      _target(record), record.record_id)
            return
        media = record.http_content_type
        media = media.lower() if media else media  # media types ignore case ("Text/HTML" is HTML)
        if media not in _HTML_TYPES and media not in _SNIFFED_TYPES:
            self.skip("non-html", record.stream_pos, f"Content-Type {media}", _target(record), record.record_id)
            return
        raw = record.reader.read()
        truncated = record.headers.get("WARC-Truncated") if b"warc-truncated" in _names(record.headers) else None
        if len(raw) < record.content_length or truncated:
            why = (f"WARC-Truncated: {truncated}" if truncated else
                   f"the file ends inside the record ({len(raw)} of {record.content_length} payload bytes)")
            names = self.filter.first(raw)
            self.skip("truncated", record.stream_pos, why + ("; the part archived names the pact" if names else ""),
                      _target(record), record.record_id)
            return
        headers = record.http_headers
        names = _names(headers)
        transfer = headers.get("Transfer-Encoding") if b"transfer-encoding" in names else None
        content = headers.get("Content-Encoding") if b"content-encoding" in names else None
        if transfer or content:
            try:
                raw = undo_encodings(raw, transfer, content)
            except ValueError as exc:
                self.skip("corrupt", record.stream_pos, str(exc), _target(record), record.record_id)
                return
        if not self.options.keep_all:
            if self.filter.first(raw) is None:
                return  # the common case: not about the pact
            scan.matched += 1
        self.keep(record, raw, media)

    def keep(self, record: Any, raw: bytes, media: str | None) -> None:
        offset, record_id, url = record.stream_pos, record.record_id, _target(record)
        try:
            url = check_http_url(url or "")
        except InputError:
            self.skip("bad-url", offset, f"WARC-Target-URI is not an http(s) URL: {url!r}", url, record_id)
            return
        if not raw.strip() or looks_binary(raw):
            self.skip("non-html", offset, "empty or binary payload", url, record_id)
            return
        try:
            text, charset = decode_body(raw, record.http_charset)
        except UnicodeDecodeError:
            self.skip("corrupt", offset, "payload cannot be decoded as text in any known charset", url, record_id)
            return
        content_type = _page_type(media, text)
        if self.options.keep_all:
            self.scan.matched += 1
        elif not relevance.about_pact(text, content_type, profile_for_url(url)):
            self.skip("furniture", offset, "the pact is named only in page furniture (menus, sidebars)", url, record_id)
            return
        headers = record.http_headers
        date = _warc_date(record)
        self.scan.found.append(Found(
            url=url, raw=raw, content_type=content_type,
            http=HttpInfo(status=200, final_url=url, etag=headers.get("ETag"),
                          last_modified=headers.get("Last-Modified"), charset=charset,
                          headers=[(k, v) for k, v in headers.to_tuples()]),
            warc=WarcInfo(file=self.scan.file, offset=offset, record_id=record_id or "", date=date),
        ))


def _stream_errors(remote: bool) -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OSError, EOFError, ValueError]
    if remote:
        try:  # fsspec's http(s) files raise aiohttp's errors when a connection breaks
            import aiohttp

            errors.append(aiohttp.ClientError)
        except ImportError:
            pass
    return tuple(errors)


def _next_magic(fh: BinaryIO, start: int, magic: bytes) -> int | None:
    """Offset of the next `magic` at or after `start`, or None."""
    fh.seek(start)
    pos, tail = start, b""
    while True:
        block = fh.read(1 << 20)
        if not block:
            return None
        data = tail + block
        hit = data.find(magic)
        if hit >= 0:
            return pos - len(tail) + hit
        tail = data[-(len(magic) - 1):]
        pos += len(block)


def _walk(fh: BinaryIO, errors: tuple[type[BaseException], ...], seekable: bool,
          handle: Callable[[Any], None], corrupt: Callable[[int, int | None, str], None]) -> None:
    """handle(record) for every readable record; corrupt(from, to or None, reason) for each
    unreadable stretch, after which reading goes on at the next record found (seekable files).
    `errors` are the exceptions that mean damaged data (or a broken stream), not a bug."""
    warc = require_fastwarc()
    magic = _WARC_MAGIC
    if seekable:
        magic = _GZIP_MAGIC if fh.read(2) == _GZIP_MAGIC[:2] else _WARC_MAGIC
        fh.seek(0)
    begin, bad_from, reason = 0, None, ""
    while True:
        last, handling = None, False  # start of the last record seen; True while handle() runs
        try:
            for record in warc.ArchiveIterator(fh, parse_http=True, auto_decode="none"):
                last = record.stream_pos
                if bad_from is not None:
                    corrupt(bad_from, last, reason)
                    bad_from = None
                handling = True
                handle(record)
                handling = False
            if bad_from is not None:
                corrupt(bad_from, None, reason)
            return
        except errors as exc:
            text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if not seekable:
                corrupt(bad_from if bad_from is not None else (last if last is not None else begin), None,
                        text + "; the stream cannot seek, so the rest of the file is not read")
                return
            if handling:
                failed = last  # the record being read is damaged
            elif last is not None:
                # The framing after the last good record is damaged: it starts at the next member.
                failed = _next_magic(fh, last + 1, magic) or last + 1
            else:
                failed = begin
            if bad_from is None:
                bad_from, reason = failed, text
            nxt = _next_magic(fh, failed + 1, magic)
            if nxt is None:
                corrupt(bad_from, None, reason)
                return
            fh.seek(nxt)
            begin = nxt


def _open(path: str) -> tuple[BinaryIO, bool]:
    """The file, and whether it can seek (an http(s) stream cannot)."""
    if "://" not in path:
        return open(path, "rb"), True
    try:
        import fsspec
    except ImportError as exc:
        raise WarcError("WARC URLs need fsspec: pip install 'gsomia-news[warc]'") from exc
    # http(s): one sequential stream (no range requests), which is all a scan needs.
    stream = path.startswith(("http://", "https://"))
    return fsspec.open(path, "rb", **({"block_size": 0} if stream else {})).open(), not stream


def scan_file(path: str, options: ScanOptions = ScanOptions()) -> FileScan:
    """Every page about GSOMIA in one WARC file, and every record skipped (never raises for bad data)."""
    scan = FileScan(file=file_label(path))
    scanner = _Scanner(scan, options)

    def corrupt(start: int, end: int | None, reason: str) -> None:
        span = f"bytes {start}-{end} unreadable" if end is not None else f"unreadable from byte {start} to the end"
        scanner.skip("corrupt", start, f"{reason}; {span}")

    try:
        fh, seekable = _open(path)
    except WarcError:
        raise
    except Exception as exc:  # noqa: BLE001 - a file that cannot be opened is listed, not fatal
        scanner.skip("unreadable", None, f"cannot open: {type(exc).__name__}: {exc}")
        return scan
    with fh:
        _walk(fh, _stream_errors("://" in path), seekable, scanner.record, corrupt)
        try:
            scan.size = fh.tell()
        except (OSError, ValueError):
            scan.size = 0
    return scan


# ---------------------------------------------------------------- storing


@dataclass
class WarcSummary:
    """Totals of one ingest-warc run."""

    files: int = 0
    records: int = 0
    responses: int = 0
    matched: int = 0
    stored: int = 0
    duplicates: int = 0
    size: int = 0
    skips: list[Skip] = field(default_factory=list)

    @property
    def kept(self) -> int:
        """Pages that passed every filter (stored or already in the corpus)."""
        return self.stored + self.duplicates

    def count(self, kind: str) -> int:
        """Skipped records of one kind."""
        return sum(1 for s in self.skips if s.kind == kind)

    @property
    def bad(self) -> int:
        """Records lost to damage (truncated, corrupt, bad URL, unreadable file)."""
        return sum(1 for s in self.skips if s.kind in BAD_KINDS)

    def line(self) -> str:
        """The one-line summary."""
        def detail(kinds: tuple[str, ...]) -> str:
            parts = [f"{self.count(k)} {k}" for k in kinds if self.count(k)]
            return f" ({', '.join(parts)})" if parts else ""

        skipped = sum(1 for s in self.skips if s.kind in SKIP_KINDS)
        return (f"ingest-warc: {self.files} file(s), {self.records} records read, {self.responses} responses, "
                f"{self.matched} matched, {self.stored} stored, {self.duplicates} duplicate(s), "
                f"{self.bad} bad{detail(BAD_KINDS)}, {skipped} skipped{detail(SKIP_KINDS)}")


def store_scan(corpus: Path, scan: FileScan, summary: WarcSummary) -> None:
    """Add a file's pages to the corpus, in record order; bytes already stored for the page add nothing."""
    summary.files += 1
    summary.records += scan.records
    summary.responses += scan.responses
    summary.matched += scan.matched
    summary.size += scan.size
    summary.skips.extend(scan.skips)
    for found in scan.found:
        # corpus.add is a no-op for bytes equal to any stored version of the page (under the
        # page folder's lock), so a re-run over the same files adds nothing.
        result = add(corpus, found.url, found.raw, found.content_type, how="warc",
                     obtained_at=found.warc.date, http=found.http, warc=found.warc)
        if result.created:
            summary.stored += 1
        else:
            summary.duplicates += 1


def check_paths(paths: list[str]) -> None:
    """Raise InputError unless every local path is a readable file (URLs are tried when read)."""
    if not paths:
        raise InputError("give at least one WARC file")
    for path in paths:
        if "://" in path:
            if not path.startswith(("http://", "https://", "s3://", "gs://", "file://")):
                raise InputError(f"unsupported WARC URL scheme: {path}")
            continue
        p = Path(path)
        if not p.is_file():
            raise InputError(f"no such WARC file: {path}")


def ingest_warc(corpus: Path, scans: Iterator[FileScan],
                progress: Callable[[WarcSummary], None] | None = None) -> WarcSummary:
    """Store file scans, in the order given, into `corpus`; returns the run's totals."""
    try:
        corpus.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusError(f"cannot create corpus folder {corpus}: {exc.strerror or exc}") from exc
    summary = WarcSummary()
    for scan in scans:
        store_scan(corpus, scan, summary)
        if progress:
            progress(summary)
    return summary
