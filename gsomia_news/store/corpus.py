"""The raw store: append-only, one folder per page, one numbered version per distinct content.

Layout (human-readable, so anyone can find the raw page behind an article)::

    corpus/<outlet>/<slug>-<hash>/001.txt    raw bytes exactly as obtained (.html for HTML)
    corpus/<outlet>/<slug>-<hash>/001.json   sidecar: url, outlet, obtained_at, how, sha256 ...

A version is committed when its sidecar exists; sidecars and raw files are created with
hard links that fail rather than replace, so nothing already saved is ever overwritten.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from ..errors import CorpusError
from ..models import CorpusEntry, Failure, HttpInfo, WarcInfo
from ..profiles import profile_for_url
from ..urls import canonical_url, identity_key, slug_for

_EXT = {"text/html": ".html", "text/plain": ".txt"}


def sha256_bytes(raw: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(raw).hexdigest()


def utc_now() -> str:
    """Current UTC time, ISO 8601 with seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class AddResult:
    """Outcome of adding bytes for a URL: the entry and whether a new version was stored."""

    entry: CorpusEntry
    created: bool


def page_dir(root: Path, url: str) -> Path:
    """The folder that holds every version of the page at `url`."""
    return root / profile_for_url(url).key / slug_for(url)


def _read_entry(meta_path: Path) -> CorpusEntry:
    try:
        return CorpusEntry.model_validate_json(meta_path.read_bytes())
    except (OSError, ValidationError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CorpusError(f"unreadable sidecar {meta_path.name}: {first}") from exc


def versions(folder: Path) -> list[CorpusEntry]:
    """Readable versions in a page folder, oldest first (unreadable ones are skipped)."""
    out: list[CorpusEntry] = []
    for meta in sorted(folder.glob("[0-9][0-9][0-9]*.json")):
        try:
            out.append(_read_entry(meta))
        except CorpusError:
            continue
    return sorted(out, key=lambda e: e.version)


def _write_new(path: Path, data: bytes) -> None:
    """Create `path` with `data`; fail with FileExistsError rather than replace anything."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp, path)  # atomic, and refuses to overwrite
    finally:
        os.unlink(tmp)


def add(
    root: Path,
    url: str,
    raw: bytes,
    content_type: str,
    how: str = "ingest",
    obtained_at: str | None = None,
    source_file: str | None = None,
    http: HttpInfo | None = None,
    warc: WarcInfo | None = None,
) -> AddResult:
    """Store `raw` as the newest version of the page at `url` unless it equals the newest already."""
    folder = page_dir(root, url)
    folder.mkdir(parents=True, exist_ok=True)
    digest = sha256_bytes(raw)
    existing = versions(folder)
    if existing and existing[-1].sha256 == digest:
        return AddResult(existing[-1], created=False)
    while True:
        # Next number after every file present, committed or not (a crash may leave a raw
        # file without sidecar: it is never reused).
        taken = [int(p.name[:3]) for p in folder.iterdir() if p.name[:3].isdigit()]
        version = max(taken, default=0) + 1
        raw_path = folder / f"{version:03d}{_EXT[content_type]}"
        meta_path = folder / f"{version:03d}.json"
        entry = CorpusEntry(
            url=url,
            canonical_url=canonical_url(url),
            outlet=profile_for_url(url).key,
            obtained_at=obtained_at or utc_now(),
            how=how,  # type: ignore[arg-type]
            content_type=content_type,  # type: ignore[arg-type]
            sha256=digest,
            size=len(raw),
            path=raw_path.relative_to(root).as_posix(),
            version=version,
            source_file=source_file,
            http=http,
            warc=warc,
        )
        try:
            _write_new(raw_path, raw)
            _write_new(meta_path, (entry.model_dump_json(indent=2) + "\n").encode("utf-8"))
        except FileExistsError:
            continue  # a concurrent writer took this number: take the next one
        return AddResult(entry, created=True)


@dataclass(frozen=True)
class Page:
    """The version of a page that a build uses, with its raw bytes."""

    entry: CorpusEntry
    raw: bytes


@dataclass(frozen=True)
class PageRef:
    """One page of the corpus: its readable versions, newest first (no bytes read yet)."""

    key: str
    versions: tuple[CorpusEntry, ...]


@dataclass(frozen=True)
class Scan:
    """What a build reads from the corpus: every page's versions, and the unreadable sidecars."""

    pages: list[PageRef]
    failures: list[Failure]
    entries: int


def scan(root: Path) -> Scan:
    """Every page and its committed versions (sidecars only; raw bytes are read later)."""
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}")
    failures: list[Failure] = []
    by_key: dict[str, list[CorpusEntry]] = {}
    entries = 0
    for meta in sorted(root.glob("*/*/[0-9][0-9][0-9]*.json")):
        entries += 1
        rel = meta.relative_to(root).as_posix()
        try:
            entry = _read_entry(meta)
            key = identity_key(entry.url)
        except (CorpusError, ValueError) as exc:
            failures.append(Failure(stage="corpus", reason=str(exc), path=rel))
            continue
        by_key.setdefault(key, []).append(entry)
    pages = [PageRef(key, tuple(sorted(by_key[key], key=lambda e: e.version, reverse=True))) for key in sorted(by_key)]
    return Scan(pages=pages, failures=failures, entries=entries)


def read_latest(root: Path, ref: PageRef) -> tuple[Page | None, list[Failure]]:
    """The newest version whose bytes match their sha256; a corrupt one falls back to the previous."""
    failures: list[Failure] = []
    for entry in ref.versions:
        try:
            raw = (root / entry.path).read_bytes()
        except OSError as exc:
            failures.append(Failure(stage="corpus", url=entry.url, path=entry.path,
                                    reason=f"[{CorpusError.code}] raw file unreadable: {exc.strerror or exc}"))
            continue
        if sha256_bytes(raw) != entry.sha256:
            failures.append(Failure(stage="corpus", url=entry.url, path=entry.path,
                                    reason=f"[{CorpusError.code}] sha256 mismatch: raw file changed or corrupt"))
            continue
        return Page(entry, raw), failures
    return None, failures


def digest_of(used: list[tuple[str, str]]) -> str:
    """sha256 over the sorted (canonical URL, sha256) of every page version a build used."""
    h = hashlib.sha256()
    for url, sha in sorted(used):
        h.update(f"{url}\t{sha}\n".encode())
    return h.hexdigest()


def known_hashes(root: Path) -> dict[str, str]:
    """sha256 -> raw path for every committed version (used by `validate`)."""
    out: dict[str, str] = {}
    for meta in sorted(root.glob("*/*/[0-9][0-9][0-9]*.json")):
        try:
            entry = _read_entry(meta)
        except CorpusError:
            continue
        out.setdefault(entry.sha256, entry.path)
    return out

