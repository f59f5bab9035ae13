"""Shared fixtures: the bundled corpus copied to a temp folder, and one build of it per session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gsomia_news.build import build
from gsomia_news.settings import BuildOptions

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "gold" / "seeds"
FIXTURES = REPO / "tests" / "fixtures"


def load_gold() -> list[dict]:
    """Hand-written gold of every seed (tests/gold/seeds/*.json)."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


def read_articles(dataset: Path) -> list[dict]:
    """articles.jsonl of a dataset as dicts."""
    return [json.loads(line) for line in (dataset / "articles.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled corpus/ (tests may damage it)."""
    target = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", target)
    return target


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/latest of the bundled corpus, built once per test session."""
    root = tmp_path_factory.mktemp("seedbuild")
    shutil.copytree(REPO / "corpus", root / "corpus")
    result = build(BuildOptions(corpus=root / "corpus", out=root / "build", progress=False))
    assert result.exit_code == 0, result.manifest.failures
    return root / "build" / "latest"


@pytest.fixture(scope="session")
def seed_articles(seed_build: Path) -> dict[str, dict]:
    """Seed articles keyed by the URL they were ingested with."""
    return {a["raw"]["url"]: a for a in read_articles(seed_build)}
