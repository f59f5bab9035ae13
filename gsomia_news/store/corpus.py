"""The raw store: append-only, one folder per page, one numbered version per distinct content.

Layout (human-readable, so anyone can find the raw page behind an article)::

    corpus/<outlet>/<slug>-<hash>/001.txt    raw bytes exactly as obtained (.html for HTML)
    corpus/<outlet>/<slug>-<hash>/001.json   sidecar: url, outlet, obtained_at, how, sha256 ...
    corpus/<outlet>/<slug>-<hash>/.lock      flock()ed by whoever adds a version to the folder

Writing one version (`add`), always under the page folder's flock, so concurrent writers from
any number of processes are serialised per page:
  1. leftovers of an earlier writer that died here are removed (see `_tidy`);
  2. bytes equal to ANY intact stored version: nothing is written (a no-op);
  3. the raw bytes go to `.tmp-NNN.<ext>`, which is hard-linked to `NNN.<ext>`;
  4. the sidecar goes to `.tmp-NNN.json`, hard-linked to `NNN.json`: the commit;
  5. the `.tmp-` names are removed.
A hard link fails rather than replace, so nothing already saved is ever overwritten. A
`NNN.<ext>` with its `.tmp-NNN.<ext>` still beside it and no sidecar is an uncommitted write;
a raw file with neither (its sidecar deleted) is kept, and the build lists it.

Reading never leaves the corpus: folders and files that are symbolic links are not followed,
every file is opened component by component with O_NOFOLLOW, and a sidecar's `path` must name
the raw file beside it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from . import flock
from ..errors import CorpusError, GsomiaError, InputError
from ..models import CorpusEntry, Failure, HttpInfo, WarcInfo
from ..profiles import profile_for_url
from ..urls import canonical_url, check_http_url, identity_key, slug_for

_EXT = {"text/html": ".html", "text/plain": ".txt"}
LOCK_NAME = ".lock"
TMP_PREFIX = ".tmp-"

# Longer URLs are refused: web servers refuse request lines over about 8 KB (Apache: 8,190
# bytes), so such a "URL" is a mistake or an attack. Longer folder names are refused too:
# file systems stop at 255 bytes, and no outlet numbers its articles with 100 digits.
MAX_URL_CHARS = 8192
MAX_FOLDER_NAME = 100

_SIDECAR = re.compile(r"^(\d{3,})\.json$")
_RAW = re.compile(r"^(\d{3,})\.(html|txt)$")
_PENDING = re.compile(r"^\.tmp-(\d{3,})\.(html|txt|json)$")

# O_NONBLOCK: a FIFO planted as a raw file must not hang the build (it is then refused as
# not a regular file); on regular files it changes nothing.
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_DIRECTORY", 0)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)


def sha256_bytes(raw: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(raw).hexdigest()


def utc_now() -> str:
    """Current UTC time, ISO 8601 with seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def check_obtained_at(value: object) -> str:
    """`obtained_at` as stored: an ISO 8601 date, or a time normalised to UTC (`...Z`).

    A time without an offset is taken as UTC (README: "ISO 8601, UTC"). InputError for anything
    else, and for a time more than a day in the future (a typo, or a wrong clock)."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"obtained_at must be an ISO 8601 time like 2019-11-22T09:30:00Z, not {value!r}")
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = datetime.fromisoformat(text).replace(tzinfo=UTC)
            normal = text
            when = day
        else:
            if not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
                raise ValueError(text)
            when = datetime.fromisoformat(text.replace("z", "Z"))
            when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
            normal = when.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    except ValueError:
        raise InputError(f"obtained_at must be an ISO 8601 time like 2019-11-22T09:30:00Z, not {value!r}") from None
    if when > datetime.now(UTC) + timedelta(days=1):
        raise InputError(f"obtained_at {value!r} is in the future")
    return normal


def _ascii_head(url: str, n: int = 80) -> str:
    return url if len(url) <= n else url[:n] + "..."


def page_dir(root: Path, url: str) -> Path:
    """The folder that holds every version of the page at `url` (InputError if it cannot have one)."""
    if len(url) > MAX_URL_CHARS:
        raise InputError(f"URL too long ({len(url)} characters, at most {MAX_URL_CHARS}): {_ascii_head(url)}")
    slug = slug_for(url)
    if len(slug.encode("utf-8")) > MAX_FOLDER_NAME:
        raise InputError(f"article number too long for a page folder ({len(slug)} characters, "
                         f"at most {MAX_FOLDER_NAME}): {_ascii_head(url)}")
    return root / profile_for_url(url).key / slug


def check_storable(root: Path, url: str) -> str:
    """The checked URL, or InputError: not http(s), too long, or the corpus is not a folder."""
    url = check_http_url(url)
    page_dir(root, url)
    check_corpus_folder(root)
    return url


def check_corpus_folder(root: Path) -> None:
    """InputError unless `root` is a folder, or can be made one (its nearest existing parent is)."""
    if root.exists() and not root.is_dir():
        raise InputError(f"corpus is not a folder: {root}")
    probe = root
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        raise InputError(f"corpus folder {root} cannot be made: {probe} is not a folder")


# ---------------------------------------------------------------- reading inside the corpus


def _open_inside(root: Path, rel: str) -> int:
    """An fd for `root/rel`, opened one component at a time without following any symlink."""
    parts = PurePosixPath(rel).parts
    if not parts or any(p in ("", ".", "..") or "/" in p or "\\" in p for p in parts) or PurePosixPath(rel).is_absolute():
        raise CorpusError(f"path {rel!r} is not inside the corpus")
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        for part in parts[:-1]:
            nxt = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = nxt
        return os.open(parts[-1], _OPEN_FLAGS, dir_fd=fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise CorpusError(f"{rel} goes through a symbolic link or a file that is no folder: "
                              "not read (nothing outside the corpus is)") from exc
        raise
    finally:
        os.close(fd)


def read_inside(root: Path, rel: str) -> bytes:
    """Bytes of the file `rel` of the corpus; CorpusError for a path or link leading out of it."""
    fd = _open_inside(root, rel)
    try:
        if not _is_regular(fd):
            raise CorpusError(f"{rel} is not a regular file: not read")
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)


def _is_regular(fd: int) -> bool:
    return stat.S_ISREG(os.fstat(fd).st_mode)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _read_entry(root: Path, rel: str) -> CorpusEntry:
    try:
        return CorpusEntry.model_validate_json(read_inside(root, rel))
    except CorpusError:
        raise
    except (OSError, ValidationError, ValueError) as exc:
        raise CorpusError(f"unreadable sidecar {PurePosixPath(rel).name}: {_first_line(exc)}") from exc


def _check_entry(entry: CorpusEntry, rel: str) -> None:
    """CorpusError unless the sidecar at `rel` describes the raw file beside it, for an http(s) URL."""
    meta = PurePosixPath(rel)
    raw = PurePosixPath(entry.path)
    if raw.parent != meta.parent or raw.stem != meta.stem or raw.suffix != _EXT[entry.content_type] \
            or int(meta.stem) != entry.version:
        raise CorpusError(f"sidecar {meta.name} names {entry.path!r}, not the raw file beside it: not read")
    try:
        identity_key(entry.url)
    except (GsomiaError, ValueError) as exc:
        raise CorpusError(f"sidecar {meta.name} has a bad url: {_first_line(exc)}") from exc


@dataclass(frozen=True)
class _Folder:
    """One page folder found by the walk: its corpus-relative name and the files in it."""

    rel: str
    path: Path
    names: tuple[str, ...]


def _walk(root: Path, failures: list[Failure]) -> Iterator[_Folder]:
    """Every `<outlet>/<page>/` folder, sorted; symbolic links are listed as failures, not followed."""
    def entries(folder: Path) -> list[os.DirEntry[str]]:
        with os.scandir(folder) as it:
            return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)

    for outlet in entries(root):
        if outlet.is_symlink():
            failures.append(Failure(stage="corpus", path=outlet.name,
                                    reason=f"[{CorpusError.code}] outlet folder is a symbolic link: not read"))
            continue
        if not outlet.is_dir(follow_symlinks=False):
            continue
        for page in entries(Path(outlet.path)):
            rel = f"{outlet.name}/{page.name}"
            if page.is_symlink():
                failures.append(Failure(stage="corpus", path=rel,
                                        reason=f"[{CorpusError.code}] page folder is a symbolic link: not read"))
                continue
            if not page.is_dir(follow_symlinks=False):
                continue
            with os.scandir(page.path) as it:
                names = tuple(sorted(e.name for e in it))
            yield _Folder(rel, Path(page.path), names)


def _folder_entries(root: Path, folder: _Folder, failures: list[Failure]) -> list[CorpusEntry]:
    """Readable, consistent versions of one folder; every other file of note is a listed failure."""
    out: list[CorpusEntry] = []
    names = set(folder.names)
    for name in folder.names:
        rel = f"{folder.rel}/{name}"
        if _SIDECAR.match(name):
            try:
                entry = _read_entry(root, rel)
                _check_entry(entry, rel)
            except CorpusError as exc:
                failures.append(Failure(stage="corpus", reason=str(exc), path=rel))
                continue
            out.append(entry)
        elif (m := _RAW.match(name)) and f"{m.group(1)}.json" not in names \
                and f"{TMP_PREFIX}{name}" not in names:  # with its .tmp- twin: a write not committed
            failures.append(Failure(stage="corpus", path=rel, reason=(
                f"[{CorpusError.code}] raw file without its sidecar {m.group(1)}.json "
                "(deleted?): kept, not built")))
    return sorted(out, key=lambda e: e.version)


def versions(folder: Path) -> list[CorpusEntry]:
    """Readable versions in a page folder, oldest first (unreadable ones are skipped)."""
    if folder.is_symlink() or not folder.is_dir():
        return []
    root = folder.parent.parent
    rel = f"{folder.parent.name}/{folder.name}"
    names = tuple(sorted(os.listdir(folder)))
    return _folder_entries(root, _Folder(rel, folder, names), [])


# ---------------------------------------------------------------- writing


@dataclass(frozen=True)
class AddResult:
    """Outcome of adding bytes for a URL: the entry and whether a new version was stored."""

    entry: CorpusEntry
    created: bool


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_exclusive(path: Path, data: bytes) -> None:
    """Create `path` (never an existing one) holding `data`, flushed to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _tidy(folder: Path) -> None:
    """Remove what a writer that died in this folder left (call with the folder's lock held).

    A `.tmp-NNN.<ext>` whose `NNN.json` exists was committed: only the temporary name goes.
    Without the sidecar, the write never committed: `NNN.<ext>` goes too if it is that same
    file. Any other `.tmp-` file (older releases named them at random) is a temporary copy."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        if not name.startswith(TMP_PREFIX):
            continue
        tmp = folder / name
        m = _PENDING.match(name)
        if m and m.group(2) != "json" and not (folder / f"{m.group(1)}.json").exists():
            raw = folder / f"{m.group(1)}.{m.group(2)}"
            try:
                if raw.exists() and os.path.samefile(raw, tmp):
                    raw.unlink()
            except FileNotFoundError:
                pass
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass


def _intact(root: Path, entry: CorpusEntry) -> bool:
    try:
        return sha256_bytes(read_inside(root, entry.path)) == entry.sha256
    except (OSError, CorpusError):
        return False


def _remove_if_empty(folder: Path, held: flock.Held) -> None:
    """Drop a page folder holding nothing but its lock (made by a write that then failed)."""
    try:
        if set(os.listdir(folder)) <= {LOCK_NAME}:
            held.release(unlink=True)
            folder.rmdir()
    except OSError:
        pass


@contextmanager
def _locked_folder(folder: Path) -> Iterator[flock.Held]:
    """The page folder, created if need be, with its flock held."""
    while True:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            held = flock.lock(folder / LOCK_NAME)
        except FileNotFoundError:
            continue  # the folder was removed (a failed write tidied up) between mkdir and open
        if held is not None:
            break
    try:
        yield held
    finally:
        held.release()


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
    """Store `raw` as a new version of the page at `url` unless it equals any intact stored version.

    Safe to call from many processes at once (the page folder's flock serialises them).
    InputError for a URL or `obtained_at` that cannot be stored; CorpusError (one line) when the
    disk refuses, with nothing of this call left behind."""
    url = check_http_url(url)
    folder = page_dir(root, url)
    stamp = check_obtained_at(obtained_at) if obtained_at is not None else utc_now()
    if content_type not in _EXT:
        raise InputError(f"content type {content_type!r} cannot be stored (text/html or text/plain)")
    digest = sha256_bytes(raw)
    try:
        with _locked_folder(folder) as held:
            try:
                return _add_locked(root, folder, url, raw, digest, content_type, how, stamp, source_file, http, warc)
            except OSError:
                _tidy(folder)
                _remove_if_empty(folder, held)
                raise
    except OSError as exc:
        try:
            folder.rmdir()  # made by this call and still empty (no lock file could be created)
        except OSError:
            pass
        raise CorpusError(f"cannot store {_ascii_head(url)} in {root}: {exc.strerror or exc}") from exc


def _add_locked(root: Path, folder: Path, url: str, raw: bytes, digest: str, content_type: str, how: str,
                obtained_at: str, source_file: str | None, http: HttpInfo | None, warc: WarcInfo | None) -> AddResult:
    _tidy(folder)
    existing = versions(folder)
    for entry in reversed(existing):
        if entry.sha256 == digest and _intact(root, entry):
            return AddResult(entry, created=False)
    # Next number after every numbered file present, committed or not (a raw file whose
    # sidecar was deleted keeps its number).
    taken = [int(m.group(1)) for name in os.listdir(folder) if (m := re.match(r"^(\d{3,})\.", name))]
    version = max(taken, default=0) + 1
    stem = f"{version:03d}"
    raw_path = folder / f"{stem}{_EXT[content_type]}"
    meta_path = folder / f"{stem}.json"
    entry = CorpusEntry(
        url=url,
        canonical_url=canonical_url(url),
        outlet=profile_for_url(url).key,
        obtained_at=obtained_at,
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
    raw_tmp = folder / f"{TMP_PREFIX}{raw_path.name}"
    meta_tmp = folder / f"{TMP_PREFIX}{meta_path.name}"
    _write_exclusive(raw_tmp, raw)
    os.link(raw_tmp, raw_path)
    _write_exclusive(meta_tmp, (entry.model_dump_json(indent=2) + "\n").encode("utf-8"))
    os.link(meta_tmp, meta_path)  # the commit
    _fsync_dir(folder)
    raw_tmp.unlink()
    meta_tmp.unlink()
    return AddResult(entry, created=True)


def sweep(root: Path) -> int:
    """Tidy every page folder a killed writer left (skipping folders in use); return how many.

    Removes `.tmp-` leftovers and uncommitted raw files (see `_tidy`), and page folders that
    hold no file but their lock. Never touches a committed version or a raw file whose sidecar
    was deleted."""
    if not root.is_dir():
        return 0
    tidied = 0
    for folder in _walk(root, []):
        names = set(folder.names)
        leftovers = any(n.startswith(TMP_PREFIX) for n in names)
        if not leftovers and not names <= {LOCK_NAME}:
            continue
        try:
            held = flock.lock(folder.path / LOCK_NAME, blocking=False)
        except FileNotFoundError:
            continue  # removed meanwhile by a writer that tidied it
        if held is None:
            continue  # a writer is at work here
        try:
            _tidy(folder.path)
            _remove_if_empty(folder.path, held)
            tidied += 1
        finally:
            held.release()
    return tidied


# ---------------------------------------------------------------- what a build reads


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
    """What a build reads from the corpus: every page's versions, and the unreadable entries."""

    pages: list[PageRef]
    failures: list[Failure]
    entries: int


def scan(root: Path) -> Scan:
    """Every page and its committed versions (sidecars only; raw bytes are read later).

    Listed as failures, never read: symbolic links, sidecars that are unreadable, name another
    file than the raw one beside them or have a non-http(s) URL, and raw files without sidecar."""
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}")
    failures: list[Failure] = []
    by_key: dict[str, list[CorpusEntry]] = {}
    entries = 0
    for folder in _walk(root, failures):
        entries += sum(1 for n in folder.names if _SIDECAR.match(n))
        for entry in _folder_entries(root, folder, failures):
            by_key.setdefault(identity_key(entry.url), []).append(entry)
    pages = [PageRef(key, tuple(sorted(by_key[key], key=lambda e: e.version, reverse=True))) for key in sorted(by_key)]
    return Scan(pages=pages, failures=failures, entries=entries)


def read_latest(root: Path, ref: PageRef) -> tuple[Page | None, list[Failure]]:
    """The newest version whose bytes match their sha256; a corrupt one falls back to the previous."""
    failures: list[Failure] = []
    for entry in ref.versions:
        try:
            raw = read_inside(root, entry.path)
        except CorpusError as exc:
            failures.append(Failure(stage="corpus", url=entry.url, path=entry.path, reason=str(exc)))
            continue
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
    for folder in _walk(root, []):
        for entry in _folder_entries(root, folder, []):
            out.setdefault(entry.sha256, entry.path)
    return out
