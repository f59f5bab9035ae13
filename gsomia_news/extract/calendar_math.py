"""Pure calendar arithmetic for anchoring date expressions (no parsing, no NLP).

Value forms are TimeML's DATE values (models.DATE_VALUE_PATTERN). Seasons are meteorological
(northern hemisphere): spring March-May, summer June-August, fall September-November, winter
December of the named year to February of the next. A decade "197" is 1970-1979, a century
"19" is 1900-1999 (TimeML's "20th century").
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

# "none": no tense (news reports mostly what has happened: the past one unless the future one is
# much nearer); "nearest": either side, whichever is nearer (a plan reported in the past).
Tense = Literal["past", "future", "none", "nearest"]

# How far from the anchor a date without a year may land on the side the tense says, when the
# other side has one close by: a past event eleven months back is written with its year.
FAR_DAYS = 240
NEAR_DAYS = 120
# A quarter or season that ended this recently is still the one a future verb reports on.
JUST_ENDED_DAYS = 45


def iso_week(d: date) -> str:
    """ISO week of a day, e.g. 2020-W09."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(d: date) -> str:
    """YYYY-MM of a day."""
    return f"{d.year:04d}-{d.month:02d}"


def weekday_date(anchor: date, weekday: int, tense: Tense, rel: str | None = None) -> date:
    """The weekday nearest the anchor on the side the tense (or 'last'/'next'/'this') says."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if rel == "last":
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return anchor + timedelta(days=ahead or 7)
    if rel == "this":
        return anchor - timedelta(days=anchor.weekday()) + timedelta(days=weekday)
    if back == 0:
        return anchor  # the publication weekday names the publication day itself
    if tense == "past":
        return anchor - timedelta(days=back)
    if tense == "future":
        return anchor + timedelta(days=ahead)
    if tense == "nearest":
        return anchor + timedelta(days=ahead) if ahead < back else anchor - timedelta(days=back)
    # no tense: the past one unless the future one is under half as far
    return anchor + timedelta(days=ahead) if 2 * ahead < back else anchor - timedelta(days=back)


def _pick(anchor: date, options: list[date], tense: Tense, flip: bool = True) -> date | None:
    """The option on the tense's side nearest the anchor, unless (`flip`) that is far and the
    other side near; with no tense, the past one unless the future one is under half as far
    (news reports mostly what has happened)."""
    if not options:
        return None
    past = [d for d in options if d <= anchor]
    future = [d for d in options if d >= anchor]
    if tense == "past" and past:
        best = max(past)
        if flip and (anchor - best).days > FAR_DAYS and future and (min(future) - anchor).days <= NEAR_DAYS:
            return min(future)
        return best
    if tense == "future" and future:
        best = min(future)
        if flip and (best - anchor).days > FAR_DAYS and past and (anchor - max(past)).days <= NEAR_DAYS:
            return max(past)
        return best
    if not past or not future:
        return (past or future)[-1 if past else 0]
    back, ahead = (anchor - max(past)).days, (min(future) - anchor).days
    return min(future) if 2 * ahead < back else max(past)


def infer_year_day(anchor: date, month: int, day: int, tense: Tense, weekday: int | None = None,
                   flip: bool = True) -> date | None:
    """Year for a month-day without one: nearest the anchor, on the side the tense says.

    With a weekday ("Monday, Oct. 26"), a year in which the day falls on it wins. `flip`: a
    day far on the tense's side may give way to a near one on the other (see _pick)."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if weekday is not None:
        fitting = [d for d in options if d.weekday() == weekday]
        if fitting:
            options = fitting
    return _pick(anchor, options, tense, flip)


def infer_month_day(anchor: date, day: int, tense: Tense) -> date | None:
    """Month for a day of the month without one ("on the 17th"): nearest the anchor, on the
    side the tense says (last month, this month or next)."""
    options = []
    for n in (-1, 0, 1):
        first = shift(date(anchor.year, anchor.month, 1), "month", n)
        if day <= calendar.monthrange(first.year, first.month)[1]:
            options.append(date(first.year, first.month, day))
    return _pick(anchor, options, tense, flip=False)


def infer_year_month(anchor: date, month: int, tense: Tense) -> date:
    """First day of the month nearest the anchor on the side the tense says (this month included)."""
    here = date(anchor.year, anchor.month, 1)
    options = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    picked = _pick(here, options, tense, flip=False)  # "in March" said in November: last March
    assert picked is not None
    return picked


def last_named_month(anchor: date, month: int) -> date:
    """'last August': the most recent such month strictly before the anchor's month."""
    year = anchor.year if month < anchor.month else anchor.year - 1
    return date(year, month, 1)


def next_named_month(anchor: date, month: int) -> date:
    """'next August': the first such month strictly after the anchor's month."""
    year = anchor.year if month > anchor.month else anchor.year + 1
    return date(year, month, 1)


def shift(anchor: date, unit: str, n: int) -> date:
    """Anchor moved by n units (day, week, month, quarter, year, decade)."""
    if unit == "quarter":
        return anchor + relativedelta(months=3 * n)
    if unit == "decade":
        return anchor + relativedelta(years=10 * n)
    return anchor + relativedelta(**{unit + "s": n})


def value_at(d: date, unit: str) -> str:
    """ISO value of a day at the granularity of `unit`."""
    if unit == "day":
        return d.isoformat()
    if unit == "week":
        return iso_week(d)
    if unit == "month":
        return month_value(d)
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    return f"{d.year:04d}"


# ------------------------------------------------------------------ parts of a year


def part_range(year: int, part: str) -> tuple[date, date]:
    """First and last day of a quarter (Q1-Q4), half (H1, H2) or season (SP, SU, FA, WI) of a year."""
    if part[0] == "Q":
        q = int(part[1])
        return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if part[0] == "H":
        return (date(year, 1, 1), date(year, 6, 30)) if part == "H1" else (date(year, 7, 1), date(year, 12, 31))
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[part]
    start = date(year, first, 1)
    end = shift(start, "month", 3) - timedelta(days=1)
    return start, end


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def pick_part(anchor: date, part: str, tense: Tense) -> int:
    """Year of the named quarter, half or season without a year.

    Past or no tense: the latest one that has begun by the anchor (reports speak of the quarter
    just ended, or the one under way); future: the earliest one not over by the anchor, unless
    the one just ended is still being reported on ("expects third-quarter results" in October)."""
    years = [anchor.year - 1, anchor.year, anchor.year + 1]
    begun = max(y for y in years if part_range(y, part)[0] <= anchor)
    if tense == "future" and (anchor - part_range(begun, part)[1]).days > JUST_ENDED_DAYS:
        return min(y for y in years if part_range(y, part)[1] >= anchor)
    return begun


def part_of(anchor: date, kind: str) -> str:
    """The quarter (Q) or half (H) the anchor falls in, e.g. 'Q3'."""
    if kind == "Q":
        return f"Q{(anchor.month - 1) // 3 + 1}"
    return "H1" if anchor.month <= 6 else "H2"


def season_of(d: date) -> tuple[int, str]:
    """(year, season) of the season a day falls in (January belongs to the previous year's winter)."""
    if d.month in (1, 2):
        return d.year - 1, "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA", 12: "WI"}[d.month]


def relative_season(anchor: date, season: str, rel: str) -> int:
    """Year of 'last / next / this / this past SEASON' as seen from the anchor."""
    years = [anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1]
    if rel in ("last", "past", "this past"):
        return max(y for y in years if part_range(y, season)[1] < anchor) if rel == "last" else \
            max(y for y in years if part_range(y, season)[0] <= anchor)
    if rel in ("next", "coming"):
        return min(y for y in years if part_range(y, season)[0] > anchor)
    # this SEASON: the one of the anchor's season-year
    year, _ = season_of(anchor)
    return year if season != "WI" or anchor.month not in (1, 2) else anchor.year - 1


# ------------------------------------------------------------------ holidays


def holiday(year: int, rule: tuple[int, ...]) -> date:
    """The day of a holiday rule (see date_patterns.HOLIDAYS) in a year."""
    if rule == (0, 0):
        return easter(year)
    if len(rule) == 2:
        return date(year, rule[0], rule[1])
    month, weekday, nth = rule
    if month == 11 and weekday == 1 and nth == 0:  # Election Day: the Tuesday after the first Monday
        first = date(year, 11, 1)
        monday = first + timedelta(days=(0 - first.weekday()) % 7)
        return monday + timedelta(days=1)
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = _month_end(year, month)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


# ------------------------------------------------------------------ ranges

_DAY_RX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_RX = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK_RX = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_PART_RX = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")


def value_range(value: str | None) -> tuple[date, date] | None:
    """First and last calendar day a TimeML DATE value covers; None for *_REF and unknown forms."""
    if not value:
        return None
    try:
        if m := _DAY_RX.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _MONTH_RX.match(value):
            return date(int(m[1]), int(m[2]), 1), _month_end(int(m[1]), int(m[2]))
        if m := _WEEK_RX.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if m := _PART_RX.match(value):
            return part_range(int(m[1]), m[2])
        if value.isdigit() and len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if value.isdigit() and len(value) == 3:  # decade
            return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
        if value.isdigit() and len(value) == 2:  # century
            return date(max(1, int(value) * 100), 1, 1), date(int(value) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


def value_start(value: str) -> tuple[date, str] | None:
    """(first day, granularity) of a calendar value: day, week, month, quarter, half, season, year..."""
    found = value_range(value)
    if found is None:
        return None
    if _DAY_RX.match(value):
        return found[0], "day"
    if _WEEK_RX.match(value):
        return found[0], "weekend" if value.endswith("-WE") else "week"
    if _MONTH_RX.match(value):
        return found[0], "month"
    if m := _PART_RX.match(value):
        return found[0], {"Q": "quarter", "H": "half"}.get(m[2][0], "season:" + m[2])
    return found[0], {4: "year", 3: "decade", 2: "century"}[len(value)]
