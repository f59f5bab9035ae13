"""Date mentions: the hand-written expression table (tests/data/date_expressions.jsonl) and
sentence table (tests/data/date_sentences.jsonl), ranges
of every value form, the two profiles, and calendar properties of weekday resolution.

Table rows run with the DATASET profile unless they say `"profile": "timeml"`; a row may also
give the `mod` it expects."""

from __future__ import annotations

import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from gsomia_news.extract.calendar_math import value_range, weekday_date
from gsomia_news.extract.date_patterns import COMPILED
from gsomia_news.extract.dates import DATASET, TIMEML, _pattern_matches, find_dates
from gsomia_news.extract.nlp import load_nlp
from gsomia_news.models import DATE_VALUE_PATTERN

DATA = Path(__file__).parent / "data"
ROWS = [json.loads(line) for line in (DATA / "date_expressions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
# Hand-written news sentences (none from a benchmark or the devset), each with EVERY mention the
# DATASET profile lists, in text order, as [text, value] or [text, value, mod]; `timeml` gives the
# TIMEML profile's list where it differs (TimeML's extents, offsets, references, spans).
SENTENCES = [json.loads(line) for line in (DATA / "date_sentences.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_expression_table(row: dict) -> None:
    sentence = row["sentence"]
    options = TIMEML if row.get("profile") == "timeml" else DATASET
    mentions = find_dates(sentence, row["anchor"], load_nlp()(sentence), options)
    if row["kind"] == "none":
        # Not a date: either skipped, or present without a value.
        overlapping = [m for m in mentions if m.text in row["text"] or row["text"] in m.text]
        assert all(m.value is None for m in overlapping), overlapping
        return
    hits = [m for m in mentions if m.text == row["text"]]
    assert hits, f"{row['text']!r} not found in {[m.text for m in mentions]}"
    assert hits[0].value == row["value"]
    assert sentence[hits[0].start:hits[0].end] == row["text"]
    assert hits[0].kind == row["kind"]
    if "mod" in row:
        assert hits[0].mod == row["mod"]
    # every calendar value carries its range; references carry none
    if row["value"] and not row["value"].endswith("_REF"):
        assert hits[0].range is not None
        assert (hits[0].range.start, hits[0].range.end) == tuple(d.isoformat() for d in value_range(row["value"]))
    else:
        assert hits[0].range is None


@pytest.mark.parametrize("row", SENTENCES, ids=[r["id"] for r in SENTENCES])
def test_sentence_table(row: dict) -> None:
    sentence = row["sentence"]
    doc = load_nlp()(sentence)
    for options, want in ((DATASET, row["dates"]), (TIMEML, row.get("timeml", row["dates"]))):
        found = find_dates(sentence, row["anchor"], doc, options)
        got = [[m.text, m.value, m.mod][:len(w)] for m, w in zip(found, want)] + [[m.text, m.value] for m in found[len(want):]]
        assert got == want, (options, [(m.text, m.value, m.mod) for m in found])
        for m in found:
            assert sentence[m.start:m.end] == m.text


def test_sentence_table_covers_the_classes() -> None:
    classes = {r["class"] for r in SENTENCES}
    assert len(SENTENCES) >= 300
    for label in (
            # the reviewer's class 15: scheduled present tense, an indefinite weekday, ordinal days
            "weekday-scheduled", "none-indefinite-weekday", "weekday-ordinal-day", "none-ordinal",
            # what the devset rules list
            "weekday-past", "weekday-future", "weekday-rel", "month-day-past", "month-day-future",
            "month-day-new-year", "month-day-year", "sentence-year", "bare-month-past", "bare-month-future",
            "modified-month", "month-year", "year", "rel-year", "modified-year", "week", "deictic-day",
            "same-day", "following-day", "previous-day", "weekend", "season", "quarter", "half", "ago",
            "holiday", "null-anchor", "dateline", "leap-day",
            # and what they exclude
            "none-duration", "none-time-of-day", "none-set", "none-set-weekday", "offset", "none-offset",
            "none-span", "decade", "century", "ref-present", "ref-past", "ref-future", "none-number", "none-name"):
        assert label in classes, label


def test_table_covers_every_rule() -> None:
    covers = {r["covers"] for r in ROWS}
    assert len(ROWS) >= 200
    for label in ("weekday-past", "weekday-future", "month-day", "anaphoric", "null-anchor",
                  "none-duration", "none-time-of-day", "none-set", "none-span", "next-week", "end-of-this-week",
                  # the failure classes of issue 13
                  "ref-present", "ref-past", "ref-future", "none-ref-dataset", "quarter", "quarter-year",
                  "half-year", "season", "decade", "century", "fiscal-year", "modified-month-rel-year",
                  "end-of-last-month", "weekend", "modified-month", "month-rel-year", "month-that-year",
                  "bare-month", "year-span", "old-year", "month-year-from-sentence", "none-number",
                  "none-name", "none-title", "weekday-month-day", "month-day-payable", "offset", "none-offset",
                  "none-in-day", "ago-quarter"):
        assert label in covers, label


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
        # no tense: the past one, unless the future one is under half as far
        assert nearest == (future if 2 * (future - anchor).days < (anchor - past).days else past)
        if weekday == anchor.weekday():
            assert past == future == nearest == anchor


def test_tense_picks_the_side() -> None:
    nlp = load_nlp()
    anchor = "2019-11-20"  # a Wednesday
    said = "Seoul said Thursday it would not change its mind."
    will = "The two ministers will meet on Thursday in Bangkok."
    assert find_dates(said, anchor, nlp(said))[0].value == "2019-11-14"
    assert find_dates(will, anchor, nlp(will))[0].value == "2019-11-21"


@pytest.mark.parametrize("value, first, last", [
    ("2019-11-22", "2019-11-22", "2019-11-22"), ("2020-02", "2020-02-01", "2020-02-29"),
    ("2019", "2019-01-01", "2019-12-31"), ("2019-W47", "2019-11-18", "2019-11-24"),
    ("2019-W47-WE", "2019-11-23", "2019-11-24"), ("2020-W01", "2019-12-30", "2020-01-05"),
    ("2019-Q3", "2019-07-01", "2019-09-30"), ("2019-Q4", "2019-10-01", "2019-12-31"),
    ("2020-H1", "2020-01-01", "2020-06-30"), ("2020-H2", "2020-07-01", "2020-12-31"),
    ("2019-SP", "2019-03-01", "2019-05-31"), ("2019-SU", "2019-06-01", "2019-08-31"),
    ("2019-FA", "2019-09-01", "2019-11-30"), ("2019-WI", "2019-12-01", "2020-02-29"),
    ("197", "1970-01-01", "1979-12-31"), ("19", "1900-01-01", "1999-12-31"), ("20", "2000-01-01", "2099-12-31"),
])
def test_value_ranges(value: str, first: str, last: str) -> None:
    assert re.match(DATE_VALUE_PATTERN, value)
    start, end = value_range(value)
    assert (start.isoformat(), end.isoformat()) == (first, last)


@pytest.mark.parametrize("value", ["PRESENT_REF", "PAST_REF", "FUTURE_REF", None, "2019-13", "2019-W60"])
def test_references_and_bad_values_have_no_range(value: str | None) -> None:
    assert value_range(value) is None


def test_profiles_differ_only_in_what_the_dataset_leaves_out() -> None:
    text = ("Seoul is now reviewing the pact, which it signed in November 2016. A year earlier, talks "
            "had stalled over the weekend; ties have been tense since the late 1990s.")
    nlp = load_nlp()
    doc = nlp(text)
    dataset = {(m.text, m.value) for m in find_dates(text, "2019-08-20", doc, DATASET)}
    timeml = {(m.text, m.value) for m in find_dates(text, "2019-08-20", doc, TIMEML)}
    assert dataset == {("November 2016", "2016-11"), ("over the weekend", "2019-W33")}
    assert timeml == {("now", "PRESENT_REF"), ("November 2016", "2016-11"), ("A year earlier", "2015-11"),
                      ("the weekend", "2019-W33-WE"), ("the late 1990s", "199")}


def test_every_mention_is_valid_and_ranged() -> None:
    # The seed bodies and the whole table through both profiles: values fit the schema, every
    # calendar value has a range that contains nothing outside its value.
    nlp = load_nlp()
    texts = [r["sentence"] for r in ROWS + SENTENCES] + [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "corpus").rglob("*.txt"))]
    for text in texts:
        doc = nlp(text)
        for options in (DATASET, TIMEML):
            for m in find_dates(text, "2019-11-20", doc, options):
                assert text[m.start:m.end] == m.text
                if m.value is None or m.value.endswith("_REF"):
                    assert m.range is None
                else:
                    assert re.match(DATE_VALUE_PATTERN, m.value), m
                    assert m.range is not None and m.range.start <= m.range.end, m


def test_without_publication_date_relative_values_are_null() -> None:
    text = "The ministers met on Thursday, last month, and again in November 2016 and on Nov. 22."
    values = {m.text: m.value for m in find_dates(text, None, load_nlp()(text))}
    assert values == {"Thursday": None, "last month": None, "November 2016": "2016-11", "Nov. 22": None}


# Words and separators that make every pattern match, nearly match, or start inside a word.
_VOCAB = ("January Jan. Sept Sep. May june March 1 22 31 2019 1999 12019 the The THE that same following "
          "next previous day week month year years ago AGO early Mid late end beginning of in as since "
          "till through last This coming past spring ſpring Summer FALL today Yesterday TOMORROW "
          "earlier later a an two twelve Korea x percent Monday Sunday every").split()
_VOCAB += ("now", "Currently", "recently", "in the past", "the future", "soon", "third-quarter", "quarter",
           "the fourth quarter", "first half", "fiscal", "the 1970s", "late 1990s", "'80s", "the eighties",
           "20th century", "the last century", "nineteen ninety-six", "the year two thousand", "weekend",
           "over the weekend", "this past", "Christmas", "Thanksgiving Day", "Easter", "year-end", "year-ago",
           "the year-earlier period", "two years earlier", "later", "earlier", "2009-2010", "1876", "in 1876",
           "post-1959", "Friday, Nov. 22", "22 November", "payable", "current", "recent years", "ago",
           "several years ago", "about", "nearly", "previous", "Monday", "fiscal 2020", "the 2018 second quarter",
           "this year's", "last year", "that year", "of", "for", "next", "K", "ſ", "İ", "ı")
_VOCAB += ("a week later", "the day after", "that same day", "the day before", "as of", "the end of",
           "earlier in the day", "later that day", "three weeks ago", "the following month", "the previous year",
           "early next week", "later this month", "this coming", "in August", "mid-2019", "late November",
           "1 May 2019", "2019-11-22")
_VOCAB += ("the last few months", "then current", "then-current", "the latest period", "the most recent period",
           "tonight", "Tonight", "the 17th", "on the 3rd", "of next month", "of the month", "the 22nd of", "the week of",
           "earlier in the year", "later in the month", "the past week", "the past", "Liberation Day", "a Saturday",
           "every Monday and", "midnight", "9 a.m.", "early", "night", "around", "post-1959", "last year's quarter",
           "the quarter a year ago", "summer of", "The summer of", "fiscal 2019-20", "KE2019", "billion")
_SEPARATORS = (" ", " ", " ", "-", ", ", ". ", "\n\n", "", "–", "/")


def _texts() -> list[str]:
    rng = random.Random(7)  # fixed: the same texts every run
    made = ["".join(rng.choice(_VOCAB) + rng.choice(_SEPARATORS) for _ in range(rng.randint(1, 12)))
            for _ in range(3000)]
    made += [t.upper() for t in made[:500]] + [t.title() for t in made[500:1000]]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "corpus").rglob("*.txt"))]
    return [r["sentence"] for r in ROWS + SENTENCES] + seeds + made


def test_starters_give_exactly_what_finditer_gives() -> None:
    # The fast path (try each pattern only where its starter matches) must lose nothing.
    for text in _texts():
        fast: dict[str, list[tuple[int, int]]] = {}
        for _, name, _, match in _pattern_matches(text):
            fast.setdefault(name, []).append(match.span())
        for name, _, pattern in COMPILED:
            assert fast.get(name, []) == [m.span() for m in pattern.finditer(text)], (name, text)
