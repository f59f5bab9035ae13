"""Evaluation suites over ../shared (see scripts/evaluate.py): name -> function(shared, **opts) -> figures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


class Skipped(Exception):
    """A suite's data is not here; the message says what is missing."""


def _devset(shared: Path, **opts: object) -> dict:
    from . import devset
    return devset.run(shared, **opts)


def _htmldate(shared: Path, **opts: object) -> dict:
    from . import htmldate_dev
    return htmldate_dev.run(shared, **opts)


def _aeb(shared: Path, **opts: object) -> dict:
    from . import aeb
    return aeb.run(shared, **opts)


def _headlines(shared: Path, **opts: object) -> dict:
    from . import headlines
    return headlines.run(shared, **opts)


def _te3(shared: Path, **opts: object) -> dict:
    from . import te3
    return te3.run(shared, **opts)


def _relevance(shared: Path, **opts: object) -> dict:
    from . import relevance
    return relevance.run(shared, **opts)


SUITES: dict[str, Callable[..., dict]] = {"devset": _devset, "htmldate": _htmldate, "aeb": _aeb, "headlines": _headlines,
                                          "relevance": _relevance, "te3": _te3}
