"""Load stage: write one dataset per run, atomically, then move `latest` to it.

Lifecycle (Scrapy-exporter style): `start()` makes `<out>/.tmp-<run>-<pid>/`, `write()`
streams articles to it, `finish()` writes officials (JSON and JSON Lines), manifest, schemas
and any exported tables, fsyncs, renames the folder to `<out>/<run>/` and only then swaps the
`latest` symlink. `abort()` removes the
temporary folder. A run killed at any point leaves the previous `latest` intact and complete.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from ..errors import BuildError
from ..models import Article, Manifest, Person
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


def remove_stale_temp(out: Path) -> None:
    """Delete temporary folders of killed runs (their process no longer exists)."""
    for tmp in out.glob(".tmp-*"):
        try:
            pid = int(tmp.name.rsplit("-", 1)[1])
            os.kill(pid, 0)
            continue  # that run is still going
        except (ValueError, IndexError, ProcessLookupError):
            shutil.rmtree(tmp, ignore_errors=True)
        except PermissionError:
            continue


class DatasetWriter:
    """Writes `<out>/<run_id>/` through a temporary folder."""

    def __init__(self, out: Path, run_id: str) -> None:
        self.out = out
        self.run_id = run_id
        self.tmp = out / f".tmp-{run_id}-{os.getpid()}"
        self.final = out / run_id
        self._articles = None
        self.count = 0

    def start(self) -> None:
        """Create the temporary folder and open articles.jsonl."""
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            remove_stale_temp(self.out)
            self.tmp.mkdir()
            self._articles = open(self.tmp / "articles.jsonl", "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise BuildError(f"cannot create build folder in {self.out}: {exc.strerror or exc}") from exc

    def write_line(self, article_json: str) -> None:
        """Append one article already serialised by `Article.model_dump_json`."""
        assert self._articles is not None
        self._articles.write(article_json + "\n")
        self.count += 1

    def finish(self, people: list[Person], manifest: Manifest, remap: dict[str, str] | None = None,
               before_publish: Callable[[Path], None] | None = None) -> Path:
        """Write the rest, publish the folder, move `latest`; returns the dataset folder.

        `before_publish(folder)` runs on the complete temporary folder just before it is
        published (the exports write their tables there, so they are published atomically too)."""
        assert self._articles is not None
        try:
            self._articles.flush()
            os.fsync(self._articles.fileno())
            self._articles.close()
            self._articles = None
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
        tmp_link = self.out / f".latest-{os.getpid()}"
        if tmp_link.is_symlink():
            tmp_link.unlink()
        os.symlink(self.run_id, tmp_link)
        os.replace(tmp_link, link)  # atomic swap
        _fsync_dir(self.out)

    def abort(self) -> None:
        """Drop the temporary folder (previous datasets and `latest` are untouched)."""
        if self._articles is not None:
            self._articles.close()
            self._articles = None
        shutil.rmtree(self.tmp, ignore_errors=True)
