"""The update lock: two `gsomia-news update` runs (a slow one and the next cron tick) never overlap.

The lock is a kernel lock, flock() on the lock file (`store/flock.py`), held for the whole run.
The kernel drops it when the holder dies however it dies, so a lock left by a killed run,
from this host or another container, never blocks the next one, and no pid is ever trusted
or checked. The file also holds a human-readable line, `pid host time`, written by the holder,
only so that a refused run can say who holds the lock. A holder removes the file when it is
done; a file found without a holder (a killed run) is simply taken over.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import LockError
from ..store import flock


@dataclass(frozen=True)
class LockInfo:
    """Who holds (or held) a lock, as its holder line says."""

    pid: int
    host: str
    since: str

    def line(self) -> str:
        """The lock file's content."""
        return f"{self.pid} {self.host} {self.since}\n"


def _parse(text: str) -> LockInfo | None:
    parts = text.split()
    if len(parts) != 3 or not parts[0].isdigit():
        return None
    return LockInfo(int(parts[0]), parts[1], parts[2])


def _read_holder(path: Path) -> LockInfo | None:
    try:
        return _parse(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None


class UpdateLock:
    """Context manager holding the update lock at `path` for one run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.info = LockInfo(os.getpid(), socket.gethostname(),
                             datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"))
        # The holder line a killed run left in the file we took (None: the file was new or empty).
        self.took_over: LockInfo | None = None
        self._held: flock.Held | None = None

    def acquire(self) -> None:
        """Take the lock, or raise LockError saying who holds it."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            held = flock.lock(self.path, blocking=False)
            if held is None:
                holder = _read_holder(self.path)
                who = f"pid {holder.pid} on {holder.host} since {holder.since}" if holder else "a run that is starting"
                raise LockError(f"another update is running ({who}); lock file {self.path}")
            try:
                self.took_over = _parse(os.pread(held.fd, 4096, 0).decode("utf-8", "replace"))
                os.ftruncate(held.fd, 0)
                os.pwrite(held.fd, self.info.line().encode("utf-8"), 0)
                os.fsync(held.fd)
            except BaseException:
                held.release()
                raise
        except OSError as exc:
            raise LockError(f"cannot create lock file {self.path}: {exc.strerror or exc}") from exc
        self._held = held

    def release(self) -> None:
        """Remove the lock file and drop the lock (the file goes first, while still held)."""
        if self._held is not None:
            self._held.release(unlink=True)
            self._held = None

    def __enter__(self) -> UpdateLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
