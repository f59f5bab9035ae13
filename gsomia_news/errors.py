"""Coded errors: every user-facing failure has a stable code and a one-line message."""

from __future__ import annotations


class GsomiaError(Exception):
    """Base error carrying a stable code (e.g. ``E101``) and a one-line reason."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(GsomiaError):
    """Bad user input: a missing, empty or binary file, or a bad URL."""

    code = "E101"


class CorpusError(GsomiaError):
    """A corpus entry that cannot be read or does not match its recorded sha256."""

    code = "E201"


class CleanError(GsomiaError):
    """A page that the cleaner cannot turn into an article."""

    code = "E301"


class ExtractError(GsomiaError):
    """A failure inside date or official extraction."""

    code = "E401"


class BuildError(GsomiaError):
    """A build that cannot write its dataset (no dataset produced)."""

    code = "E501"


class ValidationFailed(GsomiaError):
    """A dataset that does not satisfy its schema or invariants."""

    code = "E601"


class ModelError(GsomiaError):
    """No usable spaCy English model is installed."""

    code = "E701"


class MissingDependency(GsomiaError):
    """An optional extra that a command needs is not installed (pandas, pyarrow, matplotlib)."""

    code = "E702"


class FetchError(GsomiaError):
    """A page or discovery endpoint that could not be fetched (network, HTTP status, size, redirect)."""

    code = "E801"


class LockError(GsomiaError):
    """Another `update` holds the update lock (or the lock file cannot be created)."""

    code = "E802"


class RobotsDenied(FetchError):
    """A URL that robots.txt does not let us fetch (or whose Crawl-delay we will not keep): skipped."""

    code = "E803"


class ReportError(GsomiaError):
    """The report cannot be written (the output file cannot be created)."""

    code = "E901"


class WarcError(GsomiaError):
    """WARC support that is missing, or a WARC file that cannot be written."""

    code = "E804"


class EngineError(GsomiaError):
    """A distributed engine that is not installed, cannot start, or cannot reach its scheduler."""

    code = "E502"
