"""Extraction cache: unchanged pages are not cleaned or parsed again.

Key: sha256 of (pipeline fingerprint, raw sha256, canonical URL, outlet). The fingerprint
covers the package's own code and data files (profiles, lexicons) and the NLP model name and
version, so any change to how a page would be processed misses the cache. Values are the
article JSON without its `raw` reference. The cache folder can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

from ..models import CorpusEntry, ModelInfo

_PACKAGE = Path(__file__).resolve().parent.parent
_SUFFIXES = {".py", ".toml", ".json", ".jsonl"}


@cache
def code_digest() -> str:
    """sha256 over the package's code and data files (paths and contents)."""
    h = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in _SUFFIXES and "__pycache__" not in p.parts):
        h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def fingerprint(model: ModelInfo, dates: str = "dataset") -> str:
    """What, besides the page itself, decides an article's extraction (code, model, date profile)."""
    return hashlib.sha256(f"{code_digest()}\n{model.name}\n{model.version}\n{dates}".encode()).hexdigest()


class ExtractCache:
    """Article JSON (without `raw`) per page version, one small file each."""

    def __init__(self, folder: Path | None, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.broken = False  # set after a failed write (e.g. disk full): stop trying, build goes on

    def key(self, entry: CorpusEntry) -> str:
        """Cache key of one page version."""
        text = f"{self.fingerprint}\n{entry.sha256}\n{entry.canonical_url}\n{entry.outlet}"
        return hashlib.sha256(text.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def has(self, entry: CorpusEntry) -> bool:
        """True when this page version has a cache file (cheap: no read)."""
        return self.folder is not None and self._path(self.key(entry)).is_file()

    def get(self, entry: CorpusEntry) -> str | None:
        """Cached article JSON for this page version, or None."""
        if self.folder is None:
            return None
        try:
            return self._path(self.key(entry)).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, entry: CorpusEntry, value: str) -> None:
        """Store article JSON; failures only disable the cache for the rest of the run."""
        if self.folder is None or self.broken:
            return
        path = self._path(self.key(entry))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(value)
            os.replace(tmp, path)
        except OSError:
            self.broken = True
