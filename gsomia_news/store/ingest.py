"""`gsomia-news ingest`: add pages saved elsewhere (HTML or text captures) to the corpus.

All or nothing for bad input: every item (file, URL, obtained_at, and the corpus folder) is
checked before the first one is added, so one bad item adds nothing (exit 2). A disk that
fails half-way (exit 1) keeps the pages already added, each one complete, and leaves nothing
of the page it failed on.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .corpus import AddResult, add, check_obtained_at, check_storable, sha256_bytes, sweep
from ..errors import InputError
from ..settings import MAX_PAGE_BYTES, IngestOptions
from ..textcodec import decode, sniff_content_type


@dataclass(frozen=True)
class IngestItem:
    """One file to ingest and the URL it was saved from."""

    file: Path
    url: str
    obtained_at: object = None  # as given (a manifest may hold anything); checked before adding


def _read_capped(path: Path, cap: int) -> bytes:
    """At most `cap` + 1 bytes of a regular file (so a huge file is refused without reading it)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a file: {path}")
        if info.st_size > cap:
            raise InputError(f"file too large for a news page ({info.st_size} bytes > {cap}): {path}")
        chunks, size = [], 0
        while size <= cap:  # the file may grow while we read it
            chunk = os.read(fd, min(1 << 20, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def read_page_file(path: Path) -> tuple[bytes, str]:
    """Read a saved page; return (bytes, content type) or raise InputError with a one-line reason."""
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if not path.is_file():
        raise InputError(f"not a file: {path}")
    raw = _read_capped(path, MAX_PAGE_BYTES)
    if len(raw) > MAX_PAGE_BYTES:
        raise InputError(f"file too large for a news page (more than {MAX_PAGE_BYTES} bytes): {path}")
    if not raw.strip():
        raise InputError(f"empty file: {path}")
    # Anywhere in the file, not only at its start: a NUL is never part of a web page's text.
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary file (a NUL byte at offset {nul}), not an HTML page or text capture: {path}")
    try:
        text, _ = decode(raw)
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode {path} as text in any known charset") from exc
    return raw, sniff_content_type(text)


def items_from_manifest(path: Path) -> list[IngestItem]:
    """Items from a JSON manifest: a list of {"file", "url"[, "obtained_at"]}; files relative to it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read manifest {path}: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise InputError(f"manifest {path} must be a JSON list of objects with 'file' and 'url'")
    items = []
    for i, row in enumerate(data):
        if "file" not in row or "url" not in row:
            raise InputError(f"manifest {path} entry {i} lacks 'file' or 'url'")
        if not isinstance(row["url"], str):
            raise InputError(f"manifest {path} entry {i}: 'url' must be a string")
        items.append(IngestItem(path.parent / str(row["file"]), row["url"], row.get("obtained_at")))
    return items


def is_manifest(path: Path) -> bool:
    """True when `path` is a JSON list of ingest entries rather than a page."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, list) and all(isinstance(d, dict) and "url" in d for d in data)


def ingest(items: list[IngestItem], options: IngestOptions) -> list[AddResult]:
    """Check every item first (so a bad one adds nothing), then add them all to the corpus.

    Only each file's sha256 is kept between the two passes, so memory holds one page at a time
    however long the list; a file that changes in between is refused when its turn comes."""
    checked = []
    for item in items:
        url = check_storable(options.corpus, item.url)
        obtained_at = check_obtained_at(item.obtained_at) if item.obtained_at is not None else None
        raw, content_type = read_page_file(item.file)
        checked.append((item, url, obtained_at, sha256_bytes(raw), content_type))
        del raw
    sweep(options.corpus)  # leftovers of killed runs, before adding more
    results = []
    for item, url, obtained_at, digest, content_type in checked:
        raw, _ = read_page_file(item.file)
        if sha256_bytes(raw) != digest:
            raise InputError(f"{item.file} changed while it was being ingested; run ingest again")
        results.append(add(options.corpus, url, raw, content_type, how=options.how,
                           obtained_at=obtained_at, source_file=item.file.name))
    return results
