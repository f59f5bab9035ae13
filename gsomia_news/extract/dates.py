"""Date mentions: every day, month, year, week or season the body names, anchored.

Order of work: find candidates with the named patterns (date_patterns.py), keep the longest
non-overlapping ones, then resolve each in text order:
  absolute   calendar names ("Nov. 22", "November 2016", "late 2018"); a missing year is the
             one nearest the publication date on the side the clause's tense says;
  relative   deictic ("Thursday", "last month", "next week") against the publication date;
  anaphoric  ("the following month", "that day") against the previous date in the text.
No publication date -> relative values are null; durations, times of day, recurring sets
and spans are never matched, so they never carry a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..models import DateMention
from .calendar_math import (
    Tense, infer_year_day, infer_year_month, iso_week, last_named_month, month_value,
    next_named_month, shift, value_at, weekday_date,
)
from .date_patterns import (
    COMPILED, COMPILED_STARTERS, FUTURE_HEADS, MONTHS, NEEDS, NUMBERS, SCHEDULED_VERBS, STARTS, WEEKDAYS,
)


def anchor_date(published: str | None) -> date | None:
    """The publication day (local date as printed) or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _starts(body: str) -> dict[str, list[int]]:
    """Positions where each starter matches (see date_patterns.STARTERS)."""
    return {name: [m.start() for m in rx.finditer(body)] for name, rx in COMPILED_STARTERS.items()}


def _matches(pattern: re.Pattern[str], body: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(body)`, trying only `starts` (which hold every position it can match at)."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(body, start)):
            end = match.end()  # no pattern matches the empty string, so this moves on
            yield match


def _pattern_matches(body: str) -> Iterator[tuple[int, str, str, re.Match[str]]]:
    """(order, name, kind, match) for every pattern, as each pattern's finditer would give them."""
    starts = _starts(body)
    lowered = body.lower()
    for order, (name, kind, pattern) in enumerate(COMPILED):
        if name in STARTS:
            matches: Iterator[re.Match[str]] = _matches(pattern, body, starts[STARTS[name]])
        elif NEEDS.get(name, "") in lowered:  # a pattern in neither table always runs
            matches = pattern.finditer(body)
        else:
            continue
        for match in matches:
            yield order, name, kind, match


def _candidates(body: str) -> list[tuple[int, int, str, str, dict[str, str | None]]]:
    found = []
    for order, name, kind, match in _pattern_matches(body):
        groups = match.groupdict()
        start, end = match.span("core") if groups.get("core") else match.span()
        if name == "weekday" and body[max(0, start - 6):start].lower().strip() in ("every", "each"):
            continue  # a recurring set, not a date
        found.append((start, end, name, kind, groups, order))
    # Longest first, then pattern order; keep what does not overlap a kept one.
    found.sort(key=lambda c: (-(c[1] - c[0]), c[5], c[0]))
    kept: list[tuple[int, int, str, str, dict[str, str | None]]] = []
    taken: list[tuple[int, int]] = []
    for start, end, name, kind, groups, _ in found:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        kept.append((start, end, name, kind, groups))
    return sorted(kept)


# ------------------------------------------------------------------ tense from the parse


def _verb_tense(verb: Any) -> Tense:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {a.lemma_.lower() for a in aux}
    if lemmas & {"will", "shall"} or any(a.text.lower() in ("'ll", "’ll") for a in aux):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if verb.tag_ == "VBN" and lemmas & {"have"}:
        return "past"
    if "to" in {a.text.lower() for a in aux}:
        head = verb.head
        if head.i != verb.i and head.lemma_.lower() in FUTURE_HEADS:
            return "future"
        return "none"
    if verb.lemma_.lower() in FUTURE_HEADS and verb.tag_ in ("VBN", "VBZ", "VBP") and lemmas & {"be"}:
        return "future"  # "is scheduled / set / expected for Tuesday"
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() in SCHEDULED_VERBS:
        return "future"  # "the pact expires Friday"
    return "none"


def tense_at(doc: Any, start: int, end: int) -> Tense:
    """Tense of the clause a date attaches to: past, future, or none (use the nearest date)."""
    if doc is None:
        return "none"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "none"
    token = span.root
    # A bare adverbial ("talks Saturday discussed") modifies the clause even when the parser
    # hangs it on a noun; only a prepositional date ("visit on Sunday") belongs to its noun.
    prepositional = token.dep_ == "pobj"
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.head.i == token.i:
            return "none"
        if prepositional and token.dep_ in ("nsubj", "nsubjpass") and token not in span:
            # The date sits inside the clause's subject ("Abe's visit on Sunday ... will be the
            # turning point"): the main verb's tense says nothing about it; use the nearest day.
            return "none"
        token = token.head
    else:
        return "none"
    if token.pos_ not in ("VERB", "AUX"):
        return "none"
    return _verb_tense(token)


# ------------------------------------------------------------------ resolution


def _num(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else NUMBERS.get(text.lower())


def _month(groups: dict[str, str | None]) -> int:
    return MONTHS[(groups["month"] or "").lower().rstrip(".")]


def _resolve(name: str, g: dict[str, str | None], anchor: date | None, tense: Tense,
             prev: str | None) -> str | None:
    year = int(g["year"]) if g.get("year") else None
    if name == "iso_date":
        return f"{year:04d}-{g['m']}-{int(g['day'] or 0):02d}"
    if name in ("month_day_year", "day_month_year"):
        try:
            return date(year, _month(g), int(g["day"] or 0)).isoformat()  # type: ignore[arg-type]
        except ValueError:
            return None
    if name in ("month_year", "mod_month_year"):
        return f"{year:04d}-{_month(g):02d}"
    if name in ("mod_year", "season_year"):
        return f"{year:04d}"
    if name == "year":
        return f"{year:04d}"
    if anchor is None:
        if name == "anaphor":
            return _anaphor(g, prev)
        return None
    if name == "month_day_rel_year":
        offset = {"last": -1, "this": 0, "next": 1}[(g["rel"] or "this").lower()]
        try:
            return date(anchor.year + offset, _month(g), int(g["day"] or 0)).isoformat()
        except ValueError:
            return None
    if name == "month_day":
        found = infer_year_day(anchor, _month(g), int(g["day"] or 0), tense)
        return found.isoformat() if found else None
    if name in ("mod_month", "bare_month"):
        return month_value(infer_year_month(anchor, _month(g), tense))
    if name == "rel_month_name":
        rel = (g["rel"] or "").lower()
        month = _month(g)
        if rel == "last" or rel == "past":
            return month_value(last_named_month(anchor, month))
        if rel in ("next", "coming"):
            return month_value(next_named_month(anchor, month))
        return f"{anchor.year:04d}-{month:02d}"
    if name == "rel_season":
        rel = (g["rel"] or "").lower()
        return f"{anchor.year + {'last': -1, 'next': 1}.get(rel, 0):04d}"
    if name == "ago":
        n = _num(g.get("num"))
        unit = (g["unit"] or "").lower()
        return value_at(shift(anchor, unit, -n), unit) if n else None
    if name in ("rel_unit", "mod_rel_unit", "end_of_rel_unit"):
        unit = (g["unit"] or "").lower()
        rel = (g.get("rel") or "this").lower()
        n = {"last": -1, "next": 1}.get(rel, 0)
        return value_at(shift(anchor, unit, n), unit)
    if name == "deictic_day":
        n = {"yesterday": -1, "today": 0, "tomorrow": 1}[(g["deictic"] or "").lower()]
        return shift(anchor, "day", n).isoformat()
    if name in ("weekday", "rel_weekday"):
        rel = (g.get("rel") or "").lower() or None
        return weekday_date(anchor, WEEKDAYS[(g["weekday"] or "").lower()], tense, rel).isoformat()
    if name == "anaphor":
        return _anaphor(g, prev)
    return None


def _parse_value(value: str) -> tuple[date, str]:
    if "-W" in value:
        year, week = value.split("-W")
        return date.fromisocalendar(int(year), int(week), 1), "week"
    parts = value.split("-")
    if len(parts) == 3:
        return date.fromisoformat(value), "day"
    if len(parts) == 2:
        return date(int(parts[0]), int(parts[1]), 1), "month"
    return date(int(parts[0]), 1, 1), "year"


_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _anaphor(g: dict[str, str | None], prev: str | None) -> str | None:
    if prev is None:
        return None
    base, precision = _parse_value(prev)
    unit = (g.get("aunit") or g.get("nunit") or g.get("lunit") or g.get("dunit")
            or g.get("punit") or g.get("bunit") or ("day" if g.get("inday") else "day")).lower()
    if _RANK[precision] > _RANK[unit] and not (unit == "week" and precision == "day"):
        return None  # "the following day" after "2017": no day to count from
    if precision == "week" and unit in ("day",):
        return None
    step = 1 if (g.get("next")) else -1 if g.get("prev") else 0
    return value_at(shift(base, unit, step), unit)


def find_dates(body: str, published: str | None, doc: Any = None) -> list[DateMention]:
    """Every date mention in `body`, resolved against `published` (ISO) where needed."""
    anchor = anchor_date(published)
    mentions: list[DateMention] = []
    prev: str | None = None
    for start, end, name, kind, groups in _candidates(body):
        tense = tense_at(doc, start, end) if name in ("weekday", "month_day", "bare_month", "mod_month") else "none"
        value = _resolve(name, groups, anchor, tense, prev)
        mentions.append(DateMention(text=body[start:end], start=start, end=end, value=value, kind=kind))  # type: ignore[arg-type]
        prev = value
    return mentions


__all__ = ["anchor_date", "find_dates", "iso_week", "tense_at"]
