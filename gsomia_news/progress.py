"""Progress of long work: a tqdm bar on a terminal, plain timestamped lines anywhere else.

A cron log or a pipe gets no carriage returns: one line per `interval` seconds (and a last one
when the work is done), each starting with a UTC timestamp, with the rate and the time left.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from typing import TextIO

# Seconds between two plain lines: often enough to see a cron run is alive, rare enough to
# keep a daily log short.
PLAIN_INTERVAL = 30.0


def timestamp() -> str:
    """Current UTC time as printed at the start of log lines (ISO 8601, seconds, Z)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real file
        return False


class Progress:
    """Count work done toward a known total; shows nothing when not `enabled`."""

    def __init__(self, total: int, label: str, unit: str = "page", *, enabled: bool = True,
                 stream: TextIO | None = None, interval: float = PLAIN_INTERVAL) -> None:
        self.total, self.label, self.unit, self.enabled = total, label, unit, enabled
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.done = 0
        self.started = time.monotonic()
        self._last_line = self.started
        self._bar = None
        if enabled and _is_terminal(self.stream):
            from tqdm import tqdm  # imported here: only a terminal needs it

            self._bar = tqdm(total=total, desc=label, unit=unit, file=self.stream, dynamic_ncols=True, leave=True)

    def update(self, n: int) -> None:
        """Record `n` more units done."""
        self.done += n
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(n)
            return
        now = time.monotonic()
        if now - self._last_line >= self.interval and self.done < self.total:
            self._last_line = now
            self._line(now)

    def close(self) -> None:
        """End the bar, or print the last plain line."""
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        else:
            self._line(time.monotonic())

    def _line(self, now: float) -> None:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        share = f" ({100 * self.done / self.total:.0f}%)" if self.total else ""
        if self.done >= self.total:
            tail = f"done in {_duration(elapsed)}"
        elif rate > 0:
            tail = f"about {_duration((self.total - self.done) / rate)} left"
        else:
            tail = "rate not known yet"
        print(f"{timestamp()} {self.label}: {self.done}/{self.total} {self.unit}s{share}, "
              f"{rate:.1f} {self.unit}s/s, {tail}", file=self.stream, flush=True)
