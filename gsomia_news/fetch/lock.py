"""The update lock: two `gsomia-news update` runs (a slow one and the next cron tick) never overlap.

The lock is a file created with O_CREAT|O_EXCL holding `pid host time`. Another run that finds
it refuses with a one-line reason, unless the lock is stale: written on this host by a pid
that no longer exists (a killed run). A stale lock is taken over under an flock()ed guard file,
so two runs that find the same stale lock cannot both take it (the kernel drops an flock when
its process dies, so the guard itself can never go stale).
"""

from __future__ import annotations

import errno
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import LockError

try:  # POSIX only; elsewhere the takeover is merely unguarded
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

# A lock file still empty this long after creation was left by a run killed between
# create and write.
_EMPTY_GRACE_SECONDS = 10.0


@dataclass(frozen=True)
class LockInfo:
    """Who holds a lock."""

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


def pid_alive(pid: int) -> bool:
    """True when a process with this pid exists on this host."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _stale(path: Path, info: LockInfo | None) -> bool:
    if info is None:
        try:
            age = time.time() - path.stat().st_mtime
        except FileNotFoundError:
            return True
        return age > _EMPTY_GRACE_SECONDS
    # Another host's pid cannot be checked from here: such a lock is trusted.
    return info.host == socket.gethostname() and not pid_alive(info.pid)


@contextmanager
def _guard(path: Path) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(path.with_name(path.name + ".guard"), os.O_CREAT | os.O_RDWR, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing drops the flock


class UpdateLock:
    """Context manager holding the update lock at `path` for one run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.info = LockInfo(os.getpid(), socket.gethostname(),
                             datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"))
        self.took_over: LockInfo | None = None
        self._held = False

    def _create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(self.info.line())
            fh.flush()
            os.fsync(fh.fileno())
        return True

    def acquire(self) -> None:
        """Take the lock, or raise LockError saying who holds it."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _guard(self.path):
                if not self._create():
                    try:
                        holder = _parse(self.path.read_text(encoding="utf-8"))
                    except FileNotFoundError:
                        holder = None
                    if not _stale(self.path, holder):
                        who = f"pid {holder.pid} on {holder.host} since {holder.since}" if holder else "a run that is starting"
                        raise LockError(f"another update is running ({who}); lock file {self.path}")
                    # Dead owner: remove its lock and take ours (still under the guard).
                    self.path.unlink(missing_ok=True)
                    self.took_over = holder
                    if not self._create():
                        raise LockError(f"could not take over the stale lock {self.path}")
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EROFS, errno.ENOSPC):
                raise LockError(f"cannot create lock file {self.path}: {exc.strerror}") from exc
            raise LockError(f"cannot create lock file {self.path}: {exc}") from exc
        self._held = True

    def release(self) -> None:
        """Remove the lock if it is still ours."""
        if not self._held:
            return
        self._held = False
        try:
            if _parse(self.path.read_text(encoding="utf-8")) == self.info:
                self.path.unlink()
        except FileNotFoundError:
            pass

    def __enter__(self) -> UpdateLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
