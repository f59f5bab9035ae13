"""Date mentions: the hand-written expression table (tests/data/date_expressions.jsonl) and
calendar properties of weekday resolution."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from gsomia_news.extract.calendar_math import weekday_date
from gsomia_news.extract.date_patterns import COMPILED
from gsomia_news.extract.dates import _pattern_matches, find_dates
from gsomia_news.extract.nlp import load_nlp

ROWS = [json.loads(line) for line in (Path(__file__).parent / "data" / "date_expressions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_expression_table(row: dict) -> None:
    sentence = row["sentence"]
    mentions = find_dates(sentence, row["anchor"], load_nlp()(sentence))
    if row["kind"] == "none":
        # Not a date: either skipped, or present without a value.
        overlapping = [m for m in mentions if m.text in row["text"] or row["text"] in m.text]
        assert all(m.value is None for m in overlapping), overlapping
        return
    hits = [m for m in mentions if m.text == row["text"]]
    assert hits, f"{row['text']!r} not found in {[m.text for m in mentions]}"
    assert hits[0].value == row["value"]
    assert sentence[hits[0].start:hits[0].end] == row["text"]


def test_table_covers_every_rule() -> None:
    covers = {r["covers"] for r in ROWS}
    assert len(ROWS) >= 80
    for label in ("weekday-past", "weekday-future", "month-day", "anaphoric", "null-anchor",
                  "none-duration", "none-time-of-day", "none-set", "none-span", "next-week", "end-of-this-week"):
        assert label in covers


ANCHORS = [date(2019, 11, 1) + timedelta(days=n) for n in range(0, 70, 3)]


@pytest.mark.parametrize("anchor", ANCHORS, ids=str)
def test_weekday_lands_on_the_side_the_tense_says(anchor: date) -> None:
    for weekday in range(7):
        past = weekday_date(anchor, weekday, "past")
        future = weekday_date(anchor, weekday, "future")
        nearest = weekday_date(anchor, weekday, "none")
        for day in (past, future, nearest):
            assert day.weekday() == weekday
        assert anchor - timedelta(days=6) <= past <= anchor
        assert anchor <= future <= anchor + timedelta(days=6)
        assert abs((nearest - anchor).days) <= 3
        if weekday == anchor.weekday():
            assert past == future == nearest == anchor


def test_tense_picks_the_side() -> None:
    nlp = load_nlp()
    anchor = "2019-11-20"  # a Wednesday
    said = "Seoul said Thursday it would not change its mind."
    will = "The two ministers will meet on Thursday in Bangkok."
    assert find_dates(said, anchor, nlp(said))[0].value == "2019-11-14"
    assert find_dates(will, anchor, nlp(will))[0].value == "2019-11-21"


def test_without_publication_date_relative_values_are_null() -> None:
    text = "The ministers met on Thursday, last month, and again in November 2016 and on Nov. 22."
    values = {m.text: m.value for m in find_dates(text, None, load_nlp()(text))}
    assert values == {"Thursday": None, "last month": None, "November 2016": "2016-11", "Nov. 22": None}


# Words and separators that make every pattern match, nearly match, or start inside a word.
_VOCAB = ("January Jan. Sept Sep. May june March 1 22 31 2019 1999 12019 the The THE that same following "
          "next previous day week month year years ago AGO early Mid late end beginning of in as since "
          "till through last This coming past spring ſpring Summer FALL today Yesterday TOMORROW "
          "earlier later a an two twelve Korea x percent Monday Sunday every").split()
_VOCAB += ("a week later", "the day after", "that same day", "the day before", "as of", "the end of",
           "earlier in the day", "later that day", "three weeks ago", "the following month", "the previous year",
           "early next week", "later this month", "this coming", "in August", "mid-2019", "late November",
           "1 May 2019", "2019-11-22")
_SEPARATORS = (" ", " ", " ", "-", ", ", ". ", "\n\n", "", "–", "/")


def _texts() -> list[str]:
    rng = random.Random(7)  # fixed: the same texts every run
    made = ["".join(rng.choice(_VOCAB) + rng.choice(_SEPARATORS) for _ in range(rng.randint(1, 12)))
            for _ in range(3000)]
    made += [t.upper() for t in made[:500]] + [t.title() for t in made[500:1000]]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "corpus").rglob("*.txt"))]
    return [r["sentence"] for r in ROWS] + seeds + made


def test_starters_give_exactly_what_finditer_gives() -> None:
    # The fast path (try each pattern only where its starter matches) must lose nothing.
    for text in _texts():
        fast: dict[str, list[tuple[int, int]]] = {}
        for _, name, _, match in _pattern_matches(text):
            fast.setdefault(name, []).append(match.span())
        for name, _, pattern in COMPILED:
            assert fast.get(name, []) == [m.span() for m in pattern.finditer(text)], (name, text)
