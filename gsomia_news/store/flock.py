"""Kernel file locks (flock) on lock files that may be removed: the one primitive every writer shares.

A lock held with flock() is dropped by the kernel when its holder dies, however it dies (a
kill -9, a container restart), so a dead holder never blocks anyone and no pid has to be
checked. Lock files may be unlinked by whoever holds them (to tidy up); a process that locked
a file just as it was unlinked notices that its path now names another file (or none) and
tries again, so two processes can never both believe they hold one path's lock.

Used by: the corpus (one lock per page folder around check-and-store), the dataset writer
(one lock per temporary build folder) and the update lock (`fetch/lock.py`).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class Held:
    """An flock held on `path` through the open descriptor `fd` (closing it releases the lock)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd

    def release(self, unlink: bool = False) -> None:
        """Drop the lock; with `unlink`, remove the lock file first (while still holding it)."""
        if self.fd < 0:
            return
        try:
            if unlink:
                try:
                    self.path.unlink()
                except FileNotFoundError:
                    pass
        finally:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> Held:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def lock(path: Path, *, blocking: bool = True) -> Held | None:
    """Hold an exclusive flock on `path` (created if need be); None when `blocking` is False and
    another process holds it. FileNotFoundError when the folder of `path` is gone."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    while True:
        fd = os.open(path, flags, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return None
        except BaseException:
            os.close(fd)
            raise
        # The file may have been unlinked (and maybe re-created) between open and flock.
        try:
            now, ours = os.stat(path, follow_symlinks=False), os.fstat(fd)
            same = (now.st_dev, now.st_ino) == (ours.st_dev, ours.st_ino)
        except FileNotFoundError:
            same = False
        if same:
            return Held(path, fd)
        os.close(fd)
