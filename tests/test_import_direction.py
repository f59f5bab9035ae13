"""The data flows fetch -> store -> clean -> extract -> load: a stage imports no later one
(but fetch, which stores what it fetched), and nothing below the crawler imports fetch.

Read from the source (ast), so the rule holds for imports inside functions too. What two stages
share (relevance.py, textcodec.py, urls.py, profiles/, models.py) sits beside the folders."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gsomia_news"
ORDER = ("fetch", "store", "clean", "extract", "load")


def _stages_imported(path: Path) -> set[str]:
    """The stage folders a module imports, relative or absolute."""
    parts = path.relative_to(PACKAGE).parts
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(parts[:-1])[: len(parts) - node.level]
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = [".".join([*target, alias.name]) for alias in node.names]
                names.append(".".join(target))
            elif node.module and node.module.startswith("gsomia_news"):
                names = [node.module.removeprefix("gsomia_news").lstrip(".")]
        elif isinstance(node, ast.Import):
            names = [a.name.removeprefix("gsomia_news").lstrip(".") for a in node.names if a.name.startswith("gsomia_news")]
        for name in names:
            head = name.split(".")[0]
            if head in ORDER:
                found.add(head)
    return found


@pytest.mark.parametrize("stage", ORDER[1:])
def test_a_stage_imports_no_later_stage(stage: str) -> None:
    # fetch is left out: it hands the pages it fetched to store, the one call down the flow
    later = set(ORDER[ORDER.index(stage) + 1:])
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        assert not (_stages_imported(path) & later), (path.name, _stages_imported(path) & later)


@pytest.mark.parametrize("folder", [*ORDER[1:], "engine"])
def test_nothing_below_the_crawler_imports_fetch(folder: str) -> None:
    # ingest-warc and builds run on Dask workers that never crawl: the crawler's HTTP stack
    # (requests, urllib3 pools, robots) stays out of them
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        assert "fetch" not in _stages_imported(path), path.name
