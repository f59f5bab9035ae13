"""Golden pairs, one per outlet page form (tests/fixtures/outlets/<outlet>.<slug>.{html,txt} and
.expected.json, hand-made; gold written by reading each page): the cleaner's output per field."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from gsomia_news.clean import clean_page
from gsomia_news.models import CleanArticle, CorpusEntry
from gsomia_news.profiles import profile_for_url
from gsomia_news.textcodec import decode, sniff_content_type
from gsomia_news.urls import canonical_url

FOLDER = Path(__file__).parent / "fixtures" / "outlets"
CASES = sorted(FOLDER.glob("*.expected.json"))


def _page(expected_path: Path) -> Path:
    stem = expected_path.name.removesuffix(".expected.json")
    (page,) = [p for p in FOLDER.glob(stem + ".*") if not p.name.endswith(".expected.json")]
    return page


def clean_fixture(expected_path: Path) -> tuple[CleanArticle, dict]:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    raw = _page(expected_path).read_bytes()
    content_type = sniff_content_type(decode(raw)[0])
    assert content_type == expected["content_type"]
    url = expected["url"]
    entry = CorpusEntry(url=url, canonical_url=canonical_url(url), outlet=profile_for_url(url).key,
                        obtained_at="2026-01-01T00:00:00Z", how="ingest", content_type=content_type,
                        sha256=hashlib.sha256(raw).hexdigest(), size=len(raw), path="x", version=1)
    return clean_page(entry, raw), expected


def _ws(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(params=CASES, ids=[c.name.removesuffix(".expected.json") for c in CASES])
def case(request: pytest.FixtureRequest) -> tuple[CleanArticle, dict]:
    return clean_fixture(request.param)


def test_every_outlet_has_a_fixture() -> None:
    outlets = {c.name.split(".")[0] for c in CASES}
    assert {"korea-joongang-daily", "kbs-world", "korea-times", "donga", "generic"} <= outlets


def test_title_and_subtitle(case: tuple[CleanArticle, dict]) -> None:
    article, expected = case
    assert article.title == expected["title"]
    assert article.subtitle == expected["subtitle"]


def test_authors(case: tuple[CleanArticle, dict]) -> None:
    article, expected = case
    assert article.authors == expected["authors"]


def test_dates_and_their_source(case: tuple[CleanArticle, dict]) -> None:
    article, expected = case
    assert (article.published, article.published_source) == (expected["published"], expected["published_source"])
    assert article.updated == expected["updated"]


def test_section(case: tuple[CleanArticle, dict]) -> None:
    article, expected = case
    assert article.section == expected["section"]


def test_captions_apart_and_collapsed(case: tuple[CleanArticle, dict]) -> None:
    article, expected = case
    assert [_ws(c) for c in article.captions] == [_ws(c) for c in expected["captions"]]


def test_first_and_last_story_sentence(case: tuple[CleanArticle, dict]) -> None:
    article, expected = case
    body = article.body
    first, last = _ws(expected["first_sentence"]), _ws(expected["last_sentence"])
    assert first in body and body.index(first) <= len("Anchor: ")
    assert body.endswith(last)


def test_story_kept_furniture_removed(case: tuple[CleanArticle, dict]) -> None:
    article, expected = case
    for sentence in expected["must_contain"]:
        assert _ws(sentence) in article.body
    for junk in expected["must_not_contain"]:
        assert _ws(junk) not in article.body, junk
