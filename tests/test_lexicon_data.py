"""The lexicon's data says where each row comes from, and what it says is checked where it can be."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from gsomia_news.extract.lexicon import lexicon

_ROWS = [json.loads(line) for line in
         resources.files("gsomia_news.data").joinpath("countries.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]


def test_every_country_row_names_its_source_and_no_surface_is_listed_twice() -> None:
    assert all(row.get("source") for row in _ROWS)
    texts = [row["text"] for row in _ROWS]
    assert len(texts) == len(set(texts))
    for row in _ROWS:
        assert row["source"].startswith("CLDR") or "unverified" in row["source"], row


def test_a_row_sourced_to_cldr_is_cldrs_english_name() -> None:
    babel = pytest.importorskip("babel", reason="babel (a runtime dependency's) is not installed")
    names = babel.Locale("en").territories
    for row in (r for r in _ROWS if r["source"].startswith("CLDR")):
        text = row["text"]
        if row["source"].endswith("possessive"):
            text = text[:-1] if text.endswith("s'") else text.removesuffix("'s")
        assert names.get(row["country"]) == text, row


@pytest.mark.parametrize(("phrase", "country"), [
    ("Hungarian", "HU"), ("Tanzania's", "TZ"), ("Philippines'", "PH"), ("South Sudanese", "SS"), ("Sudanese", "SD"),
    ("Czech Republic", "CZ"), ("Turkey", "TR"),
])
def test_world_countries_are_known_longest_form_first(phrase: str, country: str) -> None:
    lex = lexicon()
    found = lex.country_re.search(f"the {phrase} foreign minister")
    assert found and found.group(0) == phrase and lex.country_of(found.group(0)) == country


@pytest.mark.parametrize("word", ["Jordan", "Georgia", "Chad"])
def test_a_country_name_that_is_also_a_persons_or_a_states_is_left_out(word: str) -> None:
    # "Michael Jordan", "Georgia Gov. X", "Chad Smith": too often no country in US news
    assert lexicon().country_re.search(f"{word} said") is None
