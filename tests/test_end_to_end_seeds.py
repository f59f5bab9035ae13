"""End to end on the five seeds: the bundled corpus -> build -> articles checked against gold
written by reading each capture (tests/gold/seeds)."""

from __future__ import annotations

import pytest

from conftest import load_gold

GOLD = load_gold()
IDS = [g["file"] for g in GOLD]


def test_one_article_per_seed(seed_articles: dict[str, dict]) -> None:
    assert sorted(seed_articles) == sorted(g["url"] for g in GOLD)


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_title_is_the_headline(gold: dict, seed_articles: dict[str, dict]) -> None:
    assert seed_articles[gold["url"]]["title"] == gold["title"]


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_body_has_no_furniture(gold: dict, seed_articles: dict[str, dict]) -> None:
    body = seed_articles[gold["url"]]["body"]
    paragraphs = {p.strip() for p in body.split("\n\n")}
    for line in gold["furniture"]:
        assert line not in paragraphs, f"furniture kept as a paragraph: {line!r}"
        if len(line) >= 12:
            assert line not in body, f"furniture inside the body: {line!r}"


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_captions_kept_apart(gold: dict, seed_articles: dict[str, dict]) -> None:
    article = seed_articles[gold["url"]]
    assert article["captions"] == gold["captions"]
    for caption in gold["captions"]:
        assert caption not in article["body"]


def _ws(text: str) -> str:
    """Whitespace collapsed: the cleaner turns no-break spaces and runs of spaces into one space."""
    return " ".join(text.split())


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_body_keeps_first_and_last_sentence(gold: dict, seed_articles: dict[str, dict]) -> None:
    body = seed_articles[gold["url"]]["body"]
    first, last = _ws(gold["first_sentence"]), _ws(gold["last_sentence"])
    assert first in body
    assert last in body
    # nothing before the first sentence but a radio-script speaker label, nothing after the last
    assert body.index(first) <= len("Anchor: ")
    assert body.endswith(last)


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_authors_from_byline(gold: dict, seed_articles: dict[str, dict]) -> None:
    assert seed_articles[gold["url"]]["authors"] == gold["authors"]


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_published_only_where_stated(gold: dict, seed_articles: dict[str, dict]) -> None:
    article = seed_articles[gold["url"]]
    assert article["published"] == gold["published"]
    assert article["published_source"] == gold["published_source"]
    assert article["updated"] == gold["updated"]


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_offsets_point_into_body(gold: dict, seed_articles: dict[str, dict]) -> None:
    article = seed_articles[gold["url"]]
    body = article["body"]
    for date in article["dates"]:
        assert body[date["start"]:date["end"]] == date["text"]
    for official in article["officials"]:
        assert official["mentions"], official
        for mention in official["mentions"]:
            assert body[mention["start"]:mention["end"]] == mention["text"]


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_dates_match_gold(gold: dict, seed_articles: dict[str, dict]) -> None:
    got = [(d["text"], d["value"], d["kind"]) for d in seed_articles[gold["url"]]["dates"]]
    want = [(d["text"], d["value"], d["kind"]) for d in gold["dates"]]
    assert got == want


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_non_dates_carry_no_value(gold: dict, seed_articles: dict[str, dict]) -> None:
    valued = {d["text"] for d in seed_articles[gold["url"]]["dates"] if d["value"]}
    for item in gold["non_dates"]:
        assert item["text"] not in valued


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_officials_are_the_gold_people(gold: dict, seed_articles: dict[str, dict]) -> None:
    got = {o["name"] for o in seed_articles[gold["url"]]["officials"]}
    assert got == {o["name"] for o in gold["officials"]}
    for wrong in gold["not_officials"]:
        assert wrong["text"] not in got


@pytest.mark.parametrize("gold", GOLD, ids=IDS)
def test_authors_are_not_officials(gold: dict, seed_articles: dict[str, dict]) -> None:
    names = {o["name"] for o in seed_articles[gold["url"]]["officials"]}
    assert not names & set(gold["authors"])
