"""`gsomia-news ingest`: add pages saved elsewhere (HTML or text captures) to the corpus."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .corpus import AddResult, add
from ..errors import InputError
from ..settings import MAX_PAGE_BYTES, IngestOptions
from ..textcodec import decode, looks_binary, sniff_content_type
from ..urls import check_http_url


@dataclass(frozen=True)
class IngestItem:
    """One file to ingest and the URL it was saved from."""

    file: Path
    url: str
    obtained_at: str | None = None


def read_page_file(path: Path) -> tuple[bytes, str]:
    """Read a saved page; return (bytes, content type) or raise InputError with a one-line reason."""
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if not path.is_file():
        raise InputError(f"not a file: {path}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise InputError(f"empty file: {path}")
    if len(raw) > MAX_PAGE_BYTES:
        raise InputError(f"file too large for a news page ({len(raw)} bytes > {MAX_PAGE_BYTES}): {path}")
    if looks_binary(raw):
        raise InputError(f"binary file, not an HTML page or text capture: {path}")
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
        items.append(IngestItem(path.parent / str(row["file"]), str(row["url"]), row.get("obtained_at")))
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
    """Check every item first (so a bad one adds nothing), then add them all to the corpus."""
    checked = []
    for item in items:
        url = check_http_url(item.url)
        raw, content_type = read_page_file(item.file)
        checked.append((item, url, raw, content_type))
    return [
        add(options.corpus, url, raw, content_type, how=options.how,
            obtained_at=item.obtained_at, source_file=item.file.name)
        for item, url, raw, content_type in checked
    ]
