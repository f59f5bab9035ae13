"""Load stage: write one dataset per run, atomically, then move `latest` to it.

Lifecycle (Scrapy-exporter style): `start()` takes an flock on `<out>/.tmp-<run>-<pid>.lock`
and makes `<out>/.tmp-<run>-<pid>/`, `write_line()` streams articles to it, `finish()` writes
officials (JSON and JSON Lines), manifest, schemas and any exported tables, fsyncs, renames
the folder to `<out>/<run>/`, swaps the `latest` symlink, and only then prunes old runs
(`prune`). `abort()` removes the temporary
folder. A run killed at any point leaves the previous `latest` intact and complete.

Everything temporary of a run is named `.tmp-<run>-<pid>[.<what>]` and is removed by a later
build only when that run's lock is free: the kernel drops an flock when its holder dies, so a
folder is removed exactly when it is abandoned, whatever pid namespace (container) its writer
ran in. A write error (a full disk) is one BuildError line, and nothing is published.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..errors import BuildError
from ..store import flock
from ..models import Article, Manifest, Person
from ..settings import DEFAULT_KEEP_RUNS
from .schema import schema_documents


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_file(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


RUN_NAME = re.compile(r"^\d{8}T\d{6}\d{6}Z$")


def _temp_base(name: str) -> str | None:
    """`.tmp-<run>-<pid>` of a temporary entry's name (None for other names)."""
    if not name.startswith(".tmp-"):
        return None
    cut = name.find(".", 1)
    return name if cut < 0 else name[:cut]


def remove_stale_temp(out: Path) -> list[str]:
    """Delete what killed runs left (their lock is free); return the temporary names removed."""
    removed: list[str] = []
    try:
        names = sorted(os.listdir(out))
    except FileNotFoundError:
        return removed
    groups: dict[str, list[str]] = {}
    for name in names:
        base = _temp_base(name)
        if base is not None:
            groups.setdefault(base, []).append(name)
    for base, members in groups.items():
        held = flock.lock(out / f"{base}.lock", blocking=False)
        if held is None:
            continue  # that run is still writing (in this container or another)
        try:
            for name in members:
                if name == f"{base}.lock":
                    continue
                path = out / name
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                removed.append(name)
        finally:
            held.release(unlink=True)
    return removed


def prune(out: Path, keep: int, scratch: Path) -> list[str]:
    """Remove all but the `keep` newest run folders, never the one `latest` points to.

    A folder to remove is first renamed to `scratch`-prefixed name (so a kill mid-way leaves a
    temporary folder the next build removes, never a half-deleted run). Returns the runs removed."""
    if keep < 1:
        raise BuildError("--keep must be at least 1")
    try:
        current = os.readlink(out / "latest")
    except OSError:
        current = None
    try:
        runs = sorted((p.name for p in out.iterdir() if RUN_NAME.match(p.name) and p.is_dir() and not p.is_symlink()),
                      reverse=True)
    except OSError:
        return []
    removed = []
    for name in runs[keep:]:
        if name == current:
            continue
        doomed = out / f"{scratch.name}.pruned-{name}"
        try:
            os.rename(out / name, doomed)
        except OSError:
            continue  # gone already, or a permission problem: try again next run
        shutil.rmtree(doomed, ignore_errors=True)
        removed.append(name)
    return removed


class DatasetWriter:
    """Writes `<out>/<run_id>/` through a temporary folder held under an flock."""

    def __init__(self, out: Path, run_id: str, keep: int = DEFAULT_KEEP_RUNS) -> None:
        self.out = out
        self.run_id = run_id
        self.keep = keep
        self.tmp = out / f".tmp-{run_id}-{os.getpid()}"
        self.final = out / run_id
        self.pruned: list[str] = []
        self._articles: TextIO | None = None
        self._lock: flock.Held | None = None
        self.count = 0

    def start(self) -> None:
        """Take this run's lock, remove abandoned temporary folders, create ours and open articles.jsonl."""
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            # Locked before the folder exists, so no other build can ever see it unlocked.
            self._lock = flock.lock(self.out / f"{self.tmp.name}.lock")
            remove_stale_temp(self.out)
            self.tmp.mkdir()
            self._articles = open(self.tmp / "articles.jsonl", "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            self.abort()
            raise BuildError(f"cannot create build folder in {self.out}: {exc.strerror or exc}") from exc

    def write_line(self, article_json: str) -> None:
        """Append one article already serialised by `Article.model_dump_json`."""
        assert self._articles is not None
        try:
            self._articles.write(article_json + "\n")
        except OSError as exc:
            raise BuildError(f"cannot write dataset in {self.out}: {exc.strerror or exc}") from exc
        self.count += 1

    def finish(self, people: list[Person], manifest: Manifest, remap: dict[str, str] | None = None,
               before_publish: Callable[[Path], None] | None = None) -> Path:
        """Write the rest, publish the folder, move `latest`, prune old runs; returns the dataset folder.

        `before_publish(folder)` runs on the complete temporary folder just before it is
        published (the exports write their tables there, so they are published atomically too)."""
        assert self._articles is not None
        try:
            articles, self._articles = self._articles, None
            try:
                articles.flush()
                os.fsync(articles.fileno())
            finally:
                _close_quietly(articles)
            if remap:
                self._remap_ids(remap)
            records = [p.model_dump(mode="json") for p in people]
            _write_file(self.tmp / "officials.json", json.dumps(records, ensure_ascii=False, indent=2) + "\n")
            # The same registry one person per line, for line readers (pyarrow, DuckDB, jq -c).
            _write_file(self.tmp / "officials.jsonl",
                        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
            _write_file(self.tmp / "manifest.json", manifest.model_dump_json(indent=2) + "\n")
            (self.tmp / "schema").mkdir()
            for name, doc in schema_documents().items():
                _write_file(self.tmp / "schema" / name, json.dumps(doc, indent=2, sort_keys=True) + "\n")
            if before_publish is not None:
                before_publish(self.tmp)
            _fsync_dir(self.tmp)
            os.rename(self.tmp, self.final)
            self._point_latest()
        except OSError as exc:
            self.abort()
            raise BuildError(f"cannot write dataset in {self.out}: {exc.strerror or exc}") from exc
        except BaseException:
            self.abort()
            raise
        # Published: pruning is housekeeping, and a failure there costs only disk space.
        self.pruned = prune(self.out, self.keep, self.tmp)
        self._unlock()
        return self.final

    def _remap_ids(self, remap: dict[str, str]) -> None:
        """Give merged officials their registry id in articles.jsonl (one streaming pass)."""
        source = self.tmp / "articles.jsonl"
        target = self.tmp / "articles.jsonl.remap"
        with open(source, encoding="utf-8") as src, open(target, "w", encoding="utf-8", newline="\n") as dst:
            for line in src:
                article = Article.model_validate_json(line)
                for official in article.officials:
                    official.id = remap.get(official.id, official.id)
                for quote in article.quotes:
                    quote.speaker = remap.get(quote.speaker, quote.speaker)
                dst.write(article.model_dump_json() + "\n")
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(target, source)

    def _point_latest(self) -> None:
        link = self.out / "latest"
        if link.exists() and not link.is_symlink():
            raise BuildError(f"{link} exists and is not a symlink; move it away")
        # Named after this run (not a pid, which another container may share), under its lock.
        tmp_link = self.out / f"{self.tmp.name}.latest"
        if tmp_link.is_symlink():
            tmp_link.unlink()
        os.symlink(self.run_id, tmp_link)
        os.replace(tmp_link, link)  # atomic swap
        _fsync_dir(self.out)

    def _unlock(self) -> None:
        if self._lock is not None:
            self._lock.release(unlink=True)
            self._lock = None

    def abort(self) -> None:
        """Drop the temporary folder (previous datasets and `latest` are untouched)."""
        if self._articles is not None:
            _close_quietly(self._articles)
            self._articles = None
        shutil.rmtree(self.tmp, ignore_errors=True)
        (self.out / f"{self.tmp.name}.latest").unlink(missing_ok=True)
        self._unlock()


def _close_quietly(fh: TextIO) -> None:
    """Close a file whose buffered bytes may not fit on the disk any more (the error was reported)."""
    try:
        fh.close()
    except OSError:
        pass
